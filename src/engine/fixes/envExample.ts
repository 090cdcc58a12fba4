import * as path from 'node:path';
import { applicationRoot } from '../core/project';
import type { ProjectInfo, TextEdit } from '../types';

/**
 * The edit that documents `name` in the app's `.env.example`, creating the file if needed.
 * Returns no edit when the key is already listed, so applying a fix twice changes nothing.
 * Secrets are listed without a value.
 */
export function envExampleEdit(project: ProjectInfo, sourceFile: string, name: string, exampleValue: string | undefined): TextEdit | undefined {
  const appRoot = applicationRoot(project, sourceFile);
  const file = appRoot ? path.posix.join(appRoot, '.env.example') : '.env.example';
  const line = `${name}=${exampleValue ?? ''}`;
  const existing = project.configTexts?.get(file);
  if (existing === undefined) {
    // Without the file's text we cannot compute offsets into an existing file: only create a missing one.
    if (project.allFiles.has(file)) return undefined;
    return { file, range: [0, 0], text: `${line}\n` };
  }
  if (new RegExp(`^\\s*(export\\s+)?${name}\\s*=`, 'm').test(existing)) return undefined;
  const separator = existing.length === 0 || existing.endsWith('\n') ? '' : existing.includes('\r\n') ? '\r\n' : '\n';
  return { file, range: [existing.length, existing.length], text: `${separator}${line}\n` };
}
