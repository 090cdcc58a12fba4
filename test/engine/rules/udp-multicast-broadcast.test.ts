import rule from '../../../src/engine/rules/udp-multicast-broadcast';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'unicast UDP', code: "const dgram = require('dgram');\nconst s = dgram.createSocket('udp4');\ns.send(msg, 8125, 'statsd');" },
    { name: 'broadcast switched off', code: "const dgram = require('dgram');\nconst s = dgram.createSocket('udp4');\ns.setBroadcast(false);" },
    { name: 'a method of the same name on something else with a unicast address', code: "group.addMembership('10.0.0.4');" },
    { name: 'DNS over the platform resolver', code: "const dns = require('dns');\ndns.lookup('orders', cb);" },
    { name: 'a local module named like a discovery package', code: "const mdns = require('./mdns');" },
    { name: 'test files', filename: 'test/discovery.test.js', code: "const bonjour = require('bonjour')();" },
  ],
  invalid: [
    {
      name: 'multicast membership in the bind callback',
      code: "const dgram = require('dgram');\nvar s = dgram.createSocket('udp4');\ns.bind(1234, function () {\n  s.addMembership('224.0.0.114');\n});",
      errors: [{ messageId: 'membership', message: "the UDP socket joins multicast group 224.0.0.114: container networks do not carry multicast between nodes; use a message broker or the platform's service discovery", line: 4, column: 3 }],
    },
    {
      name: 'group from a const (ESM)',
      filename: 'src/mcast.mjs',
      code: "import dgram from 'node:dgram';\nconst GROUP = '239.255.50.10';\nconst socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });\nsocket.on('listening', () => socket.addMembership(GROUP));",
      errors: [{ messageId: 'membership', message: /joins multicast group 239\.255\.50\.10/, line: 4, column: 30 }],
    },
    {
      name: 'broadcast',
      code: "const dgram = require('dgram');\nconst s = dgram.createSocket('udp4');\ns.bind(() => s.setBroadcast(true));",
      errors: [{ messageId: 'broadcast', message: "the UDP socket sends broadcasts: container networks do not carry broadcast between nodes; use a message broker or the platform's service discovery", line: 3, column: 14 }],
    },
    {
      name: 'a multicast address on a socket that cannot be resolved',
      code: "function join(sock) {\n  sock.addMembership('239.1.1.1');\n}",
      errors: [{ messageId: 'membership', line: 2, column: 3 }],
    },
    {
      name: 'peer discovery over multicast DNS (TypeScript)',
      filename: 'src/discovery.ts',
      code: "import Bonjour from 'bonjour-service';\nimport mdns = require('multicast-dns');\nexport const b = new Bonjour();",
      errors: [
        { messageId: 'discovery', message: "bonjour-service discovers peers over Bonjour (multicast DNS): container networks do not carry multicast between nodes; use the platform's service discovery (DNS names of services)", line: 1, column: 21 },
        { messageId: 'discovery', message: /^multicast-dns discovers peers over multicast DNS/, line: 2, column: 23 },
      ],
    },
  ],
});
