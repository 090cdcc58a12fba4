import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { createSourceRule } from './support/createRule';
import { applicationDependencies, imageInstalls, moduleImportListeners } from './support/secrets-config-os';
import { packageOf } from '../core/packageName';

type Node = TSESTree.Node;

/** npm packages that only drive a program installed on the host, and that program. */
const WRAPPERS: Record<string, string> = {
  wkhtmltopdf: 'wkhtmltopdf',
  wkhtmltoimage: 'wkhtmltoimage',
  'node-wkhtmltopdf': 'wkhtmltopdf',
  'fluent-ffmpeg': 'ffmpeg',
  ffmpeg: 'ffmpeg',
  gm: 'GraphicsMagick (or ImageMagick)',
  imagemagick: 'ImageMagick',
  'node-imagemagick': 'ImageMagick',
  'imagemagick-convert': 'ImageMagick',
  'libreoffice-convert': 'LibreOffice (soffice)',
  'office-converter': 'LibreOffice (soffice)',
  unoconv: 'unoconv and LibreOffice',
  'unoconv-promise': 'unoconv and LibreOffice',
  'node-tesseract': 'tesseract',
  'node-tesseract-ocr': 'tesseract',
  'pdf-poppler': 'poppler (pdftocairo)',
  'pdf-image': 'ImageMagick and Ghostscript',
  pdf2pic: 'GraphicsMagick and Ghostscript',
  ghostscript4js: 'Ghostscript',
  'node-gs': 'Ghostscript',
  'node-pdftk': 'pdftk',
  'pdftk': 'pdftk',
  clamscan: 'ClamAV',
  'node-7z': '7-Zip',
  'node-exiftool': 'exiftool',
  'node-qpdf': 'qpdf',
  'node-qpdf2': 'qpdf',
  'pdf-to-printer': 'SumatraPDF (Windows printing)',
  'unix-print': 'CUPS (lp)',
  printer: 'CUPS',
  '@thiagoelg/node-printer': 'CUPS',
};

/** The programs a wrapper runs, as a Dockerfile would install them. */
const WRAPPED_PROGRAMS: Record<string, string[]> = {
  wkhtmltopdf: ['wkhtmltopdf'], wkhtmltoimage: ['wkhtmltoimage'], 'node-wkhtmltopdf': ['wkhtmltopdf'], 'fluent-ffmpeg': ['ffmpeg'], ffmpeg: ['ffmpeg'],
  gm: ['gm', 'convert'], imagemagick: ['convert'], 'node-imagemagick': ['convert'], 'imagemagick-convert': ['convert'], 'libreoffice-convert': ['soffice'],
  'office-converter': ['soffice'], unoconv: ['unoconv'], 'unoconv-promise': ['unoconv'], 'node-tesseract': ['tesseract'], 'node-tesseract-ocr': ['tesseract'],
  'pdf-poppler': ['pdftocairo'], 'pdf-image': ['convert', 'gs'], pdf2pic: ['gm', 'gs'], ghostscript4js: ['gs'], 'node-gs': ['gs'], 'node-pdftk': ['pdftk'], pdftk: ['pdftk'],
  clamscan: ['clamav', 'clamdscan'], 'node-7z': ['p7zip', '7z'], 'node-exiftool': ['exiftool'], 'node-qpdf': ['qpdf'], 'node-qpdf2': ['qpdf'], 'unix-print': ['cups'], printer: ['cups'], '@thiagoelg/node-printer': ['cups'],
};

/** Packages that ship the binary a wrapper needs, so nothing has to be installed on the host. */
const BUNDLED_BINARIES: Record<string, string[]> = {
  ffmpeg: ['ffmpeg-static', '@ffmpeg-installer/ffmpeg', 'ffmpeg-binaries', '@ffprobe-installer/ffprobe', 'ffprobe-static'],
  'node-7z': ['7zip-bin'],
};

export default createSourceRule(
  {
    id: 'host-binary-package',
    category: 'os-coupling',
    defaultSeverity: 'warning',
    description: 'The code uses an npm package that only drives a program installed on the host (wkhtmltopdf, fluent-ffmpeg, gm, libreoffice-convert, node-tesseract, ...), which a plain container image does not have.',
    messages: {
      wrapper: '{{module}} drives {{program}} installed on the host: a Node.js container image does not have it; install it in the image or use a package that bundles it',
    },
    strategies: ['rehost', 'replatform'],
    effort: 2,
    fixable: false,
  },
  (context) => {
    const dependencies = applicationDependencies(context);
    const imported = new Set<string>();
    const candidates: { module: string; node: Node }[] = [];
    const listeners = moduleImportListeners((specifier, node) => {
      const name = packageOf(specifier);
      imported.add(name);
      if (WRAPPERS[name] && !candidates.some((candidate) => candidate.module === name)) candidates.push({ module: name, node });
    });
    return {
      ...listeners,
      'Program:exit'() {
        for (const { module, node } of candidates) {
          const program = WRAPPERS[module];
          const bundled = BUNDLED_BINARIES[program] ?? BUNDLED_BINARIES[module] ?? [];
          if (bundled.some((name) => imported.has(name) || dependencies.has(name))) continue;
          if ((WRAPPED_PROGRAMS[module] ?? []).some((name) => imageInstalls(context, name))) continue;
          context.report({ node, messageId: 'wrapper', data: { module, program } });
        }
      },
    };
  },
);
