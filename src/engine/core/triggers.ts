/**
 * Rule triggers tested the cheap way. A trigger is a RegExp of alternative words (`multer|formidable|\bmv\b`).
 * Run over a whole file, each RegExp tries every alternative at every position, and a substring search per word
 * reads the file once per word: for the thirty-odd triggers either cost as much as a fifth of the parse. Every
 * word must occur in the text (in some letter case) for its alternative to match, so one pass of an Aho-Corasick
 * automaton over the file finds where words may match; each such place is then checked as the RegExp would check
 * it (letter case, `\b`), so no RegExp of a list of words runs at all.
 */

/** ASCII only: the words are ASCII, and a match of an ASCII word under the `i` flag is ASCII too. */
const ALPHABET = 128;

/** One alternative of a trigger that is a list of words, as its RegExp matches it. */
interface WordAlternative {
  word: string;
  /** `\b` before or after the word: the character there must differ from the word's end in being a word character. */
  boundaryBefore: boolean;
  boundaryAfter: boolean;
}

/** A word of a trigger, with what the automaton needs to check it where it is found. */
interface TriggerWord extends WordAlternative {
  trigger: number;
  caseInsensitive: boolean;
}

export class TriggerIndex {
  private readonly triggers: readonly RegExp[];
  /** For each state, the trigger words that end there (through failure links too). */
  private readonly outputs: (TriggerWord[] | undefined)[];
  /** Triggers that are not lists of words: their RegExp always runs. */
  private readonly unindexed: number[] = [];
  /**
   * What the scan reads. Characters that occur in no word are one class, and each (case-folded) character of the
   * words a class of its own: `classOf` maps a character code to its class. `step[(entry >> 1) + class]` is the
   * next entry: the next state's row (its number × the number of classes) shifted left by one, with the low bit
   * set where a word ends. A row per class rather than per ASCII code keeps the table small enough for the
   * processor's fastest cache, which is what the scan waits on, one character after another.
   */
  private readonly classOf: Uint8Array;
  private readonly classCount: number;
  private readonly step: Uint16Array | Uint32Array;

