import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../../core/scope';
import type { RuleContext } from '../../types';
import { WRITE_STREAM_HELPER } from './setup';

type Node = TSESTree.Node;

/**
 * The key expression of an S3 object the code stores: `new PutObjectCommand({ Key })`, lib-storage's
 * `new Upload({ params: { Key } })`, or the write-stream helper the S3 fix adds. A local read of the same
 * path after its write moved to S3 reads a file that is no longer written, so the read rule matches these too.
 */
export function storedObjectKey(context: RuleContext, node: Node): Node | undefined {
  if (node.type === 'NewExpression') {
    const callee = context.resolve(node.callee);
    const options = node.arguments[0];
    if (!callee || options?.type !== 'ObjectExpression') return undefined;
    if (callee.module === '@aws-sdk/client-s3' && callee.path.length === 1 && callee.path[0] === 'PutObjectCommand') return property(options, 'Key');
    if (callee.module === '@aws-sdk/lib-storage' && callee.path.length === 1 && callee.path[0] === 'Upload') {
      const params = property(options, 'params');
      return params?.type === 'ObjectExpression' ? property(params, 'Key') : undefined;
    }
    return undefined;
  }
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === WRITE_STREAM_HELPER) {
    const [key] = node.arguments;
    return key && key.type !== 'SpreadElement' ? key : undefined;
  }
  return undefined;
}

function property(object: TSESTree.ObjectExpression, name: string): Node | undefined {
  for (const entry of object.properties) {
    if (entry.type === 'Property' && propertyName(entry.key, entry.computed) === name) return entry.value;
  }
  return undefined;
}
