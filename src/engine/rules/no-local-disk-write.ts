import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeText } from './support/describe';
import { createSourceRule } from './support/createRule';
import { fileSystemWrite, locate, LogStreams, mergeListeners } from './support/storage-logging';

export default createSourceRule(
  {
    id: 'no-local-disk-write',
    category: 'local-fs-write',
    defaultSeverity: 'error',
    description: 'Writes to the local file system, which a container loses on restart and does not share between replicas.',
    messages: {
      write: '{{callee}} writes to {{target}} on the local disk: lost when the container restarts and not shared between replicas',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 4,
    fixable: false,
  },
  (context) => {
    // A write stream that only holds a log file (morgan's stream, `*.log`, redirected console output) is
    // reported once, by log-to-file; whether it is one is known when the whole file has been walked.
    const logStreams = new LogStreams(context);
    const streams: { call: TSESTree.CallExpression; target: string }[] = [];
    return mergeListeners(logStreams.listeners, {
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        const write = fileSystemWrite(context, call);
        if (!write) return;
        const written = locate(context, write.target);
        if (written.temporary) return;
        if (write.operation === 'createWriteStream') streams.push({ call, target: written.display });
        else context.report({ node: call, messageId: 'write', data: { callee: calleeText(context, call.callee), target: written.display } });
      },
      'Program:exit'() {
        for (const { call, target } of streams) {
          if (logStreams.evidence(call)) continue;
          context.report({ node: call, messageId: 'write', data: { callee: calleeText(context, call.callee), target } });
        }
      },
    });
  },
);
