import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { analyzeWorkspace, buildGraph, CancelledError, formatGraphDot, nodeFileSystem, renderGraphPage, type AnalysisResult, type CloudwardConfig } from '../engine';
import type { GraphModel } from '../shared/graphModel';
import { resolveFolder, type CliIo } from './io';

export const GRAPH_FORMATS = ['json', 'dot', 'html'] as const;
type GraphFormat = (typeof GRAPH_FORMATS)[number];

export const GRAPH_USAGE = `Usage: cloudward graph [DIR] [--format json|dot|html] [--output FILE] [options]

Draws the dependency graph of DIR (default: the current folder): its modules by folder with their
findings, the packages and the backing services (databases, caches, queues, APIs) they use, and the
import cycles between them. Imports are resolved as Node.js and TypeScript do, with tsconfig paths.

Options:
  --format json|dot|html      json: the graph model; dot: a Graphviz file (render with \`dot -Tsvg\`);
                              html: the interactive page as one self-contained file (default: json)
  --output FILE               write to FILE instead of stdout
  --no-findings               leave out the findings and services (skips the analysis)
  --config FILE               settings file (default: DIR/.cloudwardrc.json when present)
  --fail-on-cycles            exit 1 when there is an import cycle
  --trust-workspace-config    load DIR's own .dependency-cruiser config (and the webpack or babel
                              config it names): this RUNS CODE from DIR; only for a workspace you trust
  -h, --help                  show this help

Exit codes: 0 done, 1 cycles found with --fail-on-cycles, 2 usage or internal error.
`;

interface GraphArguments {
  directory: string;
  format: GraphFormat;
  output?: string;
  config?: string;
  findings: boolean;
  failOnCycles: boolean;
  trusted: boolean;
}

const VALUE_OPTIONS = new Set(['--format', '--output', '--config']);

function parse(argv: readonly string[]): GraphArguments | { help: true } | { error: string } {
  const values: Record<string, string> = {};
  const positional: string[] = [];
  const flags = new Set<string>();
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '-h' || argument === '--help') return { help: true };
    const [name, inlineValue] = argument.startsWith('--') && argument.includes('=') ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)] : [argument, undefined];
    if (VALUE_OPTIONS.has(name)) {
      const value = inlineValue ?? argv[++index];
      if (value === undefined || value === '') return { error: `${name} needs a value` };
      values[name] = value;
    } else if (['--no-findings', '--fail-on-cycles', '--trust-workspace-config'].includes(argument)) flags.add(argument);
    else if (argument.startsWith('-') && argument !== '-') return { error: `unknown option '${argument}'` };
    else positional.push(argument);
  }
  if (positional.length > 1) return { error: `expected one folder, got ${positional.length}: ${positional.join(' ')}` };
  const format = values['--format'] ?? 'json';
  if (!(GRAPH_FORMATS as readonly string[]).includes(format)) return { error: `--format must be one of ${GRAPH_FORMATS.join(', ')}, got '${format}'` };
  return {
    directory: positional[0] ?? '.',
    format: format as GraphFormat,
    output: values['--output'],
    config: values['--config'],
    findings: !flags.has('--no-findings'),
    failOnCycles: flags.has('--fail-on-cycles'),
    trusted: flags.has('--trust-workspace-config'),
  };
}

function render(model: GraphModel, format: GraphFormat): string | { error: string } {
  if (format === 'json') return `${JSON.stringify(model, null, 2)}\n`;
  if (format === 'dot') return formatGraphDot(model);
  try {
    return renderGraphPage(model);
  } catch (error) {
    // The page's script ships beside the CLI; from a source checkout it exists only after a build.
    return { error: `cannot write the html page: ${(error as Error).message}` };
  }
}

/** `cloudward graph`: the dependency graph as JSON, Graphviz or a self-contained HTML page. */
export async function runGraph(argv: readonly string[], io: CliIo, loadConfig: (root: string, explicitPath: string | undefined) => Promise<CloudwardConfig | undefined>): Promise<number> {
  const parsed = parse(argv);
  if ('help' in parsed) {
    io.stdout(GRAPH_USAGE);
    return 0;
  }
  if ('error' in parsed) {
    io.stderr(`cloudward: ${parsed.error}\n\n${GRAPH_USAGE}`);
    return 2;
  }
  const root = await resolveFolder(io, parsed.directory);
  if (!root) return 2;
  const config = await loadConfig(root, parsed.config ? path.resolve(io.cwd, parsed.config) : undefined);
  if (!config) return 2;
  if (parsed.trusted) io.stderr('cloudward: --trust-workspace-config: the workspace\'s own dependency-cruiser config is loaded and run\n');

  const progress = io.stderrIsTerminal ? (text: string) => io.stderr(`\r\x1b[K${text}`) : undefined;
  let model: GraphModel;
  try {
    let analysis: AnalysisResult | undefined;
    if (parsed.findings) {
      analysis = await analyzeWorkspace(root, { fs: nodeFileSystem, signal: io.signal, onProgress: (step) => step.phase === 'analyze' && progress?.(`analysing ${step.done}/${step.total} files`) }, { config });
    }
    model = await buildGraph(root, {
      fs: nodeFileSystem,
      signal: io.signal,
      onProgress: (step) => step.phase === 'analyze' && progress?.(`resolving imports ${step.done}/${step.total} files`),
      trusted: parsed.trusted,
      findings: analysis,
      include: config.include,
      exclude: config.exclude,
    });
  } catch (error) {
    progress?.('');
    if (error instanceof CancelledError) {
      io.stderr('cloudward: cancelled\n');
      return 2;
    }
    io.stderr(`cloudward: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
  progress?.('');
  for (const note of model.notes ?? []) io.stderr(`cloudward: note: ${note}\n`);
  const output = render(model, parsed.format);
  if (typeof output !== 'string') {
    io.stderr(`cloudward: ${output.error}\n`);
    return 2;
  }
  if (parsed.output) {
    try {
      await fs.writeFile(path.resolve(io.cwd, parsed.output), output);
    } catch (error) {
      io.stderr(`cloudward: cannot write ${parsed.output}: ${(error as Error).message}\n`);
      return 2;
    }
    io.stderr(`cloudward: ${parsed.format} graph written to ${parsed.output} (${model.stats.modules} modules, ${model.stats.edges} edges, ${model.cycles.length} cycles)\n`);
  } else {
    io.stdout(output);
  }
  return parsed.failOnCycles && model.cycles.length > 0 ? 1 : 0;
}
