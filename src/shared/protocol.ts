/**
 * Messages between the extension and its webviews. Both sides import these types; neither imports the other.
 * The webview announces `ready` before the extension posts anything.
 */
export type WebviewToExtension = { type: 'ready' } | { type: 'openFile'; file: string; line: number; column: number };

export type ExtensionToWebview = { type: 'showMessage'; text: string };

export function isWebviewToExtension(value: unknown): value is WebviewToExtension {
  if (!value || typeof value !== 'object') return false;
  const message = value as Record<string, unknown>;
  if (message.type === 'ready') return true;
  return (
    message.type === 'openFile' &&
    typeof message.file === 'string' &&
    Number.isInteger(message.line) &&
    Number.isInteger(message.column)
  );
}
