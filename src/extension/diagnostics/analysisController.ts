import * as vscode from 'vscode';
import type { AnalysisResult, CloudwardConfig, ProjectInfo } from '../../engine';
import type { EngineModule } from '../host/engineLoader';
import { readEngineConfig, readExtensionSettings, RC_FILE } from '../host/settings';
import type { FindingStore } from './findingStore';
import { ScanCancelledError, type WorkspaceScanner } from './workspaceScanner';

export const ANALYSED_LANGUAGES = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact']);
const SOURCE_GLOB = '**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}';
/** Files that change app-level or text findings: a change re-runs the (cheap, background) scan. */
const PROJECT_GLOB = `**/{Dockerfile*,*.Dockerfile,Containerfile*,package.json,.env*,.gitignore,${RC_FILE}}`;
const TYPING_DELAY_MS = 250;
const PROJECT_RESCAN_DELAY_MS = 1500;

export interface ScanReport {
  folder: vscode.WorkspaceFolder;
  result: AnalysisResult;
}

/** Documents whose syntax trees are kept between keystrokes (the least recently edited is dropped first). */
const LIVE_SYNTAX_TREES = 8;

/** What a live document's file name is relative to: its workspace folder, or its own folder outside any. */
function analysisRoot(document: vscode.TextDocument, folder: vscode.WorkspaceFolder | undefined): vscode.Uri {
  return folder?.uri ?? document.uri.with({ path: document.uri.path.replace(/\/[^/]*$/, '') });
}

