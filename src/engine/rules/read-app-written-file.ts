import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { completeS3Fixes } from '../fixes/s3/completeFix';
import { readFromS3, type PartialS3Fix } from '../fixes/s3/fileSystemFixes';
import { storedObjectKey } from '../fixes/s3/objectWrites';
import { s3SetupPlanOf, type S3SetupPlan } from '../fixes/s3/setup';
import type { Fix, RuleContext, WorkspaceFileInfo, WorkspaceRule } from '../types';
import { createWorkspaceRule } from './support/createRule';
import {
  appRootOf,
  calleeName,
  fileRead,
  fileSystemWrite,
  isPropertyPart,
  lineOf,
  locate,
  mergeListeners,
  uploadListeners,
  type Location,
  FILE_SYSTEM_TRIGGER,
  UPLOAD_TRIGGER,
} from './support/storage-logging';

/** What one file writes and reads, recorded during its walk (fact `localFiles`). */
interface StoredPath {
  /** Workspace-relative segments, or absolute ('/' first), or rooted in an unknown value (`<uploadDir>` first). */
  segments: string[];
  base: Location['base'];
  display: string;
  /** The whole folder (a static root, an upload folder, a listing), not one file. */
  folder: boolean;
  range: [number, number];
  line: number;
  callee: string;
  serves?: boolean;
  /** The S3 rewrite of the read, computed during the walk (it needs the file's names) and completed if the read is reported. */
  fix?: PartialS3Fix;
  /** A write that already goes to S3 (its key is the old path): a local read of it finds nothing. */
  s3?: boolean;
}

interface LocalFileFacts {
  appRoot: string;
  writes: StoredPath[];
  reads: StoredPath[];
  /** Where the S3 client and imports would go, for the fixes of the reads. */
  s3Setup?: S3SetupPlan;
}

const FACT = 'localFiles';

function stored(context: RuleContext, node: TSESTree.Node, location: Location, folder: boolean, callee: string, serves = false): StoredPath | undefined {
  if (location.temporary || location.fromEnvironment) return undefined;
  // Nothing known about the path: it cannot be matched with anything. A path rooted in a property
  // (`this.dataFile`) can still be matched with the same property in the same file; one rooted in a
  // parameter (`function save(file)`) cannot: every caller passes its own.
  const known = location.segments.some((segment) => segment !== '/' && !segment.includes('<'));
  if (!known && !(location.base === 'opaque' && isPropertyPart(location.segments[0] ?? ''))) return undefined;
  return { segments: location.segments, base: location.base, display: location.display, folder, range: node.range, line: lineOf(context.sourceText, node.range[0]), callee, ...(serves ? { serves } : {}) };
}

/** The part of a path that is known: up to the first segment built from a run-time value (an unknown root counts as known). */
function knownPrefix(path: StoredPath): { segments: string[]; complete: boolean } {
  const segments: string[] = [];
  for (let index = 0; index < path.segments.length; index++) {
    const segment = path.segments[index];
    if (segment.includes('<') && !(index === 0 && path.base === 'opaque')) return { segments, complete: false };
    segments.push(segment);
  }
  return { segments, complete: true };
}

function startsWith(path: string[], prefix: string[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment);
}

/** A folder area must be narrower than the app itself, or every read would match every write. */
function specificFolder(segments: string[], base: Location['base'], appRoot: string): boolean {
  if (base === 'opaque') return segments.length >= 1;
  if (base === 'absolute') return segments.length >= 2;
  // The app's folder itself or a folder above it holds the code: not a data folder.
  const root = appRoot === '' ? [] : appRoot.split('/');
  return segments.length > 0 && !startsWith(root, segments);
}

/** True when the read can see what the write stored: the same file, or a file or folder inside the other's folder. */
function overlaps(read: StoredPath, readFile: string, readRoot: string, write: StoredPath, writeFile: string, writeRoot: string): boolean {
  if (read.base !== write.base) return false;
  if (read.base === 'opaque' && (readFile !== writeFile || read.segments[0] !== write.segments[0])) return false;
  const r = knownPrefix(read);
  const w = knownPrefix(write);
  const readIsFile = r.complete && !read.folder;
  const writeIsFile = w.complete && !write.folder;
  if (readIsFile && writeIsFile) return r.segments.length === w.segments.length && startsWith(r.segments, w.segments);
  if (readIsFile) return specificFolder(w.segments, write.base, writeRoot) && startsWith(r.segments, w.segments) && r.segments.length > w.segments.length;
  if (writeIsFile) return specificFolder(r.segments, read.base, readRoot) && startsWith(w.segments, r.segments) && w.segments.length > r.segments.length;
  return specificFolder(r.segments, read.base, readRoot) && specificFolder(w.segments, write.base, writeRoot) && (startsWith(r.segments, w.segments) || startsWith(w.segments, r.segments));
}

