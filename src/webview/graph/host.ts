import type { GraphModel } from '../../shared/graphModel';
import type { ExtensionToWebview, GraphWebviewState, WebviewToExtension } from '../../shared/protocol';

/**
 * Where the page runs: in a VS Code webview (messages to the extension, state kept by VS Code across
 * reloads) or as the CLI's self-contained HTML file (the model is in the page; files cannot be opened,
 * exports are downloads).
 */
export interface GraphHost {
  readonly kind: 'vscode' | 'standalone';
  post(message: WebviewToExtension): void;
  getState(): GraphWebviewState | undefined;
  setState(state: GraphWebviewState): void;
  /** Messages from the extension (the standalone page delivers its embedded model through this too). */
  onMessage(listener: (message: ExtensionToWebview) => void): void;
  /** Saves an export: the extension asks where; the standalone page downloads it. */
  save(format: 'svg' | 'png', data: string, name: string): void;
}

interface VsCodeApi {
  postMessage(message: WebviewToExtension): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export const MODEL_ELEMENT_ID = 'cloudward-graph-model';

export function detectHost(): GraphHost {
  return typeof acquireVsCodeApi === 'function' ? vscodeHost(acquireVsCodeApi()) : standaloneHost();
}

function vscodeHost(api: VsCodeApi): GraphHost {
  return {
    kind: 'vscode',
    post: (message) => api.postMessage(message),
    getState: () => api.getState() as GraphWebviewState | undefined,
    setState: (state) => api.setState(state),
    onMessage: (listener) => window.addEventListener('message', (event: MessageEvent<ExtensionToWebview>) => event.data && typeof event.data === 'object' && listener(event.data)),
    save: (format, data) => api.postMessage({ type: 'exportGraph', format, data }),
  };
}

function standaloneHost(): GraphHost {
  const listeners: ((message: ExtensionToWebview) => void)[] = [];
  let state: GraphWebviewState | undefined;
  return {
    kind: 'standalone',
    post: (message) => {
      // Nothing to open files with: the page says where the finding is instead (see app.ts).
      if (message.type === 'ready') setTimeout(() => deliverEmbeddedModel(listeners), 0);
    },
    getState: () => state,
    setState: (next) => (state = next),
    onMessage: (listener) => listeners.push(listener),
    save: (format, data, name) => {
      const blob = format === 'svg' ? new Blob([data], { type: 'image/svg+xml' }) : new Blob([Uint8Array.from(atob(data), (character) => character.charCodeAt(0))], { type: 'image/png' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    },
  };
}

function deliverEmbeddedModel(listeners: readonly ((message: ExtensionToWebview) => void)[]): void {
  const element = document.getElementById(MODEL_ELEMENT_ID);
  let message: ExtensionToWebview;
  try {
    const model = JSON.parse(element?.textContent ?? '') as GraphModel;
    const folderName = model.root.split(/[\\/]/).filter(Boolean).pop() ?? model.root;
    message = { type: 'graph', model, folder: model.root, folderName };
  } catch (error) {
    message = { type: 'graphStatus', state: 'error', text: `The page holds no readable graph (${(error as Error).message}).` };
  }
  for (const listener of listeners) listener(message);
}
