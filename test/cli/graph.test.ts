import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadGraphPageAssets } from '../../src/engine';
import type { GraphModel } from '../../src/shared/graphModel';
import { cli } from '../support/cli';
import { repositoryRoot, temporaryWorkspace } from '../support/workspace';

const tsPaths = 'test/fixtures/graph/ts-paths';
const hasGraphviz = spawnSync('dot', ['-V'], { encoding: 'utf8' }).status === 0;

/** Statements of a DOT file, checked without Graphviz: balanced braces, every edge between declared nodes. */
function checkDotStructure(dot: string): { nodes: Set<string>; edges: [string, string][] } {
  assert.match(dot, /^digraph cloudward \{\n/);
  assert.match(dot, /\n\}\n$/);
  let depth = 0;
  for (const character of dot.replace(/"(?:[^"\\]|\\.)*"/g, '""')) {
    if (character === '{') depth++;
    if (character === '}') depth--;
    assert.ok(depth >= 0, 'braces balance');
  }
  assert.equal(depth, 0);
  const nodes = new Set<string>();
  const edges: [string, string][] = [];
  for (const line of dot.split('\n')) {
    const edge = /^\s*"((?:[^"\\]|\\.)*)" -> "((?:[^"\\]|\\.)*)"/.exec(line);
    if (edge) edges.push([edge[1], edge[2]]);
    else {
      const node = /^\s*"((?:[^"\\]|\\.)*)" \[/.exec(line);
      if (node) nodes.add(node[1]);
    }
  }
  for (const [from, to] of edges) assert.ok(nodes.has(from) && nodes.has(to), `${from} -> ${to} joins declared nodes`);
  return { nodes, edges };
}

