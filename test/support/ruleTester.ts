import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeFile, analyzeWorkspace, applyTextEdits, combineFixes, defaultConfig, nodeFileSystem, type Finding, type RuleModule, type TextEdit } from '../../src/engine';

export interface ExpectedError {
  messageId?: string;
  /** Exact text, or a pattern, of the formatted message. */
  message?: string | RegExp;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Related locations' messages, in order. */
  related?: string[];
}

export interface ValidCase {
  code: string;
  /** Workspace-relative file name; decides the dialect (.ts, .jsx) and the file role (test, build, runtime). */
  filename?: string;
  name?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** The file after applying the first fix of every finding; `null` asserts that no fix is offered. */
  output?: string | null;
  /** Other files the fixes create (from nothing), e.g. `{ '.env.example': 'PORT=3000\n' }`; stated whenever a fix touches another file. */
  outputFiles?: Record<string, string>;
}

export interface WorkspaceCase {
  name: string;
  files: Record<string, string>;
  errors: (ExpectedError & { file: string })[];
  /**
   * The files the first fix of every finding changes or creates, as they read afterwards (checked, and
   * applying the fixes again must change nothing); `null` asserts that no fix is offered.
   */
  output?: Record<string, string> | null;
}

/**
 * The invalid cases whose rule offers a fix, filled as the test files load: the fuzz test mutates them, so a
 * new fix is fuzzed as soon as it has a test.
 */
export const registeredFixCases: ({ ruleId: string; filename: string; code: string } | { ruleId: string; files: Record<string, string> })[] = [];

/** Cases per rule, filled as the test files load, so the meta-test can hold every rule to a minimum. */
export const registeredCases = new Map<string, { valid: number; invalid: number }>();

function countCases(ruleId: string, valid: number, invalid: number): void {
  const counted = registeredCases.get(ruleId) ?? { valid: 0, invalid: 0 };
  registeredCases.set(ruleId, { valid: counted.valid + valid, invalid: counted.invalid + invalid });
}

/**
 * ESLint-style RuleTester on mocha: each case runs the rule alone through the real runner,
 * and an invalid case must state the findings exactly, and the fixed output when the rule fixes.
 */
export class RuleTester {
  static run(rule: RuleModule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
    for (const { code, filename, output } of cases.invalid) if (typeof output === 'string') registeredFixCases.push({ ruleId: rule.meta.id, filename: filename ?? 'src/app.js', code });
    countCases(rule.meta.id, cases.valid.length, cases.invalid.length);
    describe(`${rule.meta.id} (unit)`, () => {
      describe('valid', () => {
        for (const entry of cases.valid) {
          const testCase = typeof entry === 'string' ? { code: entry } : entry;
          it(testCase.name ?? testCase.code, () => {
            const findings = analyzeOne(rule, testCase);
            assert.deepEqual(findings.map((finding) => `${finding.line}:${finding.column} ${finding.message}`), [], 'expected no findings');
          });
        }
      });
      describe('invalid', () => {
        for (const testCase of cases.invalid) {
          it(testCase.name ?? testCase.code, () => {
            assert.ok(testCase.errors.length > 0, 'an invalid case must expect at least one finding');
            const findings = analyzeOne(rule, testCase);
            assert.equal(findings.length, testCase.errors.length, `expected ${testCase.errors.length} findings, got:\n${findings.map((finding) => `  ${finding.line}:${finding.column} ${finding.message}`).join('\n')}`);
            findings.forEach((finding, index) => checkFinding(rule, finding, testCase.errors[index]));
            const fixes = findings.flatMap((finding) => finding.fixes.slice(0, 1));
            if (testCase.output === undefined) {
              assert.equal(fixes.length, 0, 'the rule offered a fix: state the fixed code in `output`');
            } else if (testCase.output === null) {
              assert.equal(fixes.length, 0, 'expected no fix');
            } else {
              assert.ok(fixes.length > 0, 'expected a fix');
              // As the CLI and the editor's fix-all apply them: the first fix of each finding, identical edits once.
              const ownFile = reportedFile(findings);
              const { editsByFile } = combineFixes(findings);
              const output = applyTextEdits(testCase.code, editsByFile.get(ownFile) ?? []);
              assert.equal(output, testCase.output);
              const otherFiles: Record<string, string> = {};
              for (const [file, edits] of editsByFile) if (file !== ownFile) otherFiles[file] = applyTextEdits('', edits);
              assert.deepEqual(otherFiles, testCase.outputFiles ?? {}, 'edits of other files');
              assert.deepEqual(analyzeOne(rule, { ...testCase, code: output }).filter((finding) => finding.fixes.length > 0).length, 0, 'applying the fix again must change nothing');
            }
          });
        }
      });
    });
  }

