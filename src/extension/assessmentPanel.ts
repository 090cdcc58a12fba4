import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { AnalysisResult } from '../engine';
import { isWebviewToExtension } from '../shared/protocol';
import type { EngineModule } from './host/engineLoader';
import { realPathInsideFolder } from './host/insideFolder';

const VIEW_TYPE = 'cloudward.assessment';

/**
 * The assessment as a webview: the same self-contained HTML report as the CLI's, themed with VS Code's
 * colours, under a strict CSP (one nonce'd script from the extension), with findings that open in the editor.
 */
export class AssessmentPanel {
  private static current: AssessmentPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private folder: vscode.WorkspaceFolder,
  ) {
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message), undefined, this.disposables);
  }

  static show(extensionUri: vscode.Uri, engine: EngineModule, folder: vscode.WorkspaceFolder, result: AnalysisResult, version: string): AssessmentPanel {
    if (!AssessmentPanel.current) {
      const panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Cloudward: ${folder.name}`, vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
        retainContextWhenHidden: false,
      });
      panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
      AssessmentPanel.current = new AssessmentPanel(panel, folder);
    }
    const view = AssessmentPanel.current;
    view.folder = folder;
    view.panel.title = `Cloudward: ${folder.name}`;
    const webview = view.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'assessment.js')).toString();
    webview.html = engine.formatterFor('html')!(result, { name: 'cloudward', version }, folder.name, { webview: { cspSource: webview.cspSource, nonce, scriptUri } });
    view.panel.reveal(undefined, true);
    return view;
  }

  private async receive(message: unknown): Promise<void> {
    // Anything a page sends is checked before it is acted on: only relative paths inside the folder.
    if (!isWebviewToExtension(message) || message.type !== 'openFile') return;
    const uri = vscode.Uri.joinPath(this.folder.uri, message.file);
    if (!uri.path.startsWith(this.folder.uri.path.replace(/\/?$/, '/'))) return;
    // A symlink inside the folder may point outside it: the real path decides.
    if (this.folder.uri.scheme === 'file' && !(await realPathInsideFolder(this.folder.uri.fsPath, message.file))) {
      void vscode.window.showWarningMessage(`Cloudward: ${message.file} does not resolve to a file inside ${this.folder.name}; not opened.`);
      return;
    }
    const position = new vscode.Position(message.line - 1, message.column - 1);
    try {
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
    } catch (error) {
      void vscode.window.showWarningMessage(`Cloudward: cannot open ${message.file}: ${(error as Error).message}`);
    }
  }

  private dispose(): void {
    AssessmentPanel.current = undefined;
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
