/**
 * Shared pieces of the storage and logging rules (local-fs-write, local-fs-read-data, file-logging):
 * where a path expression points in the workspace, which calls write or read files, which upload
 * middlewares keep files on disk, and which write streams only exist to hold a log file.
 */
import { posix } from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isProcessEnv } from '../../core/environment';
import { propertyName } from '../../core/scope';
import type { Listener, Listeners, ProjectInfo, RuleContext } from '../../types';

type Node = TSESTree.Node;

// ---------------------------------------------------------------------------------------------
// Listener composition

/** Runs several listener sets as one: each selector calls every set's listener in order. */
export function mergeListeners(...sets: Listeners[]): Listeners {
  const merged: Record<string, Listener[]> = {};
  for (const set of sets) {
    for (const [selector, listener] of Object.entries(set)) {
      if (listener) (merged[selector] ??= []).push(listener);
    }
  }
  const result: Listeners = {};
  for (const [selector, listeners] of Object.entries(merged)) {
    result[selector] = (node) => {
      for (const listener of listeners) listener(node);
    };
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// File-system calls

export const FILE_SYSTEM_MODULES = new Set(['fs', 'fs-extra', 'graceful-fs', 'mz/fs', 'original-fs']);
/** Every specifier of FILE_SYSTEM_MODULES (`node:fs`, `fs/promises` too) names `fs` as a word: a file without it makes no such call. */
export const FILE_SYSTEM_TRIGGER = /\bfs\b/;

/** Write operations and the index of the argument that names the written path. */
export const WRITE_TARGET_ARGUMENT: Record<string, number> = {
  writeFile: 0,
  writeFileSync: 0,
  appendFile: 0,
  appendFileSync: 0,
  createWriteStream: 0,
  mkdir: 0,
  mkdirSync: 0,
  copyFile: 1,
  copyFileSync: 1,
  cp: 1,
  cpSync: 1,
  rename: 1,
  renameSync: 1,
  // fs-extra
  outputFile: 0,
  outputFileSync: 0,
  outputJson: 0,
  outputJsonSync: 0,
  outputJSON: 0,
  outputJSONSync: 0,
  writeJson: 0,
  writeJsonSync: 0,
  writeJSON: 0,
  writeJSONSync: 0,
  ensureDir: 0,
  ensureDirSync: 0,
  ensureFile: 0,
  ensureFileSync: 0,
  mkdirp: 0,
  mkdirpSync: 0,
  mkdirs: 0,
  mkdirsSync: 0,
  copy: 1,
  copySync: 1,
  move: 1,
  moveSync: 1,
};

/** Operations that only create a folder: they say where data will go, not that any file is there. */
const FOLDER_CREATION = new Set(['mkdir', 'mkdirSync', 'ensureDir', 'ensureDirSync', 'mkdirp', 'mkdirpSync', 'mkdirs', 'mkdirsSync']);

/** Read operations; `folder` when they read a folder's listing. */
const READ_OPERATIONS: Record<string, { folder: boolean }> = {
  readFile: { folder: false },
  readFileSync: { folder: false },
  createReadStream: { folder: false },
  readdir: { folder: true },
  readdirSync: { folder: true },
  opendir: { folder: true },
  opendirSync: { folder: true },
  // fs-extra
  readJson: { folder: false },
  readJsonSync: { folder: false },
  readJSON: { folder: false },
  readJSONSync: { folder: false },
};

/** `fs.x`, `fs.promises.x`, `fs/promises` `x`; nothing deeper is a file-system call. */
function fileSystemOperation(path: string[]): string | undefined {
  return path.length === 1 ? path[0] : path.length === 2 && path[0] === 'promises' ? path[1] : undefined;
}

export interface FileSystemWrite {
  operation: string;
  target: Node;
  /** Only creates a folder (`mkdir`, `ensureDir`). */
  folderOnly: boolean;
}

/** The write a call makes through `fs` and friends, with the argument naming what is written. */
export function fileSystemWrite(context: RuleContext, call: TSESTree.CallExpression): FileSystemWrite | undefined {
  const callee = context.resolve(call.callee);
  if (!callee || !FILE_SYSTEM_MODULES.has(callee.module)) return undefined;
  const operation = fileSystemOperation(callee.path);
  if (operation === undefined || !Object.hasOwn(WRITE_TARGET_ARGUMENT, operation)) return undefined;
  const target = call.arguments[WRITE_TARGET_ARGUMENT[operation]];
  if (!target || target.type === 'SpreadElement') return undefined;
  return { operation, target, folderOnly: FOLDER_CREATION.has(operation) };
}

export function isCreateWriteStream(context: RuleContext, call: TSESTree.CallExpression): boolean {
  return fileSystemWrite(context, call)?.operation === 'createWriteStream';
}

// ---------------------------------------------------------------------------------------------
// Where a path points

const DIRNAME = '\u0000dirname';
const CWD = '\u0000cwd';
const TEMP = '\u0000tmp';
/** Prefix of a part that is a value read from the environment (`process.env.LOG_FILE`). */
const ENV = '\u0000env:';
const UNKNOWN = '<…>';
/** Marks an unknown part named by a property (`this.dataFile`, `config.uploadDir`): the same name means the same place in one file. */
const MEMBER = '\u0002';
const PATH_BUILDERS = new Set(['join', 'resolve', 'normalize']);

/** The part names a property (`this.dataFile`), not a parameter or a value from elsewhere. */
export function isPropertyPart(segment: string): boolean {
  return segment.startsWith(`<${MEMBER}`);
}

export interface Location {
  /** For messages: workspace-relative (`./public/uploads/<fileName>`), absolute, or rooted in an unknown value (`<uploadDir>/avatars`). */
  display: string;
  /** Path segments: workspace-relative, absolute (first segment '/'), or rooted in an unknown value (first segment `<name>`). */
  segments: string[];
  base: 'workspace' | 'absolute' | 'opaque';
  /** Under the OS temp folder: scratch space in a container too. */
  temporary: boolean;
  /** The whole path is one environment variable without a fallback (`process.env.LOG_FILE`): the deployment decides. */
  fromEnvironment: boolean;
}

/** The folder of the nearest package.json above a file ('' for the workspace root): the app is started from there. */
export function appRootOf(project: ProjectInfo, file: string): string {
  let folder = posix.dirname(file);
  for (;;) {
    const key = folder === '.' ? '' : folder;
    if (key === '' || project.packages.has(key)) return key;
    folder = posix.dirname(folder);
  }
}

/**
 * Where a path expression points, folding constants, `path.join`, `__dirname`, `process.cwd()`, object
 * properties of constant config objects and environment fallbacks (`process.env.DIR || './uploads'`).
 * Relative paths are taken against the app root (the folder of the nearest package.json), where the app starts.
 */
export function locate(context: RuleContext, node: Node): Location {
  return locateParts(context, pathParts(context, node, 0));
}

/** Like `locate`, for a path made of a folder and a name inside it (`{ dirname, filename }`, `sendFile(name, { root })`). */
export function locateJoined(context: RuleContext, folder: Node | undefined, name: Node | undefined): Location {
  const parts = [...(folder ? pathParts(context, folder, 0) : []), ...(name ? pathParts(context, name, 0) : [])];
  return locateParts(context, parts.length > 0 ? parts : [UNKNOWN]);
}

function locateParts(context: RuleContext, parts: string[]): Location {
  const fromEnvironment = parts.length === 1 && parts[0].startsWith(ENV);
  const clean = parts.map((part) => (part.startsWith(ENV) ? `<${part.slice(ENV.length)}>` : part));
  const temporary = clean.includes(TEMP) || /^\/(tmp|var\/tmp)(\/|$)/.test(clean[0] ?? '');
  const first = clean[0] ?? UNKNOWN;
  const appRoot = appRootOf(context.project, context.file);
  const fileFolder = posix.dirname(context.file) === '.' ? '' : posix.dirname(context.file);
  let base: Location['base'] = 'workspace';
  let start: string;
  let rest = clean.slice(1);
  if (first === DIRNAME) start = fileFolder;
  else if (first === CWD) start = appRoot;
  else if (first === TEMP) start = '/tmp';
  else if (first.startsWith('/') || /^[A-Za-z]:[\\/]/.test(first)) {
    base = 'absolute';
    start = first;
  } else if (first.startsWith('<')) {
    base = 'opaque';
    const slash = first.indexOf('/');
    start = slash < 0 ? first : first.slice(0, slash);
    rest = slash < 0 ? rest : [first.slice(slash + 1), ...rest];
  } else {
    start = appRoot;
    rest = clean;
  }
  if (start === '/tmp') base = 'absolute';
  let joined = start;
  for (const part of rest) {
    if (part === DIRNAME) joined = fileFolder;
    else if (part === CWD) joined = appRoot;
    else if (part === TEMP) joined = '/tmp';
    else if (part.startsWith('/') && base !== 'workspace') joined = part;
    else joined = joined === '' ? part.replace(/^\/+/, '') : `${joined}/${part.replace(/^\/+/, '')}`;
  }
  const normalized = joined === '' ? '' : posix.normalize(joined).replace(/\/$/, '');
  let segments: string[];
  let display: string;
  if (base === 'absolute') {
    segments = ['/', ...normalized.split('/').filter((segment) => segment !== '' && segment !== '.')];
    display = normalized;
  } else {
    segments = normalized.split('/').filter((segment) => segment !== '' && segment !== '.');
    display = base === 'opaque' ? segments.join('/') : segments.length === 0 ? '.' : `./${segments.join('/')}`;
  }
  display = display.split(MEMBER).join('');
  return { display, segments, base, temporary, fromEnvironment };
}

function pathParts(context: RuleContext, node: Node, depth: number): string[] {
  if (depth > 10) return [UNKNOWN];
  const folded = context.fold(node);
  if (folded && typeof folded.value === 'string') return [folded.value];
  switch (node.type) {
    case 'Identifier': {
      if (node.name === '__dirname') return [DIRNAME];
      const definition = context.definition(node);
      const defined = definition && pathParts(context, definition, depth + 1);
      return defined && !(defined.length === 1 && defined[0] === UNKNOWN) ? defined : [`<${node.name}>`];
    }
    case 'MemberExpression': {
      if (node.object.type === 'MetaProperty' && node.property.type === 'Identifier' && node.property.name === 'dirname') return [DIRNAME];
      const key = propertyName(node.property, node.computed);
      if (isProcessEnv(node.object)) return [`${ENV}${key ?? '…'}`];
      const value = key === undefined ? undefined : propertyValue(objectOf(context, node.object, depth + 1), key);
      const described = value && pathParts(context, value, depth + 1);
      if (described && !(described.length === 1 && described[0] === UNKNOWN)) return described;
      // `parts[0]` says nothing; the name of the variable holding it says more.
      return key === undefined || node.computed ? [UNKNOWN] : [`<${MEMBER}${key}>`];
    }
    case 'CallExpression': {
      const callee = context.resolve(node.callee);
      if (callee?.module === 'os' && callee.path[0] === 'tmpdir') return [TEMP];
      if (isProcessCwd(node.callee) || (callee?.module === 'process' && callee.path[0] === 'cwd')) return [CWD];
      if (callee?.module === 'path' && callee.path[callee.path.length - 1] === 'dirname' && node.arguments[0] && isModuleFileName(context, node.arguments[0])) return [DIRNAME];
      if (callee?.module === 'path' && PATH_BUILDERS.has(callee.path[callee.path.length - 1] ?? '')) {
        const parts = node.arguments.flatMap((argument) => pathParts(context, argument, depth + 1));
        return parts.length > 0 ? parts : [CWD];
      }
      return [UNKNOWN];
    }
    case 'LogicalExpression':
      // `process.env.UPLOAD_DIR || './uploads'`: the literal is where files go unless the deployment says otherwise.
      if ((node.operator === '||' || node.operator === '??') && context.readsEnvironment(node.left)) return pathParts(context, node.right, depth + 1);
      return [UNKNOWN];
    case 'TemplateLiteral': {
      let text = '';
      const leading: string[] = [];
      node.quasis.forEach((quasi, index) => {
        text += quasi.value.cooked ?? '';
        const expression = node.expressions[index];
        if (!expression) return;
        const inner = pathParts(context, expression, depth + 1);
        if (index === 0 && text === '' && (isBase(inner[0]) || inner.length > 1)) leading.push(...inner);
        else text += inner.map(plain).join('/');
      });
      return leading.length > 0 ? [...leading, text.replace(/^\/+/, '')] : [text];
    }
    case 'BinaryExpression':
      if (node.operator === '+') {
        const left = pathParts(context, node.left, depth + 1);
        const right = pathParts(context, node.right, depth + 1);
        if (isBase(left[0]) || left.length > 1) return [...left, ...right.map((part, index) => (index === 0 ? part.replace(/^\/+/, '') : part))];
        return [plain(left[0]) + right.map(plain).join('/')];
      }
      return [UNKNOWN];
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
      return pathParts(context, node.expression, depth + 1);
    default:
      return [UNKNOWN];
  }
}

function plain(part: string | undefined): string {
  if (part === undefined) return UNKNOWN;
  if (part.startsWith(ENV)) return `<${part.slice(ENV.length)}>`;
  if (part === DIRNAME) return '<__dirname>';
  if (part === CWD) return '.';
  if (part === TEMP) return '<tmpdir>';
  return part;
}

function isBase(part: string | undefined): boolean {
  return part === DIRNAME || part === CWD || part === TEMP;
}

function isProcessCwd(node: Node): boolean {
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'process' && node.property.type === 'Identifier' && node.property.name === 'cwd';
}

/** `__filename`, or `fileURLToPath(import.meta.url)` in an ES module. */
function isModuleFileName(context: RuleContext, node: Node): boolean {
  if (node.type === 'Identifier') {
    if (node.name === '__filename') return true;
    const definition = context.definition(node);
    return !!definition && isModuleFileName(context, definition);
  }
  if (node.type === 'CallExpression') {
    const callee = context.resolve(node.callee);
    const argument = node.arguments[0];
    return (
      callee?.module === 'url' &&
      callee.path[callee.path.length - 1] === 'fileURLToPath' &&
      argument?.type === 'MemberExpression' &&
      argument.object.type === 'MetaProperty' &&
      propertyName(argument.property, argument.computed) === 'url'
    );
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Option objects

/** The object literal an expression evaluates to: inline, through `const` bindings and properties of constant objects. */
export function objectOf(context: RuleContext, node: Node | undefined, depth = 0): TSESTree.ObjectExpression | undefined {
  if (!node || depth > 8) return undefined;
  switch (node.type) {
    case 'ObjectExpression':
      return node;
    case 'Identifier': {
      const definition = context.definition(node);
      return definition && objectOf(context, definition, depth + 1);
    }
    case 'MemberExpression': {
      const key = propertyName(node.property, node.computed);
      return key === undefined ? undefined : objectOf(context, propertyValue(objectOf(context, node.object, depth + 1), key), depth + 1);
    }
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
      return objectOf(context, node.expression, depth + 1);
    default:
      return undefined;
  }
}

/** The array literal an expression evaluates to, inline or through a `const`. */
export function arrayOf(context: RuleContext, node: Node | undefined, depth = 0): TSESTree.ArrayExpression | undefined {
  if (!node || depth > 8) return undefined;
  if (node.type === 'ArrayExpression') return node;
  if (node.type === 'Identifier') {
    const definition = context.definition(node);
    return definition && arrayOf(context, definition, depth + 1);
  }
  return undefined;
}

/** The property `name` of an object literal (the last one wins, as at run time). */
export function propertyOf(object: TSESTree.ObjectExpression | undefined, name: string): TSESTree.Property | undefined {
  let found: TSESTree.Property | undefined;
  for (const property of object?.properties ?? []) {
    if (property.type === 'Property' && propertyName(property.key, property.computed) === name) found = property;
  }
  return found;
}

export function propertyValue(object: TSESTree.ObjectExpression | undefined, name: string): Node | undefined {
  return propertyOf(object, name)?.value;
}

/** The module a file's source loads directly (`require('x')` or `import ... from 'x'`), for library checks. */
export function loadedModule(node: Node): string | undefined {
  if (node.type === 'ImportDeclaration' && typeof node.source.value === 'string') return node.source.value;
  if (
    node.type === 'CallExpression' &&
    node.callee.type === 'Identifier' &&
    node.callee.name === 'require' &&
    node.arguments[0]?.type === 'Literal' &&
    typeof node.arguments[0].value === 'string'
  ) {
    return node.arguments[0].value;
  }
  if (node.type === 'ImportExpression' && node.source.type === 'Literal' && typeof node.source.value === 'string') return node.source.value;
  return undefined;
}

export function isFunction(node: Node | undefined): node is TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression {
  return node?.type === 'FunctionExpression' || node?.type === 'ArrowFunctionExpression';
}

function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}

// ---------------------------------------------------------------------------------------------
// Upload middlewares that keep files on the local disk

const MULTER_MODULES = new Set(['multer', '@koa/multer', 'koa-multer', 'fastify-multer']);
/** The upload libraries uploadListeners knows, and express-fileupload's `.mv(` (its import may be elsewhere). */
export const UPLOAD_TRIGGER = /multer|formidable|multiparty|koa-body|koa-better-body|\bmv\b/;

export interface UploadTarget {
  /** Where to report: the option that names the folder, or the call that moves the file. */
  node: Node;
  library: string;
  /** Every place the files go (a destination callback may choose between folders). */
  locations: Location[];
  /** The destination names a folder the uploads go into (rather than one file). */
  folder: boolean;
}

/**
 * Finds uploads stored on the local disk: multer `dest` and `diskStorage({ destination })`, formidable,
 * multiparty and koa-body `uploadDir`, and express-fileupload's `file.mv(path)`. Destinations under the
 * OS temp folder, multer's memory storage and libraries left at their temp-folder default are not reported.
 */
export function uploadListeners(context: RuleContext, sink: (target: UploadTarget) => void): Listeners {
  const pending: { fn: TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression; callback: string; node: Node; library: string; locations: Location[] }[] = [];
  let loadsFileUpload = false;

  const emit = (node: Node, library: string, locations: Location[], folder: boolean) => {
    const kept = locations.filter((location) => !location.temporary);
    if (locations.length > 0 && kept.length === 0) return;
    sink({ node, library, locations: kept.length > 0 ? kept : [unknownLocation(context)], folder });
  };

  const folderOption = (property: TSESTree.Property | undefined, library: string) => {
    if (!property) return;
    emit(property, library, [locate(context, property.value)], true);
  };

  const check = (call: TSESTree.CallExpression | TSESTree.NewExpression) => {
    const callee = context.resolve(call.callee);
    if (!callee) return;
    const { module, path } = callee;
    const last = path[path.length - 1];
    const options = objectOf(context, call.arguments[0]);
    if (MULTER_MODULES.has(module)) {
      if (path.length === 0 && call.type === 'CallExpression') {
        // multer({ dest }) is disk storage unless a storage engine is given.
        if (options && !propertyOf(options, 'storage')) folderOption(propertyOf(options, 'dest'), module);
      } else if (path.length === 1 && last === 'diskStorage') {
        const destination = propertyOf(options, 'destination');
        if (!destination) return; // multer falls back to os.tmpdir()
        if (isFunction(destination.value)) {
          const callback = destination.value.params[2];
          if (callback?.type === 'Identifier') pending.push({ fn: destination.value, callback: callback.name, node: destination, library: module, locations: [] });
          else emit(destination, module, [], true);
        } else {
          folderOption(destination, module);
        }
      }
      return;
    }
    if (module === 'formidable' && (path.length === 0 || (path.length === 1 && ['formidable', 'IncomingForm', 'Formidable', 'default'].includes(last)))) {
      folderOption(propertyOf(options, 'uploadDir'), 'formidable');
    } else if ((module === 'express-formidable' || module === 'connect-multiparty' || module === 'koa-better-body') && path.length === 0) {
      folderOption(propertyOf(options, 'uploadDir'), module);
    } else if (module === 'multiparty' && path.length === 1 && last === 'Form') {
      folderOption(propertyOf(options, 'uploadDir'), 'multiparty');
    } else if (module === 'koa-body' && (path.length === 0 || (path.length === 1 && (last === 'koaBody' || last === 'default')))) {
      folderOption(propertyOf(objectOf(context, propertyValue(options, 'formidable')), 'uploadDir'), 'koa-body');
    }
  };

  return {
    ImportDeclaration(node) {
      if (loadedModule(node) === 'express-fileupload') loadsFileUpload = true;
    },
    NewExpression(node) {
      check(node as TSESTree.NewExpression);
    },
    CallExpression(node) {
      const call = node as TSESTree.CallExpression;
      if (loadedModule(call) === 'express-fileupload') loadsFileUpload = true;
      check(call);
      // cb(null, 'uploads/') inside a multer destination callback
      if (call.callee.type === 'Identifier') {
        const name = call.callee.name;
        for (const entry of pending) {
          if (entry.callback === name && contains(entry.fn, call) && call.arguments[1] && call.arguments[1].type !== 'SpreadElement') {
            entry.locations.push(locate(context, call.arguments[1]));
          }
        }
      }
      // express-fileupload: req.files.photo.mv('./uploads/' + name)
      if (
        call.callee.type === 'MemberExpression' &&
        !call.callee.computed &&
        call.callee.property.type === 'Identifier' &&
        call.callee.property.name === 'mv' &&
        call.arguments.length >= 1 &&
        call.arguments[0].type !== 'SpreadElement' &&
        context.resolve(call.callee.object) === undefined &&
        (loadsFileUpload || dependsOn(context, 'express-fileupload'))
      ) {
        const location = locate(context, call.arguments[0]);
        if (!location.temporary && location.segments.some((segment) => !segment.startsWith('<'))) emit(call, 'express-fileupload', [location], false);
      }
    },
    AssignmentExpression(node) {
      // const form = new formidable.IncomingForm(); form.uploadDir = './uploads'
      const assignment = node as TSESTree.AssignmentExpression;
      const left = assignment.left;
      if (assignment.operator !== '=' || left.type !== 'MemberExpression' || propertyName(left.property, left.computed) !== 'uploadDir') return;
      const owner = context.resolve(left.object);
      if (!owner || owner.path[owner.path.length - 1] !== '()') return;
      if (owner.module === 'formidable' || owner.module === 'multiparty') emit(assignment, owner.module, [locate(context, assignment.right)], true);
    },
    'Program:exit'() {
      for (const entry of pending) emit(entry.node, entry.library, entry.locations, true);
    },
  };
}

function unknownLocation(context: RuleContext): Location {
  return locateParts(context, [UNKNOWN]);
}

/** The nearest package.json of the file lists the dependency. */
export function dependsOn(context: RuleContext, name: string): boolean {
  const manifest = context.project.packages.get(appRootOf(context.project, context.file));
  return !!manifest && (Object.hasOwn(manifest.dependencies, name) || Object.hasOwn(manifest.devDependencies, name));
}

/** `./uploads and ./public/img` */
export function describeLocations(locations: Location[]): string {
  const unique = [...new Set(locations.map((location) => location.display))];
  return unique.length <= 2 ? unique.join(' and ') : `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------
// Reads of files

export interface FileRead {
  callee: string;
  target: Location;
  /** Serves or lists a whole folder (`express.static`, `readdir`). */
  folder: boolean;
  /** Sends the files to clients (static middleware) rather than reading them. */
  serves?: boolean;
  node: Node;
}

const STATIC_MIDDLEWARES: Record<string, string[]> = {
  express: ['static'],
  'serve-static': [],
  'koa-static': [],
  'koa-static-server': [],
};

/** Reads of files through `fs`, `res.sendFile`/`res.download`, static-file middlewares, `koa-send` and `require('./x.json')`. */
export function fileRead(context: RuleContext, call: TSESTree.CallExpression): FileRead | undefined {
  const first = call.arguments[0];
  if (call.callee.type === 'Identifier' && call.callee.name === 'require') {
    // require('./data/users.json'): a JSON file next to the code
    const required = context.resolve(call);
    if (required && required.path.length === 0 && /^\.\.?\//.test(required.module) && /\.json$/i.test(required.module)) {
      return { callee: 'require', target: locateParts(context, [DIRNAME, required.module]), folder: false, node: call };
    }
    return undefined;
  }
  const callee = context.resolve(call.callee);
  if (callee && FILE_SYSTEM_MODULES.has(callee.module)) {
    const operation = fileSystemOperation(callee.path);
    if (operation === undefined || !Object.hasOwn(READ_OPERATIONS, operation) || !first || first.type === 'SpreadElement') return undefined;
    // `try { fs.readdirSync('uploads') } catch { fs.mkdirSync('uploads') }`: a probe whose result is dropped reads nothing.
    const returnsResult = operation.endsWith('Sync') || callee.path[0] === 'promises' || (callee.module === 'fs-extra' && !call.arguments.some(isFunction));
    if (returnsResult && isDiscarded(call)) return undefined;
    return { callee: calleeName(context, call.callee), target: locate(context, first), folder: READ_OPERATIONS[operation].folder, node: call };
  }
  if (callee) {
    const staticPath = STATIC_MIDDLEWARES[callee.module];
    if (staticPath && staticPath.length === callee.path.length && staticPath.every((segment, index) => callee.path[index] === segment) && first && first.type !== 'SpreadElement') {
      return { callee: calleeName(context, call.callee), target: locate(context, first), folder: true, serves: true, node: call };
    }
    if (callee.module === 'koa-send' && callee.path.length === 0) {
      const name = call.arguments[1];
      const root = propertyValue(objectOf(context, call.arguments[2]), 'root');
      if (!name || name.type === 'SpreadElement') return undefined;
      return { callee: 'koa-send', target: locateJoined(context, root, name), folder: false, node: call };
    }
    return undefined;
  }
  if (
    call.callee.type === 'MemberExpression' &&
    !call.callee.computed &&
    call.callee.property.type === 'Identifier' &&
    ['sendFile', 'sendfile', 'download'].includes(call.callee.property.name) &&
    first &&
    first.type !== 'SpreadElement'
  ) {
    const root = propertyValue(objectOf(context, call.arguments[1]), 'root');
    return { callee: `res.${call.callee.property.name}`, target: root ? locateJoined(context, root, first) : locate(context, first), folder: false, node: call };
  }
  if (call.callee.type === 'MemberExpression' && !call.callee.computed && call.callee.property.type === 'Identifier' && call.callee.property.name === 'register') {
    const plugin = first && first.type !== 'SpreadElement' ? context.resolve(first) : undefined;
    if (plugin && (plugin.module === '@fastify/static' || plugin.module === 'fastify-static') && plugin.path.length === 0) {
      const root = propertyValue(objectOf(context, call.arguments[1]), 'root');
      if (root) return { callee: plugin.module, target: locate(context, root), folder: true, serves: true, node: call };
    }
  }
  return undefined;
}

function isDiscarded(call: Node): boolean {
  const parent = call.parent;
  if (parent?.type === 'ExpressionStatement') return true;
  return parent?.type === 'AwaitExpression' && parent.parent?.type === 'ExpressionStatement';
}

export function calleeName(context: RuleContext, node: Node): string {
  const text = context.sourceText.slice(node.range[0], node.range[1]).replace(/\s+/g, '');
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

// ---------------------------------------------------------------------------------------------
// Write streams that only hold a log file

const LOGGER_MODULES = new Set(['morgan', 'winston', 'bunyan', 'pino', 'express-winston', 'log4js', 'koa-logger', 'koa-morgan']);

export type LogStreamEvidence = 'morgan' | 'console' | 'logger' | 'path';

interface TrackedStream {
  call: TSESTree.CallExpression;
  location: Location;
  evidence?: LogStreamEvidence;
  logger?: string;
}

/**
 * Follows `fs.createWriteStream` calls through one file and tells which ones only hold a log: the path
 * looks like a log file (`*.log`, a `logs/` folder), the stream is morgan's `stream`, a logger's stream,
 * or console output is redirected to it. The answer is final at `Program:exit`.
 */
export class LogStreams {
  private readonly streams = new Map<TSESTree.CallExpression, TrackedStream>();
  /** Uses seen before the stream's own call was walked (`morgan('combined', { stream: fs.createWriteStream(...) })`). */
  private readonly marks: { target: Node; evidence: LogStreamEvidence; logger: string }[] = [];

  constructor(private readonly context: RuleContext) {}

  readonly listeners: Listeners = {
    CallExpression: (node) => this.onCall(node as TSESTree.CallExpression),
    NewExpression: (node) => this.onNew(node as TSESTree.NewExpression),
    AssignmentExpression: (node) => this.onAssignment(node as TSESTree.AssignmentExpression),
    Property: (node) => this.onProperty(node as TSESTree.Property),
  };

  /** Why the stream made by this call is a log file, once the file has been walked. */
  evidence(call: TSESTree.CallExpression): TrackedStream | undefined {
    this.applyMarks();
    const tracked = this.streams.get(call);
    return tracked?.evidence ? tracked : undefined;
  }

  tracked(): TrackedStream[] {
    this.applyMarks();
    return [...this.streams.values()];
  }

  private applyMarks(): void {
    for (const { target, evidence, logger } of this.marks.splice(0)) {
      const tracked = target.type === 'CallExpression' ? this.streams.get(target) : undefined;
      if (tracked && (!tracked.evidence || tracked.evidence === 'path')) {
        tracked.evidence = evidence;
        tracked.logger = logger;
      }
    }
  }

  private onCall(call: TSESTree.CallExpression): void {
    if (isCreateWriteStream(this.context, call) && call.arguments[0] && call.arguments[0].type !== 'SpreadElement') {
      const location = locate(this.context, call.arguments[0]);
      if (location.temporary) return;
      this.streams.set(call, { call, location, evidence: looksLikeLogFile(location) ? 'path' : undefined });
      return;
    }
    const callee = this.context.resolve(call.callee);
    if (!callee) return;
    if ((callee.module === 'morgan' || callee.module === 'koa-morgan') && callee.path.length === 0) {
      // morgan('combined', { stream }) or morgan({ stream })
      for (const argument of call.arguments) {
        const stream = propertyValue(objectOf(this.context, argument), 'stream');
        if (stream) this.mark(stream, 'morgan', 'morgan');
      }
    } else if (callee.module === 'pino' && (callee.path.length === 0 || (callee.path.length === 1 && (callee.path[0] === 'pino' || callee.path[0] === 'default')))) {
      // pino(options, stream) or pino(stream)
      for (const argument of call.arguments) this.mark(argument, 'logger', 'pino');
    }
  }

  private onNew(call: TSESTree.NewExpression): void {
    if (!isConsoleConstructor(this.context, call.callee)) return;
    const [first, second] = call.arguments;
    const options = objectOf(this.context, first);
    if (options) {
      for (const name of ['stdout', 'stderr']) {
        const stream = propertyValue(options, name);
        if (stream) this.mark(stream, 'console', 'console');
      }
    } else {
      if (first) this.mark(first, 'console', 'console');
      if (second) this.mark(second, 'console', 'console');
    }
  }

  /** `console.log = function (d) { logFile.write(util.format(d) + '\n') }` */
  private onAssignment(assignment: TSESTree.AssignmentExpression): void {
    if (assignment.operator !== '=' || !isConsoleOutput(this.context, assignment.left) || !isFunction(assignment.right)) return;
    const body = assignment.right.body;
    const visit = (node: Node | null | undefined, depth: number) => {
      if (!node || depth > 40) return;
      if (
        node.type === 'CallExpression' &&
        node.callee.type === 'MemberExpression' &&
        propertyName(node.callee.property, node.callee.computed) === 'write' &&
        node.callee.object.type === 'Identifier'
      ) {
        this.mark(node.callee.object, 'console', 'console');
      }
      for (const value of Object.values(node)) {
        if (value && typeof value === 'object' && value !== (node as { parent?: unknown }).parent) {
          if (Array.isArray(value)) value.forEach((child) => isNode(child) && visit(child, depth + 1));
          else if (isNode(value)) visit(value, depth + 1);
        }
      }
    };
    visit(body, 0);
  }

  /** `{ stream: logFile }` handed to a logger (winston Stream transport, bunyan streams, pino multistream). */
  private onProperty(property: TSESTree.Property): void {
    if (propertyName(property.key, property.computed) !== 'stream') return;
    let current: Node | undefined = property.parent;
    for (let depth = 0; current && depth < 6; depth++) {
      if (current.type === 'CallExpression' || current.type === 'NewExpression') {
        const callee = this.context.resolve(current.callee);
        if (callee && LOGGER_MODULES.has(callee.module)) this.mark(property.value, 'logger', callee.module);
        return;
      }
      if (current.type !== 'ObjectExpression' && current.type !== 'ArrayExpression' && current.type !== 'Property') return;
      current = current.parent;
    }
  }

  private mark(node: Node, evidence: LogStreamEvidence, logger: string): void {
    // The binding is followed now, while the walk is in the right scope; the stream itself may come later.
    let target: Node | undefined = node;
    if (target.type === 'Identifier') target = this.context.definition(target);
    if (target?.type === 'CallExpression') this.marks.push({ target, evidence, logger });
  }
}

function isNode(value: unknown): value is Node {
  return !!value && typeof (value as { type?: unknown }).type === 'string';
}

/** `*.log`, or a file in a `log`/`logs` folder. */
export function looksLikeLogFile(location: Location): boolean {
  const segments = location.segments;
  const name = segments[segments.length - 1] ?? '';
  if (/\.log$/i.test(name)) return true;
  return segments.slice(0, -1).some((segment) => /^logs?$/i.test(segment));
}

function isConsoleConstructor(context: RuleContext, callee: Node): boolean {
  const resolved = context.resolve(callee);
  if (resolved) return resolved.module === 'console' && resolved.path[resolved.path.length - 1] === 'Console';
  return (
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'console' &&
    propertyName(callee.property, callee.computed) === 'Console'
  );
}

/** `console.log`, `console.error`, ..., `process.stdout.write`, `process.stderr.write` (the globals). */
function isConsoleOutput(context: RuleContext, node: Node): boolean {
  if (node.type !== 'MemberExpression') return false;
  const key = propertyName(node.property, node.computed);
  if (node.object.type === 'Identifier' && node.object.name === 'console') return context.resolve(node.object) === undefined && ['log', 'info', 'warn', 'error', 'debug', 'trace'].includes(key ?? '');
  return (
    key === 'write' &&
    node.object.type === 'MemberExpression' &&
    node.object.object.type === 'Identifier' &&
    node.object.object.name === 'process' &&
    ['stdout', 'stderr'].includes(propertyName(node.object.property, node.object.computed) ?? '')
  );
}