  /** For app-level rules: each case is a small workspace written to a temporary folder and analysed whole. */
  static runWorkspace(rule: RuleModule, cases: { valid: Omit<WorkspaceCase, 'errors'>[]; invalid: WorkspaceCase[] }): void {
    for (const { files, output } of cases.invalid) if (output) registeredFixCases.push({ ruleId: rule.meta.id, files });
    countCases(rule.meta.id, cases.valid.length, cases.invalid.length);
    describe(`${rule.meta.id} (unit)`, () => {
      for (const testCase of [...cases.valid.map((valid) => ({ ...valid, errors: [] })), ...cases.invalid]) {
        it(testCase.name, async () => {
          const findings = await analyzeTemporaryWorkspace(rule, testCase.files);
          assert.deepEqual(findings.map((finding) => finding.file), testCase.errors.map((error) => error.file));
          findings.forEach((finding, index) => checkFinding(rule, finding, testCase.errors[index]));
          if ('output' in testCase && testCase.output !== undefined) await checkWorkspaceFixes(rule, testCase.files, findings, testCase.output);
        });
      }
    });
  }
}

/** As the CLI's `fix` applies them: the first fix of each finding, over the whole workspace. */
async function checkWorkspaceFixes(rule: RuleModule, files: Record<string, string>, findings: Finding[], expected: Record<string, string> | null): Promise<void> {
  const fixes = findings.flatMap((finding) => finding.fixes.slice(0, 1));
  if (expected === null) {
    assert.equal(fixes.length, 0, 'expected no fix');
    return;
  }
  assert.ok(fixes.length > 0, 'expected a fix');
  const changed: Record<string, string> = {};
  for (const [file, edits] of combineFixes(findings).editsByFile) changed[file] = applyTextEdits(files[file] ?? '', edits);
  assert.deepEqual(changed, expected);
  const again = await analyzeTemporaryWorkspace(rule, { ...files, ...changed });
  assert.deepEqual(again.filter((finding) => finding.fixes.length > 0).map((finding) => `${finding.file}:${finding.line} ${finding.fixes[0].title}`), [], 'applying the fix again must change nothing');
}

function reportedFile(findings: Finding[]): string {
  return findings[0]?.file ?? '';
}

function analyzeOne(rule: RuleModule, testCase: ValidCase): Finding[] {
  const analysis = analyzeFile(testCase.filename ?? 'src/app.js', testCase.code, { rules: [rule], config: defaultConfig() });
  assert.equal(analysis.skipReason, undefined, `the test code must parse: ${analysis.skipReason}`);
  assert.deepEqual(analysis.ruleFailures, []);
  return analysis.findings;
}

async function analyzeTemporaryWorkspace(rule: RuleModule, files: Record<string, string>): Promise<Finding[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'cloudward-rule-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), text);
    }
    return (await analyzeWorkspace(root, { fs: nodeFileSystem }, { rules: [rule] })).findings;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function checkFinding(rule: RuleModule, finding: Finding, expected: ExpectedError): void {
  if (expected.messageId !== undefined) {
    const template = rule.meta.messages[expected.messageId];
    assert.ok(template !== undefined, `unknown messageId ${expected.messageId}`);
    const pattern = new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{\s*\w+\s*\\\}\\\}/g, '.+')}$`);
    assert.match(finding.message, pattern, `message is not from messageId ${expected.messageId}`);
  }
  if (typeof expected.message === 'string') assert.equal(finding.message, expected.message);
  else if (expected.message) assert.match(finding.message, expected.message);
  for (const key of ['line', 'column', 'endLine', 'endColumn'] as const) {
    if (expected[key] !== undefined) assert.equal(finding[key], expected[key], `${key} of "${finding.message}"`);
  }
  if (expected.related) assert.deepEqual(finding.related.map((related) => related.message), expected.related);
  assert.equal(finding.category, rule.meta.category);
}

/** Applies non-overlapping edits from the end, as an editor would apply one WorkspaceEdit. */
export function applyEdits(text: string, edits: TextEdit[], { keepOverlapping = false } = {}): string {
  // Stable sort from the end: inserts at one offset keep their order, as in one WorkspaceEdit.
  const sorted = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.range[0] - a.edit.range[0] || b.index - a.index).map(({ edit }) => edit);
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.range[1] > limit && !keepOverlapping) continue;
    result = result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]);
    limit = edit.range[0];
  }
  return result;
}
