import { createTextRule } from './support/createRule';
import {
  CONFIG_DATA_FILE,
  configValues,
  isHighEntropyToken,
  isLocalEnvironmentFile,
  isSigningSecretName,
  isVariableReference,
  isNotSettingsFile,
  isPlaceholderValue,
  knownTokenKind,
  looksLikeSigningSecret,
  secretKindOfName,
  urlWithPassword,
} from './support/secrets-config-os';

/** `DB_PASSWORD`, `$DB_PASSWORD`: the name of a variable, not a value. */
const PASSWORD_KEY = /(password|passwd|pass|pwd)$/i;
const VARIABLE_REFERENCE = /^\$?[A-Z][A-Z0-9_]{2,}$/;

export default createTextRule(
  {
    id: 'secret-in-config-file',
    category: 'hardcoded-secret',
    defaultSeverity: 'error',
    description: 'A JSON or YAML configuration file in the repository (config/default.json, config/production.json, sequelize config.json, a service-account key) holds a password, secret, token or key.',
    messages: {
      secret: '{{key}} in {{file}} is a secret committed with the code: keep it in the platform\'s secret store and read it from the environment',
      token: '{{key}} in {{file}} holds a {{kind}} committed with the code: revoke it, keep the new one in the platform\'s secret store',
      url: '{{key}} in {{file}} carries the password of {{service}} user {{user}}: keep the connection URL in the platform\'s secret store',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 0.5,
    fixable: false,
  },
  CONFIG_DATA_FILE,
  (context) => {
    if (isNotSettingsFile(context.file)) return;
    const values = configValues(context.file, context.text);
    if (!values) return;
    for (const { path, value, range } of values) {
      const key = [...path].reverse().find((part) => !/^\d+$/.test(part)) ?? '';
      const shownKey = path.join('.');
      const token = knownTokenKind(value);
      if (token) {
        context.report({ range, messageId: 'token', data: { key: shownKey, file: context.file, kind: token } });
        continue;
      }
      const credentials = urlWithPassword(value);
      if (credentials) {
        context.report({ range, messageId: 'url', data: { key: shownKey, file: context.file, service: credentials.service, user: credentials.user || '(none)' } });
        continue;
      }
      const kind = secretKindOfName(key);
      if (!kind || isVariableReference(value) || isPlaceholderValue(value, key)) continue;
      const secret =
        kind === 'signing'
          ? (looksLikeSigningSecret(value, key) && isSigningSecretName(key) && !isLocalEnvironmentFile(context.file)) || isHighEntropyToken(value)
          : PASSWORD_KEY.test(key)
            ? value.trim().length >= 3 && !/\s.*\s/.test(value.trim())
            : isHighEntropyToken(value);
      if (secret) context.report({ range, messageId: 'secret', data: { key: shownKey, file: context.file } });
    }
  },
);
