import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { assess, type Assessment, type ScoreDetail } from '../assess';
import { CATEGORIES, type AnalysisResult, type Category, type Finding } from '../types';
import { appTitle, EXTERNALIZED_TEXT, hours, plural, portText, runtimeText, severityCounts, STRATEGY_TEXT, VIA_TEXT } from './describe';
import type { ToolInfo } from './json';
import { scoringNote } from './markdown';
import { ruleDocsUrl, type ReportOptions } from './options';

export interface HtmlOptions extends ReportOptions {
  /**
   * For a VS Code webview: the webview's `cspSource` and a nonce. The page then also allows the
   * webview's resources and one nonce'd script (`scriptUri`), e.g. to open a finding in the editor
   * when a `.loc` link (with `data-file`, `data-line`, `data-column`) is clicked.
   */
  webview?: { cspSource: string; nonce: string; scriptUri?: string };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);
}
const e = escapeHtml;

/** For a double-quoted attribute: quotes of the other kind stay readable (the CSP's 'none'). */
function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character]!);
}

/**
 * Colours come from VS Code's theme variables when the page is a webview, and otherwise from a light or a
 * dark palette picked by prefers-color-scheme. No external asset: fonts are the system's.
 */
const STYLE = `
:root {
  color-scheme: light dark;
  --cw-bg: var(--vscode-editor-background, #ffffff);
  --cw-fg: var(--vscode-editor-foreground, #1f2328);
  --cw-muted: var(--vscode-descriptionForeground, #59636e);
  --cw-border: var(--vscode-panel-border, #d1d9e0);
  --cw-surface: var(--vscode-editorWidget-background, #f6f8fa);
  --cw-link: var(--vscode-textLink-foreground, #0969da);
  --cw-error: var(--vscode-editorError-foreground, #cf222e);
  --cw-warning: var(--vscode-editorWarning-foreground, #bf8700);
  --cw-info: var(--vscode-editorInfo-foreground, #0969da);
  --cw-good: var(--vscode-testing-iconPassed, #1a7f37);
  --cw-track: var(--vscode-editorWidget-border, #e6eaef);
  --cw-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  --cw-mono: var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace);
}
@media (prefers-color-scheme: dark) {
  :root {
    --cw-bg: var(--vscode-editor-background, #0d1117);
    --cw-fg: var(--vscode-editor-foreground, #e6edf3);
    --cw-muted: var(--vscode-descriptionForeground, #9198a1);
    --cw-border: var(--vscode-panel-border, #3d444d);
    --cw-surface: var(--vscode-editorWidget-background, #151b23);
    --cw-link: var(--vscode-textLink-foreground, #4493f8);
    --cw-error: var(--vscode-editorError-foreground, #f85149);
    --cw-warning: var(--vscode-editorWarning-foreground, #d29922);
    --cw-info: var(--vscode-editorInfo-foreground, #4493f8);
    --cw-good: var(--vscode-testing-iconPassed, #3fb950);
    --cw-track: var(--vscode-editorWidget-border, #2a313c);
  }
}
* { box-sizing: border-box; }
html { background: var(--cw-bg); }
body { margin: 0 auto; max-width: 1100px; padding: 24px 28px 48px; background: var(--cw-bg); color: var(--cw-fg); font: 14px/1.5 var(--cw-font); }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--cw-border); }
h3 { font-size: 1.05em; margin: 20px 0 8px; }
a { color: var(--cw-link); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
code, .mono { font-family: var(--cw-mono); font-size: 0.92em; }
.muted { color: var(--cw-muted); }
.subtitle { color: var(--cw-muted); margin: 0 0 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; }
.card { background: var(--cw-surface); border: 1px solid var(--cw-border); border-radius: 8px; padding: 14px 16px; }
.card h3 { margin: 0 0 6px; font-size: 0.85em; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: var(--cw-muted); }
.card .big { font-size: 1.7em; font-weight: 600; line-height: 1.2; }
.card .band { font-size: 1.15em; font-weight: 600; line-height: 1.3; }
.card.gauge { display: flex; align-items: center; gap: 12px; }
.card.gauge svg { flex: 0 0 92px; width: 92px; height: 92px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; margin-top: 16px; }
.chart { background: var(--cw-surface); border: 1px solid var(--cw-border); border-radius: 8px; padding: 12px 14px; }
.chart h3 { margin: 0 0 8px; }
.chart svg { width: 100%; height: auto; display: block; }
svg text { fill: var(--cw-fg); font-family: var(--cw-font); font-size: 15px; }
svg text.small, svg tspan.small { font-size: 13px; fill: var(--cw-muted); }
.gauge svg text.small { font-size: 11px; }
svg text.score { font-size: 30px; font-weight: 700; }
.track { fill: none; stroke: var(--cw-track); }
.bar-track { fill: var(--cw-track); }
.gauge-value { fill: none; stroke-linecap: round; }
.band-ready { stroke: var(--cw-good); fill: var(--cw-good); }
.band-minor-changes { stroke: var(--cw-info); fill: var(--cw-info); }
.band-significant-changes { stroke: var(--cw-warning); fill: var(--cw-warning); }
.band-major-changes { stroke: var(--cw-error); fill: var(--cw-error); }
.gauge-value.band-ready, .gauge-value.band-minor-changes, .gauge-value.band-significant-changes, .gauge-value.band-major-changes { fill: none; }
.sev-error { fill: var(--cw-error); }
.sev-warning { fill: var(--cw-warning); }
.sev-information { fill: var(--cw-info); }
.deducted { fill: var(--cw-error); }
.legend { display: flex; gap: 14px; font-size: 0.85em; color: var(--cw-muted); margin-top: 6px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.swatch.error { background: var(--cw-error); } .swatch.warning { background: var(--cw-warning); } .swatch.information { background: var(--cw-info); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--cw-border); vertical-align: top; }
th { font-weight: 600; color: var(--cw-muted); font-size: 0.9em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; }
table.findings { table-layout: fixed; }
table.findings col.loc { width: 20%; } table.findings col.sev { width: 11%; } table.findings col.rule { width: 22%; }
table.findings td { overflow-wrap: anywhere; }
.pill { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 0.85em; border: 1px solid var(--cw-border); white-space: nowrap; }
.pill.error { color: var(--cw-error); border-color: var(--cw-error); }
.pill.warning { color: var(--cw-warning); border-color: var(--cw-warning); }
.pill.information { color: var(--cw-info); border-color: var(--cw-info); }
.pill.yes, .pill.embedded-no { white-space: nowrap; }
.ext-yes { color: var(--cw-good); } .ext-no, .ext-embedded { color: var(--cw-error); } .ext-partly { color: var(--cw-warning); } .ext-unknown { color: var(--cw-muted); }
ul.reasons { margin: 6px 0 12px; padding-left: 20px; }
ol.plan { list-style: none; padding: 0; margin: 0; counter-reset: step; }
ol.plan > li { border: 1px solid var(--cw-border); border-radius: 8px; padding: 10px 14px; margin: 0 0 10px; background: var(--cw-surface); }
ol.plan > li.done { opacity: 0.75; }
.step-head { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.check { font-weight: 700; width: 1.2em; display: inline-block; }
li.done .check { color: var(--cw-good); }
li.todo .check { color: var(--cw-muted); }
.step-title { font-weight: 600; }
.step-meta { color: var(--cw-muted); font-size: 0.9em; }
ul.items { margin: 8px 0 0; padding-left: 22px; }
ul.items li { margin: 3px 0; }
.fix { color: var(--cw-good); }
details { margin: 6px 0; }
summary { cursor: pointer; font-weight: 600; }
.notice { border-left: 3px solid var(--cw-info); padding: 6px 12px; background: var(--cw-surface); margin: 12px 0; }
footer { margin-top: 36px; color: var(--cw-muted); font-size: 0.85em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print { body { max-width: none; } .chart, .card, ol.plan > li { break-inside: avoid; } }
`;

