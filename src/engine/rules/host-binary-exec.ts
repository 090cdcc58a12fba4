import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ModulePath, RuleContext } from '../types';
import { calleeText } from './support/describe';
import { createSourceRule } from './support/createRule';
import { hostProgram, hostProgramOfCommandLine, imageInstalls, leadingText, unwrap } from './support/secrets-config-os';

type Node = TSESTree.Node;

/** How a process-running function takes its command: a shell command line, or an executable and its arguments. */
type Style = 'line' | 'file';

const CHILD_PROCESS: Record<string, Style> = { exec: 'line', execSync: 'line', spawn: 'file', spawnSync: 'file', execFile: 'file', execFileSync: 'file' };

function styleOf(target: ModulePath): Style | undefined {
  const path = target.path[0] === 'default' ? target.path.slice(1) : target.path;
  const joined = path.join('.');
  switch (target.module) {
    case 'child_process':
    case 'child-process-promise':
    case 'child-process-async':
      return path.length === 1 ? CHILD_PROCESS[path[0]] : undefined;
    case 'execa':
      if (joined === '' || joined === 'execa' || joined === 'execaSync' || joined === 'sync' || joined === 'node') return joined === 'node' ? undefined : 'file';
      if (joined === 'command' || joined === 'commandSync' || joined === 'execaCommand' || joined === 'execaCommandSync') return 'line';
      return undefined;
    case 'cross-spawn':
      return joined === '' || joined === 'sync' || joined === 'spawn' ? 'file' : undefined;
    case 'shelljs':
      return joined === 'exec' ? 'line' : joined === 'which' ? 'file' : undefined;
    case 'node-cmd':
      return joined === 'run' || joined === 'runSync' || joined === 'get' ? 'line' : undefined;
    case 'sudo-prompt':
      return joined === 'exec' ? 'line' : undefined;
    default:
      return undefined;
  }
}

const SHELLS = /^(sh|bash|zsh|dash|cmd|cmd\.exe|powershell|powershell\.exe|pwsh)$/i;

export default createSourceRule(
  {
    id: 'host-binary-exec',
    // The process-running modules of styleOf and the `$` of execa and zx are imported by name.
    triggers: /child_process|child-process|execa|cross-spawn|shelljs|node-cmd|sudo-prompt|\bzx\b/,
    category: 'os-coupling',
    defaultSeverity: 'warning',
    description: 'The code runs a program of the host (ffmpeg, convert, wkhtmltopdf, soffice, git, sudo, powershell, ...) through child_process, execa, cross-spawn or shelljs, which a plain container image does not have.',
    messages: {
      run: '{{callee}} runs {{program}}, a program of the host: a Node.js container image does not have it; install it in the image or replace it with a library',
      which: '{{callee}} looks for {{program}} on the host: a Node.js container image does not have it; install it in the image or replace it with a library',
    },
    strategies: ['rehost', 'replatform'],
    effort: 2,
    fixable: false,
  },
  (context) => {
    /** `const run = util.promisify(exec)` and similar wrappers, by the wrapped function's style. */
    const wrapped = (callee: Node): ModulePath | undefined => {
      const inner = unwrap(callee);
      if (inner.type !== 'Identifier') return undefined;
      const definition = context.definition(inner);
      if (definition?.type !== 'CallExpression') return undefined;
      const wrapper = context.resolve(definition.callee);
      const [wrappedFunction] = definition.arguments;
      if (!wrapper || wrapper.module !== 'util' || wrapper.path[wrapper.path.length - 1] !== 'promisify' || !wrappedFunction || wrappedFunction.type === 'SpreadElement') return undefined;
      return context.resolve(wrappedFunction);
    };

    const programOf = (call: TSESTree.CallExpression, style: Style): { program: string; literal: Node } | undefined => {
      const [first, second] = call.arguments;
      if (!first || first.type === 'SpreadElement') return undefined;
      const head = leadingText(context, first);
      if (!head) return undefined;
      if (style === 'line') {
        const program = hostProgramOfCommandLine(head.text);
        return program ? { program, literal: head.literal } : undefined;
      }
      const executable = head.text.trim();
      const options = call.arguments.find((argument) => argument.type === 'ObjectExpression') as TSESTree.ObjectExpression | undefined;
      const shell = options?.properties.some((property) => property.type === 'Property' && property.key.type === 'Identifier' && property.key.name === 'shell' && !(property.value.type === 'Literal' && property.value.value === false));
      if (shell || /\s/.test(executable)) {
        const program = hostProgramOfCommandLine(executable);
        return program ? { program, literal: head.literal } : undefined;
      }
      // spawn('sh', ['-c', 'ffmpeg …']): the command line is what runs.
      if (/^(sh|bash|zsh|dash)$/.test(executable) && second?.type === 'ArrayExpression') {
        const flag = second.elements.findIndex((element) => element?.type === 'Literal' && (element.value === '-c' || element.value === '-lc'));
        const line = flag >= 0 ? second.elements[flag + 1] : undefined;
        const text = line && line.type !== 'SpreadElement' ? leadingText(context, line) : undefined;
        const program = text && hostProgramOfCommandLine(text.text);
        return program ? { program, literal: text.literal } : undefined;
      }
      const program = hostProgram(executable);
      return program ? { program, literal: head.literal } : SHELLS.test(executable) && !/^(sh|bash|zsh|dash)$/.test(executable) ? { program: executable, literal: head.literal } : undefined;
    };

    const check = (call: TSESTree.CallExpression, target: ModulePath | undefined) => {
      if (!target) return;
      const style = styleOf(target);
      if (!style) return;
      const found = programOf(call, style);
      if (!found || imageInstalls(context, found.program)) return;
      const isWhich = target.module === 'shelljs' && target.path[target.path.length - 1] === 'which';
      const inside = found.literal.range[0] >= call.range[0] && found.literal.range[1] <= call.range[1];
      context.report({
        node: found.literal,
        messageId: isWhich ? 'which' : 'run',
        data: { callee: calleeText(context, call.callee), program: found.program },
        related: inside ? [] : [{ node: call, message: 'the process is started here' }],
      });
    };

    return {
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        const target = context.resolve(call.callee);
        check(call, target && styleOf(target) ? target : wrapped(call.callee));
      },
      TaggedTemplateExpression(node) {
        // execa / zx: $`ffmpeg -i ${file}`
        const tagged = node as TSESTree.TaggedTemplateExpression;
        const target = context.resolve(tagged.tag);
        if (!target || !((target.module === 'execa' && target.path.join('.') === '$') || (target.module === 'zx' && target.path.join('.') === '$'))) return;
        const program = hostProgramOfCommandLine(tagged.quasi.quasis[0].value.cooked ?? '');
        if (program && !imageInstalls(context, program)) context.report({ node: tagged.quasi, messageId: 'run', data: { callee: '$', program } });
      },
    };
  },
);

export function isProcessCall(context: RuleContext, call: TSESTree.CallExpression): boolean {
  const target = context.resolve(call.callee);
  return !!target && styleOf(target) !== undefined;
}
