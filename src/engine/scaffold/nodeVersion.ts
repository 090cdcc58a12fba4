/**
 * Which official Node.js image an app should run on, from what the workspace says about its Node version
 * (`.nvmrc`, `.node-version`, `.tool-versions`, `volta.node`, `engines.node`), against the table of
 * maintained release lines in `templates/node/base-images.json`.
 */

export interface NodeLine {
  major: number;
  /** The pinned tag prefix, major.minor: `22.22`. */
  tag: string;
  codename?: string;
  /** ISO date the line stops getting security fixes. */
  endOfLife?: string;
}

export interface BaseImageTable {
  image: string;
  variant: string;
  defaultMajor: number;
  lines: NodeLine[];
}

export interface NodeChoice {
  major: number;
  /** `22.22`, or what the project pinned (`20.11`). */
  tag: string;
  /** `node:22.22-bookworm-slim`. */
  image: string;
  /** Where the choice came from: `.nvmrc (20.11.1)`, `engines.node ">=18"`, `default: LTS 22`. */
  source: string;
  notes: string[];
}

export interface NodeVersionHint {
  /** `.nvmrc`, `package.json engines.node`... */
  source: string;
  value: string;
}

type Version = [number, number, number];

interface Comparator {
  operator: '>=' | '<' | '>' | '<=' | '=';
  version: Version;
}

const CODENAMES: Record<string, number> = { argon: 4, boron: 6, carbon: 8, dubnium: 10, erbium: 12, fermium: 14, gallium: 16, hydrogen: 18, iron: 20, jod: 22, krypton: 24, lithium: 26 };

/** `20`, `20.11`, `v20.11.1`, `20.x`: the numbers given, `undefined` for wildcards. */
function parsePartial(text: string): (number | undefined)[] | undefined {
  const match = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:[-+][\w.-]*)?$/.exec(text.trim());
  if (!match) return undefined;
  const parts: (number | undefined)[] = [];
  for (const part of match.slice(1)) {
    if (part === undefined || /^[xX*]$/.test(part)) break;
    parts.push(Number(part));
  }
  return parts;
}

function bump(parts: number[]): Version {
  if (parts.length === 1) return [parts[0] + 1, 0, 0];
  if (parts.length === 2) return [parts[0], parts[1] + 1, 0];
  return [parts[0], parts[1], parts[2] + 1];
}

