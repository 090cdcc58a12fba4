import * as vscode from 'vscode';
import type { Finding } from '../../engine';
import { toDiagnostic } from './toDiagnostic';

interface FileFindings {
  root: vscode.Uri;
  /** From the last workspace scan (or the last save): every rule kind. */
  scanned: Finding[];
  /** From the live analysis of the open document at `version`: source rules only. */
  live?: { version: number; findings: Finding[] };
}

/**
 * Holds every file's findings and publishes them as diagnostics. An open document shows its live
 * findings plus the app-level and text findings of the last scan, which a single file cannot produce.
 */
export class FindingStore implements vscode.Disposable {
  private readonly files = new Map<string, FileFindings>();
  private readonly collection = vscode.languages.createDiagnosticCollection('cloudward');
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly isSourceRule: (ruleId: string) => boolean,
  ) {}

  /** Replaces everything known about the files under `root` with a fresh scan. */
  setScan(root: vscode.Uri, findings: Finding[]): void {
    const prefix = root.toString().replace(/\/?$/, '/');
    const byFile = new Map<string, Finding[]>();
    for (const finding of findings) {
      const key = vscode.Uri.joinPath(root, finding.file).toString();
      const list = byFile.get(key) ?? [];
      list.push(finding);
      byFile.set(key, list);
    }
    for (const [key, entry] of this.files) {
      if (key.startsWith(prefix) && !byFile.has(key)) {
        entry.scanned = [];
        this.publish(key);
      }
    }
    for (const [key, list] of byFile) {
      const entry = this.entry(key, root);
      entry.scanned = list;
      this.publish(key);
    }
    this.changed.fire();
  }

  setLive(uri: vscode.Uri, root: vscode.Uri, version: number, findings: Finding[]): void {
    const key = uri.toString();
    this.entry(key, root).live = { version, findings };
    this.publish(key);
    this.changed.fire();
  }

  /** A saved or re-read file: its source findings replace the scanned ones. */
  setSourceFindings(uri: vscode.Uri, root: vscode.Uri, findings: Finding[]): void {
    const key = uri.toString();
    const entry = this.entry(key, root);
    entry.scanned = [...entry.scanned.filter((finding) => !this.isSourceRule(finding.ruleId)), ...findings];
    this.publish(key);
    this.changed.fire();
  }

  closeDocument(uri: vscode.Uri): void {
    const entry = this.files.get(uri.toString());
    if (!entry?.live) return;
    entry.live = undefined;
    this.publish(uri.toString());
    this.changed.fire();
  }

  removeFile(uri: vscode.Uri): void {
    this.files.delete(uri.toString());
    this.collection.delete(uri);
    this.changed.fire();
  }

  /** The findings shown for a file and the document version they belong to (undefined: from a scan of the saved file). */
  findingsOf(uri: vscode.Uri): { findings: Finding[]; version?: number; root?: vscode.Uri } {
    const entry = this.files.get(uri.toString());
    if (!entry) return { findings: [] };
    return { findings: this.visible(entry), version: entry.live?.version, root: entry.root };
  }

  counts(): { total: number; errors: number; warnings: number } {
    let total = 0;
    let errors = 0;
    let warnings = 0;
    for (const entry of this.files.values()) {
      for (const finding of this.visible(entry)) {
        total++;
        if (finding.severity === 'error') errors++;
        else if (finding.severity === 'warning') warnings++;
      }
    }
    return { total, errors, warnings };
  }

  private visible(entry: FileFindings): Finding[] {
    if (!entry.live) return entry.scanned;
    return [...entry.live.findings, ...entry.scanned.filter((finding) => !this.isSourceRule(finding.ruleId))];
  }

  private entry(key: string, root: vscode.Uri): FileFindings {
    let entry = this.files.get(key);
    if (!entry) {
      entry = { root, scanned: [] };
      this.files.set(key, entry);
    }
    return entry;
  }

  private publish(key: string): void {
    const entry = this.files.get(key);
    const uri = vscode.Uri.parse(key);
    if (!entry) return;
    const findings = this.visible(entry);
    if (findings.length === 0) this.collection.delete(uri);
    else this.collection.set(uri, findings.map((finding) => toDiagnostic(finding, entry.root, this.extensionUri)));
  }

  clear(): void {
    this.files.clear();
    this.collection.clear();
    this.changed.fire();
  }

  dispose(): void {
    this.collection.dispose();
    this.changed.dispose();
  }
}
