import rule from '../../../src/engine/rules/secret-in-env-file';
import { RuleTester } from '../../support/ruleTester';

RuleTester.runWorkspace(rule, {
  valid: [
    { name: 'templates hold names, not values', files: { '.env.example': 'DB_PASSWORD=s3cret\n', '.env.sample': 'API_KEY=abc\n' } },
    { name: 'placeholders and references are not secrets', files: { '.env': 'DB_PASSWORD=\nAPI_KEY=changeme\nJWT_SECRET=<set me>\nTOKEN=${VAULT_TOKEN}\n' } },
    { name: 'settings that only look related', files: { '.env': 'TOKEN_TTL=3600\nPASSWORD_MIN_LENGTH=12\nPORT=3000\n' } },
    { name: 'a gitignored .env stays on the developer machine', files: { '.gitignore': '.env\n', '.env': 'DB_PASSWORD=s3cret\n' } },
    { name: 'test environments', files: { '.env.test': 'DB_PASSWORD=test\n' } },
  ],
  invalid: [
    {
      name: 'each secret at its value, quoted or not, with export and comments',
      files: { '.env': '# local settings\nPORT=3000\nDB_PASSWORD=Sh0pAdm1n!\nexport SESSION_SECRET="keyboard cat" # shared\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI   # prod\n' },
      errors: [
        { file: '.env', messageId: 'secret', message: "DB_PASSWORD in .env is a secret committed with the code: keep it in the platform's secret store and commit only .env.example", line: 3, column: 13, endColumn: 23 },
        { file: '.env', message: /^SESSION_SECRET in \.env /, line: 4, column: 24, endColumn: 36 },
        { file: '.env', message: /^AWS_SECRET_ACCESS_KEY in \.env /, line: 5, column: 23, endColumn: 36 },
      ],
    },
    {
      name: 'Windows line endings and a value with spaces in single quotes',
      files: { '.env': "DB_HOST=localhost\r\nDB_PASS='p4ss w0rd'\r\n" },
      errors: [{ file: '.env', message: /^DB_PASS in \.env /, line: 2, column: 10, endColumn: 19 }],
    },
    {
      name: 'a private key and a client secret in .env.local',
      files: { '.env.local': 'GOOGLE_CLIENT_SECRET=GOCSPX-abc123\nJWT_PRIVATE_KEY=MIIEvQIBADANBg\n' },
      errors: [
        { file: '.env.local', message: /^GOOGLE_CLIENT_SECRET in \.env\.local /, line: 1 },
        { file: '.env.local', message: /^JWT_PRIVATE_KEY in \.env\.local /, line: 2 },
      ],
    },
    {
      name: 'a token in a .env of a monorepo package',
      files: { 'packages/bot/.env': 'SLACK_BOT_TOKEN=xoxb-123-456\n' },
      errors: [{ file: 'packages/bot/.env', message: /^SLACK_BOT_TOKEN in packages\/bot\/\.env /, line: 1, column: 17 }],
    },
    {
      name: 'environment-specific files in sub-folders',
      files: { 'config/.env.production': 'STRIPE_API_KEY=sk_live_123\n' },
      errors: [{ file: 'config/.env.production', message: /^STRIPE_API_KEY in config\/\.env\.production /, line: 1, column: 16 }],
    },
  ],
});