/** Schedules the analysis of open documents (debounced, latest version wins) and of whole folders. */
export class AnalysisController implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly configs = new Map<string, Promise<CloudwardConfig>>();
  /** Per folder: the manifests and config texts fixes edit, so a live fix appends to `.env.example` at the right offset. */
  private readonly projects = new Map<string, Promise<ProjectInfo | undefined>>();
  private rescanTimer: NodeJS.Timeout | undefined;
  private readonly lastScans = new Map<string, AnalysisResult>();
  /** Syntax trees of the documents being typed in, so a keystroke re-parses only what it changed. */
  private parser: InstanceType<EngineModule['IncrementalParser']> | undefined;
  private readonly scanned = new vscode.EventEmitter<ScanReport>();
  readonly onDidScan = this.scanned.event;
  private readonly scanning = new vscode.EventEmitter<{ done: number; total: number } | undefined>();
  readonly onScanProgress = this.scanning.event;

  constructor(
    private readonly engine: () => Promise<EngineModule>,
    private readonly store: FindingStore,
    private readonly scanner: WorkspaceScanner,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0) return;
        this.schedule(event.document, TYPING_DELAY_MS);
        void this.projectFileEdited(event.document);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => void this.analyzeSaved(document)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.store.closeDocument(document.uri);
        this.forgetSyntaxTree(document);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('cloudward')) this.configurationChanged();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.configurationChanged()),
      // Files created, deleted or renamed through VS Code (an edit, the Explorer) change what fixes see at once,
      // before the file watcher reports them: a deleted .env.example must not count as listing a key.
      vscode.workspace.onDidCreateFiles(() => this.projectFilesChanged()),
      vscode.workspace.onDidDeleteFiles(() => this.projectFilesChanged()),
      vscode.workspace.onDidRenameFiles(() => this.projectFilesChanged()),
    );
    const sources = vscode.workspace.createFileSystemWatcher(SOURCE_GLOB);
    sources.onDidCreate((uri) => {
      this.projects.clear();
      void this.analyzeOnDisk(uri);
    });
    sources.onDidChange((uri) => {
      void this.forgetProjectIfConfigModule(uri);
      if (!vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString())) void this.analyzeOnDisk(uri);
    });
    sources.onDidDelete((uri) => {
      this.projects.clear();
      this.store.removeFile(uri);
    });
    const project = vscode.workspace.createFileSystemWatcher(PROJECT_GLOB);
    const projectChanged = (uri: vscode.Uri) => {
      if (uri.path.endsWith(RC_FILE)) this.configs.clear();
      this.projects.clear();
      this.scheduleRescan();
    };
    project.onDidCreate(projectChanged);
    project.onDidChange(projectChanged);
    project.onDidDelete(projectChanged);
    this.disposables.push(sources, project);
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /** Scans every workspace folder in the background worker; resolves with one report per folder. */
  async scanWorkspace(token?: vscode.CancellationToken, onProgress?: (done: number, total: number) => void): Promise<ScanReport[]> {
    const reports: ScanReport[] = [];
    const engine = await this.engine();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file' || !readExtensionSettings(folder).enable) continue;
      const config = await this.configFor(folder, engine);
      try {
        const result = await this.scanner.scan(folder.uri.fsPath, config, token, (progress) => {
          if (progress.phase !== 'analyze') return;
          this.scanning.fire({ done: progress.done, total: progress.total });
          onProgress?.(progress.done, progress.total);
        });
        this.store.setScan(folder.uri, result.findings);
        this.reapplyOpenDocuments(folder);
        this.lastScans.set(folder.uri.toString(), result);
        for (const skipped of result.skipped) this.log(`skipped ${skipped.file}: ${skipped.reason}`);
        const report = { folder, result };
        reports.push(report);
        this.scanned.fire(report);
      } finally {
        this.scanning.fire(undefined);
      }
    }
    return reports;
  }

  lastScan(folder: vscode.WorkspaceFolder): AnalysisResult | undefined {
    return this.lastScans.get(folder.uri.toString());
  }

  private scheduleRescan(): void {
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = undefined;
      this.scanWorkspace().catch((error: unknown) => {
        if (!(error instanceof ScanCancelledError)) this.log(`background scan failed: ${(error as Error).message}`);
      });
    }, PROJECT_RESCAN_DELAY_MS);
  }

  private configurationChanged(): void {
    this.configs.clear();
    this.projects.clear();
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
    this.scheduleRescan();
  }

  private configFor(folder: vscode.WorkspaceFolder, engine: EngineModule): Promise<CloudwardConfig> {
    const key = folder.uri.toString();
    let config = this.configs.get(key);
    if (!config) {
      config = readEngineConfig(engine, folder, (problem) => this.log(`settings: ${problem}`));
      this.configs.set(key, config);
    }
    return config;
  }

  /**
   * Read once per folder and reused until a project file, a config module or the file list changes. A folder
   * that cannot be read gives no project: fixes then only create files, and the code actions refuse an edit of
   * a file that exists (see the edit basis).
   */
  private projectFor(folder: vscode.WorkspaceFolder | undefined, engine: EngineModule, config: CloudwardConfig): Promise<ProjectInfo | undefined> {
    if (!folder || folder.uri.scheme !== 'file') return Promise.resolve(undefined);
    const key = folder.uri.toString();
    let project = this.projects.get(key);
    if (!project) {
      project = engine.readProjectInfo(folder.uri.fsPath, { fs: engine.nodeFileSystem }, { config }).catch((error: unknown) => {
        this.log(`could not read the project files of ${folder.name}: ${(error as Error).message}`);
        return undefined;
      });
      this.projects.set(key, project);
    }
    return project;
  }

  /**
   * `.env.example`, `package.json` or a config module edited in the editor: the open documents' fixes were
   * computed on its old text (an edit they add there, or leave out because the key was listed), so they are
   * analysed again with the editor's text.
   */
  private async projectFileEdited(document: vscode.TextDocument): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder || document.uri.scheme !== 'file') return;
    const file = relativePath(document.uri, folder.uri);
    if (!FIX_EDITED_FILE.test(file) && !(this.projects.has(folder.uri.toString()) && (await this.engine()).CONFIG_MODULE_FILE.test(file))) return;
    this.projects.delete(folder.uri.toString());
    for (const open of vscode.workspace.textDocuments) {
      if (open !== document && vscode.workspace.getWorkspaceFolder(open.uri)?.uri.toString() === folder.uri.toString()) this.schedule(open, TYPING_DELAY_MS);
    }
  }

  private projectFilesChanged(): void {
    this.projects.clear();
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private async forgetProjectIfConfigModule(uri: vscode.Uri): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || !this.projects.has(folder.uri.toString())) return;
    const engine = await this.engine();
    if (engine.CONFIG_MODULE_FILE.test(relativePath(uri, folder.uri))) this.projects.delete(folder.uri.toString());
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!ANALYSED_LANGUAGES.has(document.languageId) || (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled')) return;
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.analyzeDocument(document);
      }, delay),
    );
  }

  /**
   * Re-reads the folder's project files and re-analyses the document at once: a quick fix found that a file
   * it edits (`.env.example`, `package.json`) changed since the last analysis.
   */
  async reanalyzeNow(document: vscode.TextDocument): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (folder) this.projects.delete(folder.uri.toString());
    const pending = this.timers.get(document.uri.toString());
    if (pending) clearTimeout(pending);
    this.timers.delete(document.uri.toString());
    await this.analyzeDocument(document);
  }

  private async analyzeDocument(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed) return;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (folder && !readExtensionSettings(folder).enable) return;
    const engine = await this.engine();
    const version = document.version;
    const config = folder ? await this.configFor(folder, engine) : engine.defaultConfig();
    const project = withOpenDocuments(await this.projectFor(folder, engine, config), folder, engine);
    // A newer edit arrived while the config loaded: its own run will publish.
    if (document.isClosed || document.version !== version) return;
    const text = document.getText();
    if (text.length > config.maxFileSizeBytes) return;
    const root = analysisRoot(document, folder);
    this.parser ??= new engine.IncrementalParser(LIVE_SYNTAX_TREES);
    const analysis = engine.analyzeFile(relativePath(document.uri, root, document.languageId), text, { config, project, parser: this.parser, facts: false });
    if (analysis.skipReason) {
      this.log(`${vscode.workspace.asRelativePath(document.uri)}: ${analysis.skipReason}`);
      return;
    }
    for (const failure of analysis.ruleFailures) this.log(`${vscode.workspace.asRelativePath(document.uri)}: ${failure}`);
    this.store.setLive(document.uri, root, version, analysis.findings);
  }

  private async analyzeSaved(document: vscode.TextDocument): Promise<void> {
    if (!ANALYSED_LANGUAGES.has(document.languageId)) return;
    const live = this.store.findingsOf(document.uri);
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) return;
    if (live.version === document.version) {
      const engine = await this.engine();
      const sourceIds = new Set(engine.allRules.filter((rule) => rule.kind === 'source').map((rule) => rule.meta.id));
      this.store.setSourceFindings(document.uri, folder.uri, live.findings.filter((finding) => sourceIds.has(finding.ruleId)));
    }
    // Whether the file starts a server decides app-level findings.
    if (/\.listen\s*\(/.test(document.getText())) this.scheduleRescan();
  }

  private async analyzeOnDisk(uri: vscode.Uri): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || !readExtensionSettings(folder).enable) return;
    const engine = await this.engine();
    const config = await this.configFor(folder, engine);
    const project = withOpenDocuments(await this.projectFor(folder, engine, config), folder, engine);
    let bytes: Uint8Array;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > config.maxFileSizeBytes || stat.type !== vscode.FileType.File) return;
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return; // deleted again before we read it
    }
    const file = relativePath(uri, folder.uri);
    const analysis = engine.analyzeFile(file, new TextDecoder().decode(bytes), { config, project, facts: false });
    if (!analysis.skipReason) this.store.setSourceFindings(uri, folder.uri, analysis.findings);
  }

  private reapplyOpenDocuments(folder: vscode.WorkspaceFolder): void {
    for (const document of vscode.workspace.textDocuments) {
      if (vscode.workspace.getWorkspaceFolder(document.uri)?.uri.toString() === folder.uri.toString()) this.schedule(document, 0);
    }
  }

  private forgetSyntaxTree(document: vscode.TextDocument): void {
    if (!this.parser) return;
    const root = analysisRoot(document, vscode.workspace.getWorkspaceFolder(document.uri));
    this.parser.forget(relativePath(document.uri, root, document.languageId));
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.disposables.forEach((disposable) => disposable.dispose());
    this.scanned.dispose();
    this.scanning.dispose();
  }
}

