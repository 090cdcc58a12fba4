import rule from '../../../src/engine/rules/upload-to-local-disk';
import { RuleTester } from '../../support/ruleTester';

const TAIL = 'on the local disk: lost when the container restarts and not shared between replicas';

const lines = (...text: string[]) => text.join('\n');

/** The client every S3 fix declares once per module, in the module's own quotes and semicolons. */
const client = ({ semicolons = true, quote = "'" } = {}) =>
  lines(
    'const s3 = new S3Client({',
    '  region: process.env.AWS_REGION,',
    '  // An S3-compatible store (MinIO, a local test server) is reached at S3_ENDPOINT with path-style URLs.',
    '  endpoint: process.env.S3_ENDPOINT || undefined,',
    '  forcePathStyle: Boolean(process.env.S3_ENDPOINT),',
    `})${semicolons ? ';' : ''}`,
  ).replace(/'/g, quote);

const ENV_EXAMPLE = { '.env.example': 'S3_BUCKET=\nAWS_REGION=us-east-1\nS3_ENDPOINT=\n' };

RuleTester.run(rule, {
  valid: [
    { name: 'multer memory storage', code: "const multer = require('multer');\nconst upload = multer({ storage: multer.memoryStorage() });" },
    { name: 'memoryStorage ignores a destination option', code: "const multer = require('multer');\nconst storage = multer.memoryStorage({ destination(req, file, cb) { cb(null, ''); } });\nmulter({ storage });" },
    { name: 'multer without options keeps files in memory', code: "import multer from 'multer';\nexport const none = multer();" },
    { name: 'multer-s3 storage', code: "const multer = require('multer');\nconst multerS3 = require('multer-s3');\nmulter({ storage: multerS3({ s3, bucket: process.env.UPLOADS_BUCKET }) });" },
    { name: 'diskStorage without a destination uses the OS temp folder', code: "const multer = require('multer');\nmulter({ storage: multer.diskStorage({ filename: (req, file, cb) => cb(null, file.originalname) }) });" },
    { name: 'destinations under the OS temp folder', code: "const multer = require('multer');\nconst os = require('os');\nmulter({ dest: os.tmpdir() });\nmulter.diskStorage({ destination: (req, file, cb) => cb(null, '/tmp/my-uploads') });" },
    { name: 'formidable left at its temp-folder default', code: "const { IncomingForm } = require('formidable');\nconst form = new IncomingForm({ keepExtensions: true });" },
    { name: 'koa-body without a formidable uploadDir', code: "const koaBody = require('koa-body');\napp.use(koaBody({ multipart: true }));" },
    { name: 'a local function named multer', code: "function multer(options) { return options; }\nmulter({ dest: 'uploads/' });" },
    { name: 'mv() without express-fileupload is someone else\'s method', code: "const mover = require('./mover');\nrecord.mv('./archive/' + record.name);" },
    { name: 'test fixtures may upload to disk', filename: 'test/upload.test.js', code: "const multer = require('multer');\nmulter({ dest: 'uploads/' });" },
  ],
  invalid: [
    {
      name: 'multer dest (CommonJS)',
      code: "const multer = require('multer');\nconst upload = multer({ dest: 'uploads/' });",
      errors: [{ messageId: 'folder', message: `multer stores uploads in ./uploads ${TAIL}`, line: 2, column: 25, endLine: 2, endColumn: 41 }],
      // dest gave random names in the folder: the keys are random names under the folder.
      output: lines(
        "const multer = require('multer');",
        "const { S3Client } = require('@aws-sdk/client-s3');",
        "const multerS3 = require('multer-s3');",
        "const { randomUUID } = require('crypto');",
        '',
        client(),
        '',
        'const upload = multer({ storage: multerS3({ s3, bucket: process.env.S3_BUCKET, contentType: multerS3.AUTO_CONTENT_TYPE, key: (req, file, cb) => cb(null, `uploads/${randomUUID()}`) }) });',
      ),
      outputFiles: ENV_EXAMPLE,
    },
    {
      name: 'diskStorage with a destination callback, the folder in a const',
      filename: 'routes/post.js',
      code: "const multer = require('multer');\nconst upload = multer({\n  storage: multer.diskStorage({\n    destination(req, file, cb) {\n      const dir = 'uploads/avatars';\n      cb(null, dir);\n    },\n  }),\n});",
      errors: [{ message: `multer stores uploads in ./uploads/avatars ${TAIL}`, line: 4, column: 5 }],
    },
    {
      name: 'diskStorage folder built from __dirname in an ES module with a default import',
      filename: 'src/upload.ts',
      code: "import multer from 'multer';\nimport path from 'path';\nconst UPLOAD_DIR = path.join(__dirname, '..', 'uploads');\nexport const storage = multer.diskStorage({ destination: UPLOAD_DIR });",
      errors: [{ message: `multer stores uploads in ./uploads ${TAIL}`, line: 4, column: 45 }],
      output: lines(
        "import multer from 'multer';",
        "import path from 'path';",
        "import { S3Client } from '@aws-sdk/client-s3';",
        "import multerS3 from 'multer-s3';",
        "import { randomUUID } from 'crypto';",
        '',
        client(),
        '',
        "const UPLOAD_DIR = path.join(__dirname, '..', 'uploads');",
        'export const storage = multerS3({ s3, bucket: process.env.S3_BUCKET as string, contentType: multerS3.AUTO_CONTENT_TYPE, key: (req, file, cb) => cb(null, `uploads/${randomUUID()}`) });',
      ),
      outputFiles: ENV_EXAMPLE,
    },
    {
      name: 'an environment variable only renames the folder',
      code: "const multer = require('multer');\nmulter({ dest: process.env.UPLOAD_DIR || './public/uploads' });",
      errors: [{ message: /^multer stores uploads in \.\/public\/uploads /, line: 2, column: 10 }],
    },
    {
      name: 'a destination callback that picks between folders',
      code: "const multer = require('multer');\nmulter.diskStorage({\n  destination: (req, file, cb) => {\n    if (file.fieldname === 'avatar') cb(null, 'public/img/profiles');\n    else cb(null, 'public/img/products');\n  },\n});",
      errors: [{ message: `multer stores uploads in ./public/img/profiles and ./public/img/products ${TAIL}`, line: 3, column: 3 }],
    },
    {
      name: 'formidable: options, an assigned uploadDir and the v3 named export',
      code: "const formidable = require('formidable');\nconst { formidable: make, IncomingForm } = require('formidable');\nconst a = new formidable.IncomingForm({ uploadDir: './upload', keepExtensions: true });\nconst form = formidable({});\nform.uploadDir = './server/uploads';\nmake({ uploadDir: `${__dirname}/files` });\nconst legacy = new IncomingForm();\nlegacy.uploadDir = require('path').join(__dirname, 'uploads');",
      errors: [
        { message: `formidable stores uploads in ./upload ${TAIL}`, line: 3, column: 41 },
        { message: `formidable stores uploads in ./server/uploads ${TAIL}`, line: 5, column: 1 },
        { message: `formidable stores uploads in ./src/files ${TAIL}`, line: 6, column: 8 },
        { message: `formidable stores uploads in ./src/uploads ${TAIL}`, line: 8, column: 1 },
      ],
    },
    {
      name: 'koa-body formidable options and multiparty',
      code: "const { koaBody } = require('koa-body');\nconst multiparty = require('multiparty');\napp.use(koaBody({ multipart: true, formidable: { uploadDir: './uploadFiles/uploads' } }));\nnew multiparty.Form({ uploadDir: 'tmp-uploads' });",
      errors: [
        { message: /^koa-body stores uploads in \.\/uploadFiles\/uploads /, line: 3, column: 50 },
        { message: /^multiparty stores uploads in \.\/tmp-uploads /, line: 4, column: 23 },
      ],
    },
    {
      name: 'express-fileupload mv() in the file that installs it',
      code: "const fileUpload = require('express-fileupload');\napp.use(fileUpload());\napp.post('/photos', (req, res) => {\n  const image = req.files.image;\n  image.mv(__dirname + '/public/uploads/' + image.name, () => res.redirect('/'));\n});",
      errors: [{ messageId: 'move', message: `express-fileupload mv() moves the upload to ./src/public/uploads/<name> ${TAIL}`, line: 5, column: 3 }],
    },
    {
      name: 'S3 fix, ES module without semicolons: diskStorage with a filename method keeps it, its names under the old folder',
      filename: 'routes/photos.mjs',
      code: lines(
        'import express from "express"',
        'import multer from "multer"',
        '',
        'const storage = multer.diskStorage({',
        '  destination: "public/photos",',
        '  filename(req, file, cb) {',
        '    if (!file.originalname) return cb(new Error("no name"))',
        '    cb(null, `${Date.now()}-${file.originalname}`)',
        '  },',
        '})',
        '',
        'export const upload = multer({ storage, limits: { fileSize: 5e6 } })',
        '',
      ),
      errors: [{ message: `multer stores uploads in ./public/photos ${TAIL}`, line: 5, column: 3 }],
      output: lines(
        'import express from "express"',
        'import multer from "multer"',
        'import { S3Client } from "@aws-sdk/client-s3"',
        'import multerS3 from "multer-s3"',
        '',
        client({ semicolons: false, quote: '"' }),
        '',
        'const storage = multerS3({',
        '  s3,',
        '  bucket: process.env.S3_BUCKET,',
        '  contentType: multerS3.AUTO_CONTENT_TYPE,',
        '  key(req, file, cb) {',
        '    if (!file.originalname) return cb(new Error("no name"))',
        '    cb(null, `public/photos/${Date.now()}-${file.originalname}`)',
        '  },',
        '})',
        '',
        'export const upload = multer({ storage, limits: { fileSize: 5e6 } })',
        '',
      ),
      outputFiles: ENV_EXAMPLE,
    },
    {
      name: 'S3 fix, CommonJS: a filename function of the app is called by the key function, its name prefixed',
      filename: 'src/upload.js',
      code: "const multer = require('multer');\nconst { uniqueName } = require('./names');\nmodule.exports = multer({ storage: multer.diskStorage({ destination: './uploads/docs', filename: uniqueName }) });\n",
      errors: [{ message: `multer stores uploads in ./uploads/docs ${TAIL}` }],
      output: lines(
        "const multer = require('multer');",
        "const { uniqueName } = require('./names');",
        "const { S3Client } = require('@aws-sdk/client-s3');",
        "const multerS3 = require('multer-s3');",
        '',
        client(),
        '',
        'module.exports = multer({ storage: multerS3({ s3, bucket: process.env.S3_BUCKET, contentType: multerS3.AUTO_CONTENT_TYPE, key: (req, file, cb) => uniqueName(req, file, (error, name) => cb(error, `uploads/docs/${name}`)) }) });',
        '',
      ),
      outputFiles: ENV_EXAMPLE,
    },
    {
      name: 'S3 fix, a filename callback whose name is an expression gets the folder around it',
      code: "const multer = require('multer');\nmulter.diskStorage({ destination: 'uploads', filename: (req, file, cb) => cb(null, Date.now() + '-' + file.originalname) });\n",
      errors: [{ message: `multer stores uploads in ./uploads ${TAIL}` }],
      output: lines(
        "const multer = require('multer');",
        "const { S3Client } = require('@aws-sdk/client-s3');",
        "const multerS3 = require('multer-s3');",
        '',
        client(),
        '',
        "multerS3({ s3, bucket: process.env.S3_BUCKET, contentType: multerS3.AUTO_CONTENT_TYPE, key: (req, file, cb) => cb(null, `uploads/${Date.now() + '-' + file.originalname}`) });",
        '',
      ),
      outputFiles: ENV_EXAMPLE,
    },
    {
      name: 'no S3 fix when the app reads where multer put the file (req.file.path has no S3 equivalent)',
      code: "const multer = require('multer');\nconst upload = multer({ dest: 'uploads/' });\napp.post('/x', upload.single('f'), (req, res) => res.send(req.file.path));\n",
      errors: [{ message: `multer stores uploads in ./uploads ${TAIL}` }],
      output: null,
    },
  ],
});
