import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { completeS3Fixes } from '../fixes/s3/completeFix';
import { writeToS3, type PartialS3Fix } from '../fixes/s3/fileSystemFixes';
import { s3SetupPlanOf, type S3SetupPlan } from '../fixes/s3/setup';
import { calleeText } from './support/describe';
import { createSourceRule } from './support/createRule';
import { fileSystemWrite, locate, LogStreams, mergeListeners, FILE_SYSTEM_TRIGGER } from './support/storage-logging';

interface Write {
  call: TSESTree.CallExpression;
  target: string;
  callee: string;
  stream: boolean;
  /** Computed during the walk, while the names around the call can still be resolved. */
  partial?: PartialS3Fix;
}

export default createSourceRule(
  {
    id: 'no-local-disk-write',
    // Only writes through the file-system modules are reported (log streams among them go to log-to-file).
    triggers: FILE_SYSTEM_TRIGGER,
    category: 'local-fs-write',
    defaultSeverity: 'error',
    description: 'Writes to the local file system, which a container loses on restart and does not share between replicas.',
    messages: {
      write: '{{callee}} writes to {{target}} on the local disk: lost when the container restarts and not shared between replicas',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 4,
    fixable: true,
  },
  (context) => {
    // A write stream that only holds a log file (morgan's stream, `*.log`, redirected console output) is
    // reported once, by log-to-file; whether it is one is known when the whole file has been walked.
    const logStreams = new LogStreams(context);
    const writes: Write[] = [];
    // Where the S3 client and imports would go: worked out once, for the first write in the file.
    let plan: S3SetupPlan | undefined;
    const planFor = (node: TSESTree.Node) => (plan ??= s3SetupPlanOf(context, node));
    return mergeListeners(logStreams.listeners, {
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        const write = fileSystemWrite(context, call);
        if (!write) return;
        const written = locate(context, write.target);
        if (written.temporary) return;
        writes.push({
          call,
          target: written.display,
          callee: calleeText(context, call.callee),
          stream: write.operation === 'createWriteStream',
          partial: writeToS3(context, planFor(call), call),
        });
      },
      'Program:exit'() {
        const reported = writes.filter((write) => !write.stream || !logStreams.evidence(write.call));
        // Every fix of the file declares the same client and imports, so applied together they add them once.
        const fixes = completeS3Fixes(context.project, context.file, plan, reported);
        for (const write of reported) {
          const fix = fixes.get(write);
          context.report({ node: write.call, messageId: 'write', data: { callee: write.callee, target: write.target }, fixes: fix ? [fix] : undefined });
        }
      },
    });
  },
);
