import * as assert from 'node:assert/strict';
import { layeredLayout } from '../../src/webview/graph/layout';
import { FALLBACK_PALETTE } from '../../src/webview/graph/palette';
import { buildScene, nearestInDirection } from '../../src/webview/graph/scene';
import { escapeXml, sceneToSvg } from '../../src/webview/graph/svgExport';
import { categoriesOf, defaultCollapsed, DEFAULT_VIEW, folderSizes, restoredView, visibleGraph } from '../../src/webview/graph/viewModel';
import { GRAPH_MODEL_VERSION, type GraphModel, type GraphModule } from '../../src/shared/graphModel';
import { syntheticModel } from '../support/syntheticGraph';

function module(file: string, findings: { category: string; severity: 'error' | 'warning' | 'information'; ruleId?: string }[] = []): GraphModule {
  const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const findingsByCategory: Record<string, number> = {};
  for (const finding of findings) findingsByCategory[finding.category] = (findingsByCategory[finding.category] ?? 0) + 1;
  const rank = { error: 3, warning: 2, information: 1 };
  const worst = [...findings].sort((a, b) => rank[b.severity] - rank[a.severity])[0]?.severity;
  return {
    id: `module:${file}`,
    file,
    folder,
    size: 10,
    findingsByCategory,
    findings: findings.map((finding, index) => ({ ruleId: finding.ruleId ?? `rule-${finding.category}`, category: finding.category, severity: finding.severity, message: `m${index}`, line: index + 1, column: 1, fixes: [] })),
    ...(worst ? { severity: worst } : {}),
  };
}

/** app.js → lib/a.js → lib/deep/b.js → lib/a.js (a cycle), app.js → routes/r.js → lib/a.js, express, a database. */
function smallModel(): GraphModel {
  const modules = [
    module('app.js', [{ category: 'fixed-port', severity: 'warning' }]),
    module('lib/a.js', [{ category: 'hardcoded-secret', severity: 'error', ruleId: 'hardcoded-session-secret' }]),
    module('lib/deep/b.js', [{ category: 'hardcoded-endpoint', severity: 'information' }, { category: 'hardcoded-endpoint', severity: 'warning' }]),
    module('routes/r.js'),
    module('lonely.js'),
  ];
  return {
    version: GRAPH_MODEL_VERSION,
    root: '/w/shop',
    modules,
    packages: [{ id: 'package:express', name: 'express', core: false }, { id: 'package:fs', name: 'fs', core: true }],
    services: [{ id: 'service:database:PostgreSQL', name: 'PostgreSQL', kind: 'database' }],
    edges: [
      { from: 'module:app.js', to: 'module:lib/a.js', kind: 'import' },
      { from: 'module:app.js', to: 'module:routes/r.js', kind: 'import' },
      { from: 'module:routes/r.js', to: 'module:lib/a.js', kind: 'import' },
      { from: 'module:routes/r.js', to: 'module:lib/deep/b.js', kind: 'import' },
      { from: 'module:lib/a.js', to: 'module:lib/deep/b.js', kind: 'import', cyclic: true },
      { from: 'module:lib/deep/b.js', to: 'module:lib/a.js', kind: 'import', cyclic: true },
      { from: 'module:app.js', to: 'package:express', kind: 'import' },
      { from: 'module:lib/a.js', to: 'package:fs', kind: 'import' },
      { from: 'module:lib/deep/b.js', to: 'service:database:PostgreSQL', kind: 'uses-service' },
    ],
    cycles: [['module:lib/a.js', 'module:lib/deep/b.js']],
    orphans: ['module:lonely.js'],
    stats: { modules: 5, packages: 2, services: 1, edges: 9, buildMs: 1 },
  };
}

const ids = (graph: { nodes: { id: string }[] }) => graph.nodes.map((node) => node.id).sort();

