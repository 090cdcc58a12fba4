import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TextEdit } from '../../types';
import { detectStyle, quoted, type SourceStyle } from '../sourceStyle';

type Node = TSESTree.Node;

/** What a rewritten call relies on being declared in its module. */
export type S3Need = 'PutObjectCommand' | 'GetObjectCommand' | 'writeStream' | 'multerS3' | 'randomUUID';

export const WRITE_STREAM_HELPER = 'createS3WriteStream';

/** A module's named imports (or destructured require) of one package, which new names can join. */
interface ImportSite {
  /** imported name → local name */
  names: Record<string, string>;
  /** Where `, Name` goes to add a name; absent when the list cannot be extended (a rest element, `* as`). */
  appendAt?: number;
  defaultLocal?: string;
}

/**
 * What a fix needs to know about a module to add the S3 client, imports and helpers once: plain data, so a
 * workspace rule can compute it during the walk and build the edits after every file was read.
 */
export interface S3SetupPlan {
  style: SourceStyle;
  esm: boolean;
  /** `node:` prefixed built-ins in the file already. */
  nodePrefix: boolean;
  /**
   * The character at the end of the import block that the setup text is attached to. The setup replaces it
   * (rather than inserting next to it) so that two fixes wanting different setups overlap and are applied in
   * two passes, while fixes wanting the same setup make the same edit, which is applied once.
   */
  anchor: { offset: number; char: string; before: boolean };
  /** A blank line already follows the import block. */
  followedByBlank: boolean;
  imports: Record<string, ImportSite>;
  /** The S3 client the fixes use: an existing `new S3Client(...)` of the module, or the name a new one gets. */
  client?: string;
  clientExists: boolean;
  /** Top-level functions already there (a second pass finds the helper the first one added). */
  functions: string[];
  /** Names the setup would add but the module already uses for something else. */
  unavailable: string[];
}

const SDK = '@aws-sdk/client-s3';
const STORAGE = '@aws-sdk/lib-storage';
const MULTER_S3 = 'multer-s3';
const ADDED_NAMES = ['S3Client', 'GetObjectCommand', 'PutObjectCommand', 'Upload', 'PassThrough', 'Writable', 'randomUUID', 'multerS3', WRITE_STREAM_HELPER];

export function programOf(node: Node): TSESTree.Program | undefined {
  let current: Node | undefined = node;
  while (current && current.type !== 'Program') current = current.parent;
  return current?.type === 'Program' ? current : undefined;
}

/** The plan of the module a node is in (during the walk: the node's ancestors are linked). */
export function s3SetupPlanOf(context: { file: string; sourceText: string }, node: Node): S3SetupPlan | undefined {
  const program = programOf(node);
  return program && planS3Setup(context.file, context.sourceText, program);
}