const LANGUAGE_EXTENSIONS: Record<string, string> = { javascript: '.js', javascriptreact: '.jsx', typescript: '.ts', typescriptreact: '.tsx' };

/** The engine's file name for a document: relative to its folder, or a made-up name with the right dialect. */
export function relativePath(uri: vscode.Uri, root: vscode.Uri, languageId?: string): string {
  if (uri.scheme === 'untitled') return `untitled${LANGUAGE_EXTENSIONS[languageId ?? 'javascript'] ?? '.js'}`;
  const rootPath = root.path.replace(/\/?$/, '/');
  return uri.path.startsWith(rootPath) ? uri.path.slice(rootPath.length) : uri.path.replace(/^.*\//, '');
}

/** Project files whose text fixes edit: a fix's offsets in them must match what the editor shows. */
const FIX_EDITED_FILE = /(^|\/)(\.env\.example|package\.json)$/;

/**
 * The project as the editor sees it: a `.env.example`, `package.json` or config module open in the editor
 * (often with the unsaved edit of the previous quick fix) counts with its editor text, not the disk's, so
 * the next fix appends after it instead of being refused as stale.
 */
function withOpenDocuments(project: ProjectInfo | undefined, folder: vscode.WorkspaceFolder | undefined, engine: EngineModule): ProjectInfo | undefined {
  if (!project || !folder) return project;
  let configTexts: Map<string, string> | undefined;
  let allFiles: Set<string> | undefined;
  for (const document of vscode.workspace.textDocuments) {
    if (document.uri.scheme !== 'file' || !document.isDirty || vscode.workspace.getWorkspaceFolder(document.uri)?.uri.toString() !== folder.uri.toString()) continue;
    const file = relativePath(document.uri, folder.uri);
    if (!FIX_EDITED_FILE.test(file) && !engine.CONFIG_MODULE_FILE.test(file) && !project.configTexts?.has(file)) continue;
    configTexts ??= new Map(project.configTexts);
    allFiles ??= new Set(project.allFiles);
    configTexts.set(file, document.getText());
    allFiles.add(file);
  }
  return configTexts ? { ...project, configTexts, allFiles: allFiles ?? project.allFiles } : project;
}

