import * as vscode from 'vscode';
import type { CloudwardConfig } from '../../engine';
import type { EngineModule } from './engineLoader';

export const RC_FILE = '.cloudwardrc.json';

export interface ExtensionSettings {
  enable: boolean;
  scanOnStartup: boolean;
}

export function readExtensionSettings(folder?: vscode.WorkspaceFolder): ExtensionSettings {
  const settings = vscode.workspace.getConfiguration('cloudward', folder?.uri);
  return { enable: settings.get('enable', true), scanOnStartup: settings.get('scanOnStartup', true) };
}

/**
 * The engine config of a folder: `.cloudwardrc.json` (shared with the CLI) first, then the `cloudward.*`
 * settings on top. It is read as data, never executed. Invalid entries are reported, not applied.
 */
export async function readEngineConfig(engine: EngineModule, folder: vscode.WorkspaceFolder, report: (problem: string) => void): Promise<CloudwardConfig> {
  let shared: Record<string, unknown> = {};
  const rcUri = vscode.Uri.joinPath(folder.uri, RC_FILE);
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(rcUri));
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) shared = parsed as Record<string, unknown>;
    else report(`${RC_FILE}: expected an object; ignoring it`);
  } catch (error) {
    if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) report(`${RC_FILE}: ${(error as Error).message}; ignoring it`);
  }
  const settings = vscode.workspace.getConfiguration('cloudward', folder.uri);
  const merged = {
    ...shared,
    rules: { ...asRecord(shared.rules), ...settings.get<Record<string, unknown>>('rules', {}) },
    ignoreCategories: [...asArray(shared.ignoreCategories), ...settings.get<unknown[]>('ignoreCategories', [])],
    include: [...asArray(shared.include), ...settings.get<unknown[]>('include', [])],
    exclude: [...asArray(shared.exclude), ...settings.get<unknown[]>('exclude', [])],
    maxFileSizeBytes: settings.inspect<number>('maxFileSizeBytes')?.workspaceFolderValue ?? settings.inspect<number>('maxFileSizeBytes')?.workspaceValue ?? settings.inspect<number>('maxFileSizeBytes')?.globalValue ?? shared.maxFileSizeBytes,
  };
  const { config, problems } = engine.parseConfig(merged, `${RC_FILE} + cloudward settings`, engine.ruleIds);
  problems.forEach(report);
  return config;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
