import type { GraphFinding, GraphModel, GraphModule } from '../../shared/graphModel';
import { h, plural } from './dom';
import type { Scene } from './scene';
import { isInside, type VisibleNode } from './viewModel';

/** What the side panel can ask the page to do. */
export interface DetailActions {
  canOpen: boolean;
  open(file: string, line: number, column: number): void;
  quickFix(file: string, line: number, column: number): void;
  select(id: string): void;
  toggleFolder(folder: string): void;
  revealModule(moduleId: string): void;
  highlightCycle(cycle: readonly string[]): void;
}

const SEVERITY_ORDER = { error: 0, warning: 1, information: 2 } as const;

export function sortedFindings(findings: readonly GraphFinding[]): GraphFinding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.line - b.line || a.column - b.column);
}

/** Where a click on a module goes: its first finding in the file, or its first line. */
export function firstLocation(module: GraphModule): { line: number; column: number } {
  const first = [...module.findings].sort((a, b) => a.line - b.line || a.column - b.column)[0];
  return first ? { line: Math.max(1, first.line), column: Math.max(1, first.column) } : { line: 1, column: 1 };
}

function severityPill(severity: string | undefined): HTMLElement {
  return h('span', { class: `pill ${severity ?? 'clean'}` }, severity ?? 'no findings');
}

export function moduleDetails(module: GraphModule, node: VisibleNode | undefined, scene: Scene | undefined, actions: DetailActions): HTMLElement {
  const section = h('section', { class: 'details', 'aria-label': `Details of ${module.file}` });
  const first = firstLocation(module);
  section.append(
    h('h2', { class: 'mono', title: module.file }, module.file),
    h('p', {}, severityPill(module.severity), ' ', node?.cyclic ? h('span', { class: 'pill cycle' }, 'on an import cycle') : ''),
  );
  const buttons = h('div', { class: 'actions' });
  if (actions.canOpen) buttons.append(button(module.findings.length ? 'Open at first finding' : 'Open file', () => actions.open(module.file, first.line, first.column), 'open-module'));
  if (module.folder) buttons.append(button(`Fold ${module.folder}/`, () => actions.toggleFolder(module.folder), 'fold-folder'));
  section.append(buttons);

  section.append(h('h3', {}, `Blockers (${module.findings.length})`));
  if (module.findings.length === 0) section.append(h('p', { class: 'muted' }, 'Nothing in this module blocks the move to containers.'));
  const list = h('ul', { class: 'findings' });
  for (const finding of sortedFindings(module.findings)) {
    const item = h(
      'li',
      { class: `finding ${finding.severity}` },
      h('div', {}, severityPill(finding.severity), ' ', h('span', { class: 'message' }, finding.message)),
      h('div', { class: 'muted mono' }, `${finding.ruleId} · ${finding.category} · line ${finding.line}:${finding.column}`),
    );
    const row = h('div', { class: 'actions' });
    if (actions.canOpen) row.append(button('Go to', () => actions.open(module.file, Math.max(1, finding.line), Math.max(1, finding.column)), 'goto-finding'));
    for (const fix of finding.fixes) {
      if (actions.canOpen) row.append(button(`Quick fix: ${fix}`, () => actions.quickFix(module.file, Math.max(1, finding.line), Math.max(1, finding.column)), 'quick-fix'));
      else row.append(h('span', { class: 'fix' }, `Quick fix in VS Code: ${fix}`));
    }
    if (row.childElementCount) item.append(row);
    list.append(item);
  }
  section.append(list);
  if (scene && node) section.append(...neighbourLists(node.id, scene, actions));
  return section;
}

export function folderDetails(folder: string, node: VisibleNode, model: GraphModel, actions: DetailActions): HTMLElement {
  const members = model.modules.filter((module) => isInside(module.file, folder));
  const withFindings = members.filter((module) => module.findings.length).sort((a, b) => SEVERITY_ORDER[a.severity ?? 'information'] - SEVERITY_ORDER[b.severity ?? 'information'] || b.findings.length - a.findings.length || a.file.localeCompare(b.file));
  const section = h('section', { class: 'details', 'aria-label': `Details of folder ${folder}` });
  section.append(
    h('h2', { class: 'mono' }, `${folder}/`),
    h('p', {}, severityPill(node.severity), ' ', `${plural(node.members, 'module')} shown as one node, ${plural(node.findings, 'finding')}`, node.cyclic ? h('span', { class: 'pill cycle' }, 'holds an import cycle') : ''),
    h('div', { class: 'actions' }, button('Unfold', () => actions.toggleFolder(folder), 'unfold-folder')),
    h('h3', {}, `Modules with blockers (${withFindings.length})`),
  );
  const list = h('ul', { class: 'members' });
  for (const module of withFindings.slice(0, 100)) {
    list.append(h('li', {}, button(`${module.file} (${module.findings.length})`, () => actions.revealModule(module.id), 'reveal-module'), ' ', severityPill(module.severity)));
  }
  if (withFindings.length > 100) list.append(h('li', { class: 'muted' }, `and ${withFindings.length - 100} more`));
  section.append(list);
  return section;
}

