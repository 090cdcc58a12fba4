import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { createSourceRule } from './support/createRule';
import { calledMethod, moduleImportListeners } from './support/secrets-config-os';
import { packageOf } from '../core/packageName';

/** Service discovery over multicast DNS or SSDP. */
const DISCOVERY: Record<string, string> = {
  'multicast-dns': 'multicast DNS',
  bonjour: 'Bonjour (multicast DNS)',
  'bonjour-service': 'Bonjour (multicast DNS)',
  'bonjour-hap': 'Bonjour (multicast DNS)',
  mdns: 'multicast DNS',
  'mdns-js': 'multicast DNS',
  dnssd: 'DNS-SD (multicast DNS)',
  '@homebridge/ciao': 'multicast DNS',
  'node-ssdp': 'SSDP (UDP multicast)',
  'peer-ssdp': 'SSDP (UDP multicast)',
};

const MULTICAST_ADDRESS = /^(22[4-9]|23\d)\.\d{1,3}\.\d{1,3}\.\d{1,3}$|^ff[0-9a-f]{2}:/i;

export default createSourceRule(
  {
    id: 'udp-multicast-broadcast',
    category: 'raw-socket-ipc',
    defaultSeverity: 'error',
    description: 'The code joins a UDP multicast group, sends UDP broadcasts, or discovers peers over multicast DNS or SSDP, none of which crosses the network of a container platform.',
    messages: {
      membership: 'the UDP socket joins multicast group {{group}}: container networks do not carry multicast between nodes; use a message broker or the platform\'s service discovery',
      broadcast: 'the UDP socket sends broadcasts: container networks do not carry broadcast between nodes; use a message broker or the platform\'s service discovery',
      discovery: '{{module}} discovers peers over {{protocol}}: container networks do not carry multicast between nodes; use the platform\'s service discovery (DNS names of services)',
    },
    strategies: ['replatform', 'refactor'],
    effort: 4,
    fixable: false,
    triggers: /dgram|bonjour|mdns|ssdp|ciao|multicast|broadcast|membership/i,
  },
  (context) => {
    const seen = new Set<string>();
    const imports = moduleImportListeners((specifier, node) => {
      const name = packageOf(specifier);
      const protocol = DISCOVERY[name];
      if (!protocol || seen.has(name)) return;
      seen.add(name);
      context.report({ node, messageId: 'discovery', data: { module: name, protocol } });
    });
    return {
      ...imports,
      CallExpression(node) {
        imports.CallExpression(node);
        const call = node as TSESTree.CallExpression;
        const method = calledMethod(call);
        if (!method || call.callee.type !== 'MemberExpression') return;
        const receiver = context.resolve(call.callee.object);
        const isDgram = receiver?.module === 'dgram';
        if (method === 'addMembership' || method === 'addSourceSpecificMembership') {
          const groupArgument = call.arguments[method === 'addMembership' ? 0 : 1];
          const folded = groupArgument && groupArgument.type !== 'SpreadElement' ? context.fold(groupArgument) : undefined;
          const group = folded && typeof folded.value === 'string' ? folded.value : undefined;
          if (isDgram || (group && MULTICAST_ADDRESS.test(group))) context.report({ node: call, messageId: 'membership', data: { group: group ?? 'of the argument' } });
        }
        if (method === 'setBroadcast' && isDgram) {
          const [flag] = call.arguments;
          if (!(flag?.type === 'Literal' && flag.value === false)) context.report({ node: call, messageId: 'broadcast' });
        }
      },
    };
  },
);
