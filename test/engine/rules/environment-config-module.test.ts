import rule from '../../../src/engine/rules/environment-config-module';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'production settings read from the environment', filename: 'config/production.js', code: "module.exports = {\n  mongodbURI: process.env.MONGODB_URI,\n  port: process.env.PORT || 3030,\n};" },
    { name: 'environment overrides with defaults', filename: 'config/env/production.js', code: "module.exports = {\n  db: { uri: process.env.MONGOHQ_URL || process.env.MONGODB_URI || 'mongodb://localhost/mean' },\n};" },
    { name: 'development settings are for a developer machine', filename: 'config/development.js', code: "module.exports = { mongoURI: 'mongodb://localhost/bts' };" },
    { name: 'a production file that is not configuration', filename: 'src/routes/production.js', code: "router.get('/', (req, res) => res.redirect('https://shop.example-store.com/catalogue'));" },
    { name: 'production settings without endpoints', filename: 'config/production.ts', code: "export default { logLevel: 'warn', cacheSeconds: 3600, staticFilePath: '../client/build' };" },
    { name: 'relative URLs', filename: 'config/prod.js', code: "module.exports = { apiBase: '/api/v1', assets: '/static' };" },
  ],
  invalid: [
    {
      name: 'production module with database and mail hosts',
      filename: 'config/production.js',
      code: "module.exports = {\n  db: 'mongodb://db1.shop.internal:27017/shop',\n  mail: { host: 'smtp.shop.internal', port: 25 },\n};",
      errors: [{ messageId: 'module', message: "config/production.js fixes the production endpoint mongodb://db1.shop.internal:27017/shop (and 1 more) in code: the image carries one environment's configuration; read these settings from environment variables", line: 2, column: 7 }],
      output: "module.exports = {\n  db: process.env.MONGODB_URL ?? 'mongodb://db1.shop.internal:27017/shop',\n  mail: { host: process.env.MAIL_HOST ?? 'smtp.shop.internal', port: 25 },\n};",
      outputFiles: { '.env.example': "MONGODB_URL=mongodb://db1.shop.internal:27017/shop\nMAIL_HOST=smtp.shop.internal\n" },
    },
    {
      name: 'staging TypeScript module, credentials masked',
      filename: 'src/config/staging.ts',
      code: "export const settings = {\n  database: 'postgres://app:Xk9pL2mQ@staging-db.shop.com:5432/shop',\n};",
      errors: [{ messageId: 'module', message: /^src\/config\/staging\.ts fixes the staging endpoint postgres:\/\/app:\*\*\*@staging-db\.shop\.com:5432\/shop in code/, line: 2, column: 13 }],
      output: "function requireEnv(name: string): string {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nexport const settings = {\n  database: requireEnv('DATABASE_URL'),\n};",
      outputFiles: { '.env.example': "DATABASE_URL=\n" },
    },
    {
      name: 'config.production.js beside the code',
      filename: 'config.production.js',
      code: "module.exports = { apiUrl: 'https://api.shop.com/v2' };",
      errors: [{ messageId: 'module', message: /^config\.production\.js fixes the production endpoint https:\/\/api\.shop\.com\/v2 in code/, line: 1, column: 28 }],
      output: "module.exports = { apiUrl: process.env.API_URL ?? 'https://api.shop.com/v2' };",
      outputFiles: { '.env.example': "API_URL=https://api.shop.com/v2\n" },
    },
    {
      name: 'keys_prod module of a course project',
      filename: 'config/keys_prod.js',
      code: "module.exports = {\n  mongoURI: 'mongodb://heroku_user:p4ss@ds143201.mlab.com:43201/heroku_db',\n  secretOrKey: process.env.SECRET_OR_KEY,\n};",
      errors: [{ messageId: 'module', line: 2, column: 13 }],
      output: "function requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nmodule.exports = {\n  mongoURI: requireEnv('MONGO_URI'),\n  secretOrKey: process.env.SECRET_OR_KEY,\n};",
      outputFiles: { '.env.example': "MONGO_URI=\n" },
    },
    {
      name: 'host option beside an environment fallback',
      filename: 'env/prod.js',
      code: "module.exports = {\n  redis: { host: 'redis.prod.internal', port: 6379 },\n  mongo: process.env.MONGO_URL || 'mongodb://localhost/app',\n};",
      errors: [{ messageId: 'module', message: /fixes the prod endpoint redis\.prod\.internal in code/, line: 2, column: 18 }],
      output: "module.exports = {\n  redis: { host: process.env.REDIS_HOST ?? 'redis.prod.internal', port: 6379 },\n  mongo: process.env.MONGO_URL || 'mongodb://localhost/app',\n};",
      outputFiles: { '.env.example': "REDIS_HOST=redis.prod.internal\n" },
    },
    {
      name: 'ES module without semicolons; two endpoints that would share a variable get no fix',
      filename: 'config/production.mjs',
      code: "export default {\n  primary: \"mongodb://db1.shop.internal/shop\",\n  replica: \"mongodb://db2.shop.internal/shop\",\n}\n",
      errors: [{ messageId: 'module', line: 2, column: 12 }],
      output: null,
    },
  ],
});
