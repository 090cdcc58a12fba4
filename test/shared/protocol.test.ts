import * as assert from 'node:assert/strict';
import { isWebviewToExtension } from '../../src/shared/protocol';

describe('webview messages are validated before the extension acts on them (unit)', () => {
  it('accepts ready and an openFile inside the workspace', () => {
    assert.equal(isWebviewToExtension({ type: 'ready' }), true);
    assert.equal(isWebviewToExtension({ type: 'openFile', file: 'routes/uploads.js', line: 12, column: 3 }), true);
  });

  it('refuses paths that leave the workspace, absolute paths, URIs, bad positions and unknown messages', () => {
    const refused: unknown[] = [
      { type: 'openFile', file: '../../etc/passwd', line: 1, column: 1 },
      { type: 'openFile', file: 'a/../../b.js', line: 1, column: 1 },
      { type: 'openFile', file: '/etc/passwd', line: 1, column: 1 },
      { type: 'openFile', file: 'C:\\Windows\\system.ini', line: 1, column: 1 },
      { type: 'openFile', file: 'file:///etc/passwd', line: 1, column: 1 },
      { type: 'openFile', file: 'command:workbench.action.terminal.new', line: 1, column: 1 },
      { type: 'openFile', file: 'app.js', line: 0, column: 1 },
      { type: 'openFile', file: 'app.js', line: 1.5, column: 1 },
      { type: 'openFile', file: 'app.js', line: '1', column: 1 },
      { type: 'writeFile', file: 'app.js', text: 'x' },
      null,
      'ready',
    ];
    for (const message of refused) assert.equal(isWebviewToExtension(message), false, JSON.stringify(message));
  });
});
