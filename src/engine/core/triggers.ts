/**
 * Rule triggers tested the cheap way. A trigger is a RegExp of alternative words (`multer|formidable|\bmv\b`).
 * Run over a whole file, each RegExp tries every alternative at every position, and a substring search per word
 * reads the file once per word: for the thirty-odd triggers either cost as much as a fifth of the parse. Every
 * word must occur in the text (in some letter case) for its alternative to match, so one pass of an Aho-Corasick
 * automaton over the file finds the triggers that may match, and only their RegExps run.
 */

/** ASCII only: the words are ASCII, and a match of an ASCII word under the `i` flag is ASCII too. */
const ALPHABET = 128;

export class TriggerIndex {
  private readonly triggers: readonly RegExp[];
  /** For each state, the triggers one of whose words ends there (through failure links too). */
  private readonly outputs: (number[] | undefined)[];
  /** Triggers that are not lists of words: their RegExp always runs. */
  private readonly unindexed: number[] = [];
  /**
   * What the scan reads: for the state at `offset` (its number × 128) and a character code, the next state's
   * offset, upper-case letters already folded to lower case; and which states end a word.
   */
  private readonly step: Int32Array;
  private readonly accepting: Uint8Array;

  constructor(triggers: readonly RegExp[]) {
    // A global or sticky RegExp keeps state between tests: a copy without those flags is what runs.
    this.triggers = triggers.map((trigger) => (/[gy]/.test(trigger.flags) ? new RegExp(trigger.source, trigger.flags.replace(/[gy]/g, '')) : trigger));
    const children: Map<number, number>[] = [new Map()];
    const outputs: (number[] | undefined)[] = [undefined];
    this.triggers.forEach((trigger, triggerIndex) => {
      const words = requiredWords(trigger);
      if (!words) {
        this.unindexed.push(triggerIndex);
        return;
      }
      for (const word of words) {
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
        (outputs[state] ??= []).push(triggerIndex);
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
    this.step = new Int32Array(children.length * ALPHABET);
    this.accepting = new Uint8Array(children.length);
    for (let state = 0; state < children.length; state++) {
      if (this.outputs[state]) this.accepting[state] = 1;
      for (let code = 0; code < ALPHABET; code++) {
        const folded = code >= 65 && code <= 90 ? code + 32 : code;
        this.step[state * ALPHABET + code] = transitions[state * ALPHABET + folded] * ALPHABET;
      }
    }
  }

  /** For each trigger (in the order given), whether it matches `text`: exactly what its RegExp's `test` answers. */
  matching(text: string): boolean[] {
    const candidate = new Array<boolean>(this.triggers.length).fill(false);
    for (const index of this.unindexed) candidate[index] = true;
    // Every file of a scan and every keystroke goes through this loop: typed arrays only, no branch per letter case.
    const { step, accepting, outputs } = this;
    let offset = 0;
    for (let position = 0; position < text.length; position++) {
      const code = text.charCodeAt(position);
      if (code >= ALPHABET) {
        offset = 0;
        continue;
      }
      offset = step[offset + code];
      if (accepting[offset >> 7] === 1) for (const index of outputs[offset >> 7]!) candidate[index] = true;
    }
    return candidate.map((maybe, index) => maybe && this.triggers[index].test(text));
  }
}

function lowerCaseCodes(word: string): number[] {
  return [...word.toLowerCase()].map((character) => character.charCodeAt(0));
}

/**
 * The literal word of each top-level alternative, or undefined when an alternative is more than an ASCII word
 * with optional `\b` around it (then no substring is known to be required, and the RegExp runs alone).
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
    if (word === '' || !/^[\x20-\x7e]+$/.test(word)) return undefined;
    words.push(word);
  }
  return words;
}