export function planS3Setup(file: string, text: string, program: TSESTree.Program): S3SetupPlan {
  const style = detectStyle(file, text);
  const imports: Record<string, ImportSite> = {};
  const declared = new Set<string>();
  const functions: string[] = [];
  let client: string | undefined;
  let esm = /\.m[jt]s$/.test(file);
  let sawRequire = false;

  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      esm = true;
      if (statement.importKind === 'type') continue;
      const site = (imports[String(statement.source.value)] ??= { names: {} });
      for (const specifier of statement.specifiers) {
        declared.add(specifier.local.name);
        if (specifier.type === 'ImportSpecifier') {
          const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
          site.names[imported] = specifier.local.name;
          site.appendAt = specifier.range[1];
        } else if (specifier.type === 'ImportDefaultSpecifier') {
          site.defaultLocal = specifier.local.name;
        }
      }
      continue;
    }
    if (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' || statement.type === 'ExportAllDeclaration') esm = true;
    const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (!declaration) continue;
    if (declaration.type === 'FunctionDeclaration' && declaration.id) {
      declared.add(declaration.id.name);
      functions.push(declaration.id.name);
    } else if (declaration.type === 'ClassDeclaration' && declaration.id) {
      declared.add(declaration.id.name);
    } else if (declaration.type === 'VariableDeclaration') {
      for (const declarator of declaration.declarations) {
        const required = declarator.init && requiredModule(declarator.init);
        if (required) sawRequire = true;
        if (declarator.id.type === 'Identifier') {
          declared.add(declarator.id.name);
          if (required) (imports[required] ??= { names: {} }).defaultLocal = declarator.id.name;
          if (!client && declarator.init?.type === 'NewExpression' && declarator.init.callee.type === 'Identifier' && declarator.init.callee.name === 'S3Client') {
            client = declarator.id.name;
          }
        } else if (declarator.id.type === 'ObjectPattern') {
          const site = required ? (imports[required] ??= { names: {} }) : undefined;
          let extensible = true;
          for (const property of declarator.id.properties) {
            if (property.type === 'RestElement') {
              extensible = false;
              continue;
            }
            const local = property.value.type === 'Identifier' ? property.value.name : undefined;
            if (local) declared.add(local);
            if (site && local && property.key.type === 'Identifier' && !property.computed) site.names[property.key.name] = local;
          }
          if (site) site.appendAt = extensible ? declarator.id.properties[declarator.id.properties.length - 1]?.range[1] : undefined;
        }
      }
    }
  }
  if (!esm && !sawRequire && /\.[cm]?tsx?$/.test(file) && !/\brequire\s*\(/.test(text)) esm = true;

  // Names in comments and strings do not count: an upload route may well say "Upload" in a comment.
  const used = identifiersOf(program);
  const unavailable = ADDED_NAMES.filter((name) => used.has(name) && !boundAsExpected(imports, name, functions));
  if (!client) client = !used.has('s3') ? 's3' : !used.has('s3Client') ? 's3Client' : undefined;
  const clientExists = client !== undefined && declared.has(client);

  let importEnd = 0;
  for (const statement of program.body) {
    if (!isImportLike(statement)) break;
    importEnd = statement.range[1];
  }
  let anchor: S3SetupPlan['anchor'];
  if (importEnd === 0) {
    anchor = { offset: 0, char: text[0] ?? '', before: true };
  } else {
    const lineEnd = text.indexOf('\n', importEnd);
    anchor = lineEnd === -1 ? { offset: text.length - 1, char: text[text.length - 1], before: false } : { offset: lineEnd, char: '\n', before: false };
  }
  const followedByBlank = anchor.before || /^\r?\n/.test(text.slice(anchor.offset + 1));
  return { style, esm, nodePrefix: /(['"])node:[a-z_/]+\1/.test(text), anchor, followedByBlank, imports, client, clientExists, functions, unavailable };
}

/** Every identifier of the module, at any depth (a local `s3` would hide the module's client). */
function identifiersOf(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  const keysOf = visitorKeys as Record<string, readonly string[] | undefined>;
  const stack: Node[] = [program];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'Identifier') names.add(node.name);
    for (const key of keysOf[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const element of child) if (element && typeof (element as Node).type === 'string') stack.push(element as Node);
      } else if (child && typeof (child as Node).type === 'string') {
        stack.push(child as Node);
      }
    }
  }
  return names;
}

function boundAsExpected(imports: Record<string, ImportSite>, name: string, functions: string[]): boolean {
  switch (name) {
    case 'S3Client':
    case 'GetObjectCommand':
    case 'PutObjectCommand':
      return imports[SDK]?.names[name] === name;
    case 'Upload':
      return imports[STORAGE]?.names[name] === name;
    case 'multerS3':
      return imports[MULTER_S3]?.defaultLocal === name;
    case WRITE_STREAM_HELPER:
      return functions.includes(name);
    default:
      return Object.values(imports).some((site) => site.names[name] === name);
  }
}