function styleHash(style: string): string {
  return `sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}`;
}

function contentSecurityPolicy(options: HtmlOptions): string {
  const hash = `'${styleHash(STYLE)}'`;
  const webview = options.webview;
  const directives = [
    "default-src 'none'",
    `style-src ${hash}${webview ? ` ${webview.cspSource}` : ''}`,
    `img-src data:${webview ? ` ${webview.cspSource}` : ''}`,
    webview ? `script-src 'nonce-${webview.nonce}'` : "script-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  return directives.join('; ');
}

const bandClass = (band: ScoreDetail['band']) => `band-${band.replace(/ /g, '-')}`;

function gauge(score: number, band: ScoreDetail['band']): string {
  const radius = 48;
  const circumference = 2 * Math.PI * radius;
  const value = (Math.max(0, Math.min(100, score)) / 100) * circumference;
  return (
    `<svg viewBox="0 0 120 120" role="img" aria-labelledby="gauge-title"><title id="gauge-title">Readiness score ${score} of 100 (${e(band)})</title>` +
    `<circle class="track" cx="60" cy="60" r="${radius}" stroke-width="12"/>` +
    (score > 0
      ? `<circle class="gauge-value ${bandClass(band)}" cx="60" cy="60" r="${radius}" stroke-width="12" stroke-dasharray="${value.toFixed(2)} ${circumference.toFixed(2)}" transform="rotate(-90 60 60)"/>`
      : '') +
    `<text class="score" x="60" y="66" text-anchor="middle">${score}</text><text class="small" x="60" y="86" text-anchor="middle">of 100</text></svg>`
  );
}

/** Horizontal bars of findings per category, stacked by severity. */
function categoryChart(findings: readonly Finding[]): string {
  const rows = CATEGORIES.map((category) => {
    const list = findings.filter((finding) => finding.category === category);
    return { category, error: list.filter((f) => f.severity === 'error').length, warning: list.filter((f) => f.severity === 'warning').length, information: list.filter((f) => f.severity === 'information').length, total: list.length };
  }).filter((row) => row.total > 0);
  if (rows.length === 0) return '<p class="muted">No findings.</p>';
  const labelWidth = 230;
  const width = 640;
  const barArea = width - labelWidth - 40;
  const rowHeight = 28;
  const max = Math.max(...rows.map((row) => row.total));
  const height = rows.length * rowHeight + 4;
  const parts: string[] = [];
  parts.push(`<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="cat-title cat-desc"><title id="cat-title">Findings by category</title>`);
  parts.push(`<desc id="cat-desc">${e(rows.map((row) => `${row.category}: ${row.total}`).join(', '))}</desc>`);
  rows.forEach((row, index) => {
    const y = index * rowHeight + 2;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end">${e(row.category)}</text>`);
    let x = labelWidth;
    for (const severity of ['error', 'warning', 'information'] as const) {
      const count = row[severity];
      if (count === 0) continue;
      const w = Math.max(2, (count / max) * barArea);
      parts.push(`<rect class="sev-${severity}" x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 8}" rx="2"><title>${count} ${severity}</title></rect>`);
      x += w;
    }
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${y + 18}">${row.total}</text>`);
  });
  parts.push('</svg>');
  parts.push('<div class="legend"><span><span class="swatch error"></span>error</span><span><span class="swatch warning"></span>warning</span><span><span class="swatch information"></span>information</span></div>');
  return parts.join('');
}

/** What each category takes off the score, against its cap. */
function deductionChart(detail: ScoreDetail): string {
  if (detail.deductions.length === 0) return '<p class="muted">Nothing deducted.</p>';
  const labelWidth = 230;
  const width = 640;
  const barArea = width - labelWidth - 80;
  const rowHeight = 28;
  const maxCap = Math.max(...detail.deductions.map((deduction) => deduction.cap), 1);
  const height = detail.deductions.length * rowHeight + 4;
  const parts = [`<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="ded-title"><title id="ded-title">Points deducted per category, against each category's cap</title>`];
  detail.deductions.forEach((deduction, index) => {
    const y = index * rowHeight + 2;
    const capWidth = (deduction.cap / maxCap) * barArea;
    const valueWidth = (deduction.deducted / maxCap) * barArea;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end">${e(deduction.category)}</text>`);
    parts.push(`<rect class="bar-track" x="${labelWidth}" y="${y + 3}" width="${capWidth.toFixed(1)}" height="${rowHeight - 8}" rx="2"><title>cap ${deduction.cap}</title></rect>`);
    if (valueWidth > 0) parts.push(`<rect class="deducted" x="${labelWidth}" y="${y + 3}" width="${valueWidth.toFixed(1)}" height="${rowHeight - 8}" rx="2"><title>−${deduction.deducted}</title></rect>`);
    parts.push(`<text x="${(labelWidth + capWidth + 6).toFixed(1)}" y="${y + 18}">−${deduction.deducted} <tspan class="small">/ ${deduction.cap}</tspan></text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

function locationLink(result: AnalysisResult, file: string, line: number, column: number): string {
  const href = `${pathToFileURL(path.join(result.root, file)).href}#L${line}`;
  return `<a class="loc mono" href="${e(href)}" data-file="${e(file)}" data-line="${line}" data-column="${column}">${e(file)}:${line}:${column}</a>`;
}

function ruleLink(ruleId: string, options: ReportOptions): string {
  return `<a href="${e(ruleDocsUrl(ruleId, options))}" class="mono">${e(ruleId)}</a>`;
}

/** The HTML report: one self-contained file (inline CSS and SVG, no script, no external asset) that reads offline. */
export function formatHtml(result: AnalysisResult, tool: ToolInfo, shownRoot: string, options: HtmlOptions = {}): string {
  const assessment: Assessment = assess(result);
  const { score, strategy, effort, plan, inventory } = assessment;
  const counts = severityCounts(result);
  const title = inventory.apps.length === 1 && inventory.apps[0].name ? inventory.apps[0].name : shownRoot;
  const body: string[] = [];

  body.push(`<header><h1>Cloud readiness of ${e(title)}</h1><p class="subtitle">${e(shownRoot)} · ${result.files} source files, ${result.parsed} analysed, ${result.skipped.length} skipped · ${e(tool.name)} ${e(tool.version)}</p></header>`);
  if (result.workspace?.baseline) {
    body.push(`<p class="notice">Compared with the baseline <code>${e(result.workspace.baseline.file)}</code>: ${plural(result.workspace.baseline.known, 'known finding')} not shown; everything below is new.</p>`);
  }
  body.push('<section class="cards" aria-label="Summary">');
  body.push(`<div class="card gauge">${gauge(score.score, score.band)}<div><h3>Readiness</h3><div class="band">${e(score.band)}</div><div class="muted">−${100 - score.score} in ${plural(score.deductions.length, 'category', 'categories')}</div></div></div>`);
  body.push(
    `<div class="card"><h3>Strategy</h3><div class="big">${e(strategy.chosen)}</div><div class="muted">${e(STRATEGY_TEXT[strategy.chosen])}${strategy.overridden ? ` — chosen in .cloudwardrc.json; recommended: ${e(strategy.recommended)}` : ''}</div></div>`,
  );
  body.push(`<div class="card"><h3>Findings</h3><div class="big">${result.findings.length}</div><div class="muted">${counts.error} errors · ${counts.warning} warnings · ${counts.information} information</div></div>`);
  body.push(`<div class="card"><h3>Effort</h3><div class="big">~${hours(effort.total)}</div><div class="muted">${plan.steps.filter((step) => !step.done).length} of ${plan.steps.length} plan steps to do</div></div>`);
  body.push('</section>');

  body.push('<section class="charts" aria-label="Charts">');
  body.push(`<div class="chart"><h3>Findings by category</h3>${categoryChart(result.findings)}</div>`);
  body.push(`<div class="chart"><h3>What the score loses, per category</h3>${deductionChart(score)}</div>`);
  body.push('</section>');

  body.push(`<section id="strategy"><h2>Strategy: ${e(strategy.chosen)}</h2>`);
  body.push(`<p>Recommended: <strong>${e(strategy.recommended)}</strong> — ${e(STRATEGY_TEXT[strategy.recommended])}.</p>`);
  body.push(`<ul class="reasons">${strategy.reasons.map((reason) => `<li>${e(reason)}</li>`).join('')}</ul>`);
  if (strategy.nextCheaper) {
    body.push(`<h3>To make ${e(strategy.nextCheaper.strategy)} possible (~${hours(strategy.nextCheaper.effort)})</h3>`);
    body.push('<table><thead><tr><th>category</th><th class="num">findings</th><th class="num">effort</th><th>what has to change</th></tr></thead><tbody>');
    for (const change of strategy.nextCheaper.changes) body.push(`<tr><td class="mono">${e(change.category)}</td><td class="num">${change.findings}</td><td class="num">${hours(change.effort)}</td><td>${e(change.change)}</td></tr>`);
    body.push('</tbody></table>');
  }
  if (strategy.apps.length > 1) {
    body.push('<table><thead><tr><th>app</th><th>recommended</th><th>chosen</th></tr></thead><tbody>');
    for (const app of strategy.apps) body.push(`<tr><td class="mono">${e(app.folder || '.')}</td><td>${e(app.recommended)}</td><td>${e(app.chosen)}</td></tr>`);
    body.push('</tbody></table>');
  }
  body.push('</section>');

  body.push(`<section id="score"><h2>Readiness score: ${score.score}/100</h2>`);
  if (score.deductions.length > 0) {
    body.push('<table><thead><tr><th>category</th><th class="num">findings</th><th class="num">points</th><th class="num">cap</th><th class="num">deducted</th></tr></thead><tbody>');
    for (const deduction of score.deductions) {
      body.push(`<tr><td class="mono">${e(deduction.category)}</td><td class="num">${deduction.findings}</td><td class="num">${deduction.points}</td><td class="num">${deduction.cap}</td><td class="num">−${deduction.deducted}</td></tr>`);
    }
    const total = score.deductions.reduce((sum, deduction) => sum + deduction.deducted, 0);
    body.push(`<tr class="total"><td>total</td><td class="num">${result.findings.length}</td><td></td><td></td><td class="num">−${total}</td></tr></tbody></table>`);
    body.push(`<p>Score = 100 − ${total} = <strong>${score.score}</strong>. ${e(scoringNote())}</p>`);
  } else body.push('<p>Nothing is deducted: no blocking finding.</p>');
  if (score.folders.length > 0) {
    body.push('<details><summary>Score per folder</summary><table><thead><tr><th>folder</th><th class="num">score</th><th class="num">findings</th></tr></thead><tbody>');
    for (const app of score.apps.length > 1 ? score.apps : []) body.push(`<tr><td class="mono">app ${e(app.folder || '.')}</td><td class="num">${app.score}</td><td class="num">${app.deductions.reduce((sum, d) => sum + d.findings, 0)}</td></tr>`);
    for (const folder of score.folders) body.push(`<tr><td class="mono">${e(folder.folder)}/</td><td class="num">${folder.score}</td><td class="num">${folder.deductions.reduce((sum, d) => sum + d.findings, 0)}</td></tr>`);
    body.push('</tbody></table><p class="muted">Folders not listed have no findings and score 100.</p></details>');
  }
  body.push('</section>');

  body.push('<section id="inventory"><h2>Inventory</h2>');
  for (const app of inventory.apps) {
    if (inventory.apps.length > 1) body.push(`<h3>${e(appTitle(app, shownRoot))}</h3>`);
    body.push('<table><tbody>');
    body.push(`<tr><th>Runtime</th><td>${e(runtimeText(app))}</td></tr>`);
    body.push(`<tr><th>Frameworks</th><td>${app.frameworks.length > 0 ? app.frameworks.map((framework) => `${e(framework.name)} <span class="muted mono">${e(framework.version)}</span>`).join(', ') : 'none found'}</td></tr>`);
    body.push(`<tr><th>Entry points</th><td>${app.entryPoints.length > 0 ? app.entryPoints.map((entry) => locationLink(result, entry.file, entry.line, entry.column)).join(', ') : 'none found'}</td></tr>`);
    if (app.ports.length > 0) body.push(`<tr><th>Ports</th><td>${app.ports.map((port) => `${e(portText(port))} at ${locationLink(result, port.file, port.line, port.column)}`).join('<br>')}</td></tr>`);
    if (app.runtime.startScript) body.push(`<tr><th>Start</th><td class="mono">${e(app.runtime.startScript)}</td></tr>`);
    body.push(`<tr><th>Container image</th><td>${app.dockerfiles.length > 0 ? app.dockerfiles.map((file) => `<code>${e(file)}</code>`).join(', ') : 'no Dockerfile'}</td></tr>`);
    body.push(`<tr><th>Cloud SDKs</th><td>${app.cloudSdks.length > 0 ? app.cloudSdks.map((sdk) => `<code>${e(sdk.package)}</code> (${e(sdk.provider)})`).join(', ') : 'none'}</td></tr>`);
    if (app.environment.length > 0) body.push(`<tr><th>Environment variables read</th><td>${app.environment.map((name) => `<code>${e(name)}</code>`).join(', ')}</td></tr>`);
    body.push('</tbody></table>');
    if (app.services.length === 0) body.push('<p class="muted">No backing services found.</p>');
    else {
      body.push('<table><thead><tr><th>service</th><th>kind</th><th>packages</th><th>configured at</th><th>externalized</th></tr></thead><tbody>');
      for (const service of app.services) {
        const places = service.configuredAt.length > 0
          ? service.configuredAt.map((place) => `${locationLink(result, place.file, place.line, place.column)} <span class="muted">${e(VIA_TEXT[place.via])}:</span> <code>${e(place.evidence)}</code>`).join('<br>')
          : '<span class="muted">not found in code or config</span>';
        body.push(
          `<tr><td>${e(service.name)}</td><td>${e(service.kind)}</td><td>${service.packages.map((name) => `<code>${e(name)}</code>`).join(', ') || '—'}</td><td>${places}</td><td class="ext-${service.externalized}">${e(EXTERNALIZED_TEXT[service.externalized])}</td></tr>`,
        );
      }
      body.push('</tbody></table>');
    }
  }
  body.push('</section>');

  body.push(`<section id="plan"><h2>Migration plan (${e(plan.strategy)})</h2><ol class="plan">`);
  for (const step of plan.steps) {
    body.push(`<li class="${step.done ? 'done' : 'todo'}"><div class="step-head"><span class="check" aria-hidden="true">${step.done ? '✓' : '○'}</span><span class="step-title">${step.order}. ${e(step.title)}</span>`);
    body.push(`<span class="step-meta">${step.done ? 'nothing to do' : `${plural(step.items.length, 'finding')} · ~${hours(step.effort)}`}</span><span class="visually-hidden">${step.done ? 'done' : 'to do'}</span></div>`);
    if (!step.done) {
      body.push(`<div class="muted">${e(step.why)}</div><ul class="items">`);
      for (const item of step.items) {
        body.push(
          `<li><span class="pill ${item.severity}">${item.severity}</span> ${locationLink(result, item.file, item.line, item.column)} ${e(item.message)} — ${ruleLink(item.ruleId, options)}, ~${hours(item.effort)}${item.fix ? ` · <span class="fix">fix: ${e(item.fix)}</span>` : ''}</li>`,
        );
      }
      body.push('</ul>');
    }
    body.push('</li>');
  }
  body.push('</ol></section>');

  body.push('<section id="effort"><h2>Effort</h2>');
  const categories = Object.entries(effort.byCategory) as [Category, number][];
  if (categories.length === 0) body.push('<p class="muted">No work found.</p>');
  else {
    body.push('<table><thead><tr><th>category</th><th class="num">findings</th><th class="num">effort</th></tr></thead><tbody>');
    for (const [category, value] of categories) body.push(`<tr><td class="mono">${e(category)}</td><td class="num">${result.findings.filter((finding) => finding.category === category).length}</td><td class="num">${hours(value)}</td></tr>`);
    body.push(`<tr class="total"><td>total</td><td class="num">${result.findings.length}</td><td class="num">${hours(effort.total)}</td></tr></tbody></table><p class="muted">In the rules' estimates, hours per finding.</p>`);
  }
  body.push('</section>');

  body.push('<section id="findings"><h2>Findings</h2>');
  if (result.findings.length === 0) body.push('<p>No cloud blockers found.</p>');
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  for (const [file, findings] of byFile) {
    body.push(`<details open><summary><span class="mono">${e(file)}</span> <span class="muted">(${findings.length})</span></summary><table class="findings"><colgroup><col class="loc"><col class="sev"><col><col class="rule"></colgroup><tbody>`);
    for (const finding of findings) {
      body.push(`<tr><td>${locationLink(result, finding.file, finding.line, finding.column)}</td><td><span class="pill ${finding.severity}">${finding.severity}</span></td><td>${e(finding.message)}</td><td>${ruleLink(finding.ruleId, options)}</td></tr>`);
    }
    body.push('</tbody></table></details>');
  }
  if (result.skipped.length > 0) {
    body.push(`<details><summary>${plural(result.skipped.length, 'skipped file')}</summary><ul>${result.skipped.map((skipped) => `<li><code>${e(skipped.file)}</code>: ${e(skipped.reason)}</li>`).join('')}</ul></details>`);
  }
  body.push('</section>');
  body.push(`<footer>${e(tool.name)} ${e(tool.version)} · score model ${e(score.model)} · this file has no scripts and loads nothing from the network.</footer>`);

  const script = options.webview?.scriptUri ? `<script nonce="${e(options.webview.nonce)}" src="${e(options.webview.scriptUri)}"></script>` : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(options))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>Cloud readiness of ${e(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    `<body>`,
    body.join('\n'),
    script,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
