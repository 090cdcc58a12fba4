import rule from '../../../src/engine/rules/environment-config-import';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'node-config reads the environment\'s file itself', code: "const config = require('config');\nconst db = config.get('db');" },
    { name: 'a JavaScript module is judged by its content (environment-config-module)', code: "module.exports = process.env.NODE_ENV === 'production' ? require('./production') : require('./development');" },
    { name: 'development settings', code: "const settings = require('./config/development.json');" },
    { name: 'a package, not a file', code: "const production = require('production');" },
    { name: 'an env-keyed file is judged section by section (environment-config-file)', code: "const env = process.env.NODE_ENV || 'development';\nconst config = require(__dirname + '/../config/config.json')[env];" },
    { name: 'tests', filename: 'test/config.test.js', code: "const config = require('../config/production.json');" },
  ],
  invalid: [
    {
      name: 'Express 3 app requiring the production settings',
      code: "var express = require('express');\nvar app = express();\nvar config = require('./config/production.json');",
      errors: [{ messageId: 'named', message: "./config/production.json loads the production settings by name: one environment's configuration is compiled into the code path and baked into the image; read these settings from environment variables", line: 3, column: 22 }],
    },
    {
      name: 'ESM JSON import of staging settings (TypeScript)',
      filename: 'src/settings.ts',
      code: "import settings from '../config/staging.json';\nexport default settings;",
      errors: [{ messageId: 'named', message: /^\.\.\/config\/staging\.json loads the staging settings by name/, line: 1, column: 22 }],
    },
    {
      name: 'YAML settings through __dirname',
      code: "const yaml = require('js-yaml');\nconst settings = require(__dirname + '/config/prod.yml');",
      errors: [{ messageId: 'named', message: /loads the prod settings by name/, line: 2, column: 26 }],
    },
    {
      name: 'dotted name beside the code',
      code: "const conf = require('./settings.production.json');",
      errors: [{ messageId: 'named', line: 1, column: 22 }],
    },
    {
      name: 'dynamic import',
      filename: 'src/load.mjs',
      code: "export const load = () => import('./config/production.json', { with: { type: 'json' } });",
      errors: [{ messageId: 'named', line: 1, column: 34 }],
    },
  ],
});

RuleTester.runWorkspace(rule, {
  valid: [
    {
      name: 'files selected by NODE_ENV are only development and test',
      files: { 'config/index.js': "module.exports = require('./' + process.env.NODE_ENV + '.json');\n", 'config/development.json': '{}\n', 'config/test.json': '{}\n' },
    },
  ],
  invalid: [
    {
      name: 'settings files selected by NODE_ENV',
      files: {
        'config/index.js': "const env = process.env.NODE_ENV || 'development';\nmodule.exports = require(`./env/${env}.json`);\n",
        'config/env/development.json': '{}\n',
        'config/env/production.json': '{ "db": "mongodb://db.shop.internal/shop" }\n',
        'config/env/staging.json': '{}\n',
      },
      errors: [{ file: 'config/index.js', messageId: 'selected', message: "`./env/${env}.json` loads settings files by NODE_ENV (production.json, staging.json): each environment's configuration is baked into the image; read these settings from environment variables", line: 2, column: 26 }],
    },
    {
      name: 'extensionless require of a JSON file',
      files: { 'app.js': "const config = require('./config/production');\n", 'config/production.json': '{}\n' },
      errors: [{ file: 'app.js', messageId: 'named', line: 1, column: 24 }],
    },
  ],
});
