import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GraphModel } from '../../shared/graphModel';
import { graphStateFolder, isWebviewToExtension, type ExtensionToWebview, type WebviewToExtension } from '../../shared/protocol';
import type * as Engine from '../../engine';
import type { AnalysisResult } from '../../engine';
import type { CommandServices } from '../commands/services';
import { ScanCancelledError } from '../diagnostics/workspaceScanner';
import { realPathInsideFolder } from '../host/insideFolder';
import { readEngineConfig } from '../host/settings';
import { GraphBuildCancelled, GraphBuilder, type GraphChanges } from './graphBuilder';
import { graphWebviewHtml } from './html';

export const GRAPH_VIEW_TYPE = 'cloudward.graph';
/** Background rescans come from a debounced timer, so a few in a row mean the workspace keeps changing. */
const MAX_SUPERSEDED_SCANS = 5;
/** Changes on disk are taken in after this pause: a save, a branch switch or a formatter run comes as a burst. */
const UPDATE_DELAY_MS = 300;

type ChangeKind = 'created' | 'changed' | 'deleted';

/** What Show Dependency Graph resolves with once the page has the graph (the integration tests read it). */
export interface GraphPanelSummary {
  folder: string;
  modules: number;
  packages: number;
  services: number;
  edges: number;
  cycles: number;
  /** The page announced `ready` (its script ran under the webview's CSP) and was sent the graph. */
  delivered: boolean;
  /** The graph on show was updated from the files changed on disk since the one before, not built cold. */
  updated: boolean;
}

/**
 * The dependency graph of one workspace folder in a webview: the page (dist/graph.js) under a strict CSP
 * with one nonce'd script, the graph built in a worker thread and sent once the page says `ready`,
 * and every message from the page validated before it opens a file, asks for quick fixes or saves an export.
 * The page keeps its view state with VS Code, and the serializer brings the panel back after a reload.
 * While the panel is open its worker keeps the graph, and files changed on disk (saved, created, deleted)
 * are taken in as they come: only they are read again. Refresh builds it cold.
 */
