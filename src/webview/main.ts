import type { ExtensionToWebview, WebviewToExtension } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewToExtension): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const status = document.getElementById('status');

window.addEventListener('message', (event: MessageEvent<ExtensionToWebview>) => {
  if (event.data?.type === 'showMessage' && status) status.textContent = event.data.text;
});

vscode.postMessage({ type: 'ready' });
