/**
 * Messages between the extension and its webviews. Both sides import these types; neither imports the other.
 * A webview announces `ready` before the extension posts anything.
 */
export type WebviewToExtension = { type: 'ready' } | { type: 'openFile'; file: string; line: number; column: number };

export type ExtensionToWebview = { type: 'showMessage'; text: string };

/**
 * Whether a message from a webview is one the extension acts on. Webview content is not trusted:
 * a file must be a relative path inside the workspace (no `..`, no absolute path, no scheme), and
 * positions small positive integers.
 */
export function isWebviewToExtension(value: unknown): value is WebviewToExtension {
  if (!value || typeof value !== 'object') return false;
  const message = value as Record<string, unknown>;
  if (message.type === 'ready') return true;
  return (
    message.type === 'openFile' &&
    isWorkspaceRelativePath(message.file) &&
    isPosition(message.line) &&
    isPosition(message.column)
  );
}

function isWorkspaceRelativePath(file: unknown): file is string {
  if (typeof file !== 'string' || file.length === 0 || file.length > 4096) return false;
  if (file.includes('\0') || file.startsWith('/') || file.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(file)) return false;
  return !file.split('/').some((segment) => segment === '..');
}

function isPosition(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 10_000_000;
}
