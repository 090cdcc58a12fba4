import { readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Why: dependency-cruiser is ESM and imports TypeScript (a 9 MB CommonJS file) with `import()` as it loads,
 * whatever the tree holds. Node imports CommonJS from ESM by compiling the file once to tell whether it is an
 * ES module, scanning it for the names it exports, then compiling it again to run it: more than half a second
 * of every `cloudward graph` (and of every `depcruise` run). `require` compiles it once. So in the CLI's process
 * a resolution hook answers dependency-cruiser's `import('typescript')` with a one-line ES module that
 * `require`s the very file the import would have loaded: the same module instance (require's cache), and
 * dependency-cruiser only uses the default export, which is `module.exports` either way.
 */

export interface ResolveContext {
  parentURL?: string;
  conditions?: readonly string[];
}

export interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}

export interface NodeApis {
  readFileSync: typeof readFileSync;
  path: typeof path;
  fileURLToPath: typeof fileURLToPath;
}

/**
 * What an import resolves to once the hook has seen it: `resolved` (Node's own answer) unchanged, except for
 * an `import` of the bare name `typescript` from inside dependency-cruiser's package that resolved to a
 * CommonJS file. Self-contained, and without inner functions (a build that keeps function names would wrap
 * them in a helper defined elsewhere): its source text is also the hook module given to `module.register`
 * on Node versions without `module.registerHooks`.
 */
export function redirectTypescriptImport(specifier: string, context: ResolveContext, resolved: ResolveResult, node: NodeApis): ResolveResult {
  const fromDependencyCruiser = /[\\/]node_modules[\\/]dependency-cruiser[\\/]/;
  const parent = context.parentURL?.startsWith('file:') ? node.fileURLToPath(context.parentURL) : '';
  if (specifier !== 'typescript' || !fromDependencyCruiser.test(parent) || !(context.conditions ?? []).includes('import')) return resolved;
  if (!resolved.url.startsWith('file:')) return resolved;
  const file = node.fileURLToPath(resolved.url);
  let commonJs = resolved.format === 'commonjs' || ((resolved.format === undefined || resolved.format === null) && file.endsWith('.cjs'));
  if ((resolved.format === undefined || resolved.format === null) && file.endsWith('.js')) {
    // The nearest package.json decides, as it does for Node: no "type" (or "commonjs") is CommonJS.
    let type: unknown = 'unknown';
    for (let folder = node.path.dirname(file); ; folder = node.path.dirname(folder)) {
      try {
        type = (JSON.parse(node.readFileSync(node.path.join(folder, 'package.json'), 'utf8')) as { type?: unknown }).type;
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'ENOENT' || node.path.dirname(folder) === folder) break;
      }
    }
    commonJs = type === undefined || type === 'commonjs';
  }
  if (!commonJs) return resolved;
  const facade = `import { createRequire } from 'node:module';\nexport default createRequire(${JSON.stringify(file)})(${JSON.stringify(file)});\n`;
  return { url: `data:text/javascript,${encodeURIComponent(facade)}`, format: 'module', shortCircuit: true };
}

/** The hook as an ES module's text, for `module.register` (off-thread, asynchronous hooks). */
export function typescriptHookModule(): string {
  return [
    "import { readFileSync } from 'node:fs';",
    "import * as path from 'node:path';",
    "import { fileURLToPath } from 'node:url';",
    `const redirectTypescriptImport = ${redirectTypescriptImport.toString()};`,
    'export async function resolve(specifier, context, nextResolve) {',
    '  return redirectTypescriptImport(specifier, context, await nextResolve(specifier, context), { readFileSync, path, fileURLToPath });',
    '}',
    '',
  ].join('\n');
}

type RegisterHooks = (hooks: { resolve: (specifier: string, context: ResolveContext, nextResolve: (specifier: string, context: ResolveContext) => ResolveResult) => ResolveResult }) => unknown;

let installed = false;

/**
 * Installs the hook for this process: the CLI's, never the editor's (a hook applies to every import of the
 * process). Call it before dependency-cruiser is first imported. In-thread hooks (`module.registerHooks`)
 * where Node has them, `module.register` before that; without either, the import stays as it is: slower,
 * the same result.
 */
export function loadTypescriptByRequireInDependencyCruiser(): void {
  if (installed) return;
  installed = true;
  const registerHooks = (nodeModule as unknown as { registerHooks?: RegisterHooks }).registerHooks;
  if (typeof registerHooks === 'function') {
    registerHooks({ resolve: (specifier, context, nextResolve) => redirectTypescriptImport(specifier, context, nextResolve(specifier, context), { readFileSync, path, fileURLToPath }) });
  } else if (typeof nodeModule.register === 'function') {
    nodeModule.register(`data:text/javascript,${encodeURIComponent(typescriptHookModule())}`);
  }
}
