import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createBaseline, formatBaseline, parseBaseline, type AnalysisResult, type Baseline } from '../engine';
import type { CliIo } from './io';

/** Reads `--baseline FILE`; a missing or malformed file is a usage error (exit 2), never an empty baseline. */
export async function readBaselineFile(file: string, io: CliIo): Promise<Baseline | undefined> {
  const absolute = path.resolve(io.cwd, file);
  let text: string;
  try {
    text = await fs.readFile(absolute, 'utf8');
  } catch (error) {
    io.stderr(`cloudward: cannot read the baseline ${file}: ${(error as Error).message}\n`);
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    io.stderr(`cloudward: the baseline ${file} is not valid JSON (${(error as Error).message})\n`);
    return undefined;
  }
  const parsed = parseBaseline(raw);
  if ('problem' in parsed) {
    io.stderr(`cloudward: the baseline ${file} is not a Cloudward baseline: ${parsed.problem}\n`);
    return undefined;
  }
  return parsed.baseline;
}

/** Writes `--write-baseline FILE` from every current finding; returns false (after saying why) when it cannot. */
export async function writeBaselineFile(file: string, result: AnalysisResult, io: CliIo): Promise<boolean> {
  const baseline = createBaseline(result);
  try {
    await fs.writeFile(path.resolve(io.cwd, file), formatBaseline(baseline));
  } catch (error) {
    io.stderr(`cloudward: cannot write the baseline ${file}: ${(error as Error).message}\n`);
    return false;
  }
  io.stderr(`cloudward: baseline of ${baseline.findings.length} finding${baseline.findings.length === 1 ? '' : 's'} written to ${file}\n`);
  return true;
}
