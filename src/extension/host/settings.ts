import * as vscode from 'vscode';
import type { CloudwardConfig } from '../../engine';

/** The engine config from the `cloudward.*` settings; invalid entries are reported, not applied. */
export async function readConfig(folder: vscode.WorkspaceFolder, output: vscode.OutputChannel): Promise<CloudwardConfig> {
  const { parseConfig, ruleIds } = await import('../../engine');
  const settings = vscode.workspace.getConfiguration('cloudward', folder.uri);
  const { config, problems } = parseConfig(
    { rules: settings.get('rules'), exclude: settings.get('exclude'), maxFileSizeBytes: settings.get('maxFileSizeBytes') },
    'settings',
    ruleIds,
  );
  for (const problem of problems) output.appendLine(`warning: ${problem}`);
  return config;
}
