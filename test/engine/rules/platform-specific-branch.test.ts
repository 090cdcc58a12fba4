import rule from '../../../src/engine/rules/platform-specific-branch';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'a portable choice between Windows and the rest', code: "const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';" },
    { name: 'Windows-only extra step', code: "if (process.platform === 'win32') {\n  command += '.cmd';\n}" },
    { name: 'a chain with an else for everything else', code: "const os = require('os');\nif (os.platform() === 'win32') {\n  openWith('start');\n} else if (os.platform() === 'darwin') {\n  openWith('open');\n} else {\n  openWith('xdg-open');\n}" },
    { name: 'a chain that handles Linux', code: "if (process.platform === 'darwin') {\n  a();\n} else if (process.platform === 'linux') {\n  b();\n}" },
    { name: 'a test of something else', code: "if (platform === 'win32') { a(); } else if (platform === 'darwin') { b(); }" },
    { name: 'a guard that only warns', code: "if (process.platform !== 'win32') {\n  console.warn('printing is only supported on Windows');\n}" },
  ],
  invalid: [
    {
      name: 'Windows and macOS only, through a const (govPredict)',
      code: "const os = require('os');\nconst platform = os.platform();\nif (platform === 'win32') {\n  command = 'start http://localhost:1337';\n} else if (platform === 'darwin') {\n  command = 'open http://localhost:1337';\n}",
      errors: [{ messageId: 'noLinux', message: 'this platform switch only handles Windows and macOS: in a Linux container no branch runs; add the Linux behaviour or remove the host-specific code', line: 3, column: 5 }],
    },
    {
      name: 'Windows-only application guard',
      code: "if (process.platform !== 'win32') {\n  console.error('This service runs on Windows only');\n  process.exit(1);\n}",
      errors: [{ messageId: 'guard', message: 'the code stops unless it runs on Windows: it cannot start in a Linux container', line: 1, column: 5 }],
    },
    {
      name: 'guard that throws, through a named test (TypeScript)',
      filename: 'src/service.ts',
      code: "import { platform } from 'node:os';\nconst isWindows = platform() === 'win32';\nif (!isWindows) throw new Error('Windows required');",
      errors: [{ messageId: 'guard', line: 3, column: 5 }],
    },
    {
      name: 'os.type() values',
      code: "const os = require('os');\nif (os.type() === 'Windows_NT') {\n  useRegistry();\n} else if (os.type() === 'Darwin') {\n  usePlist();\n}",
      errors: [{ messageId: 'noLinux', message: /only handles Windows and macOS/, line: 2, column: 5 }],
    },
    {
      name: 'regular expression test on process.platform',
      code: "if (/^win/.test(process.platform)) {\n  a();\n} else if (process.platform === 'darwin') {\n  b();\n}",
      errors: [{ messageId: 'noLinux', line: 1, column: 5 }],
    },
  ],
});
