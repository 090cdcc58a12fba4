import type { WebviewToExtension } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewToExtension): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** The assessment page: a click on a finding's location opens it in the editor (the extension does the opening). */
const vscode = acquireVsCodeApi();

document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a.loc');
  if (!(link instanceof HTMLAnchorElement)) return;
  event.preventDefault();
  const { file, line, column } = link.dataset;
  if (!file || !line || !column) return;
  vscode.postMessage({ type: 'openFile', file, line: Number(line), column: Number(column) });
});

vscode.postMessage({ type: 'ready' });
