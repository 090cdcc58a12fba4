import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { completeS3Fixes } from '../fixes/s3/completeFix';
import type { PartialS3Fix } from '../fixes/s3/fileSystemFixes';
import { multerToS3, type MulterFix } from '../fixes/s3/multerFix';
import { s3SetupPlanOf, type S3SetupPlan } from '../fixes/s3/setup';
import type { ReportDescriptor } from '../types';
import { createSourceRule } from './support/createRule';
import { describeLocations, mergeListeners, uploadListeners, UPLOAD_TRIGGER } from './support/storage-logging';

interface Upload {
  descriptor: ReportDescriptor;
  range: [number, number];
  partial?: PartialS3Fix;
}

export default createSourceRule(
  {
    id: 'upload-to-local-disk',
    triggers: UPLOAD_TRIGGER,
    category: 'local-fs-write',
    defaultSeverity: 'error',
    description: 'Upload middleware (multer, formidable, multiparty, koa-body, express-fileupload) that stores uploaded files in a folder on the local disk.',
    messages: {
      folder: '{{library}} stores uploads in {{folder}} on the local disk: lost when the container restarts and not shared between replicas',
      move: '{{library}} mv() moves the upload to {{folder}} on the local disk: lost when the container restarts and not shared between replicas',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 4,
    fixable: true,
  },
  (context) => {
    let plan: S3SetupPlan | undefined;
    const uploads: Upload[] = [];
    // multer-s3 fixes are computed while the walk can still resolve names, and matched to findings by the option reported.
    const multerFixes: MulterFix[] = [];
    return mergeListeners(
      {
        CallExpression(node) {
          const call = node as TSESTree.CallExpression;
          if (context.resolve(call.callee)?.module !== 'multer') return;
          const fix = multerToS3(context, (plan ??= s3SetupPlanOf(context, call)), call);
          if (fix) multerFixes.push(fix);
        },
      },
      uploadListeners(context, (target) => {
        uploads.push({
          range: target.node.range,
          descriptor: { node: target.node, messageId: target.folder ? 'folder' : 'move', data: { library: target.library, folder: describeLocations(target.locations) } },
        });
      }),
      {
        'Program:exit'() {
          for (const upload of uploads) upload.partial = multerFixes.find((fix) => fix.reportedAt[0] === upload.range[0] && fix.reportedAt[1] === upload.range[1])?.partial;
          const fixes = completeS3Fixes(context.project, context.file, plan, uploads);
          for (const upload of uploads) {
            const fix = fixes.get(upload);
            context.report({ ...upload.descriptor, fixes: fix ? [fix] : undefined });
          }
        },
      },
    );
  },
);
