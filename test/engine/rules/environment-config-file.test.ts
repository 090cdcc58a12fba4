import rule from '../../../src/engine/rules/environment-config-file';
import { RuleTester } from '../../support/ruleTester';

RuleTester.runWorkspace(rule, {
  valid: [
    { name: 'listen address and ports only', files: { 'config/default.json': '{}\n', 'config/production.json': '{\n\t"port": 4000,\n\t"webservice": { "host": "0.0.0.0", "port": 3000 }\n}\n' } },
    { name: 'node-config with environment variable mappings', files: { 'package.json': '{ "name": "shop", "dependencies": { "config": "^3.3.9" } }\n', 'config/production.json': '{ "db": "mongodb://db.shop.internal/shop" }\n', 'config/custom-environment-variables.json': '{ "db": "MONGODB_URI" }\n' } },
    { name: 'sequelize production section reading the environment', files: { 'config/config.json': '{\n  "development": { "host": "127.0.0.1", "dialect": "mysql" },\n  "production": { "use_env_variable": "DATABASE_URL", "host": "ec2-54-225-121-235.compute-1.amazonaws.com", "dialect": "postgres" }\n}\n' } },
    { name: 'development and test sections', files: { 'config/config.json': '{\n  "development": { "host": "127.0.0.1" },\n  "test": { "host": "127.0.0.1" }\n}\n' } },
    { name: 'production settings without endpoints', files: { 'config/production.json': '{ "staticFilePath": "../client/build", "logLevel": "warn" }\n' } },
    { name: 'a production file no loader reads by NODE_ENV (environment-config-import reports its require)', files: { 'config/production.json': '{ "db": "mongodb://db.shop.internal/shop" }\n' } },
    { name: 'example files', files: { 'config/production.example.json': '{ "db": "mongodb://db.shop.internal/shop" }\n' } },
  ],
  invalid: [
    {
      name: 'node-config production.json with a database URL',
      files: { 'package.json': '{ "name": "shop", "dependencies": { "config": "^3.3.9" } }\n', 'config/production.json': '{\n    "db":"mongodb://localhost/empcrud"\n}\n' },
      errors: [{ file: 'config/production.json', messageId: 'file', message: 'db in config/production.json fixes the production endpoint mongodb://localhost/empcrud in a file baked into the image: read it from an environment variable instead', line: 2, column: 11 }],
    },
    {
      name: 'a mail host under a nested key',
      files: { 'config/default.json': '{}\n', 'config/production.json': '{\n    "name" : "My express app - production",\n    "mail" : {\n        "host" : "prod-mail-folder"\n    }\n}\n' },
      errors: [{ file: 'config/production.json', messageId: 'file', message: /^mail\.host in config\/production\.json fixes the production endpoint prod-mail-folder in a file/, line: 4, column: 19 }],
    },
    {
      name: 'sequelize config.json production section, credentials masked',
      files: { 'config/config.json': '{\n  "development": { "host": "127.0.0.1" },\n  "production": { "username": "app", "host": "db.shop.internal", "url": "postgres://app:s3cret@db.shop.internal/shop" }\n}\n' },
      errors: [{ file: 'config/config.json', messageId: 'file', message: /^production\.host in config\/config\.json fixes the production endpoint db\.shop\.internal \(and 1 more\)/, line: 3, column: 47 }],
    },
    {
      name: 'YAML staging settings',
      files: { 'package.json': '{ "name": "shop", "dependencies": { "config": "^3.3.9" } }\n', 'config/staging.yml': 'redis:\n  url: redis://cache.staging.internal:6379\napi:\n  base: "https://staging-api.shop.com"\n' },
      errors: [{ file: 'config/staging.yml', messageId: 'file', message: /^redis\.url in config\/staging\.yml fixes the staging endpoint redis:\/\/cache\.staging\.internal:6379 \(and 1 more\)/, line: 2, column: 8 }],
    },
    {
      name: 'getconfig project',
      files: { 'package.json': '{ "name": "blog", "dependencies": { "getconfig": "^3.1.0" } }\n', 'config/production.json': '{\n\t"port": 4000,\n  "mongoDB":"mongodb://localhost:27017/m-blog"\n}\n' },
      errors: [{ file: 'config/production.json', messageId: 'file', message: /^mongoDB in config\/production\.json fixes the production endpoint mongodb:\/\/localhost:27017\/m-blog/, line: 3, column: 14 }],
    },
  ],
});
