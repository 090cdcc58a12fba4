/**
 * `npm run bench [DIR ...]`: for each corpus folder, the floor (read + parse every file once with
 * typescript-estree) beside Cloudward's full assess, on one thread, with their ratio.
 * Figures are medians of several runs after a warm-up, so they hold on a noisy machine.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { analyzeWorkspace, defaultConfig, nodeFileSystem } from '../src/engine';
import { discoverFiles } from '../src/engine/core/discovery';
import { parseSource } from '../src/engine/parsers/javascript';
import { decodeSource } from '../src/engine/core/sourceText';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function parseFloor(root: string, files: string[]): Promise<{ ms: number; lines: number; bytes: number; parsed: number }> {
  const started = performance.now();
  let lines = 0;
  let bytes = 0;
  let parsed = 0;
  const maxSize = defaultConfig().maxFileSizeBytes;
  for (const file of files) {
    const content = await readFile(path.join(root, file));
    const decoded = decodeSource(file, content, maxSize);
    if (!decoded.ok) continue;
    bytes += content.byteLength;
    lines += decoded.text.split('\n').length;
    if (parseSource(file, decoded.text).ok) parsed++;
  }
  return { ms: performance.now() - started, lines, bytes, parsed };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function benchCorpus(directory: string): Promise<void> {
  const root = path.resolve(directory);
  const discovery = await discoverFiles(nodeFileSystem, root, { exclude: [] });
  const floorRuns: number[] = [];
  const assessRuns: number[] = [];
  let floor = await parseFloor(root, discovery.sources); // warm-up
  let findings = 0;
  await analyzeWorkspace(root, { fs: nodeFileSystem });
  for (let run = 0; run < RUNS; run++) {
    floor = await parseFloor(root, discovery.sources);
    floorRuns.push(floor.ms);
    const started = performance.now();
    const result = await analyzeWorkspace(root, { fs: nodeFileSystem });
    assessRuns.push(performance.now() - started);
    findings = result.findings.length;
  }
  const floorMs = median(floorRuns);
  const assessMs = median(assessRuns);
  console.log(`\n${directory}`);
  console.log(`  files          ${discovery.sources.length} (${floor.parsed} parsed), ${floor.lines} lines, ${(floor.bytes / 1024).toFixed(0)} KB`);
  console.log(`  parse floor    ${floorMs.toFixed(1)} ms   (read + typescript-estree parse, one thread; median of ${RUNS})`);
  console.log(`  full assess    ${assessMs.toFixed(1)} ms   (all rules, ${findings} findings; median of ${RUNS})`);
  console.log(`  assess / floor ${(assessMs / floorMs).toFixed(2)}×   (target ≤ 1.30×)`);
}

async function main(): Promise<void> {
  const corpora = process.argv.slice(2);
  if (corpora.length === 0) corpora.push('examples/legacy-shop');
  console.log(`Cloudward bench — Node ${process.version}, ${RUNS} runs per figure`);
  for (const corpus of corpora) await benchCorpus(corpus);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
