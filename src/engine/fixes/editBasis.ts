import { createHash } from 'node:crypto';
import type { Finding, ProjectInfo } from '../types';

/** The basis of a file that did not exist when the fix was computed (its edits create it). */
export const ABSENT_FILE_BASIS = 'absent';

/** A short digest of the text a fix's offsets were computed on. */
export function textBasis(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

/**
 * Stamps every edit a fix makes with the basis of the text its offsets were computed on, so whoever applies the
 * fix later (an editor, minutes after a workspace scan) can refuse it when the file changed in between instead
 * of applying stale offsets. Edits in other files (`.env.example`, `package.json`, a config module) get the
 * basis of that file as the analysis read it, or 'absent' when they create it; edits in the reported file get
 * the basis of its source when `sourceTexts` has it (a workspace scan, whose findings outlive the text).
 */
export function stampEditBases(findings: readonly Finding[], project: ProjectInfo, sourceTexts?: ReadonlyMap<string, string>): void {
  const sourceBases = new Map<string, string>();
  const sourceBasis = (file: string) => {
    let basis = sourceBases.get(file);
    const text = sourceTexts?.get(file);
    if (basis === undefined && text !== undefined) sourceBases.set(file, (basis = textBasis(text)));
    return basis;
  };
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      for (const edit of fix.edits) {
        if (edit.basis !== undefined) continue;
        if (!edit.file || edit.file === finding.file) {
          const basis = sourceBasis(finding.file);
          if (basis !== undefined) edit.basis = basis;
          continue;
        }
        const text = project.configTexts?.get(edit.file) ?? sourceTexts?.get(edit.file);
        if (text !== undefined) edit.basis = textBasis(text);
        else if (!project.allFiles.has(edit.file)) edit.basis = ABSENT_FILE_BASIS;
      }
    }
  }
}
