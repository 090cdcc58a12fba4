import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeText, describePath } from './support/describe';
import { createSourceRule } from './support/createRule';

const FILE_SYSTEM_MODULES = new Set(['fs', 'fs-extra', 'graceful-fs', 'mz/fs', 'original-fs']);

/** Write operations and the index of the argument that names the written path. */
const WRITE_TARGET_ARGUMENT: Record<string, number> = {
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

/** `fs.x`, `fs.promises.x`, `fs/promises` `x`; nothing deeper is a file-system write. */
function writeOperation(path: string[]): string | undefined {
  const name = path.length === 1 ? path[0] : path.length === 2 && path[0] === 'promises' ? path[1] : undefined;
  return name !== undefined && Object.hasOwn(WRITE_TARGET_ARGUMENT, name) ? name : undefined;
}

export default createSourceRule(
  {
    id: 'no-local-disk-write',
    category: 'local-fs-write',
    defaultSeverity: 'error',
    description: 'Writes to the local file system, which a container loses on restart and does not share between replicas.',
    messages: {
      write: '{{callee}} writes to {{target}} on the local disk: lost when the container restarts and not shared between replicas',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 4,
    fixable: false,
  },
  (context) => ({
    CallExpression(node) {
      const call = node as TSESTree.CallExpression;
      const target = context.resolve(call.callee);
      if (!target || !FILE_SYSTEM_MODULES.has(target.module)) return;
      const operation = writeOperation(target.path);
      if (!operation) return;
      const pathArgument = call.arguments[WRITE_TARGET_ARGUMENT[operation]];
      if (!pathArgument || pathArgument.type === 'SpreadElement') return;
      const written = describePath(context, pathArgument);
      if (written.temporary) return;
      context.report({ node: call, messageId: 'write', data: { callee: calleeText(context, call.callee), target: written.text } });
    },
  }),
);
