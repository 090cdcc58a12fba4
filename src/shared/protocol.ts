import type { GraphModel } from './graphModel';

/**
 * Messages between the extension and its webviews. Both sides import these types; neither imports the other.
 * A webview announces `ready` before the extension posts anything.
 */
export type WebviewToExtension =
  | { type: 'ready' }
  | { type: 'openFile'; file: string; line: number; column: number }
  // The graph view: open the file at a finding and show its quick fixes; save an export; build the graph again.
  | { type: 'quickFix'; file: string; line: number; column: number }
  | { type: 'exportGraph'; format: GraphExportFormat; data: string }
  | { type: 'refreshGraph' };

export type ExtensionToWebview =
  | { type: 'showMessage'; text: string }
  /**
   * The graph of one workspace folder; `folder` is its URI, kept in the view's state so a reload finds it
   * again; `filterFolder` (a path in it) narrows the view to one of its folders, as asked from the explorer.
   */
  | { type: 'graph'; model: GraphModel; folder: string; folderName: string; filterFolder?: string }
  | { type: 'graphStatus'; state: 'building' | 'error'; text: string };

/** SVG markup, or a PNG as base64 (no `data:` prefix). */
export type GraphExportFormat = 'svg' | 'png';
/** An export larger than this is refused rather than written (a 5,000-module SVG is about 3 MB). */
export const MAX_GRAPH_EXPORT_CHARS = 64 * 1024 * 1024;

/**
 * What the graph webview keeps with `setState` (VS Code hands it back after a reload, and to the panel
 * serializer): the folder it shows and how the user left the view.
 */
export interface GraphWebviewState {
  folder: string;
  view: GraphViewState;
}

export interface GraphViewState {
  /** Folder paths shown as one node each. */
  collapsed: string[];
  query: string;
  /** Only modules under this folder ('' for all). */
  folder: string;
  /** Only modules with a finding of this category ('' for all). */
  category: string;
  onlyWithFindings: boolean;
  hideExternals: boolean;
  selected?: string;
  camera?: { x: number; y: number; zoom: number };
}

/** The folder URI in a graph panel's saved state, if the state is one (it comes back from storage: checked, not trusted). */
export function graphStateFolder(state: unknown): string | undefined {
  if (!state || typeof state !== 'object') return undefined;
  const folder = (state as Record<string, unknown>).folder;
  return typeof folder === 'string' && folder.length > 0 && folder.length <= 4096 ? folder : undefined;
}

/**
 * Whether a message from a webview is one the extension acts on. Webview content is not trusted:
 * a file must be a relative path inside the workspace (no `..`, no absolute path, no scheme), and
 * positions small positive integers.
 */
export function isWebviewToExtension(value: unknown): value is WebviewToExtension {
  if (!value || typeof value !== 'object') return false;
  const message = value as Record<string, unknown>;
  if (message.type === 'ready' || message.type === 'refreshGraph') return true;
  if (message.type === 'exportGraph') return isGraphExport(message.format, message.data);
  return (
    (message.type === 'openFile' || message.type === 'quickFix') &&
    isWorkspaceRelativePath(message.file) &&
    isPosition(message.line) &&
    isPosition(message.column)
  );
}

/** An SVG must be an SVG document and a PNG plain base64: the extension writes it only where the user chooses. */
function isGraphExport(format: unknown, data: unknown): boolean {
  if (typeof data !== 'string' || data.length === 0 || data.length > MAX_GRAPH_EXPORT_CHARS) return false;
  if (format === 'svg') return /^(<\?xml[^>]*>\s*)?<svg[\s>]/.test(data);
  return format === 'png' && data.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(data) && data.startsWith('iVBORw0KGgo');
}

function isWorkspaceRelativePath(file: unknown): file is string {
  if (typeof file !== 'string' || file.length === 0 || file.length > 4096) return false;
  if (file.includes('\0') || file.startsWith('/') || file.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(file)) return false;
  return !file.split('/').some((segment) => segment === '..');
}

function isPosition(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 10_000_000;
}
