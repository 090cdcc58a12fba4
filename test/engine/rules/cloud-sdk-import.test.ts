import rule from '../../../src/engine/rules/cloud-sdk-import';
import { RuleTester } from '../../support/ruleTester';

const manifest = '{ "name": "shop" }\n';

RuleTester.runWorkspace(rule, {
  valid: [
    { name: 'no provider SDK', files: { 'package.json': manifest, 'index.js': "const express = require('express');\nconst { S3 } = require('./lib/aws-sdk');\n" } },
    {
      name: 'type-only imports do not run',
      files: {
        'package.json': manifest,
        'src/handler.ts': "import type { S3Client } from '@aws-sdk/client-s3';\nimport { type Storage } from '@google-cloud/storage';\nexport const describe = (client: S3Client, storage: Storage) => [client, storage];\n",
      },
    },
    {
      name: 'SDKs used only by tests and build scripts',
      files: {
        'package.json': manifest,
        'test/upload.test.js': "const AWS = require('aws-sdk');\njest.mock('aws-sdk');\n",
        'scripts/deploy.js': "const { S3Client } = require('@aws-sdk/client-s3');\n",
        'cdk.config.ts': "import { BlobServiceClient } from '@azure/storage-blob';\n",
      },
    },
    {
      name: 'type and plumbing packages alone, and look-alike names',
      files: {
        'package.json': manifest,
        'src/types.ts': "import { Credentials } from '@aws-sdk/types';\nimport { AbortController } from '@azure/abort-controller';\n",
        'src/mock.js': "const { mockClient } = require('aws-sdk-client-mock');\nconst tools = require('firebase-tools');\n",
      },
    },
    {
      name: 'a local module shadows require',
      files: { 'package.json': manifest, 'index.js': "function load(require) {\n  return require('aws-sdk');\n}\nmodule.exports = load;\n" },
    },
  ],
  invalid: [
    {
      name: 'CommonJS aws-sdk in two files: once per app, at the first import',
      files: {
        'package.json': manifest,
        'routes/image-upload.js': "const express = require('express');\nconst AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\n",
        'routes/users.js': "const AWS = require('aws-sdk');\nconst dynamodb = new AWS.DynamoDB.DocumentClient();\n",
      },
      errors: [
        {
          file: 'routes/image-upload.js',
          messageId: 'sdk',
          message: 'uses aws-sdk (AWS SDK): code to revisit when moving to another provider',
          line: 2,
          column: 21,
          endColumn: 30,
        },
      ],
    },
    {
      name: 'each v3 package is its own finding (ESM, TypeScript)',
      files: {
        'package.json': manifest,
        'src/s3.ts': "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';\nimport { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\nimport { S3Client as Again } from '@aws-sdk/client-s3';\n",
      },
      errors: [
        { file: 'src/s3.ts', message: /^uses @aws-sdk\/s3-request-presigner \(AWS SDK\)/, line: 1, column: 30 },
        { file: 'src/s3.ts', message: /^uses @aws-sdk\/client-s3 \(AWS SDK\)/, line: 2, column: 44 },
      ],
    },
    {
      name: 'subpath imports name the package once',
      files: {
        'package.json': manifest,
        'index.js': "const { initializeApp, cert } = require('firebase-admin/app');\nconst { getFirestore } = require('firebase-admin/firestore');\n",
      },
      errors: [{ file: 'index.js', message: 'uses firebase-admin (Firebase SDK): code to revisit when moving to another provider', line: 1, column: 41 }],
    },
    {
      name: 'the same package in two applications of a monorepo',
      files: {
        'apps/api/package.json': manifest,
        'apps/api/storage.js': "const { BlobServiceClient } = require('@azure/storage-blob');\n",
        'apps/worker/package.json': manifest,
        'apps/worker/blob.mjs': "import { BlobServiceClient } from '@azure/storage-blob';\n",
      },
      errors: [
        { file: 'apps/api/storage.js', message: /^uses @azure\/storage-blob \(Azure SDK\)/, line: 1 },
        { file: 'apps/worker/blob.mjs', message: /^uses @azure\/storage-blob \(Azure SDK\)/, line: 1 },
      ],
    },
    {
      name: 'dynamic import, re-export and import = require',
      files: {
        'package.json': manifest,
        'a.ts': "export async function bucket() {\n  const { Storage } = await import('@google-cloud/storage');\n  return new Storage().bucket('b');\n}\n",
        'b.ts': "export { PubSub } from '@google-cloud/pubsub';\nimport azure = require('azure-storage');\n",
      },
      errors: [
        { file: 'a.ts', message: /^uses @google-cloud\/storage \(Google Cloud SDK\)/, line: 2, column: 36 },
        { file: 'b.ts', message: /^uses @google-cloud\/pubsub \(Google Cloud SDK\)/, line: 1, column: 24 },
        { file: 'b.ts', message: /^uses azure-storage \(Azure SDK\)/, line: 2, column: 24 },
      ],
    },
  ],
});
