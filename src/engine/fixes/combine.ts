import type { Finding, TextEdit } from '../types';

export interface CombinedFixes {
  /** Edits per file (relative path), in the order they were accepted. */
  editsByFile: Map<string, TextEdit[]>;
  applied: Finding[];
  /** Findings whose fix overlaps one already taken: apply them in a second pass. */
  deferred: Finding[];
}

/**
 * The fixes that are safe to apply together: the first fix of each finding, in order, unless one of
 * its edits overlaps an edit already taken. Identical edits (a helper two fixes both add, the same
 * `.env.example` key) are applied once.
 */
export function combineFixes(findings: readonly Finding[], include: (finding: Finding) => boolean = () => true): CombinedFixes {
  const editsByFile = new Map<string, TextEdit[]>();
  const applied: Finding[] = [];
  const deferred: Finding[] = [];
  for (const finding of findings) {
    const [fix] = finding.fixes;
    if (!fix || !include(finding)) continue;
    const edits = fix.edits.map((edit) => ({ ...edit, file: edit.file ?? finding.file }));
    const fresh = edits.filter((edit) => !(editsByFile.get(edit.file) ?? []).some((taken) => sameEdit(taken, edit)));
    if (fresh.some((edit) => (editsByFile.get(edit.file) ?? []).some((taken) => overlaps(taken, edit)))) {
      deferred.push(finding);
      continue;
    }
    for (const edit of fresh) {
      const list = editsByFile.get(edit.file) ?? [];
      list.push(edit);
      editsByFile.set(edit.file, list);
    }
    applied.push(finding);
  }
  return { editsByFile, applied, deferred };
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.range[0] === b.range[0] && a.range[1] === b.range[1] && a.text === b.text;
}

/** Replacements that share characters overlap; inserts at one offset do not (they apply in order). */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.range[0] === a.range[1] && b.range[0] === b.range[1]) return false;
  return a.range[0] < b.range[1] && b.range[0] < a.range[1];
}

/** Applies non-overlapping edits of one file; inserts at the same offset keep their order. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => b.edit.range[0] - a.edit.range[0] || b.edit.range[1] - a.edit.range[1] || b.index - a.index);
  let result = text;
  for (const { edit } of ordered) result = result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]);
  return result;
}
