import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { analyzeWorkspace, formatterFor, nodeFileSystem, REPORT_FORMATS, toJsonReport, type AnalysisResult } from '../../../src/engine';
import { applyBaseline, createBaseline } from '../../../src/engine/assess';
import { escapeHtml, formatHtml } from '../../../src/engine/report/html';
import { codeSpan, escapeMarkdown, formatMarkdown } from '../../../src/engine/report/markdown';
import { legacyShop, repositoryRoot } from '../../support/workspace';

const tool = { name: 'cloudward', version: '1.2.3' };
const cloudReady = path.join(repositoryRoot, 'test/fixtures/workspaces/cloud-ready-api');

describe('reports picked by name (unit)', () => {
  let legacy: AnalysisResult;
  let ready: AnalysisResult;
  before(async () => {
    legacy = await analyzeWorkspace(legacyShop, { fs: nodeFileSystem });
    ready = await analyzeWorkspace(cloudReady, { fs: nodeFileSystem });
  });

  it('every listed format has a formatter that is a pure function of the result', () => {
    for (const format of REPORT_FORMATS) {
      const formatter = formatterFor(format)!;
      assert.ok(formatter, format);
      assert.equal(formatter(legacy, tool, 'examples/legacy-shop'), formatter(legacy, tool, 'examples/legacy-shop'), `${format} is deterministic`);
    }
  });

  it('json: the existing contract unchanged, plus inventory, score, strategy, effort and plan', () => {
    const report = toJsonReport(legacy, tool);
    assert.deepEqual(Object.keys(report), ['tool', 'root', 'summary', 'findings', 'inventory', 'score', 'strategy', 'effort', 'plan']);
    assert.deepEqual(Object.keys(report.summary), ['files', 'parsed', 'skipped', 'durationMs', 'byCategory', 'bySeverity']);
    assert.deepEqual(Object.keys(report.findings[0]), ['fingerprint', 'ruleId', 'category', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'strategies', 'effort', 'docs', 'related', 'fixes']);
    assert.deepEqual(Object.keys(report.score), ['model', 'score', 'band', 'deductions', 'apps', 'folders']);
    assert.deepEqual(Object.keys(report.strategy).sort(), ['apps', 'chosen', 'nextCheaper', 'overridden', 'reasons', 'recommended']);
    assert.deepEqual(Object.keys(report.effort), ['unit', 'total', 'byCategory', 'byRule']);
    assert.equal(report.plan.steps[0].id, 'externalize-config');
    assert.equal(report.inventory.apps[0].name, 'legacy-shop');
    assert.equal(report.effort.total, Math.round(legacy.findings.reduce((sum, finding) => sum + finding.effort, 0) * 10) / 10);
    // plain JSON: no Map, Set or class instance that JSON.stringify would lose
    const roundTrip = JSON.parse(JSON.stringify(report)) as typeof report;
    assert.deepEqual(roundTrip.inventory.apps[0].services, report.inventory.apps[0].services);
    assert.deepEqual(roundTrip.plan, report.plan);
    const baselined = toJsonReport(applyBaseline(legacy, createBaseline(legacy), 'cloudward-baseline.json'), tool);
    assert.deepEqual(baselined.baseline, { file: 'cloudward-baseline.json', known: legacy.findings.length });
    assert.equal(baselined.findings.length, 0);
  });

  it('markdown: score with its explanation, strategy with reasons, inventory, plan as a checklist, escaped', () => {
    const markdown = formatMarkdown(legacy, tool, 'examples/legacy-shop');
    const json = toJsonReport(legacy, tool);
    assert.match(markdown, /^# Cloud readiness of legacy-shop\n\n\*\*Readiness \d+\/100\*\* \(/);
    for (const heading of ['## Strategy: ', '## Readiness score: ', '## Inventory', '## Migration plan (', '## Effort', '## Findings']) assert.ok(markdown.includes(heading), heading);
    assert.ok(markdown.includes(`Score = 100 − ${100 - json.score.score} = **${json.score.score}**.`));
    assert.match(markdown, /\| MongoDB \| database \| `mongoose` \| `db\.js:5` hard-coded: `mongodb:\/\/localhost:27017\/legacy-shop` \| no \(hard-coded\) \|/);
    assert.match(markdown, /\n1\. \[ \] \*\*Externalize configuration and secrets\*\* — \d+ findings, ~[\d.]+ h\n/);
    assert.match(markdown, /\n {3}- \[ \] `server\.js:10:14` server listens on fixed port 3000: .* \(\[listen-fixed-port\]\(https:\/\/github\.com\/cloudward\/cloudward\/blob\/main\/docs\/rules\/listen-fixed-port\.md\), ~0\.5 h · fix: Read PORT from the environment \(default 3000\)\)/);
    assert.match(markdown, /\n6\. \[x\] \*\*Remove host and network coupling\*\* — nothing to do\n|\n6\. \[ \] \*\*Remove host and network coupling\*\*/);
    assert.ok(markdown.includes('./reports/sales-&lt;day&gt;.csv'), 'angle brackets do not vanish as HTML tags');
    assert.ok(!/<(?!details|\/details|summary|\/summary|br|sub|\/sub)[a-z]/i.test(markdown), 'no raw HTML but the collapsible block');
    assert.equal(escapeMarkdown('a|b *c* <d> [e](f) `g`'), 'a\\|b \\*c\\* &lt;d&gt; \\[e\\](f) \\`g\\`');
    assert.equal(codeSpan('a|b'), '`a\\|b`');
    assert.equal(codeSpan('x `y`'), '`` x `y` ``');
    const clean = formatMarkdown(ready, tool, 'cloud-ready-api');
    assert.match(clean, /\*\*Strategy: rehost\*\*/);
    assert.match(clean, /no blocking findings: the app can be packaged and moved as it is/);
  });

  it('html: one self-contained file with a strict CSP that allows exactly its own style', () => {
    const html = formatHtml(legacy, tool, 'examples/legacy-shop');
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    assert.equal(csp, `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; script-src 'none'; base-uri 'none'; form-action 'none'`);
    assert.equal((html.match(/<style>/g) ?? []).length, 1);
    assert.ok(!/<script|<link|<img|<iframe|@import|url\(/i.test(html), 'no script, no external asset');
    assert.ok(!/\sstyle="/.test(html), 'no inline style attribute (the CSP would block it)');
    assert.ok(!/\s(src|srcset)=/.test(html));
    assert.equal((html.match(/<svg /g) ?? []).length, 3, 'gauge, findings by category, deductions');
    assert.match(html, /prefers-color-scheme: dark/);
    assert.match(html, /var\(--vscode-editor-background, #ffffff\)/);
    assert.match(html, /<a class="loc mono" href="file:\/\/[^"]+\/server\.js#L10" data-file="server\.js" data-line="10" data-column="14">server\.js:10:14<\/a>/);
    assert.ok(html.includes('./public/uploads/&lt;productId&gt;.jpg'), 'messages are escaped');
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('html: a VS Code webview may add its nonce, cspSource and one script', () => {
    const html = formatHtml(ready, tool, 'cloud-ready-api', { webview: { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/dist/assessment.js' } });
    assert.match(html, /script-src 'nonce-abc123'/);
    assert.match(html, /style-src 'sha256-[^']+' https:\/\/file\+\.vscode-resource\.vscode-cdn\.net/);
    assert.match(html, /<script nonce="abc123" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/dist\/assessment\.js"><\/script>/);
  });

  it('text: the readiness line sits before the closing totals line', () => {
    const text = formatterFor('text')!(legacy, tool, 'examples/legacy-shop');
    const json = toJsonReport(legacy, tool);
    assert.ok(text.includes(`\nReadiness ${json.score.score}/100 (${json.score.band}); strategy: ${json.strategy.chosen}.`));
    assert.match(text, /\n\d+ findings: \d+ errors, \d+ warnings, \d+ information; estimated effort ~[\d.]+ h\n$/);
  });
});
