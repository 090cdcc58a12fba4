import * as path from 'node:path';
import { applyEdits, modify, parseTree, type FormattingOptions } from 'jsonc-parser';
import { applicationRoot } from '../core/project';
import type { ProjectInfo, TextEdit } from '../types';

/**
 * The edit that adds `dependencies` (name → version range) to the `dependencies` of the app's package.json,
 * as text: the user installs them. Packages the app already lists (as a dependency or devDependency) are
 * left alone, so applying a fix twice changes nothing. No edit when there is nothing to add, when the
 * manifest is not valid JSON, or when its text was not read.
 */
export function addDependenciesEdit(project: ProjectInfo, sourceFile: string, dependencies: Record<string, string>): TextEdit | undefined {
  const appRoot = applicationRoot(project, sourceFile);
  const file = appRoot ? path.posix.join(appRoot, 'package.json') : 'package.json';
  const text = project.configTexts?.get(file);
  if (text === undefined || !isJsonObject(text)) return undefined;
  const manifest = JSON.parse(text) as { dependencies?: Record<string, unknown>; devDependencies?: Record<string, unknown> };
  const missing = Object.entries(dependencies)
    .filter(([name]) => manifest.dependencies?.[name] === undefined && manifest.devDependencies?.[name] === undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  if (missing.length === 0) return undefined;

  const formattingOptions = formattingOf(text);
  let updated = text;
  for (const [name, version] of missing) {
    const edits = modify(updated, ['dependencies', name], version, {
      formattingOptions,
      // Keep an alphabetical list alphabetical (npm writes it that way); otherwise append.
      getInsertionIndex: (names) => (isSorted(names) ? insertionIndex(names, name) : names.length),
    });
    updated = applyEdits(updated, edits);
  }
  return narrowedEdit(file, text, updated);
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) && parseTree(text) !== undefined;
  } catch {
    return false;
  }
}

function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

function isSorted(names: string[]): boolean {
  return names.every((name, index) => index === 0 || names[index - 1].localeCompare(name) <= 0);
}

function insertionIndex(names: string[], name: string): number {
  const index = names.findIndex((existing) => existing.localeCompare(name) > 0);
  return index === -1 ? names.length : index;
}

/** One replacement covering only the changed span, so it combines with other fixes' edits of the manifest. */
function narrowedEdit(file: string, before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { file, range: [start, endBefore], text: after.slice(start, endAfter) };
}