export function externalDetails(node: VisibleNode, scene: Scene, actions: DetailActions): HTMLElement {
  const section = h('section', { class: 'details', 'aria-label': `Details of ${node.title}` });
  section.append(h('h2', {}, node.title), h('p', { class: 'muted' }, node.kind === 'service' ? 'A backing service the code talks to.' : node.core ? 'A Node.js core module.' : 'A package from node_modules.'));
  section.append(...neighbourLists(node.id, scene, actions));
  return section;
}

export function overview(model: GraphModel, actions: DetailActions, shown: { modules: number; nodes: number; edges: number }): HTMLElement {
  const section = h('section', { class: 'details', 'aria-label': 'Overview' });
  const withFindings = model.modules.filter((module) => module.findings.length);
  section.append(
    h('h2', {}, 'Dependency graph'),
    h('p', {}, `${plural(model.modules.length, 'module')}, ${plural(model.packages.length, 'package')}, ${plural(model.services.length, 'service')}, ${plural(model.edges.length, 'import')}. ${plural(withFindings.length, 'module')} with blockers.`),
    h('p', { class: 'muted' }, `Shown: ${plural(shown.nodes, 'node')} (${plural(shown.modules, 'module')}), ${plural(shown.edges, 'edge')}.`),
  );
  section.append(h('h3', {}, `Import cycles (${model.cycles.length})`));
  if (model.cycles.length === 0) section.append(h('p', { class: 'muted' }, 'No import cycle.'));
  const cycles = h('ul', { class: 'cycles' });
  for (const cycle of model.cycles.slice(0, 50)) {
    const names = cycle.map((id) => id.replace(/^module:/, ''));
    cycles.append(h('li', {}, button([...names, names[0]].join(' → '), () => actions.highlightCycle(cycle), 'cycle')));
  }
  section.append(cycles);
  const worst = withFindings.sort((a, b) => SEVERITY_ORDER[a.severity ?? 'information'] - SEVERITY_ORDER[b.severity ?? 'information'] || b.findings.length - a.findings.length || a.file.localeCompare(b.file)).slice(0, 15);
  section.append(h('h3', {}, 'Most blocked modules'));
  const top = h('ul', { class: 'members' });
  for (const module of worst) top.append(h('li', {}, button(`${module.file} (${module.findings.length})`, () => actions.revealModule(module.id), 'reveal-module'), ' ', severityPill(module.severity)));
  section.append(top);
  for (const note of model.notes ?? []) section.append(h('p', { class: 'muted' }, `Note: ${note}`));
  section.append(
    h('h3', {}, 'Keyboard'),
    h(
      'ul',
      { class: 'keys', id: 'graph-help' },
      h('li', {}, h('kbd', {}, '←↑→↓'), ' move between nodes'),
      h('li', {}, h('kbd', {}, 'Enter'), ' open the module / fold or unfold the folder'),
      h('li', {}, h('kbd', {}, 'Space'), ' show details'),
      h('li', {}, h('kbd', {}, 'F'), ' fold the module\'s folder'),
      h('li', {}, h('kbd', {}, '+ −'), ' zoom, ', h('kbd', {}, '0'), ' fit, ', h('kbd', {}, 'Shift+arrows'), ' pan'),
      h('li', {}, h('kbd', {}, '/'), ' search, ', h('kbd', {}, 'Esc'), ' clear the selection'),
    ),
  );
  return section;
}

function neighbourLists(id: string, scene: Scene, actions: DetailActions): HTMLElement[] {
  const index = scene.index.get(id);
  if (index === undefined) return [];
  const imports: string[] = [];
  const importedBy: string[] = [];
  for (const edgeIndex of scene.neighbours[index]) {
    const edge = scene.edges[edgeIndex];
    if (edge.from === index) imports.push(scene.nodes[edge.to].id);
    else importedBy.push(scene.nodes[edge.from].id);
  }
  const list = (title: string, ids: string[]) => {
    const items = h('ul', { class: 'members' });
    for (const other of ids.sort().slice(0, 100)) items.append(h('li', {}, button(scene.nodes[scene.index.get(other)!].source.title, () => actions.select(other), 'neighbour')));
    if (ids.length > 100) items.append(h('li', { class: 'muted' }, `and ${ids.length - 100} more`));
    return [h('h3', {}, `${title} (${ids.length})`), items];
  };
  return [...list('Imports', imports), ...list('Imported by', importedBy)];
}

function button(label: string, action: () => void, role: string): HTMLButtonElement {
  const element = h('button', { type: 'button', class: `link ${role}`, 'data-action': role }, label);
  element.addEventListener('click', action);
  return element;
}
