import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { jsonForScriptBlock, renderGraphPage } from '../../../src/engine/report/graphPage';
import { GRAPH_MODEL_VERSION, type GraphModel } from '../../../src/shared/graphModel';

const hostileName = '</script><script>alert(1)</script><!--\u2028&amp;.js';

function model(): GraphModel {
  return {
    version: GRAPH_MODEL_VERSION,
    root: '/work/<shop> & "co"',
    modules: [{ id: `module:${hostileName}`, file: hostileName, folder: '', size: 1, findingsByCategory: {}, findings: [] }],
    packages: [],
    services: [],
    edges: [],
    cycles: [],
    orphans: [`module:${hostileName}`],
    stats: { modules: 1, packages: 0, services: 0, edges: 0, buildMs: 0 },
  };
}

const assets = { script: 'const s = "</script>"; console.log(s);\n//# sourceMappingURL=graph.js.map\n', css: 'body { color: red; }' };
const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

describe('the graph page as one self-contained HTML file (unit)', () => {
  it('holds the model as a data block that hostile names cannot break out of, and that parses back unchanged', () => {
    const html = renderGraphPage(model(), assets);
    const blocks = [...html.matchAll(/<script([^>]*)>([^]*?)<\/script>/g)];
    assert.equal(blocks.length, 2, 'exactly the data block and the page script: no name opened a script');
    assert.equal(blocks[0][1], ' type="application/json" id="cloudward-graph-model"');
    assert.deepEqual(JSON.parse(blocks[0][2]), model());
    assert.ok(!blocks[0][2].includes('<'), 'no < at all in the data block');
    assert.equal(jsonForScriptBlock('\u2029'), '"\\u2029"');
  });

  it('allows exactly its inline script and style by hash, nothing from the network, and drops the source map comment', () => {
    const html = renderGraphPage(model(), assets);
    const script = /<script>([^]*?)<\/script>/.exec(html)![1];
    const style = /<style>([^]*?)<\/style>/.exec(html)![1];
    assert.equal(script, 'const s = "<\\/script>"; console.log(s);\n', 'the script cannot end its own block');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1].replace(/&#39;/g, "'");
    assert.equal(policy, `default-src 'none'; script-src '${sha256(script)}'; style-src '${sha256(style)}'; img-src data: blob:; base-uri 'none'; form-action 'none'`);
    assert.match(html, /<title>Dependencies of &lt;shop&gt; &amp; &quot;co&quot;<\/title>/);
  });

  it('refuses a script that would change how the browser reads its block', () => {
    assert.throws(() => renderGraphPage(model(), { script: 'x = "<!--";', css: '' }), /<!--/);
  });
});