export class GraphPanel {
  private static readonly panels = new Map<string, GraphPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private model: GraphModel | undefined;
  private ready = false;
  private building: Promise<GraphModel | undefined> | undefined;
  private buildCancellation: vscode.CancellationTokenSource | undefined;
  private waiting: ((summary: GraphPanelSummary | undefined) => void)[] = [];
  private filterFolder = '';
  private readonly builder: GraphBuilder;
  /** The engine, once a build loaded it: it tells which changes on disk can change the graph. */
  private engine: typeof Engine | undefined;
  /** The files the graph on show draws (workspace-relative), and the graph they are of. */
  private drawn: ReadonlySet<string> = new Set();
  private drawnFor: GraphModel | undefined;
  /** Files changed on disk since the build on show began, and how: the next update reads them again. */
  private readonly changedOnDisk = new Map<string, ChangeKind>();
  private updateTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly folder: vscode.WorkspaceFolder,
    private readonly services: CommandServices,
  ) {
    GraphPanel.panels.set(folder.uri.toString(), this);
    this.builder = new GraphBuilder(services.extensionUri.fsPath);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    const noteChange = (change: ChangeKind) => (uri: vscode.Uri) => {
      if (!this.affectsGraph(uri.fsPath, change)) return;
      // A file created and then written stays created: its creation is what can resolve an import.
      if (this.changedOnDisk.get(uri.fsPath) !== 'created') this.changedOnDisk.set(uri.fsPath, change);
      this.scheduleUpdate();
    };
    watcher.onDidCreate(noteChange('created'), undefined, this.disposables);
    watcher.onDidChange(noteChange('changed'), undefined, this.disposables);
    watcher.onDidDelete(noteChange('deleted'), undefined, this.disposables);
    this.disposables.push(watcher);
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message), undefined, this.disposables);
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'icon.png');
    panel.title = `Dependencies: ${folder.name}`;
    this.render();
  }

  /** Opens (or reveals) the graph of `folder`; `subfolder` presets the page's folder filter. */
  static show(services: CommandServices, folder: vscode.WorkspaceFolder, subfolder = ''): Promise<GraphPanelSummary | undefined> {
    let view = GraphPanel.panels.get(folder.uri.toString());
    if (view) {
      view.panel.reveal(undefined, false);
    } else {
      const panel = vscode.window.createWebviewPanel(GRAPH_VIEW_TYPE, `Dependencies: ${folder.name}`, vscode.ViewColumn.Active, GraphPanel.options(services.extensionUri));
      view = new GraphPanel(panel, folder, services);
    }
    view.filterFolder = subfolder;
    // Asked from a folder in the explorer: the open page narrows to it.
    if (subfolder && view.model && view.ready) view.deliver();
    return view.delivered();
  }

  /** Brings graph panels back after VS Code restarts or reloads the window. */
  static registerSerializer(services: CommandServices): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        panel.webview.options = GraphPanel.options(services.extensionUri);
        const saved = graphStateFolder(state);
        const folder = (vscode.workspace.workspaceFolders ?? []).find((candidate) => candidate.uri.toString() === saved) ?? vscode.workspace.workspaceFolders?.[0];
        if (!folder || GraphPanel.panels.has(folder.uri.toString())) {
          panel.dispose();
          return;
        }
        new GraphPanel(panel, folder, services);
      },
    });
  }

  private static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')], retainContextWhenHidden: false, enableFindWidget: false };
  }

  private render(): void {
    const webview = this.panel.webview;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.services.extensionUri, 'dist', name)).toString();
    webview.html = graphWebviewHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: asset('graph.js'),
      styleUri: asset('graph.css'),
      title: `Dependencies of ${this.folder.name}`,
    });
  }

  private post(message: ExtensionToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private delivered(): Promise<GraphPanelSummary | undefined> {
    if (this.model && this.ready) return Promise.resolve(this.summary(true));
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private summary(delivered: boolean): GraphPanelSummary | undefined {
    const model = this.model;
    if (!model) return undefined;
    return {
      folder: this.folder.name,
      modules: model.modules.length,
      packages: model.packages.length,
      services: model.services.length,
      edges: model.edges.length,
      cycles: model.cycles.length,
      delivered,
      updated: model.stats.cached === true,
    };
  }

  private deliver(): void {
    if (!this.model || !this.ready) return;
    this.post({ type: 'graph', model: this.model, folder: this.folder.uri.toString(), folderName: this.folder.name, ...(this.filterFolder ? { filterFolder: this.filterFolder } : {}) });
    // The folder asked for from the explorer is applied once: a graph updated later keeps the page's own view.
    this.filterFolder = '';
    const summary = this.summary(true);
    for (const resolve of this.waiting.splice(0)) resolve(summary);
  }

  private async receive(message: unknown): Promise<void> {
    // The page is not trusted: anything it sends is checked before it is acted on.
    if (!isWebviewToExtension(message)) return;
    switch (message.type) {
      case 'ready':
        // Also after the page reloads (the tab was hidden, or the window reloaded): the page keeps its own state.
        this.ready = true;
        if (this.model) {
          this.deliver();
          // Changes that came while the panel was hidden.
          if (this.changedOnDisk.size > 0) this.scheduleUpdate();
        } else void this.build();
        return;
      case 'refreshGraph':
        this.model = undefined;
        void this.build(true);
        return;
      case 'openFile':
      case 'quickFix':
        await this.open(message);
        return;
      case 'exportGraph':
        await this.saveExport(message.format, message.data);
        return;
    }
  }

  private build(force = false): Promise<GraphModel | undefined> {
    if (this.building && !force) return this.building;
    this.buildCancellation?.cancel();
    const cancellation = new vscode.CancellationTokenSource();
    this.buildCancellation = cancellation;
    const building = Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Cloudward: building the dependency graph' }, () => this.buildModel(cancellation.token)));
    this.building = building;
    void building.finally(() => {
      if (this.building === building) this.building = undefined;
    });
    return building;
  }

  /** Whether a change on disk can change the graph on show (before the first build loads the engine, any can). */
  private affectsGraph(file: string, change: ChangeKind): boolean {
    if (!this.engine) return true;
    const relative = path.relative(this.folder.uri.fsPath, file);
    if (this.model && this.model !== this.drawnFor) {
      this.drawnFor = this.model;
      this.drawn = new Set(this.model.modules.map((module) => module.file));
    }
    return this.engine.changeAffectsGraph(relative, change, this.drawn);
  }

  /**
   * Takes in the files changed on disk after a pause, while the page is on show (a hidden page asks with
   * `ready` when it is shown again), and after the build under way.
   */
  private scheduleUpdate(): void {
    clearTimeout(this.updateTimer);
    this.updateTimer = setTimeout(() => {
      this.updateTimer = undefined;
      if (!this.model || !this.ready || !this.panel.visible || this.changedOnDisk.size === 0) return;
      if (this.building) void this.building.finally(() => this.scheduleUpdate());
      else void this.build();
    }, UPDATE_DELAY_MS);
  }

  /** Builds the graph cold when there is none (first show, Refresh), else updates it with the changes on disk. */
  private async buildModel(token: vscode.CancellationToken): Promise<GraphModel | undefined> {
    const { services, folder } = this;
    const cold = this.model === undefined;
    // Changes from now on are for the next update: this build may already have read the files before them.
    const changed = new Map(this.changedOnDisk);
    this.changedOnDisk.clear();
    let takenIn = false;
    // An update of a graph on show takes milliseconds: a status over it would only flicker.
    const status = (text: string) => {
      if (cold) this.post({ type: 'graphStatus', state: 'building', text });
    };
    status('Analysing the workspace…');
    try {
      const engine = await services.engine();
      this.engine = engine;
      const changedFiles = [...changed].filter(([file, change]) => this.affectsGraph(file, change)).map(([file]) => file);
      if (!cold && changedFiles.length === 0) {
        takenIn = true;
        return this.model;
      }
      const findings = await this.freshScan(token);
      if (token.isCancellationRequested) return undefined;
      const config = await readEngineConfig(engine, folder, (problem) => services.output.appendLine(`settings: ${problem}`));
      status('Resolving imports…');
      const request = { root: folder.uri.fsPath, trusted: vscode.workspace.isTrusted, findings, include: config.include ?? [], exclude: config.exclude ?? [] };
      const changes: GraphChanges = cold ? 'all' : changedFiles;
      const model = await this.builder.build(request, changes, token, (done, total) => status(`Resolving imports: ${done} of ${total} files…`));
      for (const note of model.notes ?? []) services.output.appendLine(`graph: ${note}`);
      const how = model.stats.cached ? `updated after ${changedFiles.length} changed ${changedFiles.length === 1 ? 'path' : 'paths'}` : 'built';
      services.output.appendLine(`Dependency graph of ${folder.name}: ${model.modules.length} modules, ${model.edges.length} edges, ${model.cycles.length} cycles, ${how} in ${model.stats.buildMs} ms`);
      this.model = model;
      takenIn = true;
      this.deliver();
      if (this.changedOnDisk.size > 0) this.scheduleUpdate();
      return model;
    } catch (error) {
      if (error instanceof GraphBuildCancelled || token.isCancellationRequested) return undefined;
      services.output.appendLine(`Graph build failed: ${(error as Error).stack ?? String(error)}`);
      this.post({ type: 'graphStatus', state: 'error', text: `The dependency graph could not be built: ${(error as Error).message.split('\n')[0]}. See the Cloudward output for details.` });
      for (const resolve of this.waiting.splice(0)) resolve(undefined);
      return undefined;
    } finally {
      // Changes a cancelled or failed build did not take in are read by the next one (an update, or a cold
      // build when the worker was stopped with what it kept).
      if (!takenIn) for (const [file, change] of changed) if (!this.changedOnDisk.has(file)) this.changedOnDisk.set(file, change);
    }
  }

  /**
   * The folder's findings and services analysed now, from the same files on disk the graph's imports are
   * resolved from. The controller's last scan is not enough: saving a source file (or a change on disk)
   * re-analyses that file for its diagnostics but leaves the last whole-folder scan, and with it the
   * inventory of backing services, as it was. The scanner's per-file cache makes this rescan cheap next to
   * resolving every import. A background rescan started meanwhile supersedes ours: then ours is asked again.
   */
  private async freshScan(token: vscode.CancellationToken): Promise<AnalysisResult | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        const reports = await this.services.controller.scanWorkspace(token);
        return reports.find((report) => report.folder.uri.toString() === this.folder.uri.toString())?.result;
      } catch (error) {
        if (!(error instanceof ScanCancelledError) || token.isCancellationRequested) throw error;
        if (attempt >= MAX_SUPERSEDED_SCANS) throw new Error(`the workspace scan was superseded ${attempt} times by background scans`);
      }
    }
  }

  private async open(message: Extract<WebviewToExtension, { type: 'openFile' | 'quickFix' }>): Promise<void> {
    const root = this.folder.uri;
    const uri = vscode.Uri.joinPath(root, message.file);
    if (!uri.path.startsWith(root.path.replace(/\/?$/, '/'))) return;
    // A symlink inside the folder may point outside it: the real path decides.
    if (root.scheme === 'file' && !(await realPathInsideFolder(root.fsPath, message.file))) {
      void vscode.window.showWarningMessage(`Cloudward: ${message.file} does not resolve to a file inside ${this.folder.name}; not opened.`);
      return;
    }
    const position = new vscode.Position(message.line - 1, message.column - 1);
    try {
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.Beside, preview: true });
    } catch (error) {
      void vscode.window.showWarningMessage(`Cloudward: cannot open ${message.file}: ${(error as Error).message}`);
      return;
    }
    if (message.type === 'quickFix') await vscode.commands.executeCommand('editor.action.quickFix');
  }

  /** Saving is the user's explicit action: they choose the file in a save dialog; nothing is written otherwise. */
  private async saveExport(format: 'svg' | 'png', data: string): Promise<void> {
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(this.folder.uri, `${this.folder.name}-dependencies.${format}`),
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      title: 'Save the dependency graph',
    });
    if (!target) return;
    const bytes = format === 'svg' ? new TextEncoder().encode(data) : Buffer.from(data, 'base64');
    try {
      await vscode.workspace.fs.writeFile(target, bytes);
      void vscode.window.showInformationMessage(`Cloudward: dependency graph saved to ${vscode.workspace.asRelativePath(target)}.`);
    } catch (error) {
      void vscode.window.showErrorMessage(`Cloudward: cannot save ${target.fsPath}: ${(error as Error).message}`);
    }
  }

  private dispose(): void {
    GraphPanel.panels.delete(this.folder.uri.toString());
    clearTimeout(this.updateTimer);
    this.buildCancellation?.cancel();
    this.builder.dispose();
    for (const resolve of this.waiting.splice(0)) resolve(this.summary(false));
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
