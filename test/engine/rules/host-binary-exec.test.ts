import rule from '../../../src/engine/rules/host-binary-exec';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'fork of a Node.js script', code: "const { fork } = require('child_process');\nfork(`${__dirname}/child.js`);" },
    { name: 'node itself and npm', code: "const { spawn, execSync } = require('child_process');\nspawn(process.execPath, ['worker.js']);\nspawn('node', ['worker.js']);\nexecSync('npm run migrate');" },
    { name: 'coreutils every container has', code: "const { exec } = require('child_process');\nexec('ls -la && mkdir -p tmp && rm -rf tmp/cache');" },
    { name: 'a binary shipped by an npm package', code: "const { spawn } = require('child_process');\nconst ffmpegPath = require('ffmpeg-static');\nspawn(ffmpegPath, ['-i', 'in.mp4', 'out.webm']);" },
    { name: 'a command that cannot be followed', code: "const { exec } = require('child_process');\nexec(command);" },
    { name: 'a local function named exec', code: "function exec(sql) { return db.query(sql); }\nexec('convert table');" },
    { name: 'a script shipped with the app', code: "const { execFile } = require('child_process');\nexecFile('./bin/resize.sh', [file]);" },
    { name: 'build scripts run on the developer machine', filename: 'scripts/release.js', code: "const { execSync } = require('child_process');\nexecSync('git tag v1.2.3');" },
  ],
  invalid: [
    {
      name: 'spawn of ffmpeg',
      code: "var spawn = require('child_process').spawn;\nvar worker = spawn('ffmpeg', args);",
      errors: [{ messageId: 'run', message: 'spawn runs ffmpeg, a program of the host: a Node.js container image does not have it; install it in the image or replace it with a library', line: 2, column: 20, endColumn: 28 }],
    },
    {
      name: 'exec of a template command line',
      code: "const { exec } = require('node:child_process');\nexec(`convert ${input} -resize 640x ${output}`, done);",
      errors: [{ messageId: 'run', message: /^exec runs convert, a program of the host/, line: 2, column: 6 }],
    },
    {
      name: 'deploy hook: the first program a container lacks',
      code: "var cp = require('child_process');\napp.all('/deploy', (req, res) => {\n  var r = cp.execSync('cd /home/ubuntu/api && git pull && npm install && pm2 restart API_0');\n  res.json(r);\n});",
      errors: [{ messageId: 'run', message: /^cp\.execSync runs git, a program of the host/, line: 3, column: 23 }],
    },
    {
      name: 'command held in a const, the call as evidence',
      code: "var exec = require('child_process').exec;\nconst deploy_cmd = 'sudo sh /home/ubuntu/deploy/prod.sh';\nexec(deploy_cmd, () => {});",
      errors: [{ messageId: 'run', message: /^exec runs sudo/, line: 2, column: 20, related: ['the process is started here'] }],
    },
    {
      name: 'promisified exec (TypeScript)',
      filename: 'src/pdf.ts',
      code: "import { exec } from 'child_process';\nimport { promisify } from 'util';\nconst run = promisify(exec);\nexport const toPdf = (f: string) => run(`wkhtmltopdf ${f} out.pdf`);",
      errors: [{ messageId: 'run', message: /^run runs wkhtmltopdf/, line: 4, column: 41 }],
    },
    {
      name: 'a shell running a host program, and PowerShell',
      code: "const { spawn } = require('child_process');\nspawn('sh', ['-c', 'soffice --headless --convert-to pdf in.docx']);\nspawn('powershell.exe', ['-File', 'report.ps1']);",
      errors: [
        { messageId: 'run', message: /^spawn runs soffice/, line: 2, column: 20 },
        { messageId: 'run', message: /^spawn runs powershell\.exe/, line: 3, column: 7 },
      ],
    },
    {
      name: 'execa and shelljs',
      code: "const execa = require('execa');\nconst shell = require('shelljs');\nexeca('tesseract', [image, 'out']);\nif (!shell.which('git')) shell.exit(1);",
      errors: [
        { messageId: 'run', message: /^execa runs tesseract/, line: 3, column: 7 },
        { messageId: 'which', message: 'shell.which looks for git on the host: a Node.js container image does not have it; install it in the image or replace it with a library', line: 4, column: 18 },
      ],
    },
  ],
});

RuleTester.runWorkspace(rule, {
  valid: [
    {
      name: 'the Dockerfile installs the program',
      files: {
        'Dockerfile': 'FROM node:20-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ffmpeg imagemagick\nCOPY . .\n',
        'server.js': "const { spawn } = require('child_process');\nspawn('ffmpeg', ['-i', 'a.mp4']);\nspawn('convert', ['a.png', 'b.jpg']);\n",
      },
    },
  ],
  invalid: [
    {
      name: 'a Dockerfile that installs something else',
      files: {
        'Dockerfile': 'FROM node:20-slim\nRUN apt-get update && apt-get install -y git\n',
        'server.js': "const { spawn } = require('child_process');\nspawn('ffmpeg', ['-i', 'a.mp4']);\n",
      },
      errors: [{ file: 'server.js', messageId: 'run', line: 2, column: 7 }],
    },
  ],
});
