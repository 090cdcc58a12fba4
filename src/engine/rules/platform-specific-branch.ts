import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { createSourceRule } from './support/createRule';
import { unwrap } from './support/secrets-config-os';

type Node = TSESTree.Node;

const PLATFORM_VALUES: Record<string, string> = { win32: 'Windows', darwin: 'macOS', windows_nt: 'Windows', aix: 'AIX', sunos: 'SunOS', freebsd: 'FreeBSD', openbsd: 'OpenBSD', linux: 'Linux' };

export default createSourceRule(
  {
    id: 'platform-specific-branch',
    // process.platform, os.platform() and os.type(): the property or imported name is written out.
    triggers: /platform|type/,
    category: 'os-coupling',
    defaultSeverity: 'warning',
    description: 'Code that branches on the host operating system (process.platform, os.platform(), os.type()) has no path for Linux, or refuses to run outside Windows or macOS.',
    messages: {
      noLinux: 'this platform switch only handles {{platforms}}: in a Linux container no branch runs; add the Linux behaviour or remove the host-specific code',
      guard: 'the code stops unless it runs on {{platforms}}: it cannot start in a Linux container',
    },
    strategies: ['rehost', 'replatform'],
    effort: 2,
    fixable: false,
  },
  (context) => {
    /** Names bound to the platform (`const platform = os.platform()`) or to a platform test (`const isWindows = process.platform === 'win32'`). */
    const platformNames = new Set<string>();
    const platformTests = new Map<string, { platform: string; equal: boolean }>();

    const isPlatformExpression = (node: Node): boolean => {
      const inner = unwrap(node);
      if (inner.type === 'Identifier') return platformNames.has(inner.name);
      if (inner.type === 'MemberExpression' && !inner.computed && inner.property.type === 'Identifier' && inner.property.name === 'platform' && inner.object.type === 'Identifier' && inner.object.name === 'process') return true;
      if (inner.type === 'CallExpression') {
        const target = context.resolve(inner.callee);
        return !!target && target.module === 'os' && (target.path[target.path.length - 1] === 'platform' || target.path[target.path.length - 1] === 'type');
      }
      return false;
    };

    /** The platform a test checks for, and whether it is true on that platform. */
    const platformTest = (node: Node): { platform: string; equal: boolean } | undefined => {
      const inner = unwrap(node);
      if (inner.type === 'UnaryExpression' && inner.operator === '!') {
        const test = platformTest(inner.argument);
        return test && { platform: test.platform, equal: !test.equal };
      }
      if (inner.type === 'Identifier') return platformTests.get(inner.name);
      if (inner.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(inner.operator)) {
        const [expression, literal] = isPlatformExpression(inner.left) ? [inner.left, inner.right] : isPlatformExpression(inner.right) ? [inner.right, inner.left] : [undefined, undefined];
        if (!expression || literal?.type !== 'Literal' || typeof literal.value !== 'string') return undefined;
        const platform = literal.value.toLowerCase();
        if (!PLATFORM_VALUES[platform]) return undefined;
        return { platform, equal: inner.operator === '===' || inner.operator === '==' };
      }
      // /^win/.test(process.platform), process.platform.startsWith('win')
      if (inner.type === 'CallExpression' && inner.callee.type === 'MemberExpression' && !inner.callee.computed && inner.callee.property.type === 'Identifier') {
        const method = inner.callee.property.name;
        const [argument] = inner.arguments;
        if (method === 'test' && inner.callee.object.type === 'Literal' && 'regex' in inner.callee.object && argument && argument.type !== 'SpreadElement' && isPlatformExpression(argument) && /win/i.test(inner.callee.object.regex.pattern)) return { platform: 'win32', equal: true };
        if (method === 'startsWith' && isPlatformExpression(inner.callee.object) && argument?.type === 'Literal' && argument.value === 'win') return { platform: 'win32', equal: true };
      }
      return undefined;
    };

    const stops = (statement: Node | null | undefined): boolean => {
      if (!statement) return false;
      const body = statement.type === 'BlockStatement' ? statement.body : [statement];
      return body.some((inner) => {
        if (inner.type === 'ThrowStatement') return true;
        if (inner.type !== 'ExpressionStatement' || inner.expression.type !== 'CallExpression') return false;
        const callee = inner.expression.callee;
        return callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' && callee.object.name === 'process' && callee.property.type === 'Identifier' && callee.property.name === 'exit';
      });
    };

    return {
      VariableDeclarator(node) {
        const declarator = node as TSESTree.VariableDeclarator;
        if (declarator.id.type !== 'Identifier' || !declarator.init) return;
        if (isPlatformExpression(declarator.init)) platformNames.add(declarator.id.name);
        else {
          const test = platformTest(declarator.init);
          if (test) platformTests.set(declarator.id.name, test);
        }
      },
      IfStatement(node) {
        const statement = node as TSESTree.IfStatement;
        // Judge each chain once, from its head.
        if (statement.parent?.type === 'IfStatement' && statement.parent.alternate === statement) return;
        const first = platformTest(statement.test);
        if (!first) return;
        if (!first.equal && first.platform !== 'linux' && stops(statement.consequent)) {
          context.report({ node: statement.test, messageId: 'guard', data: { platforms: PLATFORM_VALUES[first.platform] } });
          return;
        }
        const platforms: string[] = [];
        let current: TSESTree.Statement | null = statement;
        while (current && current.type === 'IfStatement') {
          const test = platformTest(current.test);
          if (!test || !test.equal || test.platform === 'linux') return;
          platforms.push(PLATFORM_VALUES[test.platform]);
          current = current.alternate;
        }
        if (current === null && platforms.length >= 2) context.report({ node: statement.test, messageId: 'noLinux', data: { platforms: [...new Set(platforms)].join(' and ') } });
      },
    };
  },
);
