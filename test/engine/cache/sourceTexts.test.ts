import * as assert from 'node:assert/strict';
import { SourceTexts } from '../../../src/engine/cache/sourceTexts';

const MAX_SIZE = 1024 * 1024;

describe('source texts of a scan (unit)', () => {
  it('decodes bytes the cache answered on first read, without the byte-order mark', () => {
    const texts = new SourceTexts(MAX_SIZE);
    texts.set('a.js', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('one\ntwo\n')]));
    texts.set('b.js', 'already text\n');
    assert.equal(texts.get('a.js'), 'one\ntwo\n');
    assert.equal(texts.get('b.js'), 'already text\n');
    assert.equal(texts.get('c.js'), undefined);
    assert.deepEqual([...texts.keys()], ['a.js', 'b.js']);
  });

  it("gives line and column in the decoded text (a BOM or UTF-16 does not shift them), one index per file", () => {
    const texts = new SourceTexts(MAX_SIZE);
    texts.set('bom.js', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('ab\r\ncd\n')]));
    const utf16 = 'x = 1;\ny = 2;\n';
    const utf16Bytes = new Uint8Array(2 + utf16.length * 2);
    utf16Bytes.set([0xff, 0xfe]);
    for (let index = 0; index < utf16.length; index++) utf16Bytes[2 + index * 2] = utf16.charCodeAt(index);
    texts.set('wide.js', utf16Bytes);
    // 'c' is the fifth character of the decoded text: line 2, column 1.
    assert.deepEqual(texts.lineIndex('bom.js').position(4), { line: 2, column: 1 });
    assert.deepEqual(texts.lineIndex('wide.js').location([7, 12]), { line: 2, column: 1, endLine: 2, endColumn: 6 });
    assert.equal(texts.lineIndex('bom.js'), texts.lineIndex('bom.js'), 'built once per file');
    assert.deepEqual(texts.lineIndex('absent.js').position(0), { line: 1, column: 1 });
  });

  it('a file set again gets the line index of its new text', () => {
    const texts = new SourceTexts(MAX_SIZE);
    texts.set('a.js', 'one line only');
    assert.deepEqual(texts.lineIndex('a.js').position(5), { line: 1, column: 6 });
    texts.set('a.js', 'one\nline only');
    assert.deepEqual(texts.lineIndex('a.js').position(5), { line: 2, column: 2 });
  });
});
