/**
 * Keystroke figures of the incremental parser against parseSource, from the TypeScript source (not the bundles):
 *   node --import tsx bench/incrementalParse.ts [file, default mongoose lib/schema.js] [edits, default 60]
 * Two edit sequences in the middle of the file: the one `npm run bench` uses (a comment line growing by one
 * character each time, always valid) and typing a statement character by character (invalid along the way).
 * Each edit is parsed cold and incrementally, and analysed by analyzeFile with either parse, interleaved so
 * the machine's noise falls on both alike.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { IncrementalParser } from '../src/engine/parsers/incrementalParser';
import * as javascript from '../src/engine/parsers/javascript';
import type * as Engine from '../src/engine';

const repositoryRoot = path.resolve(__dirname, '..');
const file = process.argv[2] ?? path.join(repositoryRoot, 'bench/.corpora/mongoose_8.9.5/package/lib/schema.js');
const edits = Number(process.argv[3] ?? 60);
const WARMUP = 5;

// analyzeFile parses through the runner's import of parseSource: the module's exports are swapped before the
// engine loads, so the runner runs unchanged with either parse.
const coldParse = javascript.parseSource;
const analysisParser = new IncrementalParser();
let analysisParse: 'cold' | 'incremental' = 'cold';
const javascriptModule = require.cache[require.resolve('../src/engine/parsers/javascript')];
if (!javascriptModule) throw new Error('the parser module is not loaded as CommonJS: run with node --import tsx');
javascriptModule.exports = {
  ...javascript,
  parseSource: (filePath: string, text: string) => (analysisParse === 'incremental' ? analysisParser.parse(filePath, text) : coldParse(filePath, text)),
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const engine = require('../src/engine') as typeof Engine;

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)];
}

/**
 * Milliseconds of CPU the process spent on the action (all its threads, so GC helpers count too): on a machine
 * shared with other work, wall time mostly measures the wait for a core. Set BENCH_WALL=1 for wall time.
 */
function timed(action: () => void): number {
  if (process.env.BENCH_WALL === '1') {
    const started = performance.now();
    action();
    return performance.now() - started;
  }
  const started = process.cpuUsage();
  action();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

const text = readFileSync(file, 'utf8');
const middle = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
// Typing starts on the line after the next blank line: between two statements, where typing one is valid once done.
const betweenStatements = text.indexOf('\n\n', middle) + 2;
const relative = path.relative(repositoryRoot, file);

const sequences: Record<string, string[]> = {
  'comment grows (npm run bench)': Array.from({ length: edits + WARMUP }, (_, run) => `${text.slice(0, middle)}// typed ${'x'.repeat(run + 1)}\n${text.slice(middle)}`),
  // A suppression directive in the file makes the parse list every comment.
  'comment grows, file with a suppression directive': Array.from(
    { length: edits + WARMUP },
    (_, run) => `${text.slice(0, middle)}// typed ${'x'.repeat(run + 1)}\n${text.slice(middle)}\n// cloudward-disable-next-line some-rule\n`,
  ),
  'typing a statement': (() => {
    const typed = "const port = process.env.PORT || 3000; app.listen(port, () => console.log('listening on ' + port));\n";
    return Array.from({ length: edits + WARMUP }, (_, run) => `${text.slice(0, betweenStatements)}${typed.slice(0, (run % typed.length) + 1)}${text.slice(betweenStatements)}`);
  })(),
};

console.log(`${relative}: ${text.split('\n').length} lines, ${edits} edits after ${WARMUP} warm-up edits, ${process.env.BENCH_WALL === '1' ? 'wall' : 'CPU'} time`);
for (const [name, texts] of Object.entries(sequences)) {
  const parser = new IncrementalParser();
  parser.parse(relative, texts[0]);
  analysisParser.clear();
  analysisParse = 'incremental';
  engine.analyzeFile(relative, texts[0]);
  const figures = { parseCold: [] as number[], parseIncremental: [] as number[], analyzeCold: [] as number[], analyzeIncremental: [] as number[] };
  let parsed = 0;
  for (const [index, edited] of texts.entries()) {
    let ok = false;
    const parseCold = timed(() => void coldParse(relative, edited));
    const parseIncremental = timed(() => void (ok = parser.parse(relative, edited).ok));
    analysisParse = 'cold';
    const analyzeCold = timed(() => void engine.analyzeFile(relative, edited));
    analysisParse = 'incremental';
    const analyzeIncremental = timed(() => void engine.analyzeFile(relative, edited));
    if (index < WARMUP) continue;
    if (ok) parsed++;
    figures.parseCold.push(parseCold);
    figures.parseIncremental.push(parseIncremental);
    figures.analyzeCold.push(analyzeCold);
    figures.analyzeIncremental.push(analyzeIncremental);
  }
  const row = (label: string, values: number[]) => `  ${label.padEnd(28)} p50 ${percentile(values, 0.5).toFixed(1).padStart(6)} ms   p95 ${percentile(values, 0.95).toFixed(1).padStart(6)} ms`;
  console.log(`\n${name} (${parsed} of ${edits} texts parse):`);
  console.log(row('parseSource (cold)', figures.parseCold));
  console.log(row('IncrementalParser.parse', figures.parseIncremental));
  console.log(row('analyzeFile, cold parse', figures.analyzeCold));
  console.log(row('analyzeFile, incremental', figures.analyzeIncremental));
}