export default {
  ...createWorkspaceRule(
    {
      id: 'read-app-written-file',
      // Writes (fs, uploads, S3 objects and createS3WriteStream) and reads (fs, required JSON, sendFile/download,
      // static middlewares, koa-send, fastify's register) are named in the text of the file that makes them.
      triggers: new RegExp([FILE_SYSTEM_TRIGGER.source, UPLOAD_TRIGGER.source, '@aws-sdk', 'S3', '\\.json', 'sendFile', 'sendfile', 'download', 'static', 'koa-send', 'register'].join('|'), 'i'),
      category: 'local-fs-read-data',
      defaultSeverity: 'warning',
      description: 'Reads or serves files from a path the app itself writes at run time (uploads, JSON data files), which another replica or a restarted container does not have.',
      messages: {
        read: '{{callee}} reads {{target}}, which the app writes at run time ({{writer}}): a restarted container or another replica does not have it',
        serve: '{{callee}} serves {{target}}, where the app writes files at run time ({{writer}}): a restarted container or another replica does not have them',
        readS3: '{{callee}} reads {{target}} from the local disk, but the app stores it in S3 ({{writer}}): read it from the bucket too',
      },
      strategies: ['rehost', 'replatform', 'refactor'],
      effort: 2,
      fixable: true,
    },
    (context) => {
      const all = context.files
        .map((info: WorkspaceFileInfo) => ({ file: info.file, facts: info.facts[FACT] as LocalFileFacts | undefined }))
        .filter((entry): entry is { file: string; facts: LocalFileFacts } => !!entry.facts);
      for (const reader of all) {
        const reported: { read: StoredPath; writer: { file: string; write: StoredPath }; partial?: PartialS3Fix }[] = [];
        for (const read of reader.facts.reads) {
          // The writer named in the message: the same file first, then the others in path order.
          const ordered = [reader, ...all.filter((other) => other !== reader)];
          let writer: { file: string; write: StoredPath } | undefined;
          for (const candidate of ordered) {
            const write = candidate.facts.writes.find((entry) => overlaps(read, reader.file, reader.facts.appRoot, entry, candidate.file, candidate.facts.appRoot));
            if (write) {
              writer = { file: candidate.file, write };
              break;
            }
          }
          if (writer) reported.push({ read, writer, partial: read.fix });
        }
        // The reads reported in one file share one S3 setup, so their fixes combine.
        const fixes: Map<(typeof reported)[number], Fix> = completeS3Fixes(context.project, reader.file, reader.facts.s3Setup, reported);
        for (const entry of reported) {
          const { read, writer } = entry;
          const fix = fixes.get(entry);
          context.report({
            file: reader.file,
            range: read.range,
            messageId: read.serves ? 'serve' : writer.write.s3 ? 'readS3' : 'read',
            data: {
              callee: read.callee,
              target: read.display,
              writer: `${writer.file}:${writer.write.line} ${writer.write.s3 ? `stores ${writer.write.display.replace(/^\.\//, '')} in S3` : `writes ${writer.write.display}`}`,
            },
            fixes: fix ? [fix] : undefined,
          });
        }
      }
    },
  ),
  collect(context: RuleContext) {
    const facts: LocalFileFacts = { appRoot: appRootOf(context.project, context.file), writes: [], reads: [] };
    let plan: S3SetupPlan | undefined;
    const addObject = (node: TSESTree.Node, key: TSESTree.Node) => {
      // Object keys are relative to the app's folder, as the local paths they replace were.
      const entry = stored(context, node, locate(context, key), false, 'S3');
      if (entry) facts.writes.push({ ...entry, s3: true });
    };
    const add = (list: StoredPath[], entry: StoredPath | undefined) => {
      if (entry) list.push(entry);
    };
    return mergeListeners(
      uploadListeners(context, (target) => {
        for (const location of target.locations) add(facts.writes, stored(context, target.node, location, target.folder, target.library));
      }),
      {
        NewExpression(node) {
          const key = storedObjectKey(context, node);
          if (key) addObject(node, key);
        },
        CallExpression(node) {
          const call = node as TSESTree.CallExpression;
          const write = fileSystemWrite(context, call);
          if (write) {
            // Creating a folder says nothing about which files are in it.
            if (!write.folderOnly) add(facts.writes, stored(context, call, locate(context, write.target), false, calleeName(context, call.callee)));
            return;
          }
          const key = storedObjectKey(context, call);
          if (key) {
            addObject(call, key);
            return;
          }
          const read = fileRead(context, call);
          const entry = read && stored(context, call, read.target, read.folder, read.callee, read.serves);
          if (!entry) return;
          const fix = !read.folder && !read.serves ? readFromS3(context, (plan ??= s3SetupPlanOf(context, call)), call) : undefined;
          add(facts.reads, fix ? { ...entry, fix } : entry);
        },
        'Program:exit'() {
          if (plan && facts.reads.some((read) => read.fix)) facts.s3Setup = plan;
          if (facts.writes.length > 0 || facts.reads.length > 0) context.recordFact(FACT, facts);
        },
      },
    );
  },
} satisfies WorkspaceRule;
