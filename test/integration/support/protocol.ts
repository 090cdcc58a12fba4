/**
 * What the runner (outside VS Code) and the tests (inside the extension host) agree on. Both run on the same
 * machine, so they talk through environment variables and files.
 */

/** Environment variables the runner passes to the extension host. */
export const env = {
  /** `trusted` or `restricted`: which workspace-trust pass this is (restricted passes load `*.restricted.test.js`). */
  mode: 'CLOUDWARD_TEST_MODE',
  /** `offline` (code-server + Chromium) or `electron` (@vscode/test-electron). */
  route: 'CLOUDWARD_TEST_ROUTE',
  /** Only run tests whose full title contains this text (mocha `grep`). */
  grep: 'CLOUDWARD_TEST_GREP',
  /** Folder of the screenshot handshake; unset when no driver can take screenshots (the electron route). */
  screenshotHandshake: 'CLOUDWARD_SCREENSHOT_HANDSHAKE',
  /** Where a screenshot with a relative path is saved. */
  screenshotDir: 'CLOUDWARD_SCREENSHOT_DIR',
  /** The repository root (the extension under test). */
  repositoryRoot: 'CLOUDWARD_REPOSITORY_ROOT',
} as const;

export type TrustMode = 'trusted' | 'restricted';

/** `<id>.request.json` in the handshake folder, written by the test (atomically, by rename). */
export interface ScreenshotRequest {
  /** Absolute path of the PNG to write. */
  path: string;
  /** CSS selector of the workbench to wait for (up to `selectorTimeoutMs`) before the screenshot. */
  waitForSelector?: string;
  selectorTimeoutMs?: number;
  /** Extra settle time after the selector, in ms (default 500: lets the workbench finish painting). */
  delayMs?: number;
}

/** `<id>.response.json`, written by the driver once the file is saved (or could not be). */
export interface ScreenshotResponse {
  ok: boolean;
  path: string;
  error?: string;
  /** Set when `waitForSelector` timed out: the screenshot was taken anyway. */
  warning?: string;
}

export const requestSuffix = '.request.json';
export const responseSuffix = '.response.json';