describe('graph view: what is shown (unit)', () => {
  it('shows every module, the externals they use, and one edge per import', () => {
    const graph = visibleGraph(smallModel(), DEFAULT_VIEW);
    assert.deepEqual(ids(graph), ['module:app.js', 'module:lib/a.js', 'module:lib/deep/b.js', 'module:lonely.js', 'module:routes/r.js', 'package:express', 'package:fs', 'service:database:PostgreSQL']);
    assert.equal(graph.edges.length, 9);
    assert.equal(graph.shownModules, 5);
    const a = graph.nodes.find((node) => node.id === 'module:lib/a.js')!;
    assert.deepEqual({ cyclic: a.cyclic, severity: a.severity, findings: a.findings, label: a.label, group: a.group }, { cyclic: true, severity: 'error', findings: 1, label: 'a.js', group: 'lib' });
    assert.equal(graph.nodes.find((node) => node.id === 'module:app.js')!.cyclic, false);
  });

  it('a folded folder is one node: its modules (all levels) counted, worst severity, findings summed, edges merged and counted, inner edges dropped', () => {
    const graph = visibleGraph(smallModel(), { ...DEFAULT_VIEW, collapsed: ['lib'] });
    assert.deepEqual(ids(graph), ['folder:lib', 'module:app.js', 'module:lonely.js', 'module:routes/r.js', 'package:express', 'package:fs', 'service:database:PostgreSQL']);
    const lib = graph.nodes.find((node) => node.id === 'folder:lib')!;
    assert.deepEqual({ members: lib.members, findings: lib.findings, severity: lib.severity, cyclic: lib.cyclic, label: lib.label, kind: lib.kind }, { members: 2, findings: 3, severity: 'error', cyclic: true, label: 'lib/', kind: 'folder' });
    const intoLib = graph.edges.filter((edge) => edge.to === 'folder:lib');
    assert.deepEqual(intoLib.map((edge) => [edge.from, edge.count]).sort(), [['module:app.js', 1], ['module:routes/r.js', 2]]);
    assert.equal(graph.edges.some((edge) => edge.from === edge.to), false);
    assert.deepEqual(graph.edges.filter((edge) => edge.from === 'folder:lib').map((edge) => edge.to).sort(), ['package:fs', 'service:database:PostgreSQL']);
  });

  it('the outermost folded folder wins: folding lib/deep inside a folded lib changes nothing', () => {
    const outer = visibleGraph(smallModel(), { ...DEFAULT_VIEW, collapsed: ['lib'] });
    const both = visibleGraph(smallModel(), { ...DEFAULT_VIEW, collapsed: ['lib', 'lib/deep'] });
    assert.deepEqual(ids(both), ids(outer));
    const inner = visibleGraph(smallModel(), { ...DEFAULT_VIEW, collapsed: ['lib/deep'] });
    assert.ok(ids(inner).includes('folder:lib/deep') && ids(inner).includes('module:lib/a.js'));
  });

  it('search narrows by path terms (all must match) or an exact rule id or category, case-insensitively', () => {
    const model = smallModel();
    const shown = (query: string) => visibleGraph(model, { ...DEFAULT_VIEW, query }).nodes.filter((node) => node.kind === 'module').map((node) => node.id).sort();
    assert.deepEqual(shown('LIB'), ['module:lib/a.js', 'module:lib/deep/b.js']);
    assert.deepEqual(shown('lib deep'), ['module:lib/deep/b.js']);
    assert.deepEqual(shown('hardcoded-session-secret'), ['module:lib/a.js']);
    assert.deepEqual(shown('hardcoded-endpoint'), ['module:lib/deep/b.js']);
    assert.deepEqual(shown('hardcoded'), [], 'a partial rule id is not a match: only paths match partially');
    assert.deepEqual(shown('   '), model.modules.map((entry) => entry.id).sort());
    // Externals appear only when a shown module uses them.
    assert.deepEqual(ids(visibleGraph(model, { ...DEFAULT_VIEW, query: 'routes' })), ['module:routes/r.js']);
  });

  it('filters by folder, category, findings, and hides externals', () => {
    const model = smallModel();
    const modules = (view: Partial<typeof DEFAULT_VIEW>) => visibleGraph(model, { ...DEFAULT_VIEW, ...view }).nodes.filter((node) => node.kind === 'module').map((node) => node.id).sort();
    assert.deepEqual(modules({ folder: 'lib' }), ['module:lib/a.js', 'module:lib/deep/b.js']);
    assert.deepEqual(modules({ folder: 'lib/deep' }), ['module:lib/deep/b.js']);
    assert.deepEqual(modules({ folder: 'li' }), [], 'a folder filter is a folder, not a prefix');
    assert.deepEqual(modules({ category: 'fixed-port' }), ['module:app.js']);
    assert.deepEqual(modules({ onlyWithFindings: true }), ['module:app.js', 'module:lib/a.js', 'module:lib/deep/b.js']);
    assert.deepEqual(visibleGraph(model, { ...DEFAULT_VIEW, hideExternals: true }).nodes.filter((node) => node.kind !== 'module'), []);
    // A folded folder counts only its modules that pass the filters.
    const folded = visibleGraph(model, { ...DEFAULT_VIEW, collapsed: ['lib'], category: 'hardcoded-endpoint' });
    assert.equal(folded.nodes.find((node) => node.id === 'folder:lib')!.members, 1);
  });

  it('a saved view read back from storage keeps what is valid and defaults the rest', () => {
    const view = { collapsed: ['lib', 'routes'], query: 'db', folder: 'lib', category: 'hardcoded-secret', onlyWithFindings: true, hideExternals: true, selected: 'module:app.js', camera: { x: 1, y: -2, zoom: 0.5 } };
    assert.deepEqual(restoredView(JSON.parse(JSON.stringify(view))), view);
    assert.deepEqual(restoredView({ collapsed: ['lib', 3, null], query: 7, onlyWithFindings: 'yes', camera: { x: 1, y: 2, zoom: 0 }, selected: {} }), { ...DEFAULT_VIEW, collapsed: ['lib'] });
    for (const junk of [undefined, null, 'x', 42, []]) assert.deepEqual(restoredView(junk), DEFAULT_VIEW);
  });

  it('folder sizes count every level; categories are listed by frequency', () => {
    assert.deepEqual([...folderSizes(smallModel())].sort(), [['lib', 2], ['lib/deep', 1], ['routes', 1]]);
    assert.deepEqual(categoriesOf(smallModel()), [{ category: 'hardcoded-endpoint', count: 2 }, { category: 'fixed-port', count: 1 }, { category: 'hardcoded-secret', count: 1 }]);
  });

  it('a large workspace starts folded within the node budget; a small one starts unfolded', () => {
    assert.deepEqual(defaultCollapsed(smallModel()), []);
    const large = syntheticModel(5000);
    const collapsed = defaultCollapsed(large, 300);
    const graph = visibleGraph(large, { ...DEFAULT_VIEW, collapsed, hideExternals: true });
    assert.ok(graph.nodes.length <= 300, `${graph.nodes.length} nodes`);
    assert.ok(graph.nodes.length > 100, `the budget is used, not wasted: ${graph.nodes.length} nodes`);
    assert.equal(graph.nodes.reduce((sum, node) => sum + node.members, 0), 5000, 'every module is in some node');
  });
});

