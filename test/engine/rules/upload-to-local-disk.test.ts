import rule from '../../../src/engine/rules/upload-to-local-disk';
import { RuleTester } from '../../support/ruleTester';

const TAIL = 'on the local disk: lost when the container restarts and not shared between replicas';

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
  ],
});
