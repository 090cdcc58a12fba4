import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../../core/scope';
import type { RuleContext, TextEdit } from '../../types';
import type { PartialS3Fix } from './fileSystemFixes';
import { objectKeyFor } from './objectKey';
import { programOf, s3Names, type S3SetupPlan } from './setup';

type Node = TSESTree.Node;
type FunctionNode = TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** Code that reads where multer put the file on disk (`req.file.path`, `file.filename`, `.destination`) has nothing to read with multer-s3. */
const DISK_FILE_FIELDS = /\.(destination|filename)\b|\bfiles?\??\.path\b|\]\??\.path\b/;

export interface MulterFix {
  /** The option the finding is reported at (`dest`, `destination`), to match fixes with findings. */
  reportedAt: [number, number];
  partial: PartialS3Fix;
}

/**
 * multer's disk storage → `multer-s3`: `multer({ dest })` gets `storage: multerS3(...)` in place of `dest`, and
 * `multer.diskStorage({ destination, filename })` becomes `multerS3({ s3, bucket, key })`. Keys keep the old
 * folder as prefix: after the user's own `filename` callback, or a random name as multer's `dest` gave.
 */
export function multerToS3(context: RuleContext, plan: S3SetupPlan | undefined, call: TSESTree.CallExpression): MulterFix | undefined {
  const names = plan && s3Names(plan);
  const callee = context.resolve(call.callee);
  if (!plan || !names || !callee || callee.module !== 'multer' || !programOf(call)) return undefined;
  const options = call.arguments[0];
  if (options?.type !== 'ObjectExpression' || DISK_FILE_FIELDS.test(context.sourceText)) return undefined;
  const properties = options.properties.filter((property): property is TSESTree.Property => property.type === 'Property');
  if (properties.length !== options.properties.length) return undefined;
  const find = (name: string) => properties.find((property) => !property.computed && propertyName(property.key, false) === name);
  const { style } = plan;
  const bucket = style.typescript ? 'process.env.S3_BUCKET as string' : 'process.env.S3_BUCKET';
  const head = [names.client === 's3' ? 's3' : `s3: ${names.client}`, `bucket: ${bucket}`, `contentType: ${names.multerS3}.AUTO_CONTENT_TYPE`];

  if (callee.path.length === 0) {
    const dest = find('dest');
    if (!dest || find('storage')) return undefined;
    const prefix = folderPrefix(context, plan, dest.value);
    if (prefix === undefined) return undefined;
    return {
      reportedAt: dest.range,
      partial: {
        title: `Store uploads in S3 (multer-s3, keys under ${prefix || 'the bucket root'})`,
        edits: [{ range: dest.range, text: `storage: ${names.multerS3}({ ${[...head, `key: ${randomKey(prefix)}`].join(', ')} })` }],
        needs: ['multerS3', 'randomUUID'],
      },
    };
  }

  if (callee.path.length !== 1 || callee.path[0] !== 'diskStorage') return undefined;
  const destination = find('destination');
  const filename = find('filename');
  if (!destination || properties.some((property) => property !== destination && property !== filename)) return undefined;
  // A destination callback may pick the folder per request; the key would have to follow its logic.
  if (destination.method || destination.value.type === 'FunctionExpression' || destination.value.type === 'ArrowFunctionExpression') return undefined;
  const prefix = folderPrefix(context, plan, destination.value);
  if (prefix === undefined) return undefined;
  const edits: TextEdit[] = [{ range: call.callee.range, text: names.multerS3 }];
  // Options laid out one per line stay so.
  const lineStart = context.sourceText.lastIndexOf('\n', destination.range[0] - 1) + 1;
  const indentation = context.sourceText.slice(lineStart, destination.range[0]);
  const separator = /^\s*$/.test(indentation) ? `,${style.newline}${indentation}` : ', ';
  if (!filename) {
    edits.push({ range: destination.range, text: [...head, `key: ${randomKey(prefix)}`].join(separator) });
  } else {
    edits.push({ range: destination.range, text: head.join(separator) });
    const keyEdits = keyFromFilename(context, filename, prefix);
    if (!keyEdits) return undefined;
    edits.push(...keyEdits);
  }
  return {
    reportedAt: destination.range,
    partial: { title: `Store uploads in S3 (multer-s3, keys under ${prefix || 'the bucket root'})`, edits, needs: filename ? ['multerS3'] : ['multerS3', 'randomUUID'] },
  };
}

/** The upload folder as a key prefix (`uploads/`), '' for the app's own folder; undefined when computed. */
function folderPrefix(context: RuleContext, plan: S3SetupPlan, folder: Node): string | undefined {
  const key = objectKeyFor(context, plan.style, folder);
  if (key?.constant === undefined || /[`'"\\$]/.test(key.constant)) return undefined;
  return `${key.constant}/`;
}

/** multer's `dest` names files with 16 random bytes; a UUID is as unique. */
function randomKey(prefix: string): string {
  return `(req, file, cb) => cb(null, \`${prefix}\${randomUUID()}\`)`;
}

/** `filename: (req, file, cb) => cb(null, name)` becomes `key: (req, file, cb) => cb(null, `uploads/${name}`)`. */
function keyFromFilename(context: RuleContext, property: TSESTree.Property, prefix: string): TextEdit[] | undefined {
  const value = property.value;
  const text = context.sourceText;
  if (value.type === 'Identifier' || value.type === 'MemberExpression') {
    const name = text.slice(value.range[0], value.range[1]);
    return [{ range: property.range, text: `key: (req, file, cb) => ${name}(req, file, (error, name) => cb(error, \`${prefix}\${name}\`))` }];
  }
  if (value.type !== 'FunctionExpression' && value.type !== 'ArrowFunctionExpression') return undefined;
  const callback = value.params[2];
  if (callback?.type !== 'Identifier') return undefined;
  const edits: TextEdit[] = [{ range: property.key.range, text: 'key' }];
  const calls = callsOf(value, callback.name);
  // The callback must only be called here, not handed on, or some names would miss the prefix.
  const mentions = text.slice(value.body.range[0], value.body.range[1]).match(new RegExp(`\\b${callback.name}\\b`, 'g'))?.length ?? 0;
  if (calls.length === 0 || mentions !== calls.length) return undefined;
  for (const call of calls) {
    const name = call.arguments[1];
    if (!name || name.type === 'SpreadElement') continue;
    if (name.type === 'Literal' && typeof name.value === 'string') edits.push({ range: [name.range[0] + 1, name.range[0] + 1], text: prefix });
    else if (name.type === 'TemplateLiteral') edits.push({ range: [name.range[0] + 1, name.range[0] + 1], text: prefix });
    else edits.push({ range: [name.range[0], name.range[0]], text: `\`${prefix}\${` }, { range: [name.range[1], name.range[1]], text: '}`' });
  }
  return edits;
}

/** Calls of the named callback inside a function (not inside functions nested in it that rebind the name). */
function callsOf(fn: FunctionNode, name: string): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  const visit = (node: Node, depth: number) => {
    if (depth > 100) return;
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === name) calls.push(node);
    for (const [key, child] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(child)) {
        for (const element of child) if (element && typeof (element as Node).type === 'string') visit(element as Node, depth + 1);
      } else if (child && typeof child === 'object' && typeof (child as Node).type === 'string') {
        visit(child as Node, depth + 1);
      }
    }
  };
  visit(fn.body, 0);
  return calls;
}
