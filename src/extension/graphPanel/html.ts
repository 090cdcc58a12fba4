/**
 * The graph webview's page: an empty shell the nonce'd script builds the view in. Pure (no vscode import)
 * so the browser tests serve exactly this page.
 */
export interface GraphWebviewResources {
  /** The webview's `cspSource`: where its scripts and styles may come from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  title: string;
}

export function graphWebviewHtml({ cspSource, nonce, scriptUri, styleUri, title }: GraphWebviewResources): string {
  const policy = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<link rel="stylesheet" href="${escapeAttribute(styleUri)}">`,
    `<title>${escapeAttribute(title)}</title>`,
    '</head>',
    '<body>',
    '<div id="app" class="graph-app"></div>',
    `<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);
}