describe('graph view: layered layout (unit)', () => {
  const nodes = (count: number, external: number[] = []) => Array.from({ length: count }, (_unused, index) => ({ id: `n${index}`, group: index < 3 ? 'a' : 'b', radius: 6, label: `n${index}`, external: external.includes(index) }));

  it('puts importers above what they import, externals below the modules, isolated nodes last', () => {
    // 0 → 1 → 2, 0 → 3, 3 → 4 (external), 5 alone
    const layout = layeredLayout({ nodes: nodes(6, [4]), edges: [{ from: 0, to: 1 }, { from: 1, to: 2 }, { from: 0, to: 3 }, { from: 3, to: 4 }] });
    assert.ok(layout.y[0] < layout.y[1] && layout.y[1] < layout.y[2]);
    assert.ok(layout.y[0] < layout.y[3]);
    assert.ok(layout.y[4] > Math.max(layout.y[0], layout.y[1], layout.y[2], layout.y[3]), 'the external sits below every module');
    assert.ok(layout.y[5] > layout.y[4], 'the isolated node is last');
    assert.equal(layout.layers, 3);
  });

  it('terminates on cycles and gives every node a distinct place', () => {
    const layout = layeredLayout({ nodes: nodes(4), edges: [{ from: 0, to: 1 }, { from: 1, to: 2 }, { from: 2, to: 0 }, { from: 2, to: 3 }, { from: 3, to: 3 }] });
    const places = new Set(Array.from(layout.x, (x, index) => `${x.toFixed(1)},${layout.y[index].toFixed(1)}`));
    assert.equal(places.size, 4);
    for (const value of [...layout.x, ...layout.y]) assert.ok(Number.isFinite(value));
  });

  it('orders a row to follow its parents (no needless crossing)', () => {
    // Parents 0 (a) and 1 (b) on top; children 2 → under 1, 3 → under 0, by name they would cross.
    const input = { nodes: [0, 1, 2, 3].map((index) => ({ id: `n${index}`, group: '', radius: 6, label: ['a', 'b', 'c', 'd'][index], external: false })), edges: [{ from: 0, to: 3 }, { from: 1, to: 2 }] };
    const layout = layeredLayout(input);
    assert.ok(layout.x[0] < layout.x[1]);
    assert.ok(layout.x[3] < layout.x[2], 'the children follow their parents left to right');
  });

  it('keeps a folder\'s nodes side by side in a row', () => {
    const input = { nodes: ['x/1', 'y/1', 'x/2', 'y/2', 'root'].map((id, index) => ({ id, group: id.includes('/') ? id[0] : '', radius: 6, label: id, external: false })), edges: [0, 1, 2, 3].map((to) => ({ from: 4, to })) };
    const layout = layeredLayout(input);
    const order = [0, 1, 2, 3].sort((a, b) => layout.x[a] - layout.x[b]).map((index) => input.nodes[index].group);
    assert.ok(order.join('') === 'xxyy' || order.join('') === 'yyxx', order.join(''));
  });

  it('wraps very wide layers so 5,000 nodes stay roughly square, deterministically', () => {
    const large = syntheticModel(5000);
    const scene = buildScene(visibleGraph(large, DEFAULT_VIEW));
    const { minX, maxX, minY, maxY } = scene.bounds;
    const ratio = (maxX - minX) / (maxY - minY);
    assert.ok(ratio > 0.2 && ratio < 5, `aspect ratio ${ratio.toFixed(2)}`);
    const again = buildScene(visibleGraph(large, DEFAULT_VIEW));
    assert.deepEqual(again.nodes.slice(0, 50).map((node) => [node.x, node.y]), scene.nodes.slice(0, 50).map((node) => [node.x, node.y]));
  });
});

