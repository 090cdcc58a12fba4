import type { TSESTree } from '@typescript-eslint/typescript-estree';

const DIRECTIVE = /^\s*cloudward-disable-(next-line|line)\b([^]*)$/;

/** Which lines have which rules switched off by `cloudward-disable-next-line` / `cloudward-disable-line` comments. */
export class Suppressions {
  /** line → rule ids, or '*' for every rule */
  private readonly byLine = new Map<number, Set<string>>();

  constructor(comments: readonly TSESTree.Comment[] | undefined) {
    for (const comment of comments ?? []) {
      const match = DIRECTIVE.exec(comment.value);
      if (!match) continue;
      const line = match[1] === 'next-line' ? comment.loc.end.line + 1 : comment.loc.start.line;
      // Everything after ` -- ` is the reason, kept for readers only.
      const ruleList = match[2].split(/\s--\s|\s--$/)[0].trim();
      const rules = ruleList ? ruleList.split(/[\s,]+/).filter(Boolean) : ['*'];
      const entry = this.byLine.get(line) ?? new Set<string>();
      for (const rule of rules) entry.add(rule);
      this.byLine.set(line, entry);
    }
  }

  /** The directives as plain data (line, rule ids), to cross a worker boundary or sit in the result cache. */
  toEntries(): [number, string[]][] {
    return [...this.byLine].map(([line, rules]) => [line, [...rules]]);
  }

  static fromEntries(entries: readonly (readonly [number, readonly string[]])[]): Suppressions {
    const suppressions = new Suppressions(undefined);
    for (const [line, rules] of entries) suppressions.byLine.set(line, new Set(rules));
    return suppressions;
  }

  isSuppressed(ruleId: string, line: number): boolean {
    const entry = this.byLine.get(line);
    return entry !== undefined && (entry.has('*') || entry.has(ruleId));
  }
}
