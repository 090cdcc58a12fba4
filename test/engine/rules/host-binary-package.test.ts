import rule from '../../../src/engine/rules/host-binary-package';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'fluent-ffmpeg with a bundled binary', code: "const ffmpeg = require('fluent-ffmpeg');\nconst ffmpegPath = require('ffmpeg-static');\nffmpeg.setFfmpegPath(ffmpegPath);" },
    { name: 'image processing in pure npm packages', code: "const sharp = require('sharp');\nconst Jimp = require('jimp');" },
    { name: 'tesseract.js runs in WebAssembly', filename: 'src/ocr.ts', code: "import { createWorker } from 'tesseract.js';\nexport const worker = createWorker();" },
    { name: 'a local module with the same name', code: "const gm = require('./gm');\ngm.resize();" },
    { name: 'type-only import', filename: 'src/types.ts', code: "import type { FfmpegCommand } from 'fluent-ffmpeg';\nexport type Job = { command: FfmpegCommand };" },
    { name: 'test files', filename: 'test/pdf.test.js', code: "const wkhtmltopdf = require('wkhtmltopdf');" },
  ],
  invalid: [
    {
      name: 'wkhtmltopdf wrapper',
      code: "var wkhtmltopdf = require('wkhtmltopdf');\napp.post('/', (req, res) => wkhtmltopdf(req.body.content).pipe(res));",
      errors: [{ messageId: 'wrapper', message: 'wkhtmltopdf drives wkhtmltopdf installed on the host: a Node.js container image does not have it; install it in the image or use a package that bundles it', line: 1, column: 27 }],
    },
    {
      name: 'fluent-ffmpeg without a bundled binary (ESM)',
      filename: 'src/video.mjs',
      code: "import ffmpeg from 'fluent-ffmpeg';\nexport const thumb = (f) => ffmpeg(f).screenshots({ count: 1 });",
      errors: [{ messageId: 'wrapper', message: /^fluent-ffmpeg drives ffmpeg installed on the host/, line: 1, column: 20 }],
    },
    {
      name: 'gm and libreoffice-convert (TypeScript)',
      filename: 'src/convert.ts',
      code: "import gm from 'gm';\nimport libre = require('libreoffice-convert');\nexport { gm, libre };",
      errors: [
        { messageId: 'wrapper', message: /^gm drives GraphicsMagick \(or ImageMagick\)/, line: 1, column: 16 },
        { messageId: 'wrapper', message: /^libreoffice-convert drives LibreOffice \(soffice\)/, line: 2, column: 24 },
      ],
    },
    {
      name: 'dynamic import of a wrapper',
      code: "async function ocr(file) {\n  const tesseract = await import('node-tesseract-ocr');\n  return tesseract.recognize(file);\n}",
      errors: [{ messageId: 'wrapper', message: /^node-tesseract-ocr drives tesseract/, line: 2, column: 34 }],
    },
    {
      name: 'one finding per package',
      code: "const pdf2pic = require('pdf2pic');\nconst again = require('pdf2pic');",
      errors: [{ messageId: 'wrapper', message: /^pdf2pic drives GraphicsMagick and Ghostscript/, line: 1, column: 25 }],
    },
  ],
});

RuleTester.runWorkspace(rule, {
  valid: [
    {
      name: 'the Dockerfile installs wkhtmltopdf',
      files: {
        'Dockerfile': 'FROM centos:7\nRUN yum install -y https://downloads.wkhtmltopdf.org/0.12/0.12.5/wkhtmltox-0.12.5-1.centos7.x86_64.rpm\n',
        'app/app.js': "var wkhtmltopdf = require('wkhtmltopdf');\n",
      },
    },
  ],
  invalid: [],
});
