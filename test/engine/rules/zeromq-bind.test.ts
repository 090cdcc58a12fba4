import rule from '../../../src/engine/rules/zeromq-bind';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'a client connecting to a broker service', code: "const zmq = require('zeromq');\nconst sock = zmq.socket('sub');\nsock.connect('tcp://broker:5555');" },
    { name: 'in-process transport', code: "const zmq = require('zeromq');\nconst sock = new zmq.Pair();\nawait sock.bind('inproc://work');" },
    { name: 'an address from the environment', code: "const zmq = require('zeromq');\nconst sock = new zmq.Reply();\nawait sock.bind(process.env.ZMQ_BIND);" },
    { name: 'bind of something else', code: "const handler = fn.bind('tcp://*:5555');" },
    { name: 'a local module named zmq', code: "const zmq = require('./zmq');\nzmq.socket('pub').bind('tcp://*:5555');" },
  ],
  invalid: [
    {
      name: 'zeromq v6 Reply socket',
      code: "const zmq = require('zeromq');\nconst sock = new zmq.Reply();\nasync function run() {\n  await sock.bind('tcp://*:5556');\n}",
      errors: [{ messageId: 'tcp', message: "the ZeroMQ socket binds tcp://*:5556: the platform does not route this port to the container; run it as its own service behind the platform's TCP networking or use a managed broker", line: 4, column: 19 }],
    },
    {
      name: 'v5 publisher with bindSync',
      code: "var zmq = require('zeromq'),\n  sock = zmq.socket('pub');\nsock.bindSync('tcp://127.0.0.1:51316');",
      errors: [{ messageId: 'tcp', line: 3, column: 15 }],
    },
    {
      name: 'ipc endpoint of the old zmq package',
      code: "const zmq = require('zmq');\nconst sock = zmq.socket('pub');\nsock.bindSync('ipc:///tmp/pipe');",
      errors: [{ messageId: 'ipc', message: 'the ZeroMQ socket binds ipc:///tmp/pipe, a local socket file: other nodes never reach it; use a TCP endpoint of a service or a managed broker', line: 3, column: 15 }],
    },
    {
      name: 'address from a const (TypeScript, named import)',
      filename: 'src/bus.ts',
      code: "import { Publisher } from 'zeromq';\nconst ADDRESS = 'tcp://0.0.0.0:3000';\nconst pub = new Publisher();\nexport const start = () => pub.bind(ADDRESS);",
      errors: [{ messageId: 'tcp', line: 4, column: 37 }],
    },
    {
      name: 'callback-style bind',
      code: "var zmq = require('zmq');\nvar publisher = zmq.socket('pub');\npublisher.bind('tcp://*:8688', function (err) { if (err) console.log(err); });",
      errors: [{ messageId: 'tcp', line: 3, column: 16 }],
    },
  ],
});
