import { classifyUrl } from './hardcoded-service-url';
import { createTextRule } from './support/createRule';

/** `url = "postgresql://…"` (or `directUrl`, `shadowDatabaseUrl`) inside a `datasource` block of a Prisma schema. */
const DATASOURCE_BLOCK = /^[ \t]*datasource[ \t]+\w+[ \t]*\{([^}]*)\}/gm;
const URL_ASSIGNMENT = /^[ \t]*(url|directUrl|shadowDatabaseUrl)[ \t]*=[ \t]*"([^"\n]*)"/gm;

export default createTextRule(
  {
    id: 'prisma-datasource-url',
    category: 'hardcoded-endpoint',
    defaultSeverity: 'error',
    description: 'A Prisma schema gives its datasource a literal connection URL instead of env("DATABASE_URL").',
    messages: {
      url: 'the Prisma datasource {{key}} is the literal {{url}}: use env("DATABASE_URL") so each environment connects to its own database',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 0.5,
    fixable: false,
    roles: ['runtime', 'build'],
  },
  /(^|\/)[^/]+\.prisma$/,
  (context) => {
    for (const block of context.text.matchAll(DATASOURCE_BLOCK)) {
      const body = block[1];
      const bodyOffset = block.index + block[0].indexOf('{') + 1;
      for (const assignment of body.matchAll(URL_ASSIGNMENT)) {
        const [line, key, value] = assignment;
        const endpoint = classifyUrl(value);
        // A file: URL is SQLite: the embedded-database rules judge it.
        if (!endpoint) continue;
        const start = bodyOffset + assignment.index + line.lastIndexOf(`"${value}"`) + 1;
        context.report({ range: [start, start + value.length], messageId: 'url', data: { key, url: endpoint.shown } });
      }
    }
  },
);
