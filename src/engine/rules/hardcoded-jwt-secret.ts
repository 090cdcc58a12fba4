import { createSourceRule } from './support/createRule';
import { sinkRuleListeners } from './support/secrets-config-os';

export default createSourceRule(
  {
    id: 'hardcoded-jwt-secret',
    category: 'hardcoded-secret',
    defaultSeverity: 'error',
    description: 'A JSON Web Token signing or verification secret (jsonwebtoken, express-jwt, koa-jwt, passport-jwt, @nestjs/jwt, fastify and hapi JWT plugins, jose) is written in the code.',
    messages: {
      literal: '{{what}} is hard-coded: anyone with the code can mint valid tokens for every environment; read it from a required environment variable',
      fallback: '{{what}} falls back to a literal when {{source}} is unset: production may silently accept tokens signed with a known key',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 0.5,
    fixable: true,
    triggers: /jwt|jsonwebtoken|jose|secretOrKey/i,
  },
  // A PEM key given as `privateKey` is not the shared HMAC secret: it gets a name of its own.
  (context) => sinkRuleListeners(context, ['jwt'], undefined, { jwt: (sink) => (/privateKey$/.test(sink.what) ? 'JWT_PRIVATE_KEY' : 'JWT_SECRET') }),
);