function pad(parts: number[]): Version {
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

/** One space-separated comparator (`>=20.12`, `^18`, `~20.11.1`, `20.x`) as lower/upper bounds. */
function comparatorsOf(token: string): Comparator[] | undefined {
  const match = /^(\^|~>?|>=|<=|>|<|=)?\s*(.*)$/.exec(token);
  if (!match) return undefined;
  const operator = match[1] ?? '';
  const parts = parsePartial(match[2]);
  if (!parts) return undefined;
  const numbers = parts as number[];
  if (numbers.length === 0) return operator === '<' || operator === '>' ? [{ operator: '<', version: [0, 0, 0] }] : [];
  switch (operator) {
    case '>=':
      return [{ operator: '>=', version: pad(numbers) }];
    case '>':
      return numbers.length === 3 ? [{ operator: '>', version: pad(numbers) }] : [{ operator: '>=', version: bump(numbers) }];
    case '<':
      return [{ operator: '<', version: pad(numbers) }];
    case '<=':
      return numbers.length === 3 ? [{ operator: '<=', version: pad(numbers) }] : [{ operator: '<', version: bump(numbers) }];
    case '^': {
      const upper: Version = numbers[0] > 0 || numbers.length === 1 ? [numbers[0] + 1, 0, 0] : bump(numbers.slice(0, 2));
      return [{ operator: '>=', version: pad(numbers) }, { operator: '<', version: upper }];
    }
    case '~':
    case '~>':
      return [{ operator: '>=', version: pad(numbers) }, { operator: '<', version: bump(numbers.slice(0, Math.min(2, numbers.length))) }];
    default:
      return numbers.length === 3 ? [{ operator: '=', version: pad(numbers) }] : [{ operator: '>=', version: pad(numbers) }, { operator: '<', version: bump(numbers) }];
  }
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function satisfiesComparator(version: Version, comparator: Comparator): boolean {
  const order = compare(version, comparator.version);
  switch (comparator.operator) {
    case '>=':
      return order >= 0;
    case '>':
      return order > 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    default:
      return order === 0;
  }
}

/** A node-semver range (`>=18 <23`, `^20.12 || ^22`, `18.x - 20`), or undefined when it cannot be read. */
export function parseRange(range: string): Comparator[][] | undefined {
  const sets: Comparator[][] = [];
  for (const alternative of range.split('||')) {
    const text = alternative.trim().replace(/(\^|~>?|>=|<=|>|<|=)\s+/g, '$1');
    if (text === '' || text === '*' || /^[xX]$/.test(text)) {
      sets.push([]);
      continue;
    }
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
    if (hyphen) {
      const low = parsePartial(hyphen[1]);
      const high = parsePartial(hyphen[2]);
      if (!low || !high) return undefined;
      const set: Comparator[] = [{ operator: '>=', version: pad(low as number[]) }];
      if (high.length > 0) set.push(high.length === 3 ? { operator: '<=', version: pad(high as number[]) } : { operator: '<', version: bump(high as number[]) });
      sets.push(set);
      continue;
    }
    const set: Comparator[] = [];
    for (const token of text.split(/\s+/)) {
      const comparators = comparatorsOf(token);
      if (!comparators) return undefined;
      set.push(...comparators);
    }
    sets.push(set);
  }
  return sets;
}

export function satisfies(version: Version, range: Comparator[][]): boolean {
  return range.some((set) => set.every((comparator) => satisfiesComparator(version, comparator)));
}

/** The newest patch of a line: every patch of `22.22` is in the `22.22` image over time. */
function lineVersion(line: NodeLine): Version {
  const [major, minor] = line.tag.split('.').map(Number);
  return [major, minor ?? 0, Number.MAX_SAFE_INTEGER];
}

function imageFor(table: BaseImageTable, tag: string): string {
  return `${table.image}:${tag}-${table.variant}`;
}

function lifeNotes(table: BaseImageTable, major: number, today: string): string[] {
  const line = table.lines.find((candidate) => candidate.major === major);
  if (line?.endOfLife && line.endOfLife <= today) return [`Node.js ${major} reached its end of life on ${line.endOfLife}: it gets no security fixes; move to ${table.defaultMajor}`];
  if (major % 2 === 1) return [`Node.js ${major} is not a long-term support line: prefer an even-numbered LTS release for production`];
  return [];
}

function fromDefault(table: BaseImageTable, source: string, notes: string[]): NodeChoice {
  const line = table.lines.find((candidate) => candidate.major === table.defaultMajor)!;
  return { major: line.major, tag: line.tag, image: imageFor(table, line.tag), source, notes };
}

/** `20.11.1` → `20.11`; `20` → the table's `20.x` line when known. */
function tagForExact(table: BaseImageTable, parts: number[]): string {
  const line = table.lines.find((candidate) => candidate.major === parts[0]);
  if (parts.length === 1) return line ? line.tag : String(parts[0]);
  return `${parts[0]}.${parts[1]}`;
}

/**
 * Picks the image. A version file names one version (the one the developers run): its major.minor is used.
 * A range picks the default LTS line when it allows it, otherwise the nearest maintained line it allows.
 */
export function chooseNodeVersion(hints: readonly NodeVersionHint[], table: BaseImageTable, today = new Date().toISOString().slice(0, 10)): NodeChoice {
  const notes: string[] = [];
  for (const hint of hints) {
    const value = hint.value.trim();
    const alias = /^lts\/(\*|[a-z]+)$/i.exec(value);
    if (alias) {
      if (alias[1] === '*') return fromDefault(table, `${hint.source} (${value})`, notes);
      const major = CODENAMES[alias[1].toLowerCase()];
      if (major !== undefined) {
        const tag = tagForExact(table, [major]);
        return { major, tag, image: imageFor(table, tag), source: `${hint.source} (${value})`, notes: [...notes, ...lifeNotes(table, major, today)] };
      }
    }
    if (/^(node|stable|latest|current)$/i.test(value)) {
      notes.push(`${hint.source} asks for the newest Node.js (${value}); the image pins the LTS line instead`);
      return fromDefault(table, `${hint.source} (${value})`, notes);
    }
    const exact = parsePartial(value);
    if (exact && exact.length > 0 && !/[xX*]/.test(value)) {
      const parts = exact as number[];
      const tag = tagForExact(table, parts);
      return { major: parts[0], tag, image: imageFor(table, tag), source: `${hint.source} (${value})`, notes: [...notes, ...lifeNotes(table, parts[0], today)] };
    }
    const range = parseRange(value);
    if (!range) {
      notes.push(`${hint.source} "${value}" is not a version range Cloudward reads; it was ignored`);
      continue;
    }
    const source = `${hint.source} "${value}"`;
    const allowed = table.lines.filter((line) => satisfies(lineVersion(line), range));
    const preferred =
      allowed.find((line) => line.major === table.defaultMajor) ??
      allowed.filter((line) => line.major > table.defaultMajor && line.major % 2 === 0).sort((a, b) => a.major - b.major)[0] ??
      allowed.filter((line) => line.major < table.defaultMajor).sort((a, b) => b.major - a.major)[0] ??
      allowed.sort((a, b) => a.major - b.major)[0];
    if (preferred) {
      return { major: preferred.major, tag: preferred.tag, image: imageFor(table, preferred.tag), source, notes: [...notes, ...lifeNotes(table, preferred.major, today)] };
    }
    // A range that only an older or newer release satisfies: use the lowest version it names.
    const named = range.flat().filter((comparator) => comparator.operator === '>=' || comparator.operator === '=').map((comparator) => comparator.version);
    const lowest = named.filter((version) => satisfies(version, range)).sort(compare)[0];
    if (lowest) {
      const tag = lowest[1] === 0 && lowest[2] === 0 ? String(lowest[0]) : `${lowest[0]}.${lowest[1]}`;
      return { major: lowest[0], tag, image: imageFor(table, tag), source, notes: [...notes, ...lifeNotes(table, lowest[0], today)] };
    }
    notes.push(`${source} allows no Node.js release Cloudward knows; using ${table.defaultMajor}`);
  }
  return fromDefault(table, `default: LTS ${table.defaultMajor}`, notes);
}