function requiredModule(node: Node): string | undefined {
  let current = node;
  while (current.type === 'MemberExpression') current = current.object;
  if (current.type !== 'CallExpression' || current.callee.type !== 'Identifier' || current.callee.name !== 'require') return undefined;
  const [specifier] = current.arguments;
  return specifier?.type === 'Literal' && typeof specifier.value === 'string' ? specifier.value : undefined;
}

function isImportLike(statement: Node): boolean {
  if (statement.type === 'ImportDeclaration' || statement.type === 'TSImportEqualsDeclaration') return true;
  if (statement.type === 'ExpressionStatement') return statement.directive !== undefined || loadsModule(statement.expression);
  if (statement.type === 'VariableDeclaration') return statement.declarations.every((declarator) => !!declarator.init && loadsModule(declarator.init));
  return false;
}

/** `require('x')`, `require('x').y`, `require('x')()`, `require('express').Router()`: a module loaded at the top. */
function loadsModule(node: Node): boolean {
  let current = node;
  while (current.type === 'MemberExpression' || (current.type === 'CallExpression' && current.callee.type !== 'Identifier')) {
    current = current.type === 'MemberExpression' ? current.object : current.callee;
  }
  return current.type === 'CallExpression' && current.callee.type === 'Identifier' && current.callee.name === 'require';
}

/** The local names of what the setup provides, for the fixes' own code. */
export interface S3Names {
  client: string;
  multerS3: string;
}

export function s3Names(plan: S3SetupPlan): S3Names | undefined {
  if (!plan.client) return undefined;
  return { client: plan.client, multerS3: plan.imports[MULTER_S3]?.defaultLocal ?? 'multerS3' };
}

/**
 * The edits that declare what `needs` rely on: missing names joined to existing imports, new import lines,
 * the client and the helpers after the import block. Undefined when a name the setup would add is taken.
 */
export function s3SetupEdits(plan: S3SetupPlan, needs: ReadonlySet<S3Need>): TextEdit[] | undefined {
  if (!plan.client) return undefined;
  const { style } = plan;
  const semicolon = style.semicolons ? ';' : '';
  const nl = style.newline;
  const builtin = (name: string) => (plan.nodePrefix ? `node:${name}` : name);

  const wanted: { module: string; names: string[]; defaultImport?: string }[] = [
    { module: SDK, names: [...(plan.clientExists ? [] : ['S3Client']), ...(needs.has('GetObjectCommand') ? ['GetObjectCommand'] : []), ...(needs.has('PutObjectCommand') ? ['PutObjectCommand'] : [])] },
  ];
  const streamHelper = needs.has('writeStream') && !plan.functions.includes(WRITE_STREAM_HELPER);
  if (streamHelper) wanted.push({ module: STORAGE, names: ['Upload'] });
  if (needs.has('multerS3')) wanted.push({ module: MULTER_S3, names: [], defaultImport: 'multerS3' });
  if (streamHelper) wanted.push({ module: builtin('stream'), names: ['PassThrough', 'Writable'] });
  if (needs.has('randomUUID')) wanted.push({ module: builtin('crypto'), names: ['randomUUID'] });

  const edits: TextEdit[] = [];
  const lines: string[] = [];
  for (const { module, names, defaultImport } of wanted) {
    const site = plan.imports[module] ?? plan.imports[module.replace(/^node:/, '')] ?? plan.imports[`node:${module}`];
    if (defaultImport) {
      if (site?.defaultLocal !== undefined) continue;
      if (plan.unavailable.includes(defaultImport)) return undefined;
      lines.push(plan.esm ? `import ${defaultImport} from ${quoted(style, module)}${semicolon}` : `const ${defaultImport} = require(${quoted(style, module)})${semicolon}`);
      continue;
    }
    const missing = names.filter((name) => site?.names[name] !== name);
    if (missing.some((name) => plan.unavailable.includes(name) || (site?.names[name] !== undefined && site.names[name] !== name))) return undefined;
    if (missing.length === 0) continue;
    if (site?.appendAt !== undefined) {
      edits.push({ range: [site.appendAt, site.appendAt], text: missing.map((name) => `, ${name}`).join('') });
    } else {
      lines.push(plan.esm ? `import { ${missing.join(', ')} } from ${quoted(style, module)}${semicolon}` : `const { ${missing.join(', ')} } = require(${quoted(style, module)})${semicolon}`);
    }
  }

  const blocks: string[] = [];
  if (!plan.clientExists) blocks.push(clientDeclaration(plan.client, style));
  if (streamHelper) {
    if (plan.unavailable.includes(WRITE_STREAM_HELPER)) return undefined;
    blocks.push(writeStreamHelper(plan.client, style));
  }
  if (lines.length === 0 && blocks.length === 0) return edits;

  const importText = lines.map((line) => `${line}${nl}`).join('');
  const { anchor } = plan;
  let text: string;
  if (anchor.before) {
    // No import block: the setup opens the file, a blank line before what was there.
    text = `${[importText, ...blocks].filter((group) => group !== '').join(nl)}${nl}${anchor.char}`;
  } else {
    const lead = anchor.char === '\n' ? '\n' : `${anchor.char}${nl}`;
    const declarations = blocks.map((block) => `${nl}${block}`).join('');
    text = `${lead}${importText}${declarations}${blocks.length > 0 && !plan.followedByBlank ? nl : ''}`;
  }
  edits.push({ range: [anchor.offset, anchor.offset + anchor.char.length], text });
  return edits;
}

