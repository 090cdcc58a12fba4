import rule from '../../../src/engine/rules/absolute-host-path';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'paths inside the project and the temp folder', code: "const path = require('path');\nconst fs = require('fs');\nfs.writeFileSync(path.join(__dirname, 'uploads', name), data);\nfs.writeFileSync('/tmp/my-uploads/' + name, data);" },
    { name: 'paths every container has or the platform mounts', code: "const fs = require('fs');\nconst ca = fs.readFileSync('/etc/ssl/certs/ca-certificates.crt');\nconst token = fs.readFileSync('/var/run/secrets/kubernetes.io/serviceaccount/token');\nconst hosts = fs.readFileSync('/etc/hosts');" },
    { name: 'an environment variable overrides the path', code: "const UPLOAD_DIR = process.env.UPLOAD_DIR || '/var/www/uploads';" },
    { name: 'routes and URLs that look like paths', code: "router.get('/home/dashboard/stats', handler);\nres.redirect('/var/reports/new');\nconsole.log('/var/log/app.log');" },
    { name: 'the node image working directory', code: "res.sendFile('/home/node/app/public/index.html');" },
    { name: 'prose and names that are not paths', code: "const message = 'Moved to /var/www';\nconst label = { title: '/opt/promo' };" },
    { name: 'log destinations are file logging, writes are local disk writes', code: "const winston = require('winston');\nconst pino = require('pino');\nconst fs = require('fs');\nnew winston.transports.File({ filename: '/var/log/shop/app.log' });\npino(pino.destination('/var/log/inventory/service.log'));\nfs.writeFileSync('/var/www/shop/state.json', '{}');" },
    { name: 'upload folders are local disk writes', code: "const multer = require('multer');\nmulti = multer({ storage: multer.diskStorage({ destination: (req, file, cb) => cb(null, '/var/www/uploads') }) });\nreq.files.photo.mv('/srv/shop/photos/' + name);" },
    { name: 'unix sockets are local-ipc-socket\'s', code: "const socketPath = '/var/run/docker.sock';" },
    { name: 'test files', filename: 'test/fixtures.test.js', code: "const fs = require('fs');\nfs.readFileSync('/home/ci/fixtures/data.json');" },
  ],
  invalid: [
    {
      name: 'TLS certificates read from the host',
      code: "const fs = require('fs');\nhttps.createServer({\n  key: fs.readFileSync('/etc/letsencrypt/live/example.com/privkey.pem'),\n}, app).listen(443);",
      errors: [{ messageId: 'path', message: 'absolute host path /etc/letsencrypt/live/example.com/privkey.pem: it exists on the old server, not in a container; ship the files in the image, mount a volume or use object storage, and read the location from configuration', line: 3, column: 24 }],
    },
    {
      name: 'a path-named constant and express.static',
      code: "const UPLOAD_DIR = '/var/www/shop/uploads';\napp.use(express.static('/srv/app/public'));",
      errors: [
        { messageId: 'path', message: /^absolute host path \/var\/www\/shop\/uploads:/, line: 1, column: 20 },
        { messageId: 'path', message: /^absolute host path \/srv\/app\/public:/, line: 2, column: 24 },
      ],
    },
    {
      name: 'a home folder in a template literal',
      code: "const fs = require('fs');\nconst csv = fs.readFileSync(`/home/deploy/reports/${day}.csv`, 'utf8');",
      errors: [{ messageId: 'path', message: /^absolute host path \/home\/deploy\/reports\/:/, line: 2, column: 29 }],
    },
    {
      name: 'Windows drive path and network share (TypeScript)',
      filename: 'src/files.ts',
      code: "import path from 'path';\nexport const target = (name: string) => path.join('C:/Users/limin/Desktop/', name);\nexport const exportsDir = '\\\\\\\\fileserver\\\\exports\\\\orders';",
      errors: [
        { messageId: 'path', message: /^absolute host path C:\/Users\/limin\/Desktop\/:/, line: 2, column: 51 },
        { messageId: 'path', line: 3, column: 27 },
      ],
    },
    {
      name: 'templates read from an installation folder',
      code: "const fs = require('fs');\nconst TEMPLATE_DIR = '/opt/shop/templates';\nconst html = fs.readFileSync('/opt/shop/templates/invoice.html', 'utf8');",
      errors: [
        { messageId: 'path', message: /^absolute host path \/opt\/shop\/templates:/, line: 2, column: 22 },
        { messageId: 'path', message: /^absolute host path \/opt\/shop\/templates\/invoice\.html:/, line: 3, column: 30 },
      ],
    },
  ],
});

RuleTester.runWorkspace(rule, {
  valid: [
    {
      name: 'folders the workspace image creates',
      files: {
        'Dockerfile': 'FROM node:20\nWORKDIR /opt/app\nVOLUME ["/var/lib/shop"]\nCOPY . .\n',
        'server.js': "const fs = require('fs');\nfs.mkdirSync('/opt/app/uploads', { recursive: true });\nfs.writeFileSync('/var/lib/shop/state.json', '{}');\n",
      },
    },
  ],
  invalid: [
    {
      name: 'a host folder the image does not create',
      files: {
        'Dockerfile': 'FROM node:20\nWORKDIR /opt/app\n',
        'server.js': "const fs = require('fs');\nconst state = fs.readFileSync('/var/www/shop/state.json', 'utf8');\n",
      },
      errors: [{ file: 'server.js', messageId: 'path', line: 2, column: 31 }],
    },
  ],
});
