/**
 * `node --import tsx bench/precision.ts CORPUS_DIR [...]`: precision and recall per category against a
 * hand-labelled corpus of real code. Each corpus folder holds the files (kept outside the repository)
 * and a `labels.json`: [{ "file": "relative/path.js", "category": "local-fs-write", "line": 12 }, ...]
 * listing every real blocker in those files. A finding matches a label of the same file and category
 * within one line; unmatched findings are false positives, unmatched labels are misses.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeWorkspace, CATEGORIES, nodeFileSystem } from '../src/engine';

interface Label {
  file: string;
  category: string;
  line: number;
}

interface Tally {
  truePositives: number;
  falsePositives: number;
  misses: number;
}

async function measure(corpus: string, tallies: Map<string, Tally>, verbose: boolean): Promise<void> {
  const labels = JSON.parse(readFileSync(path.join(corpus, 'labels.json'), 'utf8')) as Label[];
  const result = await analyzeWorkspace(corpus, { fs: nodeFileSystem });
  const unmatched = [...labels];
  const tally = (category: string) => {
    const entry = tallies.get(category) ?? { truePositives: 0, falsePositives: 0, misses: 0 };
    tallies.set(category, entry);
    return entry;
  };
  for (const finding of result.findings) {
    const index = unmatched.findIndex((label) => label.file === finding.file && label.category === finding.category && Math.abs(label.line - finding.line) <= 1);
    if (index >= 0) {
      unmatched.splice(index, 1);
      tally(finding.category).truePositives++;
    } else {
      tally(finding.category).falsePositives++;
      if (verbose) console.log(`  false positive  ${finding.file}:${finding.line} [${finding.ruleId}] ${finding.message}`);
    }
  }
  for (const label of unmatched) {
    tally(label.category).misses++;
    if (verbose) console.log(`  missed          ${label.file}:${label.line} [${label.category}]`);
  }
}

function ratio(numerator: number, denominator: number): string {
  return denominator === 0 ? '  n/a' : (numerator / denominator).toFixed(2).padStart(5);
}

async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  const corpora = process.argv.slice(2).filter((argument) => argument !== '--verbose');
  if (corpora.length === 0) {
    console.error('usage: node --import tsx bench/precision.ts CORPUS_DIR [...] [--verbose]');
    process.exitCode = 2;
    return;
  }
  const tallies = new Map<string, Tally>();
  for (const corpus of corpora) await measure(path.resolve(corpus), tallies, verbose);
  console.log(`${'category'.padEnd(28)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)}  precision  recall`);
  const total: Tally = { truePositives: 0, falsePositives: 0, misses: 0 };
  for (const category of CATEGORIES) {
    const entry = tallies.get(category);
    if (!entry) continue;
    total.truePositives += entry.truePositives;
    total.falsePositives += entry.falsePositives;
    total.misses += entry.misses;
    console.log(`${category.padEnd(28)} ${String(entry.truePositives).padStart(4)} ${String(entry.falsePositives).padStart(4)} ${String(entry.misses).padStart(4)}      ${ratio(entry.truePositives, entry.truePositives + entry.falsePositives)}   ${ratio(entry.truePositives, entry.truePositives + entry.misses)}`);
  }
  console.log(`${'overall'.padEnd(28)} ${String(total.truePositives).padStart(4)} ${String(total.falsePositives).padStart(4)} ${String(total.misses).padStart(4)}      ${ratio(total.truePositives, total.truePositives + total.falsePositives)}   ${ratio(total.truePositives, total.truePositives + total.misses)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
