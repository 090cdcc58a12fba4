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
    },
    {
      name: 'AWS keys in an SDK configuration',
      code: "AWS.config.update({ accessKeyId: 'AKIA2OGYBAH6TXNSYSUP', secretAccessKey: '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', region: 'eu-west-1' });",
      errors: [
        { messageId: 'token', message: /^hard-coded AWS access key/, line: 1, column: 34 },
        { messageId: 'named', message: /^secretAccessKey holds a hard-coded key/, line: 1, column: 75 },
      ],
    },
    {
      name: 'signing secret in an exported config module',
      code: "module.exports = {\n  secret: 'ilovescotchyscotch',\n  database: 'mongodb://localhost:27017/app',\n};",
      errors: [{ messageId: 'named', message: /^secret holds a hard-coded key/, line: 2, column: 11 }],
    },
    {
      name: 'GitHub token constant (TypeScript)',
      filename: 'src/github.ts',
      code: "export const GITHUB_TOKEN: string = 'ghp_1234567890abcdefghijABCDEFGHIJ123456';",
      errors: [{ messageId: 'token', message: /^hard-coded GitHub token/, line: 1, column: 37 }],
    },
    {
      name: 'high-entropy key on a class field',
      filename: 'src/mail.ts',
      code: "export class Mailer {\n  private apiKey = '5f2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d';\n}",
      errors: [{ messageId: 'named', message: /^apiKey holds a hard-coded key/, line: 2, column: 20 }],
    },
    {
      name: 'a real key as the fallback of a variable not named as a secret',
      code: "const key = process.env.GOOGLE_MAPS || 'AIzaSyD1234567890abcdefghijklmnopqrstuv';",
      errors: [{ messageId: 'token', message: /^hard-coded Google API key/, line: 1, column: 40 }],
    },
  ],
});
