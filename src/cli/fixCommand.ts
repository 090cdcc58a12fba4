import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { analyzeWorkspace, applyTextEdits, combineFixes, nodeFileSystem, ruleIds, type CloudwardConfig } from '../engine';
import { resolvesInsideRoot } from './insideRoot';
import type { CliIo } from './io';

export const FIX_USAGE = `Usage: cloudward fix [DIR] [--rule ID] [--dry-run] [--config FILE]

Applies the fixes that are safe to apply together (the first fix of each finding, no two touching the
same code), in the source files and in the files they document (.env.example).
  --rule ID     only the fixes of this rule (repeatable)
  --dry-run     print a unified diff instead of writing
`;

/** `cloudward fix`: returns 0 when it applied (or would apply) fixes or had none to apply, 2 on errors. */
export async function runFix(argv: readonly string[], io: CliIo, loadConfig: (root: string, explicit: string | undefined) => Promise<CloudwardConfig | undefined>): Promise<number> {
  const rules = new Set<string>();
  let dryRun = false;
  let config: string | undefined;
  const positional: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--dry-run') dryRun = true;
    else if (argument === '--rule' || argument === '--config') {
      const value = argv[++index];
      if (!value) return usage(io, `${argument} needs a value`);
      if (argument === '--rule') {
        if (!ruleIds.has(value)) return usage(io, `unknown rule '${value}'`);
        rules.add(value);
      } else config = value;
    } else if (argument === '-h' || argument === '--help') {
      io.stdout(FIX_USAGE);
      return 0;
    } else if (argument.startsWith('-')) return usage(io, `unknown option '${argument}'`);
    else positional.push(argument);
  }
  if (positional.length > 1) return usage(io, `expected one folder, got ${positional.length}`);
  const root = path.resolve(io.cwd, positional[0] ?? '.');
  const loaded = await loadConfig(root, config ? path.resolve(io.cwd, config) : undefined);
  if (!loaded) return 2;
  const result = await analyzeWorkspace(root, { fs: nodeFileSystem, signal: io.signal }, { config: loaded });
  const { editsByFile, applied, deferred } = combineFixes(result.findings, (finding) => rules.size === 0 || rules.has(finding.ruleId));
  if (applied.length === 0) {
    io.stderr('cloudward: no fixes to apply\n');
    return 0;
  }
  for (const [file, edits] of editsByFile) {
    const target = path.join(root, file);
    if (!(await resolvesInsideRoot(root, target))) {
      io.stderr(`cloudward: not touching ${file}: it is a link to a place outside ${positional[0] ?? '.'}\n`);
      continue;
    }
    const before = await fs.readFile(target, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
    const after = applyTextEdits(before ?? '', edits);
    if (dryRun) {
      const patch = createTwoFilesPatch(before === undefined ? '/dev/null' : `a/${file}`, `b/${file}`, before ?? '', after, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
      io.stdout(patch.endsWith('\n') ? patch : `${patch}\n`);
    }
    else {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, after);
    }
  }
  const verb = dryRun ? 'would apply' : 'applied';
  io.stderr(`cloudward: ${verb} ${applied.length} fix${applied.length === 1 ? '' : 'es'} in ${editsByFile.size} file${editsByFile.size === 1 ? '' : 's'}${deferred.length > 0 ? `; ${deferred.length} overlapping fix${deferred.length === 1 ? '' : 'es'} left for another run` : ''}\n`);
  return 0;
}

function usage(io: CliIo, message: string): number {
  io.stderr(`cloudward: ${message}\n\n${FIX_USAGE}`);
  return 2;
}
