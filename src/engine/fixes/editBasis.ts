import { createHash } from 'node:crypto';
import type { Finding, ProjectInfo } from '../types';

/** The basis of a file that did not exist when the fix was computed (its edits create it). */
export const ABSENT_FILE_BASIS = 'absent';

/** A short digest of the text a fix's offsets were computed on. */
export function textBasis(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

/**
 * Stamps every edit a fix makes in another file (`.env.example`, `package.json`, a config module) with the
 * basis of that file's text as the analysis read it, so whoever applies the fix later can refuse it when the
 * file changed in between, instead of applying stale offsets. Edits whose target the analysis did not read
 * (and that do not create a new file) get no basis: they are applied only when they create the file.
 */
export function stampEditBases(findings: readonly Finding[], project: ProjectInfo): void {
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      for (const edit of fix.edits) {
        if (!edit.file || edit.file === finding.file || edit.basis !== undefined) continue;
        const text = project.configTexts?.get(edit.file);
        if (text !== undefined) edit.basis = textBasis(text);
        else if (!project.allFiles.has(edit.file)) edit.basis = ABSENT_FILE_BASIS;
      }
    }
  }
}
