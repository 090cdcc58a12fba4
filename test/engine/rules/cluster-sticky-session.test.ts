import rule from '../../../src/engine/rules/cluster-sticky-session';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'a plain cluster without stickiness', code: "const cluster = require('cluster');\nif (cluster.isPrimary) cluster.fork();\nelse server.listen(process.env.PORT);" },
    { name: 'a server listening on its own', code: "const http = require('http');\nhttp.createServer(app).listen(process.env.PORT);" },
    { name: 'the worker side of @socket.io/sticky', code: "const { setupWorker } = require('@socket.io/sticky');\nsetupWorker(io);" },
    { name: 'a local function called sticky', code: "function sticky(server) { return server; }\nsticky(server).listen(3000);" },
    { name: 'build tooling', filename: 'scripts/cluster.js', code: "const sticky = require('sticky-session');\nsticky.listen(server, 3000);" },
  ],
  invalid: [
    {
      name: 'sticky-session 1.x listen (CommonJS)',
      code: "var sticky = require('sticky-session');\nif (!sticky.listen(server, port)) {\n  server.once('listening', () => {});\n}",
      errors: [
        {
          messageId: 'sticky',
          message:
            "sticky-session pins each client to one cluster worker because state lives in that worker's memory: separate containers do not share the pinning, so that state must move to a shared store",
          line: 2,
          column: 6,
          endColumn: 33,
        },
      ],
    },
    {
      name: 'sticky-session 0.x wrapping a factory, reported once',
      code: "var sticky = require('sticky-session');\nsticky(function () {\n  return require('./app').server;\n}).listen(3000);",
      errors: [{ messageId: 'sticky', line: 2, column: 1 }],
    },
    {
      name: '@socket.io/sticky setupMaster (ESM)',
      filename: 'src/primary.mjs',
      code: "import { setupMaster } from '@socket.io/sticky';\nsetupMaster(httpServer, { loadBalancingMethod: 'least-connection' });",
      errors: [{ message: /^@socket\.io\/sticky pins each client/, line: 2, column: 1 }],
    },
    {
      name: 'sticky-cluster called with options (TypeScript)',
      filename: 'src/cluster.ts',
      code: "const start = require('sticky-cluster');\nstart((callback: (server: unknown) => void) => callback(server), { concurrency: 4, port: 3000 });",
      errors: [{ message: /^sticky-cluster pins each client/, line: 2, column: 1 }],
    },
    {
      name: 'sticky-listen balancer in front of recluster',
      code: "const sticky = require('sticky-listen');\nconst balancer = sticky.createBalancer({ activeWorkers: cluster.activeWorkers, maxRetries: 5 });",
      errors: [{ message: /^sticky-listen pins each client/, line: 2, column: 18 }],
    },
  ],
});
