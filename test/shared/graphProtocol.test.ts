import * as assert from 'node:assert/strict';
import { graphStateFolder, isWebviewToExtension, MAX_GRAPH_EXPORT_CHARS } from '../../src/shared/protocol';

/** The smallest real PNG: a 1x1 transparent pixel. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('graph view messages are validated before the extension acts on them (unit)', () => {
  it('accepts a quick-fix request, a refresh and SVG or PNG exports', () => {
    assert.equal(isWebviewToExtension({ type: 'quickFix', file: 'routes/uploads.js', line: 12, column: 3 }), true);
    assert.equal(isWebviewToExtension({ type: 'refreshGraph' }), true);
    assert.equal(isWebviewToExtension({ type: 'exportGraph', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' }), true);
    assert.equal(isWebviewToExtension({ type: 'exportGraph', format: 'svg', data: '<?xml version="1.0"?>\n<svg>\n</svg>' }), true);
    assert.equal(isWebviewToExtension({ type: 'exportGraph', format: 'png', data: PNG_1X1 }), true);
  });

  it('a quick-fix request obeys the same path rules as openFile', () => {
    for (const file of ['../secret.js', '/etc/passwd', 'C:\\x.js', 'file:///etc/passwd', 'a/../../b.js', '']) {
      assert.equal(isWebviewToExtension({ type: 'quickFix', file, line: 1, column: 1 }), false, file);
    }
    assert.equal(isWebviewToExtension({ type: 'quickFix', file: 'app.js', line: 0, column: 1 }), false);
    assert.equal(isWebviewToExtension({ type: 'quickFix', file: 'app.js', line: 1 }), false);
  });

  it('refuses exports that are not what they claim, too large, or of an unknown format', () => {
    const refused: unknown[] = [
      { type: 'exportGraph', format: 'svg', data: '' },
      { type: 'exportGraph', format: 'svg', data: '<html><svg></svg></html>' },
      { type: 'exportGraph', format: 'svg', data: '<svgx>' },
      { type: 'exportGraph', format: 'svg', data: 42 },
      { type: 'exportGraph', format: 'png', data: `data:image/png;base64,${PNG_1X1}` },
      { type: 'exportGraph', format: 'png', data: PNG_1X1.slice(0, -1) },
      { type: 'exportGraph', format: 'png', data: 'R0lGODlhAQABAAAAACw=' },
      { type: 'exportGraph', format: 'png', data: `${PNG_1X1.slice(0, 12)}\n${PNG_1X1.slice(13)}` },
      { type: 'exportGraph', format: 'gif', data: PNG_1X1 },
      { type: 'exportGraph', format: 'svg', data: `<svg>${'x'.repeat(MAX_GRAPH_EXPORT_CHARS)}</svg>` },
      { type: 'exportGraph', data: '<svg></svg>' },
    ];
    for (const message of refused) assert.equal(isWebviewToExtension(message), false, JSON.stringify(message).slice(0, 120));
  });

  it('reads the folder back from a saved graph state, and nothing from anything else', () => {
    assert.equal(graphStateFolder({ folder: 'file:///work/shop', view: {} }), 'file:///work/shop');
    for (const state of [undefined, null, 'file:///x', {}, { folder: '' }, { folder: 7 }, { folder: 'x'.repeat(4097) }, JSON.parse('{"__proto__":{"folder":"file:///x"}}')]) {
      assert.equal(graphStateFolder(state), undefined, String(JSON.stringify(state)).slice(0, 80));
    }
  });
});