  constructor(triggers: readonly RegExp[]) {
    // A global or sticky RegExp keeps state between tests: a copy without those flags is what runs.
    this.triggers = triggers.map((trigger) => (/[gy]/.test(trigger.flags) ? new RegExp(trigger.source, trigger.flags.replace(/[gy]/g, '')) : trigger));
    const children: Map<number, number>[] = [new Map()];
    const outputs: (TriggerWord[] | undefined)[] = [undefined];
    this.triggers.forEach((trigger, triggerIndex) => {
      const alternatives = wordAlternatives(trigger);
      if (!alternatives) {
        this.unindexed.push(triggerIndex);
        return;
      }
      for (const { word, boundaryBefore, boundaryAfter } of alternatives) {
        let state = 0;
        for (const code of lowerCaseCodes(word)) {
          let next = children[state].get(code);
          if (next === undefined) {
            next = children.length;
            children.push(new Map());
            outputs.push(undefined);
            children[state].set(code, next);
          }
          state = next;
        }
        (outputs[state] ??= []).push({ trigger: triggerIndex, word, caseInsensitive: trigger.flags.includes('i'), boundaryBefore, boundaryAfter });
      }
    });
    // Goto function of the automaton, complete (failure links folded in): next state = transitions[state * 128 + code].
    const transitions = new Int32Array(children.length * ALPHABET);
    this.outputs = outputs;
    // Breadth-first: a state's failure target is shallower, so its transitions are complete when they are copied.
    const failure = new Int32Array(children.length);
    const queue: number[] = [];
    for (let code = 0; code < ALPHABET; code++) {
      const child = children[0].get(code);
      if (child !== undefined) {
        transitions[code] = child;
        queue.push(child);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      const inherited = this.outputs[failure[state]];
      if (inherited) this.outputs[state] = [...(this.outputs[state] ?? []), ...inherited];
      for (let code = 0; code < ALPHABET; code++) {
        const child = children[state].get(code);
        const fallback = transitions[failure[state] * ALPHABET + code];
        if (child === undefined) {
          transitions[state * ALPHABET + code] = fallback;
        } else {
          failure[child] = fallback;
          transitions[state * ALPHABET + code] = child;
          queue.push(child);
        }
      }
    }
    // Class 0 is every character no word has: from any state it leads back to the start, as `transitions` says.
    this.classOf = new Uint8Array(ALPHABET);
    const codesOfClass: number[] = [0];
    for (let code = 0; code < ALPHABET; code++) {
      const folded = code >= 65 && code <= 90 ? code + 32 : code;
      if (folded !== code) continue;
      if (children.some((next) => next.has(code))) this.classOf[code] = codesOfClass.push(code) - 1;
    }
    for (let code = 65; code <= 90; code++) this.classOf[code] = this.classOf[code + 32];
    this.classCount = codesOfClass.length;
    const entries = children.length * this.classCount;
    this.step = entries * 2 <= 0xffff ? new Uint16Array(entries) : new Uint32Array(entries);
    for (let state = 0; state < children.length; state++) {
      for (let kind = 0; kind < this.classCount; kind++) {
        // Class 0 stands for characters that are in no word: code 0 is one of them, and leads where they all do.
        const next = transitions[state * ALPHABET + codesOfClass[kind]];
        this.step[state * this.classCount + kind] = ((next * this.classCount) << 1) | (this.outputs[next] ? 1 : 0);
      }
    }
  }

  /** For each trigger (in the order given), whether it matches `text`: exactly what its RegExp's `test` answers. */
  matching(text: string): boolean[] {
    const matched = new Array<boolean>(this.triggers.length).fill(false);
    // Every file of a scan and every keystroke goes through this loop: typed arrays only, no branch per letter case.
    const { step, classOf, classCount, outputs } = this;
    let entry = 0;
    for (let position = 0; position < text.length; position++) {
      const code = text.charCodeAt(position);
      if (code >= ALPHABET) {
        entry = 0;
        continue;
      }
      entry = step[(entry >> 1) + classOf[code]];
      if ((entry & 1) === 1) {
        for (const candidate of outputs[(entry >> 1) / classCount]!) if (!matched[candidate.trigger] && occursAt(text, position, candidate)) matched[candidate.trigger] = true;
      }
    }
    for (const index of this.unindexed) matched[index] = this.triggers[index].test(text);
    return matched;
  }
}

/** Whether `candidate`, found case-folded ending at `end`, matches there as its RegExp would. */
function occursAt(text: string, end: number, candidate: TriggerWord): boolean {
  const { word } = candidate;
  const start = end - word.length + 1;
  // The automaton folds ASCII letters only; without the `u` flag, `i` matches nothing else to them either.
  if (!candidate.caseInsensitive && !text.startsWith(word, start)) return false;
  if (candidate.boundaryBefore && isWordCharacter(text.charCodeAt(start - 1)) === isWordCharacter(word.charCodeAt(0))) return false;
  if (candidate.boundaryAfter && isWordCharacter(text.charCodeAt(end + 1)) === isWordCharacter(word.charCodeAt(word.length - 1))) return false;
  return true;
}

/** `\w` without the `u` flag; NaN (before the start or past the end of the text) is not one. */
function isWordCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function lowerCaseCodes(word: string): number[] {
  return [...word.toLowerCase()].map((character) => character.charCodeAt(0));
}

/**
 * The literal word of each top-level alternative, or undefined when an alternative is more than an ASCII word
 * with optional `\b` around it (then no substring is known to be required, and the RegExp runs alone).
 */
export function requiredWords(trigger: RegExp): string[] | undefined {
  return wordAlternatives(trigger)?.map((alternative) => alternative.word);
}

function wordAlternatives(trigger: RegExp): WordAlternative[] | undefined {
  if (trigger.flags.includes('u') || trigger.flags.includes('v')) return undefined;
  const alternatives: WordAlternative[] = [];
  for (const alternative of trigger.source.split('|')) {
    const boundaryBefore = alternative.startsWith('\\b');
    const boundaryAfter = alternative.length > 2 && /(^|[^\\])(\\\\)*\\b$/.test(alternative);
    const core = alternative.slice(boundaryBefore ? 2 : 0, boundaryAfter ? -2 : undefined);
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
    if (word === '' || !/^[\x20-\x7e]+$/.test(word)) return undefined;
    alternatives.push({ word, boundaryBefore, boundaryAfter });
  }
  return alternatives;
}