describe('cloudward graph (unit)', function () {
  this.timeout(180_000);

  it('prints the graph model as JSON, with the findings and services of the analysis', async () => {
    const { code, stdout, stderr } = await cli(['graph', 'examples/legacy-shop']);
    assert.equal(code, 0, stderr);
    const model = JSON.parse(stdout) as GraphModel;
    assert.equal(model.version, 1);
    assert.equal(model.root, path.join(repositoryRoot, 'examples/legacy-shop'));
    assert.equal(model.modules.length, 11);
    assert.ok(model.edges.some((edge) => edge.from === 'module:server.js' && edge.to === 'module:app.js' && edge.kind === 'import'));
    assert.ok(model.edges.some((edge) => edge.from === 'module:db.js' && edge.to === 'service:database:MongoDB' && edge.kind === 'uses-service'));
    assert.equal(model.modules.find((module) => module.file === 'app.js')!.severity, 'error');
  });

  it('--no-findings skips the analysis: the same edges, no findings, no services', async () => {
    const { code, stdout } = await cli(['graph', 'examples/legacy-shop', '--no-findings']);
    assert.equal(code, 0);
    const model = JSON.parse(stdout) as GraphModel;
    assert.deepEqual(model.services, []);
    assert.ok(model.modules.every((module) => module.findings.length === 0 && module.severity === undefined));
    assert.ok(model.edges.some((edge) => edge.from === 'module:server.js' && edge.to === 'module:app.js'));
  });

  it('writes a Graphviz file: clusters per folder, severities as colours, the cycle in red', async () => {
    const output = temporaryWorkspace();
    try {
      const file = path.join(output.root, 'graph.dot');
      const { code, stderr } = await cli(['graph', tsPaths, '--format', 'dot', '--output', file]);
      assert.equal(code, 0, stderr);
      assert.match(stderr, /cloudward: dot graph written to .*graph\.dot \(\d+ modules, \d+ edges, 1 cycles\)/);
      const dot = readFileSync(file, 'utf8');
      const { nodes, edges } = checkDotStructure(dot);
      assert.ok(nodes.has('module:src/main.ts') && nodes.has('package:express') && nodes.has('service:database:PostgreSQL'));
      assert.ok(edges.some(([from, to]) => from === 'module:src/main.ts' && to === 'module:src/routes/index.ts'));
      assert.match(dot, /subgraph "cluster_\d+" \{\n\s+graph \[label="src\/cycle\/"/);
      assert.match(dot, /"module:src\/cycle\/c\.ts" -> "module:src\/cycle\/a\.ts" \[style="solid", color="#d32f2f", penwidth="2"/);
      assert.match(dot, /"module:src\/main\.ts" -> "module:src\/routes\/index\.ts" \[style="dotted"/);
      assert.match(dot, /"module:src\/main\.ts" -> "module:src\/config\/settings\.ts" \[style="dashed"/);
      assert.match(dot, /"module:src\/main\.ts" \[label="main\.ts\\n\d+ findings", [^\]]*fillcolor="#fbe3a6"/, 'warnings fill amber');
      if (hasGraphviz) {
        const rendered = spawnSync('dot', ['-Tsvg', file], { encoding: 'utf8' });
        assert.equal(rendered.status, 0, rendered.stderr);
        assert.equal(rendered.stderr, '', 'Graphviz accepts the file without warnings');
        assert.match(rendered.stdout, /<svg[\s\S]*main\.ts[\s\S]*<\/svg>/);
      }
    } finally {
      output.dispose();
    }
  });

  it('escapes file names Graphviz would otherwise misread', async () => {
    const workspace = temporaryWorkspace({ 'say "hi"\\x.js': "require('./b');\n", 'b.js': 'module.exports = 1;\n' });
    try {
      const { code, stdout } = await cli(['graph', '.', '--format', 'dot', '--no-findings'], workspace.root);
      assert.equal(code, 0);
      checkDotStructure(stdout);
      assert.ok(stdout.includes('"module:say \\"hi\\"\\\\x.js" -> "module:b.js"'));
      if (hasGraphviz) assert.equal(spawnSync('dot', ['-Tsvg'], { input: stdout, encoding: 'utf8' }).status, 0);
    } finally {
      workspace.dispose();
    }
  });

  it('writes the interactive page as one self-contained HTML file', async function () {
    try {
      loadGraphPageAssets();
    } catch {
      this.skip(); // the page's script is a build output (npm test builds first)
    }
    const output = temporaryWorkspace();
    try {
      const file = path.join(output.root, 'graph.html');
      const { code, stderr } = await cli(['graph', tsPaths, '--format', 'html', '--output', file]);
      assert.equal(code, 0, stderr);
      const html = readFileSync(file, 'utf8');
      assert.match(html, /^<!doctype html>/i);
      assert.doesNotMatch(html, /<(script|link|img)[^>]+(src|href)=/i, 'nothing is loaded from elsewhere');
      const block = /<script type="application\/json" id="cloudward-graph-model">([^<]*)<\/script>/.exec(html);
      assert.ok(block, 'the model is inside the page');
      const embedded = JSON.parse(block[1]) as GraphModel;
      assert.deepEqual(embedded.cycles, [['module:src/cycle/a.ts', 'module:src/cycle/b.ts', 'module:src/cycle/c.ts']]);
      assert.ok(embedded.edges.some((edge) => edge.from === 'module:src/main.ts' && edge.to === 'module:src/routes/index.ts' && edge.kind === 'dynamic-import'));
    } finally {
      output.dispose();
    }
  });

  it('--fail-on-cycles exits 1 when there is a cycle, 0 when there is none', async () => {
    assert.equal((await cli(['graph', tsPaths, '--no-findings', '--fail-on-cycles'])).code, 1);
    assert.equal((await cli(['graph', 'examples/legacy-shop', '--no-findings', '--fail-on-cycles'])).code, 0);
  });

  it('runs no workspace config unless --trust-workspace-config', async () => {
    const workspace = temporaryWorkspace({}, path.join(repositoryRoot, 'test/fixtures/graph/trusted-config'));
    const previous = process.env.CLOUDWARD_GRAPH_MARKER;
    const marker = path.join(workspace.root, 'ran.txt');
    process.env.CLOUDWARD_GRAPH_MARKER = marker;
    try {
      const restricted = await cli(['graph', '.', '--no-findings'], workspace.root);
      assert.equal(restricted.code, 0);
      assert.ok(!existsSync(marker));
      assert.ok(!(JSON.parse(restricted.stdout) as GraphModel).edges.some((edge) => edge.to === 'module:src/util/greet.js'));
      const trusted = await cli(['graph', '.', '--no-findings', '--trust-workspace-config'], workspace.root);
      assert.equal(trusted.code, 0);
      assert.match(trusted.stderr, /the workspace's own dependency-cruiser config is loaded and run/);
      assert.ok(existsSync(marker));
      assert.ok((JSON.parse(trusted.stdout) as GraphModel).edges.some((edge) => edge.from === 'module:src/index.js' && edge.to === 'module:src/util/greet.js'));
    } finally {
      if (previous === undefined) delete process.env.CLOUDWARD_GRAPH_MARKER;
      else process.env.CLOUDWARD_GRAPH_MARKER = previous;
      workspace.dispose();
    }
  });

  it('answers bad input with a clear message and exit code 2', async () => {
    const badFormat = await cli(['graph', '.', '--format', 'svg']);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /^cloudward: --format must be one of json, dot, html, got 'svg'\n/);
    const missing = await cli(['graph', 'no/such/folder']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'cloudward: no/such/folder does not exist\n');
    const unknown = await cli(['graph', '--colour']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option '--colour'/);
    const help = await cli(['graph', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: cloudward graph \[DIR\]/);
    assert.match((await cli(['--help'])).stdout, /cloudward graph \[DIR\]/);
  });
});
