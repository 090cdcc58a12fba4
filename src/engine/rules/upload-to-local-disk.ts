import { createSourceRule } from './support/createRule';
import { describeLocations, uploadListeners } from './support/storage-logging';

export default createSourceRule(
  {
    id: 'upload-to-local-disk',
    category: 'local-fs-write',
    defaultSeverity: 'error',
    description: 'Upload middleware (multer, formidable, multiparty, koa-body, express-fileupload) that stores uploaded files in a folder on the local disk.',
    messages: {
      folder: '{{library}} stores uploads in {{folder}} on the local disk: lost when the container restarts and not shared between replicas',
      move: '{{library}} mv() moves the upload to {{folder}} on the local disk: lost when the container restarts and not shared between replicas',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 4,
    fixable: false,
  },
  (context) =>
    uploadListeners(context, (target) => {
      context.report({
        node: target.node,
        messageId: target.folder ? 'folder' : 'move',
        data: { library: target.library, folder: describeLocations(target.locations) },
      });
    }),
);
