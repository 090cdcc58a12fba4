import { createTextRule } from './support/createRule';

/** `.env`, `.env.production`, `config/.env.local`; not the templates, and not test environments. */
const ENV_FILE = /(^|\/)\.env(\.(?!(example|sample|template|dist|defaults|test|testing|ci)$)[\w-]+)?$/;
const SECRET_KEY = /(SECRET|SECRET[_-]?KEY|PASSWORD|PASSWD|PASSPHRASE|(^|_)PASS|(^|_)PWD|TOKEN|API[_-]?KEY|ACCESS[_-]?KEY|PRIVATE[_-]?KEY|CLIENT[_-]?SECRET|CREDENTIALS?|SIGNING[_-]?KEY)$/i;
const PLACEHOLDER = /^(|changeme|change[_-]me|todo|xx+|\*+|\.\.\.|<.*>|\$\{.*\}|your[_-].*)$/i;
const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*)$/gm;

/** The value of a dotenv line without quotes or a trailing comment, with its offset in the line's value part. */
function unquote(raw: string): { value: string; start: number; end: number } {
  const quoted = /^(["'`])(.*?)\1/.exec(raw);
  if (quoted) return { value: quoted[2], start: 1, end: 1 + quoted[2].length };
  const value = raw.replace(/[ \t]+#.*$/, '').trimEnd();
  return { value, start: 0, end: value.length };
}

export default createTextRule(
  {
    id: 'secret-in-env-file',
    category: 'hardcoded-secret',
    defaultSeverity: 'error',
    description: 'A committed .env file holds a password, token or key, which then ships with the code to every environment.',
    messages: {
      secret: '{{key}} in {{file}} is a secret committed with the code: keep it in the platform\'s secret store and commit only .env.example',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 0.5,
    fixable: false,
  },
  ENV_FILE,
  (context) => {
    for (const match of context.text.matchAll(ASSIGNMENT)) {
      const [line, key, raw] = match;
      if (!SECRET_KEY.test(key)) continue;
      const { value, start, end } = unquote(raw);
      if (PLACEHOLDER.test(value.trim())) continue;
      const valueOffset = match.index + line.length - raw.length;
      context.report({ range: [valueOffset + start, valueOffset + end], messageId: 'secret', data: { key, file: context.file } });
    }
  },
);
