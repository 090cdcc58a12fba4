/**
 * Rule triggers tested the cheap way. A trigger is a RegExp of alternative words (`multer|formidable|\bmv\b`);
 * run as a regular expression over a whole file it tries every alternative at every position, which cost as much
 * as a fifth of the parse. Each word must occur in the text for its alternative to match, so a substring search
 * for the words answers "no" for most files, and the RegExp itself only decides when one of them is there.
 */

/** The text of one file, lower-cased once for the case-insensitive triggers. */
export class TriggerText {
  private lowerCase: string | undefined;

  constructor(readonly text: string) {}

  get lower(): string {
    return (this.lowerCase ??= this.text.toLowerCase());
  }
}

type Matcher = (text: TriggerText) => boolean;

const matchers = new WeakMap<RegExp, Matcher>();

export function triggerMatches(trigger: RegExp, text: TriggerText): boolean {
  let matcher = matchers.get(trigger);
  if (!matcher) matchers.set(trigger, (matcher = compile(trigger)));
  return matcher(text);
}

function compile(trigger: RegExp): Matcher {
  // A global or sticky RegExp keeps state between tests: such a trigger is run as it is.
  const plain = new RegExp(trigger.source, trigger.flags.replace(/[gy]/g, ''));
  const words = requiredWords(plain);
  if (!words) return (text) => plain.test(text.text);
  const ignoreCase = plain.flags.includes('i');
  const needles = ignoreCase ? words.map((word) => word.toLowerCase()) : words;
  return (text) => {
    const haystack = ignoreCase ? text.lower : text.text;
    return needles.some((needle) => haystack.includes(needle)) && plain.test(text.text);
  };
}

/**
 * The literal word of each top-level alternative, or undefined when an alternative is more than a word with
 * optional `\b` around it (then no substring is known to be required, and the RegExp runs alone).
 */
export function requiredWords(trigger: RegExp): string[] | undefined {
  if (trigger.flags.includes('u') || trigger.flags.includes('v')) return undefined;
  const words: string[] = [];
  for (const alternative of trigger.source.split('|')) {
    const core = alternative.replace(/^\\b/, '').replace(/\\b$/, '');
    let word = '';
    for (let index = 0; index < core.length; index++) {
      const character = core[index];
      if (character === '\\') {
        const escaped = core[index + 1];
        // Only escaped punctuation stands for itself (`\.`, `\/`); `\d`, `\s`, `\b` inside a word do not.
        if (escaped === undefined || /[A-Za-z0-9]/.test(escaped)) return undefined;
        word += escaped;
        index++;
      } else if ('^$.*+?()[]{}'.includes(character)) {
        return undefined;
      } else {
        word += character;
      }
    }
    if (word === '') return undefined;
    words.push(word);
  }
  return words;
}
