import rule from '../../../src/engine/rules/hardcoded-api-key';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'key from the environment', code: "const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);" },
    { name: 'placeholders of a config template', code: "module.exports = {\n  apiKey: 'Your API Key',\n  secret: 'Your API Secret',\n  facebook: { clientID: 'Your App ID', clientSecret: 'Your App Secret' },\n};" },
    { name: 'AWS documentation example keys', code: "new AWS.S3({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });" },
    { name: 'words that are not keys', code: "const labels = { secret: 'Secret', token: 'abc', type: 'secret' };\nconst message = 'Your session secret is invalid';" },
    { name: 'a key passed to a session is hardcoded-session-secret\'s', code: "const session = require('express-session');\nconst secret = 'a9f8e7d6c5b4a3928170ffee';\napp.use(session({ secret }));" },
    { name: 'a fallback of a secret-named variable is secret-env-fallback\'s', code: "const stripeKey = process.env.STRIPE_SECRET_KEY || 'sk_test_51RKvnw4CeWZCQIOVAgWw7Ryl2xj2PkAa';" },
    { name: 'a Stripe publishable key is public', code: "const stripe = Stripe('pk_live_51HqLyjWDarjtT1zdp7dcABCDEFGH');" },
    { name: 'a low-entropy signing secret in a development config file', filename: 'src/env/development.js', code: "module.exports = { security: { jwtSecret: 'jwt-secret-test' } };" },
    { name: 'names that only end in the word secret', code: "const TIER = { 'hardcoded-secret': 'configure', topSecret: 'classified' };" },
    { name: 'a variable name written where its value should be', code: "module.exports = { JWT_SECRET: 'process.env.JWT_SECRET' };" },
  ],
  invalid: [
    {
      name: 'Stripe secret key passed to the SDK',
      code: "const stripe = require('stripe')('sk_test_4eC39HqLyjWDarjtT1zdp7dc');",
      errors: [{ messageId: 'token', message: 'hard-coded Stripe secret key: it ships with the code to every environment and cannot be rotated; revoke it and read the new one from a required environment variable', line: 1, column: 34 }],
      output: "function requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nconst stripe = require('stripe')(requireEnv('STRIPE_SECRET_KEY'));",
      outputFiles: { '.env.example': "STRIPE_SECRET_KEY=\n" },
    },
    {
      name: 'AWS keys in an SDK configuration',
      code: "AWS.config.update({ accessKeyId: 'AKIA2OGYBAH6TXNSYSUP', secretAccessKey: 'fGh7kLm9Qr2sTv4WxYz1Ab3Cd5Ef7Gh9Ij0Kl2Mn', region: 'eu-west-1' });",
      errors: [
        { messageId: 'token', message: /^hard-coded AWS access key/, line: 1, column: 34 },
        { messageId: 'named', message: /^secretAccessKey holds a hard-coded key/, line: 1, column: 75 },
      ],
      output: "function requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nAWS.config.update({ accessKeyId: requireEnv('AWS_ACCESS_KEY_ID'), secretAccessKey: requireEnv('AWS_SECRET_ACCESS_KEY'), region: 'eu-west-1' });",
      outputFiles: { '.env.example': "AWS_ACCESS_KEY_ID=\nAWS_SECRET_ACCESS_KEY=\n" },
    },
    {
      name: 'signing secret in an exported config module',
      code: "module.exports = {\n  secret: 'ilovescotchyscotch',\n  database: 'mongodb://localhost:27017/app',\n};",
      errors: [{ messageId: 'named', message: /^secret holds a hard-coded key/, line: 2, column: 11 }],
      output: "function requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nmodule.exports = {\n  secret: requireEnv('APP_SECRET'),\n  database: 'mongodb://localhost:27017/app',\n};",
      outputFiles: { '.env.example': "APP_SECRET=\n" },
    },
    {
      name: 'GitHub token constant (TypeScript)',
      filename: 'src/github.ts',
      code: "export const GITHUB_TOKEN: string = 'ghp_1234567890abcdefghijABCDEFGHIJ123456';",
      errors: [{ messageId: 'token', message: /^hard-coded GitHub token/, line: 1, column: 37 }],
      output: "function requireEnv(name: string): string {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nexport const GITHUB_TOKEN: string = requireEnv('GITHUB_TOKEN');",
      outputFiles: { '.env.example': "GITHUB_TOKEN=\n" },
    },
    {
      name: 'high-entropy key on a class field',
      filename: 'src/mail.ts',
      code: "export class Mailer {\n  private apiKey = '5f2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d';\n}",
      errors: [{ messageId: 'named', message: /^apiKey holds a hard-coded key/, line: 2, column: 20 }],
      output: "function requireEnv(name: string): string {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nexport class Mailer {\n  private apiKey = requireEnv('MAILER_API_KEY');\n}",
      outputFiles: { '.env.example': "MAILER_API_KEY=\n" },
    },
    {
      name: 'a real key as the fallback of a variable not named as a secret',
      code: "const key = process.env.GOOGLE_MAPS || 'AIzaSyD1234567890abcdefghijklmnopqrstuv';",
      errors: [{ messageId: 'token', message: /^hard-coded Google API key/, line: 1, column: 40 }],
      output: "function requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nconst key = requireEnv('GOOGLE_MAPS');",
      outputFiles: { '.env.example': "GOOGLE_MAPS=\n" },
    },
    {
      name: 'SendGrid key given to the SDK (ESM)',
      filename: 'src/mail.mjs',
      code: "import sgMail from '@sendgrid/mail';\nsgMail.setApiKey('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');\n",
      errors: [{ messageId: 'token', message: /^hard-coded SendGrid API key/, line: 2, column: 18 }],
      output: "import sgMail from '@sendgrid/mail';\n\nfunction requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nsgMail.setApiKey(requireEnv('SENDGRID_API_KEY'));\n",
      outputFiles: { '.env.example': "SENDGRID_API_KEY=\n" },
    },
    {
      name: 'an SDK options object names the key (TypeScript, double quotes)',
      filename: 'src/ai.ts',
      code: "import OpenAI from \"openai\";\n\nexport const client = new OpenAI({ apiKey: \"a8f5f167f44f4964e6c998dee827110c\" });\n",
      errors: [{ messageId: 'named', message: /^apiKey holds a hard-coded key/, line: 3, column: 44 }],
      output: "import OpenAI from \"openai\";\n\nfunction requireEnv(name: string): string {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nexport const client = new OpenAI({ apiKey: requireEnv(\"OPENAI_API_KEY\") });\n",
      outputFiles: { '.env.example': "OPENAI_API_KEY=\n" },
    },
  ],
});
