import rule from '../../../src/engine/rules/no-local-disk-write';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'a local function named writeFile is not fs', code: "function writeFile(p, d) { return db.save(p, d); }\nwriteFile('./uploads/a.png', data);" },
    { name: 'a parameter named fs shadows the module', code: "const fs = require('fs');\nfunction save(fs) { fs.writeFileSync('./out.txt', 'x'); }" },
    { name: 'reads are not writes', code: "const fs = require('fs');\nfs.readFileSync('./data.json');" },
    { name: 'writes under os.tmpdir()', code: "const fs = require('fs');\nconst os = require('os');\nconst path = require('path');\nfs.writeFileSync(path.join(os.tmpdir(), 'export.csv'), csv);" },
    { name: 'writes to a temp path held in a const', code: "import { writeFile } from 'node:fs/promises';\nimport { tmpdir } from 'node:os';\nimport { join } from 'node:path';\nconst file = join(tmpdir(), 'x.csv');\nawait writeFile(file, '');" },
    { name: 'writes to /tmp', code: "require('fs').writeFileSync('/tmp/cache.json', '{}');" },
    { name: 'build scripts are not runtime', filename: 'webpack.config.js', code: "const fs = require('fs');\nfs.writeFileSync('./dist/stats.json', stats);" },
    { name: 'scripts/ folder is tooling', filename: 'scripts/seed.js', code: "const fs = require('fs');\nfs.writeFileSync('./data/seed.json', '[]');" },
    { name: 'test files are not runtime', filename: 'test/upload.test.js', code: "const fs = require('fs');\nfs.writeFileSync('./fixtures/out.png', '');" },
    { name: 'an unrelated module with the same method', code: "const storage = require('./storage');\nstorage.writeFile('./uploads/a.png', data);" },
    // A stream that only holds a log file is reported once, by log-to-file (category file-logging).
    { name: 'a write stream to a *.log file belongs to log-to-file', code: "const fs = require('fs');\nconst out = fs.createWriteStream(__dirname + '/debug.log', { flags: 'a' });" },
    { name: "morgan's stream belongs to log-to-file, whatever the file is called", code: "const fs = require('fs');\nconst morgan = require('morgan');\nconst access = fs.createWriteStream('./access.txt', { flags: 'a' });\napp.use(morgan('combined', { stream: access }));" },
    { name: 'console redirected to a file stream belongs to log-to-file', code: "const fs = require('fs');\nconst file = fs.createWriteStream('./console.txt');\nconsole.log = (line) => file.write(line + '\\n');" },
  ],
  invalid: [
    {
      name: 'fs.writeFileSync from require',
      code: "const fs = require('fs');\nfs.writeFileSync('./uploads/avatar.png', data);",
      errors: [{ messageId: 'write', message: 'fs.writeFileSync writes to ./uploads/avatar.png on the local disk: lost when the container restarts and not shared between replicas', line: 2, column: 1, endLine: 2, endColumn: 47 }],
    },
    {
      name: 'named import from node:fs/promises',
      filename: 'src/store.ts',
      code: "import { writeFile } from 'node:fs/promises';\nexport async function save(name: string) {\n  await writeFile(`data/${name}.json`, '{}');\n}",
      errors: [{ message: /^writeFile writes to \.\/data\/<name>\.json on the local disk/, line: 3, column: 9 }],
    },
    {
      name: 'destructured promises alias',
      code: "const { promises: fsp } = require('fs');\nfsp.appendFile('orders.log', line);",
      errors: [{ message: /^fsp\.appendFile writes to \.\/orders\.log/, line: 2 }],
    },
    {
      name: 'fs.promises through a member chain and a const alias',
      code: "const fs = require('node:fs');\nconst p = fs.promises;\np.writeFile('state.json', s);",
      errors: [{ message: /^p\.writeFile writes to \.\/state\.json/ }],
    },
    {
      name: 'path.join with __dirname resolves against the file folder',
      filename: 'routes/uploads.js',
      code: "const fs = require('fs');\nconst path = require('path');\nfs.createWriteStream(path.join(__dirname, '..', 'public', 'uploads', name));",
      errors: [{ message: /writes to \.\/public\/uploads\/<name> /, line: 3, column: 1 }],
    },
    {
      name: 'fs-extra outputJson and the destination of copyFile',
      code: "const fse = require('fs-extra');\nconst fs = require('fs');\nfse.outputJson('./db/users.json', users);\nfs.copyFileSync(src, './backups/db.json');",
      errors: [{ message: /^fse\.outputJson writes to \.\/db\/users\.json/, line: 3 }, { message: /^fs\.copyFileSync writes to \.\/backups\/db\.json/, line: 4 }],
    },
    {
      name: 'default import and a folded constant path',
      filename: 'src/app.mjs',
      code: "import fs from 'fs';\nconst DIR = './uploads';\nfs.mkdirSync(`${DIR}/avatars`, { recursive: true });",
      errors: [{ message: /^fs\.mkdirSync writes to \.\/uploads\/avatars /, line: 3 }],
    },
    {
      name: 'a data stream is still a write when a log stream sits beside it',
      code: "const fs = require('fs');\nconst log = fs.createWriteStream('./logs/app.log');\nconst csv = fs.createWriteStream('./exports/orders.csv');",
      errors: [{ message: /^fs\.createWriteStream writes to \.\/exports\/orders\.csv /, line: 3, column: 13 }],
    },
    {
      name: 'a shared sink is reported where it writes, once',
      code: "const fs = require('fs');\nfunction save(name, data) { fs.writeFileSync(name, data); }\nsave('a.txt', 1);\nsave('b.txt', 2);",
      errors: [{ message: /^fs\.writeFileSync writes to <name> /, line: 2, column: 29 }],
    },
  ],
});
