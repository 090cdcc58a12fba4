import { createSourceRule } from './support/createRule';
import { sinkRuleListeners } from './support/secrets-config-os';

export default createSourceRule(
  {
    id: 'hardcoded-session-secret',
    category: 'hardcoded-secret',
    defaultSeverity: 'error',
    description: 'A session or cookie signing secret (express-session, cookie-session, cookie-parser, Koa app.keys, fastify and hapi cookies, iron-session) is written in the code.',
    messages: {
      literal: '{{what}} is hard-coded: every environment signs its sessions with the same known key; read it from a required environment variable',
      fallback: '{{what}} falls back to a literal when {{source}} is unset: production may silently sign its sessions with a known key',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 0.5,
    fixable: true,
  },
  (context) => sinkRuleListeners(context, ['session'], undefined, { session: 'SESSION_SECRET' }),
);
