import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const repositoryRoot = path.resolve(__dirname, '../..');
export const legacyShop = path.join(repositoryRoot, 'examples/legacy-shop');

/** A throw-away folder, filled with `files` and optionally a copy of an existing tree first. */
export function temporaryWorkspace(files: Record<string, string | Uint8Array> = {}, copyFrom?: string): { root: string; dispose(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'cloudward-ws-'));
  if (copyFrom) cpSync(copyFrom, root, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** A 5 MB single-line bundle, like a committed webpack output. */
export function minifiedBundle(sizeBytes = 5 * 1024 * 1024): string {
  const unit = 'var a=function(b){return b*2},c=[1,2,3].map(a);';
  return unit.repeat(Math.ceil(sizeBytes / unit.length));
}
