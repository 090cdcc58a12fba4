import type { RuleMeta, SourceRule, TextRule, WorkspaceRule } from '../../types';

/** Where a rule's documentation lives, relative to the package root (shipped in the VSIX). */
export function ruleDocsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

export function createSourceRule(meta: RuleMeta, create: SourceRule['create']): SourceRule {
  return { kind: 'source', meta, create };
}

export function createWorkspaceRule(meta: RuleMeta, check: WorkspaceRule['check']): WorkspaceRule {
  return { kind: 'workspace', meta, check };
}

export function createTextRule(meta: RuleMeta, files: RegExp, check: TextRule['check']): TextRule {
  return { kind: 'text', meta, files, check };
}