function clientDeclaration(name: string, style: SourceStyle): string {
  const semicolon = style.semicolons ? ';' : '';
  const nl = style.newline;
  const i = style.indent;
  return [
    `const ${name} = new S3Client({`,
    `${i}region: process.env.AWS_REGION,`,
    `${i}// An S3-compatible store (MinIO, a local test server) is reached at S3_ENDPOINT with path-style URLs.`,
    `${i}endpoint: process.env.S3_ENDPOINT || undefined,`,
    `${i}forcePathStyle: Boolean(process.env.S3_ENDPOINT),`,
    `})${semicolon}`,
    '',
  ].join(nl);
}

/**
 * A drop-in for `fs.createWriteStream`: what is written goes to S3 through lib-storage's `Upload` (which takes
 * a stream of unknown length), and the stream only finishes once the object is stored, as a file stream only
 * finishes once the data is on disk; a failed upload is an 'error' event.
 */
function writeStreamHelper(client: string, style: SourceStyle): string {
  const s = style.semicolons ? ';' : '';
  const nl = style.newline;
  const i = style.indent;
  const ts = style.typescript;
  return [
    `/** Like fs.createWriteStream, for an S3 object: it finishes once the object is stored. */`,
    `function ${WRITE_STREAM_HELPER}(key${ts ? ': string' : ''}) {`,
    `${i}const body = new PassThrough()${s}`,
    `${i}const upload = new Upload({ client: ${client}, params: { Bucket: process.env.S3_BUCKET, Key: key, Body: body } }).done()${s}`,
    `${i}const stream = new Writable({`,
    `${i}${i}write(chunk, encoding, callback) {`,
    `${i}${i}${i}body.write(chunk, encoding, callback)${s}`,
    `${i}${i}},`,
    `${i}${i}final(callback) {`,
    `${i}${i}${i}body.end()${s}`,
    `${i}${i}${i}upload.then(() => callback(), callback)${s}`,
    `${i}${i}},`,
    `${i}${i}destroy(error, callback) {`,
    `${i}${i}${i}body.destroy(${ts ? 'error ?? undefined' : 'error'})${s}`,
    `${i}${i}${i}callback(error)${s}`,
    `${i}${i}},`,
    `${i}})${s}`,
    `${i}upload.catch((error) => stream.destroy(error))${s}`,
    `${i}return stream${s}`,
    '}',
    '',
  ].join(nl);
}