describe('graph view: scene, keyboard moves and SVG export (unit)', () => {
  it('sizes modules by findings and folders by modules', () => {
    const scene = buildScene(visibleGraph(smallModel(), { ...DEFAULT_VIEW, collapsed: ['routes'] }));
    const radius = (id: string) => scene.nodes[scene.index.get(id)!].radius;
    assert.ok(radius('module:lib/deep/b.js') > radius('module:lib/a.js'));
    assert.ok(radius('module:lib/a.js') > radius('module:lonely.js'));
    assert.ok(radius('folder:routes') > radius('module:lonely.js'));
  });

  it('arrow keys move to the nearest node in that direction, and nowhere past the edge', () => {
    const scene = buildScene(visibleGraph(smallModel(), DEFAULT_VIEW));
    const app = scene.index.get('module:app.js')!;
    const below = nearestInDirection(scene, app, 'down');
    assert.ok(below !== undefined && scene.nodes[below].y > scene.nodes[app].y);
    assert.equal(nearestInDirection(scene, app, 'up'), undefined, 'app.js is in the top row');
    const back = nearestInDirection(scene, below, 'up');
    assert.ok(back !== undefined && scene.nodes[back].y < scene.nodes[below].y);
  });

  it('the SVG has every node, every edge, cycles dashed, and escapes names', () => {
    const model = smallModel();
    model.modules[4] = { ...model.modules[4], id: 'module:<evil>&"x".js', file: '<evil>&"x".js' };
    const scene = buildScene(visibleGraph(model, DEFAULT_VIEW));
    const svg = sceneToSvg(scene, FALLBACK_PALETTE, 'Dependencies of <shop>');
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal((svg.match(/<g data-id=/g) ?? []).length, scene.nodes.length);
    assert.equal((svg.match(/<line /g) ?? []).length, scene.edges.length);
    assert.equal((svg.match(/<g class="cycles"[^]*?<\/g>/)?.[0].match(/<line /g) ?? []).length, 2);
    assert.ok(svg.includes('data-id="module:&lt;evil&gt;&amp;&quot;x&quot;.js"'));
    assert.ok(svg.includes('<title>Dependencies of &lt;shop&gt;</title>'));
    assert.ok(!svg.includes('<evil>'));
    assert.equal(escapeXml('a\u0001b'), 'ab', 'control characters XML cannot hold are dropped');
  });
});
