import rule from '../../../src/engine/rules/node-env-endpoint-switch';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'production reads the environment, development has a local default', code: "const url = process.env.NODE_ENV === 'production' ? process.env.MONGODB_URI : 'mongodb://localhost/app';" },
    { name: 'switch whose production case reads the environment', code: "module.exports = (function () {\n  switch (process.env.NODE_ENV || 'development') {\n    case 'production':\n      return { mongo_uri: process.env.MONGO_URI };\n    case 'development':\n      return { mongo_uri: 'mongodb://localhost/users' };\n  }\n})();" },
    { name: 'relative API path in production', code: "export const API_BASE = process.env.NODE_ENV === 'production' ? '/api' : 'http://localhost:3001/api';", filename: 'src/config.ts' },
    { name: 'NODE_ENV switch that only changes behaviour', code: "if (process.env.NODE_ENV === 'production') {\n  app.set('trust proxy', 1);\n  app.use(helmet());\n}" },
    { name: 'production fallback behind an environment variable', code: "const { NODE_ENV } = process.env;\nconst db = NODE_ENV === 'production' ? process.env.DB_URL || 'mongodb://db.internal/app' : 'mongodb://localhost/app';" },
    { name: 'a test of something else than the environment', code: "const url = useTls ? 'https://api.example.org' : 'http://api.shop.com';" },
    { name: 'build configuration', filename: 'webpack.config.js', code: "module.exports = { output: { publicPath: process.env.NODE_ENV === 'production' ? 'https://cdn.shop.com/' : '/' } };" },
  ],
  invalid: [
    {
      name: 'if on NODE_ENV assigning a production database URL',
      code: "let url;\nif (process.env.NODE_ENV === 'production') {\n  url = 'mongodb://prod-db.internal/shop';\n} else {\n  url = 'mongodb://localhost/shop';\n}",
      errors: [{ messageId: 'switch', message: "this NODE_ENV switch picks the production endpoint mongodb://prod-db.internal/shop in code: each environment's settings belong in its own environment variables, not in a branch baked into the image", line: 2, column: 5, related: ['the endpoint'] }],
    },
    {
      name: 'negated test: the production URL is in the alternate',
      code: "const baseUrl = process.env.NODE_ENV !== 'production' ? 'http://localhost:3000' : 'https://myshop.herokuapp.com';",
      errors: [{ messageId: 'switch', message: /^this NODE_ENV switch picks the production endpoint https:\/\/myshop\.herokuapp\.com in code/, line: 1, column: 17 }],
    },
    {
      name: 'switch returning a settings object held in a const, credentials masked',
      code: "const production_settings = { db: 'mongodb://heroku_app:5i62a359dvp9@ds143201.mlab.com:43201/heroku_app' };\nconst dev_settings = { db: 'mongodb://localhost:27017/cache' };\nfunction Config() {\n  switch (process.env.NODE_ENV) {\n    case 'production':\n      return production_settings;\n    default:\n      return dev_settings;\n  }\n}",
      errors: [{ messageId: 'switch', message: /^this NODE_ENV switch picks the production endpoint mongodb:\/\/heroku_app:\*\*\*@ds143201\.mlab\.com:43201\/heroku_app in code/, line: 5, column: 10 }],
    },
    {
      name: 'boolean bound from a NODE_ENV test, host option (TypeScript)',
      filename: 'src/redis.ts',
      code: "const isProd = process.env.NODE_ENV === 'production';\nexport const redisOptions = isProd ? { host: 'redis.prod.shop.internal', port: 6379 } : { host: 'localhost', port: 6379 };",
      errors: [{ messageId: 'switch', message: /picks the production endpoint redis\.prod\.shop\.internal in code/, line: 2, column: 29 }],
    },
    {
      name: 'map keyed by environment name',
      code: "const API = { production: 'https://api.shop.com', staging: 'https://staging-api.shop.com', development: 'http://localhost:3000' };\nmodule.exports = API[process.env.NODE_ENV];",
      errors: [
        { messageId: 'switch', message: /picks the production endpoint https:\/\/api\.shop\.com in code/, line: 2, column: 18 },
        { messageId: 'switch', message: /picks the staging endpoint https:\/\/staging-api\.shop\.com in code/, line: 2, column: 18 },
      ],
    },
    {
      name: 'Express app.get(\'env\') with several endpoints',
      code: "if (app.get('env') === 'production') {\n  config.db = 'postgres://db.shop.internal/shop';\n  config.cache = 'redis://cache.shop.internal:6379';\n}",
      errors: [{ messageId: 'switch', message: /picks the production endpoint postgres:\/\/db\.shop\.internal\/shop \(and 1 more\) in code/, line: 1, column: 5 }],
    },
  ],
});
