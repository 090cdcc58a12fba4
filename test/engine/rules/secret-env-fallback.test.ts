import rule from '../../../src/engine/rules/secret-env-fallback';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'a required variable', code: "const secret = process.env.JWT_SECRET;\nif (!secret) throw new Error('JWT_SECRET is required');" },
    { name: 'an empty fallback', code: "module.exports = { jwtSecret: process.env.JWT_SECRET || '', password: process.env.DB_PASSWORD ?? '' };" },
    { name: 'variables that are not secrets', code: "const port = process.env.PORT || 3000;\nconst ttl = process.env.TOKEN_EXPIRES_IN || '1h';\nconst host = process.env.DB_HOST || 'localhost';" },
    { name: 'a placeholder password cannot authenticate anywhere', code: "const password = process.env.DB_PASSWORD || 'yourpassword';" },
    { name: 'a development-only default behind NODE_ENV', code: "const { NODE_ENV, JWT_SECRET } = process.env;\nmodule.exports = { JWT_SECRET: NODE_ENV === 'production' ? JWT_SECRET : 'dev-secret' };" },
    { name: 'PWD is the working directory', code: "const cwd = process.env.PWD || '/app';" },
    { name: 'test files', filename: 'test/helpers.js', code: "process.env.JWT_SECRET = process.env.JWT_SECRET || 'test-secret';" },
  ],
  invalid: [
    {
      name: 'JWT secret fallback',
      code: "const JWT_SECRET = process.env.JWT_SECRET || 'secret';",
      errors: [{ messageId: 'fallback', message: 'JWT_SECRET falls back to a hard-coded value when it is unset: production may silently run with a secret that ships with the code; make the variable required', line: 1, column: 46, endColumn: 54 }],
      output: "function requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nconst JWT_SECRET = requireEnv('JWT_SECRET');",
      outputFiles: { '.env.example': "JWT_SECRET=\n" },
    },
    {
      name: 'destructuring default from process.env',
      code: "const { SESSION_SECRET = 'keyboard cat', PORT = 3000 } = process.env;",
      errors: [{ messageId: 'fallback', message: /^SESSION_SECRET falls back/, line: 1, column: 26 }],
      output: "function requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nconst { SESSION_SECRET = requireEnv('SESSION_SECRET'), PORT = 3000 } = process.env;",
      outputFiles: { '.env.example': "SESSION_SECRET=\n" },
    },
    {
      name: 'password fallbacks with ?? and || in a config object (TypeScript)',
      filename: 'src/config.ts',
      code: "export default {\n  db: { password: process.env.DB_PASS ?? 'root' },\n  mongo: { password: process.env.MONGO_PASSWORD || 'admin' },\n};",
      errors: [
        { messageId: 'fallback', message: /^DB_PASS falls back/, line: 2, column: 42 },
        { messageId: 'fallback', message: /^MONGO_PASSWORD falls back/, line: 3, column: 52 },
      ],
      output: "function requireEnv(name: string): string {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nexport default {\n  db: { password: requireEnv('DB_PASS') },\n  mongo: { password: requireEnv('MONGO_PASSWORD') },\n};",
      outputFiles: { '.env.example': "DB_PASS=\nMONGO_PASSWORD=\n" },
    },
    {
      name: 'ternary on the same variable',
      code: "const key = process.env.API_KEY ? process.env.API_KEY : 'a1b2c3d4e5';",
      errors: [{ messageId: 'fallback', message: /^API_KEY falls back/, line: 1, column: 57 }],
      output: "function requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nconst key = requireEnv('API_KEY');",
      outputFiles: { '.env.example': "API_KEY=\n" },
    },
    {
      name: 'fallback through a name bound from the environment',
      code: "const { TOKEN_SECRET } = process.env;\nconst secret = TOKEN_SECRET || 'changeme';",
      errors: [{ messageId: 'fallback', message: /^TOKEN_SECRET falls back/, line: 2, column: 32 }],
      output: "function requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nconst { TOKEN_SECRET } = process.env;\nconst secret = requireEnv('TOKEN_SECRET');",
      outputFiles: { '.env.example': "TOKEN_SECRET=\n" },
    },
    {
      name: 'through an alias of process.env',
      code: "const env = process.env;\nconst secret = env.JWT_SECRET || 'secret';\nconst { SESSION_SECRET = 'abc' } = env;",
      errors: [
        { messageId: 'fallback', message: /^JWT_SECRET falls back/, line: 2, column: 34 },
        { messageId: 'fallback', message: /^SESSION_SECRET falls back/, line: 3, column: 26 },
      ],
      output: "function requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nconst env = process.env;\nconst secret = requireEnv('JWT_SECRET');\nconst { SESSION_SECRET = requireEnv('SESSION_SECRET') } = env;",
      outputFiles: { '.env.example': "JWT_SECRET=\nSESSION_SECRET=\n" },
    },
    {
      name: 'NestJS ConfigService default (TypeScript)',
      filename: 'src/auth/jwt.strategy.ts',
      code: "export class JwtStrategy {\n  constructor(private configService: ConfigService) {}\n  key() { return this.configService.get<string>('JWT_SECRET', 'default-secret'); }\n  port() { return this.configService.get('PORT', 3000); }\n}",
      errors: [{ messageId: 'fallback', message: /^JWT_SECRET falls back/, line: 3, column: 63 }],
      // A configuration service's own schema decides what is required.
      output: null,
    },
    {
      name: 'logical assignment',
      code: "process.env.COOKIE_SECRET ??= 'cookie-secret';",
      errors: [{ messageId: 'fallback', line: 1, column: 31 }],
      output: "function requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nrequireEnv('COOKIE_SECRET');",
      outputFiles: { '.env.example': "COOKIE_SECRET=\n" },
    },
    {
      name: 'ESM module with double quotes and no semicolons',
      filename: 'src/config.mjs',
      code: "import \"dotenv/config\"\n\nexport const config = {\n  jwtSecret: process.env.JWT_SECRET ?? \"dev-jwt-secret\",\n  port: Number(process.env.PORT ?? 3000),\n}\n",
      errors: [{ messageId: 'fallback', message: /^JWT_SECRET falls back/, line: 4, column: 40 }],
      output: "import \"dotenv/config\"\n\nfunction requireEnv(name) {\n  const value = process.env[name]\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`)\n  return value\n}\n\nexport const config = {\n  jwtSecret: requireEnv(\"JWT_SECRET\"),\n  port: Number(process.env.PORT ?? 3000),\n}\n",
      outputFiles: { '.env.example': "JWT_SECRET=\n" },
    },
  ],
});
