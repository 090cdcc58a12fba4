import rule from '../../../src/engine/rules/prisma-datasource-url';
import { RuleTester } from '../../support/ruleTester';

const schema = (datasource: string) => `generator client {\n  provider = "prisma-client-js"\n}\n\n${datasource}\n\nmodel User {\n  id    Int    @id @default(autoincrement())\n  email String @unique\n}\n`;

RuleTester.runWorkspace(rule, {
  valid: [
    { name: 'the URL from the environment', files: { 'prisma/schema.prisma': schema('datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}') } },
    { name: 'direct and shadow URLs from the environment', files: { 'prisma/schema.prisma': schema('datasource db {\n  provider          = "postgresql"\n  url               = env("DATABASE_URL")\n  directUrl         = env("DIRECT_URL")\n  shadowDatabaseUrl = env("SHADOW_DATABASE_URL")\n}') } },
    { name: 'SQLite files are the embedded-database rules\' business', files: { 'schema.prisma': schema('datasource db {\n  provider = "sqlite"\n  url      = "file:./dev.db"\n}') } },
    { name: 'a URL in a generator block is not a datasource', files: { 'schema.prisma': 'generator docs {\n  provider = "node node_modules/prisma-docs-generator"\n  output   = "http://localhost:5858"\n}\n' } },
    { name: 'a commented-out URL', files: { 'schema.prisma': schema('datasource db {\n  provider = "postgresql"\n  // url = "postgresql://localhost:5432/app"\n  url = env("DATABASE_URL")\n}') } },
  ],
  invalid: [
    {
      name: 'a literal PostgreSQL URL, password masked',
      files: { 'prisma/schema.prisma': schema('datasource db {\n  provider = "postgresql"\n  url      = "postgresql://app:s3cret@localhost:5432/shop?schema=public"\n}') },
      errors: [{ file: 'prisma/schema.prisma', messageId: 'url', message: /^the Prisma datasource url is the literal postgresql:\/\/app:\*\*\*@localhost:5432\/shop\?schema=public: use env/, line: 7, column: 15 }],
    },
    {
      name: 'MySQL on a private address',
      files: { 'schema.prisma': schema('datasource db {\n  provider = "mysql"\n  url = "mysql://root@10.0.0.12:3306/orders"\n}') },
      errors: [{ file: 'schema.prisma', message: /literal mysql:\/\/root@10\.0\.0\.12:3306\/orders/, line: 7, column: 10 }],
    },
    {
      name: 'MongoDB',
      files: { 'prisma/schema.prisma': schema('datasource db {\n  provider = "mongodb"\n  url      = "mongodb+srv://cluster0.example.mongodb.net/app"\n}') },
      errors: [{ file: 'prisma/schema.prisma', line: 7 }],
    },
    {
      name: 'the direct URL is literal too',
      files: { 'prisma/schema.prisma': schema('datasource db {\n  provider  = "postgresql"\n  url       = env("DATABASE_URL")\n  directUrl = "postgresql://localhost:5432/app"\n}') },
      errors: [{ file: 'prisma/schema.prisma', message: /^the Prisma datasource directUrl is the literal/, line: 8 }],
    },
    {
      name: 'a schema of a monorepo package',
      files: { 'packages/db/package.json': '{}', 'packages/db/prisma/schema.prisma': schema('datasource main {\n  provider = "sqlserver"\n  url = "sqlserver://db.corp:1433;database=shop"\n}') },
      errors: [{ file: 'packages/db/prisma/schema.prisma', line: 7 }],
    },
  ],
});
