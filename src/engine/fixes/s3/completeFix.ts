import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Fix, ProjectInfo, TextEdit } from '../../types';
import { applyTextEdits } from '../combine';
import { envExampleEdit } from '../envExample';
import { addDependenciesEdit } from '../packageDependencies';
import type { PartialS3Fix } from './fileSystemFixes';
import { s3SetupEdits, type S3Need, type S3SetupPlan } from './setup';

/** The versions the fixes were tested with (test/engine/fixes/s3Live.test.ts runs them against a real S3 server). */
const CLIENT_S3: Record<string, string> = { '@aws-sdk/client-s3': '^3.1175.0' };
const LIB_STORAGE: Record<string, string> = { '@aws-sdk/lib-storage': '^3.1175.0' };
const MULTER_S3: Record<string, string> = { 'multer-s3': '^3.0.1' };

/** Documented in `.env.example`: the bucket, the region, and an endpoint for S3-compatible stores. */
export const S3_ENVIRONMENT: [name: string, example: string][] = [
  ['S3_BUCKET', ''],
  ['AWS_REGION', 'us-east-1'],
  ['S3_ENDPOINT', ''],
];

/**
 * A fix from its own edits plus everything the module and the app need for it: imports, the client and
 * helpers for `needs` (every fix of one file is given the same `needs`, the union over the file's fixes, so
 * their setup and package.json edits are identical and applied once), and the environment variables in
 * `.env.example`.
 */
export function completeS3Fix(project: ProjectInfo, file: string, plan: S3SetupPlan, partial: PartialS3Fix, needs: ReadonlySet<S3Need>): Fix | undefined {
  const setup = s3SetupEdits(plan, needs);
  if (!setup) return undefined;
  const edits: TextEdit[] = [...partial.edits, ...setup];
  const environment = environmentEdit(project, file);
  if (environment) edits.push(environment);
  const packages = { ...CLIENT_S3, ...(needs.has('writeStream') ? LIB_STORAGE : {}), ...(needs.has('multerS3') ? MULTER_S3 : {}) };
  const manifestEdit = addDependenciesEdit(project, file, packages);
  if (manifestEdit) edits.push(claimingDependencies(project, manifestEdit));
  return { title: partial.title, edits };
}

/**
 * The variables as one edit of `.env.example`: added one by one, each addition is computed on the text
 * the previous one made (a file without a final newline gets one, once).
 */
function environmentEdit(project: ProjectInfo, sourceFile: string): TextEdit | undefined {
  let current: { file: string; original: string; text: string } | undefined;
  for (const [name, example] of S3_ENVIRONMENT) {
    const view: ProjectInfo = current
      ? { ...project, allFiles: new Set([...project.allFiles, current.file]), configTexts: new Map([...(project.configTexts ?? []), [current.file, current.text]]) }
      : project;
    const edit = envExampleEdit(view, sourceFile, name, example);
    if (!edit?.file) continue;
    current ??= { file: edit.file, original: project.configTexts?.get(edit.file) ?? '', text: project.configTexts?.get(edit.file) ?? '' };
    current.text = applyTextEdits(current.text, [edit]);
  }
  if (!current) return undefined;
  // Only ever appended to (or created): the edit is the new tail.
  return { file: current.file, range: [current.original.length, current.original.length], text: current.text.slice(current.original.length) };
}

/**
 * Two fixes adding different packages insert at the same place of package.json, and two inserts at one offset
 * would both be applied (a key twice, or two `dependencies` objects). Widened to the whole `dependencies` object
 * (the whole file when there was none), two different additions overlap, so the second is applied in a second
 * pass on the updated manifest, while the same additions still make the same edit, applied once.
 */
function claimingDependencies(project: ProjectInfo, edit: TextEdit): TextEdit {
  const text = edit.file === undefined ? undefined : project.configTexts?.get(edit.file);
  if (text === undefined) return edit;
  const updated = applyTextEdits(text, [edit]);
  const dependencies = findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, ['dependencies']);
  const [start, end] = dependencies ? [dependencies.offset, dependencies.offset + dependencies.length] : [0, text.length];
  if (edit.range[0] < start || edit.range[1] > end) return { ...edit, range: [0, text.length], text: updated };
  return { ...edit, range: [start, end], text: updated.slice(start, end + updated.length - text.length) };
}

/** Completes the partial fixes of one file together, with the union of their needs. */
export function completeS3Fixes<T extends { partial?: PartialS3Fix }>(project: ProjectInfo, file: string, plan: S3SetupPlan | undefined, entries: T[]): Map<T, Fix> {
  const fixes = new Map<T, Fix>();
  if (!plan) return fixes;
  const needs = new Set(entries.flatMap((entry) => entry.partial?.needs ?? []));
  for (const entry of entries) {
    const fix = entry.partial && completeS3Fix(project, file, plan, entry.partial, needs);
    if (fix) fixes.set(entry, fix);
  }
  return fixes;
}
