import { assess } from '../assess';
import type { AnalysisResult } from '../types';
import { appTitle, EXTERNALIZED_TEXT, hours, plural, portText, runtimeText, severityCounts, STRATEGY_TEXT, VIA_TEXT } from './describe';
import type { ToolInfo } from './json';
import { ruleDocsUrl, type ReportOptions } from './options';

/** Text that Markdown would otherwise read as markup (`<day>` would vanish as an HTML tag). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]#|~]/g, (character) => `\\${character}`).replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A code span that survives any content, also inside a table cell. */
export function codeSpan(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const padded = text.includes('`') ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\|/g, '\\|')}${fence}`;
}

const cell = (text: string) => text.replace(/\r?\n/g, ' ');

/** The Markdown report: for a pull-request comment or a wiki page. */
export function formatMarkdown(result: AnalysisResult, tool: ToolInfo, shownRoot: string, options: ReportOptions = {}): string {
  const assessment = assess(result);
  const out: string[] = [];
  const counts = severityCounts(result);
  const { score, strategy, effort, plan, inventory } = assessment;
  const title = inventory.apps.length === 1 && inventory.apps[0].name ? inventory.apps[0].name : shownRoot;

  out.push(`# Cloud readiness of ${escapeMarkdown(title)}`, '');
  out.push(
    `**Readiness ${score.score}/100** (${score.band}) · **Strategy: ${strategy.chosen}**${strategy.overridden ? ` (chosen; Cloudward recommends ${strategy.recommended})` : ''} · ` +
      `${plural(result.findings.length, 'finding')} (${counts.error} errors, ${counts.warning} warnings, ${counts.information} information) · **~${hours(effort.total)}** of work`,
    '',
  );
  if (result.workspace?.baseline) {
    out.push(`> Compared with the baseline ${codeSpan(result.workspace.baseline.file)}: ${plural(result.workspace.baseline.known, 'known finding')} not shown; everything below is new.`, '');
  }

  out.push(`## Strategy: ${strategy.chosen}`, '');
  out.push(`Recommended: **${strategy.recommended}** — ${STRATEGY_TEXT[strategy.recommended]}.`, '');
  if (strategy.overridden) out.push(`Chosen in \`.cloudwardrc.json\`: **${strategy.chosen}** — ${STRATEGY_TEXT[strategy.chosen]}.`, '');
  out.push('Why:', '');
  for (const reason of strategy.reasons) out.push(`- ${escapeMarkdown(reason)}`);
  out.push('');
  if (strategy.nextCheaper) {
    out.push(`To make **${strategy.nextCheaper.strategy}** possible (~${hours(strategy.nextCheaper.effort)}):`, '');
    out.push('| category | findings | effort | what has to change |', '|---|---:|---:|---|');
    for (const change of strategy.nextCheaper.changes) out.push(`| ${codeSpan(change.category)} | ${change.findings} | ${hours(change.effort)} | ${cell(escapeMarkdown(change.change))} |`);
    out.push('');
  }
  if (strategy.apps.length > 1) {
    out.push('| app | recommended | chosen |', '|---|---|---|');
    for (const app of strategy.apps) out.push(`| ${codeSpan(app.folder || '.')} | ${app.recommended} | ${app.chosen} |`);
    out.push('');
  }

  out.push(`## Readiness score: ${score.score}/100`, '');
  if (score.deductions.length === 0) out.push('Nothing is deducted: no blocking finding.', '');
  else {
    out.push('| category | findings | points | cap | deducted |', '|---|---:|---:|---:|---:|');
    for (const deduction of score.deductions) out.push(`| ${codeSpan(deduction.category)} | ${deduction.findings} | ${deduction.points} | ${deduction.cap} | ${deduction.deducted} |`);
    const total = score.deductions.reduce((sum, deduction) => sum + deduction.deducted, 0);
    out.push(`| **total** | ${result.findings.length} | | | **${total}** |`, '');
    out.push(`Score = 100 − ${total} = **${score.score}**. ${scoringNote()}`, '');
  }
  if (score.apps.length > 1 || score.folders.length > 0) {
    out.push('| folder | score | findings |', '|---|---:|---:|');
    for (const app of score.apps.length > 1 ? score.apps : []) out.push(`| app ${codeSpan(app.folder || '.')} | ${app.score} | ${app.deductions.reduce((sum, deduction) => sum + deduction.findings, 0)} |`);
    for (const folder of score.folders) out.push(`| ${codeSpan(`${folder.folder}/`)} | ${folder.score} | ${folder.deductions.reduce((sum, deduction) => sum + deduction.findings, 0)} |`);
    out.push('', 'Folders not listed have no findings and score 100.', '');
  }

  out.push('## Inventory', '');
  for (const app of inventory.apps) {
    if (inventory.apps.length > 1) out.push(`### ${escapeMarkdown(appTitle(app, shownRoot))}`, '');
    out.push(`- **Runtime:** ${escapeMarkdown(runtimeText(app))}`);
    out.push(`- **Frameworks:** ${app.frameworks.length > 0 ? app.frameworks.map((framework) => `${framework.name}${framework.version ? ` ${codeSpan(framework.version)}` : ''}`).join(', ') : 'none found'}`);
    out.push(`- **Entry points:** ${app.entryPoints.length > 0 ? app.entryPoints.map((entry) => codeSpan(`${entry.file}:${entry.line}`)).join(', ') : 'none found (no server listens)'}`);
    if (app.ports.length > 0) out.push(`- **Ports:** ${app.ports.map((port) => `${escapeMarkdown(portText(port))} at ${codeSpan(`${port.file}:${port.line}`)}`).join('; ')}`);
    if (app.runtime.startScript) out.push(`- **Start:** ${codeSpan(app.runtime.startScript)}`);
    out.push(`- **Container image:** ${app.dockerfiles.length > 0 ? app.dockerfiles.map(codeSpan).join(', ') : 'no Dockerfile'}`);
    out.push(`- **Cloud SDKs:** ${app.cloudSdks.length > 0 ? app.cloudSdks.map((sdk) => `${codeSpan(sdk.package)} (${sdk.provider})`).join(', ') : 'none'}`);
    if (app.environment.length > 0) out.push(`- **Environment variables read:** ${app.environment.map(codeSpan).join(', ')}`);
    out.push('');
    if (app.services.length === 0) out.push('No backing services found.', '');
    else {
      out.push('| service | kind | packages | configured at | externalized |', '|---|---|---|---|---|');
      for (const service of app.services) {
        const places = service.configuredAt.length > 0 ? service.configuredAt.map((place) => `${codeSpan(`${place.file}:${place.line}`)} ${VIA_TEXT[place.via]}: ${codeSpan(place.evidence)}`).join('<br>') : 'not found in code or config';
        out.push(`| ${cell(escapeMarkdown(service.name))} | ${service.kind} | ${service.packages.map(codeSpan).join(', ') || '—'} | ${places} | ${EXTERNALIZED_TEXT[service.externalized]} |`);
      }
      out.push('');
    }
  }

  out.push(`## Migration plan (${plan.strategy})`, '');
  for (const step of plan.steps) {
    out.push(`${step.order}. [${step.done ? 'x' : ' '}] **${escapeMarkdown(step.title)}**${step.done ? ' — nothing to do' : ` — ${plural(step.items.length, 'finding')}, ~${hours(step.effort)}`}`);
    if (step.done) continue;
    out.push(`   ${escapeMarkdown(step.why)}`);
    for (const item of step.items) {
      const fix = item.fix ? ` · fix: ${escapeMarkdown(item.fix)}` : '';
      out.push(`   - [ ] ${codeSpan(`${item.file}:${item.line}:${item.column}`)} ${escapeMarkdown(item.message)} ([${item.ruleId}](${ruleDocsUrl(item.ruleId, options)}), ~${hours(item.effort)}${fix})`);
    }
  }
  out.push('');

  out.push('## Effort', '');
  const categories = Object.entries(effort.byCategory);
  if (categories.length === 0) out.push('No work found.', '');
  else {
    out.push('| category | findings | effort |', '|---|---:|---:|');
    for (const [category, value] of categories) out.push(`| ${codeSpan(category)} | ${result.findings.filter((finding) => finding.category === category).length} | ${hours(value ?? 0)} |`);
    out.push(`| **total** | ${result.findings.length} | **${hours(effort.total)}** |`, '', `Effort is in the rules' estimates (hours per finding).`, '');
  }

  if (result.findings.length > 0) {
    out.push('## Findings', '', `<details><summary>${plural(result.findings.length, 'finding')} in ${plural(new Set(result.findings.map((finding) => finding.file)).size, 'file')}</summary>`, '');
    out.push('| location | severity | rule | message |', '|---|---|---|---|');
    for (const finding of result.findings) {
      out.push(`| ${codeSpan(`${finding.file}:${finding.line}:${finding.column}`)} | ${finding.severity} | [${finding.ruleId}](${ruleDocsUrl(finding.ruleId, options)}) | ${cell(escapeMarkdown(finding.message))} |`);
    }
    out.push('', '</details>', '');
  }
  if (result.skipped.length > 0) {
    out.push('## Skipped files', '');
    for (const skipped of result.skipped) out.push(`- ${codeSpan(skipped.file)}: ${escapeMarkdown(skipped.reason)}`);
    out.push('');
  }
  out.push(`<sub>${escapeMarkdown(tool.name)} ${escapeMarkdown(tool.version)} · ${result.files} source files, ${result.parsed} analysed, ${result.skipped.length} skipped · score model ${score.model}</sub>`, '');
  return out.join('\n');
}

export function scoringNote(): string {
  return 'Each error costs half of its category\'s cap, each warning a quarter (at least 1 point), information nothing; a category never takes off more than its cap, and the caps add up to 100.';
}
