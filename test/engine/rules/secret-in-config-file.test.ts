import rule from '../../../src/engine/rules/secret-in-config-file';
import { RuleTester } from '../../support/ruleTester';

RuleTester.runWorkspace(rule, {
  valid: [
    { name: 'node-config mapping of environment variables', files: { 'config/custom-environment-variables.json': '{ "jwtSecret": "JWT_SECRET", "db": { "password": "DB_PASSWORD" } }\n' } },
    { name: 'placeholders and empty values', files: { 'config/default.json': '{\n  "jwtSecret": "YOUR_JWT_SECRET_KEY",\n  "mail": { "password": "" },\n  "stripe": { "apiKey": "<your key>" }\n}\n' } },
    { name: 'sequelize-cli defaults', files: { 'config/config.json': '{\n  "development": { "username": "root", "password": null, "database": "db", "host": "127.0.0.1", "dialect": "mysql" }\n}\n' } },
    { name: 'settings that only look related', files: { 'config/production.json': '{\n  "passwordMinLength": 12,\n  "tokenExpiresIn": "1h",\n  "session": { "cookieName": "sid" }\n}\n' } },
    { name: 'files that are not the application\'s settings', files: { 'package.json': '{ "name": "x", "password": "hunter22" }\n', 'src/locales/en.json': '{ "password": "Password" }\n', 'config/default.example.json': '{ "jwtSecret": "s3cr3t-value" }\n' } },
    { name: 'variable names written where values should be', files: { 'config/production.json': '{\n  "MONGODB_URI": "process.env.MONGODB_URI",\n  "JWT_SECRET": "process.env.JWT_SECRET"\n}\n' } },
  ],
  invalid: [
    {
      name: 'node-config production file: URL credentials and secrets',
      files: { 'config/production.json': '{\n    "mongoURI": "mongodb+srv://nidhi:nidhi@devconnector.ryflg.mongodb.net/test",\n    "jwtSecret": "mysecrettoken",\n    "githubClientId": "bfd06e7b0b5a124b98af",\n    "githubSecret": "4ea0f4c53cb043a56ecfcaf61684ed58209af830"\n}\n' },
      errors: [
        { file: 'config/production.json', messageId: 'url', message: "mongoURI in config/production.json carries the password of MongoDB user nidhi: keep the connection URL in the platform's secret store", line: 2, column: 18 },
        { file: 'config/production.json', messageId: 'secret', message: "jwtSecret in config/production.json is a secret committed with the code: keep it in the platform's secret store and read it from the environment", line: 3, column: 19 },
        { file: 'config/production.json', messageId: 'secret', line: 5, column: 22 },
      ],
    },
    {
      name: 'sequelize config.json with a real password in each section',
      files: { 'config/config.json': '{\n  "development": { "username": "u", "password": "7e69334317f690c7dbb9", "host": "ec2-54.compute-1.amazonaws.com" },\n  "production": { "use_env_variable": "DATABASE_URL", "password": "7e69334317f690c7dbb9" }\n}\n' },
      errors: [
        { file: 'config/config.json', messageId: 'secret', message: /^development\.password in config\/config\.json/, line: 2, column: 50 },
        { file: 'config/config.json', messageId: 'secret', message: /^production\.password in config\/config\.json/, line: 3, column: 68 },
      ],
    },
    {
      name: 'YAML settings',
      files: { 'config/settings.yml': '# app settings\nmail:\n  host: smtp.mailgun.org\n  password: "Sh0pM41l!2016"\nsession:\n  secret: keyboard-cat-2016\n' },
      errors: [
        { file: 'config/settings.yml', messageId: 'secret', message: /^mail\.password in config\/settings\.yml/, line: 4, column: 14 },
        { file: 'config/settings.yml', messageId: 'secret', message: /^session\.secret in config\/settings\.yml/, line: 6, column: 11 },
      ],
    },
    {
      name: 'a service-account key file',
      files: { 'firebase-adminsdk.json': '{\n  "type": "service_account",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----\\n"\n}\n' },
      errors: [{ file: 'firebase-adminsdk.json', messageId: 'token', message: /^private_key in firebase-adminsdk\.json holds a private key/, line: 3, column: 19 }],
    },
    {
      name: 'a Stripe key under any name',
      files: { 'config/default.json': '{ "payments": { "stripe": "sk_live_51HqLyjWDarjtT1zdp7dc12ab" } }\n' },
      errors: [{ file: 'config/default.json', messageId: 'token', message: /^payments\.stripe in config\/default\.json holds a Stripe secret key/, line: 1, column: 28 }],
    },
  ],
});
