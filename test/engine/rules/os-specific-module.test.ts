import rule from '../../../src/engine/rules/os-specific-module';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'portable modules', code: "const os = require('os');\nconst path = require('path');\nconst pm2 = require('pm2');" },
    { name: 'a local module with the same name', code: "const winreg = require('./winreg');" },
    { name: 'a type-only import', filename: 'src/types.ts', code: "import type { Registry } from 'winreg';\nexport type Key = Registry;" },
    { name: 'names that only start like one', code: "const win = require('windows-1252');\nconst edger = require('edge-paths');" },
    { name: 'build scripts', filename: 'scripts/install-service.js', code: "const Service = require('node-windows').Service;" },
  ],
  invalid: [
    {
      name: 'node-windows service install',
      code: "const Service = require('node-windows').Service;\nconst svc = new Service({ name: 'Shop', script: 'server.js' });",
      errors: [{ messageId: 'module', message: 'node-windows only works on Windows: it cannot run in a Linux container; replace what it does (service install, registry, COM, scripting) with a portable equivalent', line: 1, column: 25 }],
    },
    {
      name: 'Windows registry through ESM',
      filename: 'src/license.mjs',
      code: "import Registry from 'winreg';\nconst key = new Registry({ hive: Registry.HKLM, key: '\\\\Software\\\\Shop' });",
      errors: [{ messageId: 'module', message: /^winreg only works on Windows/, line: 1, column: 22 }],
    },
    {
      name: '.NET through edge-js and PowerShell (TypeScript import =)',
      filename: 'src/bridge.ts',
      code: "import edge = require('edge-js');\nimport { PowerShell } from 'node-powershell';\nexport { edge, PowerShell };",
      errors: [
        { messageId: 'module', message: /^edge-js only works on Windows \(\.NET\)/, line: 1, column: 23 },
        { messageId: 'module', message: /^node-powershell only works on Windows/, line: 2, column: 28 },
      ],
    },
    {
      name: 'AppleScript',
      code: "const runApplescript = require('run-applescript');\nrunApplescript('tell application \"Finder\" to activate');",
      errors: [{ messageId: 'module', message: /^run-applescript only works on macOS/, line: 1, column: 32 }],
    },
    {
      name: 'one finding per module, subpath imports included',
      code: "const a = require('windows-service/lib/service');\nconst b = require('windows-service');",
      errors: [{ messageId: 'module', message: /^windows-service only works on Windows/, line: 1, column: 19 }],
    },
  ],
});
