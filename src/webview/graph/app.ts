import type { GraphModel } from '../../shared/graphModel';
import { GRAPH_MODEL_VERSION } from '../../shared/graphModel';
import type { ExtensionToWebview, GraphViewState } from '../../shared/protocol';
import { GraphCanvas, type Camera } from './canvas';
import { externalDetails, firstLocation, folderDetails, moduleDetails, overview, sortedFindings, type DetailActions } from './details';
import { clear, h, plural } from './dom';
import type { GraphHost } from './host';
import { buildScene, nearestInDirection, type Direction, type Scene } from './scene';
import { sceneToSvg } from './svgExport';
import { readPalette, watchTheme } from './theme';
import { categoriesOf, defaultCollapsed, DEFAULT_VIEW, folderNodeId, folderSizes, restoredView, visibleGraph, type VisibleGraph } from './viewModel';

/** Figures of the last rebuild and drawing, read by the browser tests and the bench. */
export interface GraphTimings {
  visibleMs: number;
  layoutMs: number;
  drawMs: number;
  /** From the model's arrival to the first complete drawing of it (the drawing calls). */
  firstPaintMs?: number;
  /** From the model's arrival to the first frame on screen with it (rasterised too). */
  firstFrameMs?: number;
  /** When the model arrived (performance.now()). */
  arrivedAt?: number;
}

const SEARCH_DELAY_MS = 150;
const MAX_TOOLTIP_FINDINGS = 5;

/** The graph page: toolbar, canvas, side panel and tooltip around one model and one view state. */
export class GraphApp {
  private model: GraphModel | undefined;
  private folder = '';
  private folderName = '';
  private view: GraphViewState = { ...DEFAULT_VIEW };
  private graph: VisibleGraph | undefined;
  private scene: Scene | undefined;
  private selected: string | undefined;
  private focused: number | undefined;
  private hovered: number | undefined;
  private cycleHighlight: Set<number> | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private stateTimer: ReturnType<typeof setTimeout> | undefined;
  private modelArrived = 0;
  readonly timings: GraphTimings = { visibleMs: 0, layoutMs: 0, drawMs: 0 };

  private readonly canvas: GraphCanvas;
  private readonly actions: DetailActions;
  private readonly elements = {
    search: h('input', { type: 'search', id: 'graph-search', placeholder: 'Search path, rule or category', 'aria-label': 'Search modules by path, rule id or category', spellcheck: 'false' }),
    folder: h('select', { id: 'graph-folder', 'aria-label': 'Only modules under this folder' }),
    category: h('select', { id: 'graph-category', 'aria-label': 'Only modules with findings of this category' }),
    onlyFindings: h('input', { type: 'checkbox', id: 'graph-only-findings' }),
    hideExternals: h('input', { type: 'checkbox', id: 'graph-hide-externals' }),
    summary: h('span', { id: 'graph-summary', class: 'summary', 'aria-live': 'polite' }),
    stage: h('main', { class: 'stage' }),
    canvas: h('canvas', { id: 'graph-canvas', tabindex: 0, role: 'application', 'aria-roledescription': 'dependency graph', 'aria-label': 'Dependency graph. Arrow keys move between modules, Enter opens.', 'aria-describedby': 'graph-announcer' }),
    tooltip: h('div', { class: 'tooltip', role: 'tooltip', id: 'graph-tooltip', hidden: true }),
    overlay: h('div', { class: 'overlay', id: 'graph-overlay', role: 'status' }, 'Building the dependency graph…'),
    side: h('aside', { class: 'side', id: 'graph-details', 'aria-label': 'Details' }),
    announcer: h('div', { class: 'sr-only', id: 'graph-announcer', 'aria-live': 'polite' }),
  };

  constructor(
    private readonly root: HTMLElement,
    private readonly host: GraphHost,
  ) {
    this.actions = {
      canOpen: host.kind === 'vscode',
      open: (file, line, column) => host.post({ type: 'openFile', file, line, column }),
      quickFix: (file, line, column) => host.post({ type: 'quickFix', file, line, column }),
      select: (id) => this.select(id, true),
      toggleFolder: (folder) => this.toggleFolder(folder),
      revealModule: (moduleId) => this.revealModule(moduleId),
      highlightCycle: (cycle) => this.highlightCycle(cycle),
    };
    this.buildPage();
    this.canvas = new GraphCanvas(this.elements.canvas, readPalette(), {
      click: (node, event) => this.onCanvasClick(node, event),
      doubleClick: (node) => this.onCanvasDoubleClick(node),
      hover: (node, x, y) => this.onHover(node, x, y),
      cameraChanged: () => this.saveStateSoon(),
    });
    watchTheme(() => this.canvas.setPalette(readPalette()));
    host.onMessage((message) => this.receive(message));
    host.post({ type: 'ready' });
  }

  /** Scene, timings and screen positions, for tests and the bench (read-only); `detail` false leaves out nodes and edges. */
  inspect(detail = true) {
    const scene = detail ? this.scene : undefined;
    const rect = this.elements.canvas.getBoundingClientRect();
    return {
      timings: { ...this.timings, lastDrawMs: this.canvas.lastDrawMs, lastFrameMs: this.canvas.lastFrameMs },
      view: { ...this.view, collapsed: [...this.view.collapsed] },
      selected: this.selected,
      focused: this.focused === undefined ? undefined : this.scene?.nodes[this.focused]?.id,
      shownModules: this.graph?.shownModules ?? 0,
      highlighted: [...(this.cycleHighlight ?? [])].map((index) => this.scene?.nodes[index]?.id).sort(),
      nodeCount: this.scene?.nodes.length ?? 0,
      edgeCount: this.scene?.edges.length ?? 0,
      nodes: (scene?.nodes ?? []).map((node) => {
        const [x, y] = this.canvas.toScreen(node.x, node.y);
        return { id: node.id, kind: node.kind, label: node.label, findings: node.source.findings, members: node.source.members, cyclic: node.cyclic, x: rect.left + x, y: rect.top + y };
      }),
      edges: (scene?.edges ?? []).map((edge) => ({ from: scene!.nodes[edge.from].id, to: scene!.nodes[edge.to].id, cyclic: edge.cyclic, count: edge.count })),
      camera: { ...this.canvas.camera },
    };
  }

  private buildPage(): void {
    const { search, folder, category, onlyFindings, hideExternals, summary, stage, canvas, tooltip, overlay, side, announcer } = this.elements;
    const toolbar = h(
      'header',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Graph controls' },
      search,
      folder,
      category,
      h('label', { title: 'Only modules with findings' }, onlyFindings, ' With findings'),
      h('label', { title: 'Hide packages and services' }, hideExternals, ' No externals'),
      h(
        'span',
        { class: 'group', role: 'group', 'aria-label': 'Folders' },
        this.toolButton('graph-fold-all', 'Fold', 'Fold every top-level folder into one node', () => this.setCollapsed(this.topFolders())),
        this.toolButton('graph-unfold-all', 'Unfold', 'Unfold every folder: show every module', () => this.setCollapsed([])),
      ),
      this.toolButton('graph-fit', 'Fit', 'Zoom to the whole graph (0)', () => this.canvas.fit()),
      h(
        'span',
        { class: 'group', role: 'group', 'aria-label': 'Export' },
        this.toolButton('graph-export-svg', 'SVG', 'Export the drawing as SVG', () => this.exportSvg()),
        this.toolButton('graph-export-png', 'PNG', 'Export the drawing as PNG', () => this.exportPng()),
      ),
      this.host.kind === 'vscode' && this.toolButton('graph-refresh', 'Rebuild', 'Build the graph again from the files', () => this.host.post({ type: 'refreshGraph' })),
    );
    stage.append(canvas, tooltip, overlay, h('div', { class: 'footer' }, legend(), summary));
    this.root.append(toolbar, stage, side, announcer);

    search.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.update({ query: search.value }), SEARCH_DELAY_MS);
    });
    search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        clearTimeout(this.searchTimer);
        this.update({ query: search.value });
        canvas.focus();
      } else if (event.key === 'Escape' && search.value) {
        search.value = '';
        this.update({ query: '' });
      }
    });
    folder.addEventListener('change', () => this.update({ folder: folder.value }));
    category.addEventListener('change', () => this.update({ category: category.value }));
    onlyFindings.addEventListener('change', () => this.update({ onlyWithFindings: onlyFindings.checked }));
    hideExternals.addEventListener('change', () => this.update({ hideExternals: hideExternals.checked }));
    canvas.addEventListener('keydown', (event) => this.onKey(event));
    canvas.addEventListener('focus', () => {
      if (this.focused === undefined && this.scene?.nodes.length) this.focusNode(this.startNode());
    });
  }

  private toolButton(id: string, label: string, title: string, action: () => void): HTMLButtonElement {
    const button = h('button', { type: 'button', id, title, 'aria-label': title }, label);
    button.addEventListener('click', action);
    return button;
  }

  private receive(message: ExtensionToWebview): void {
    switch (message.type) {
      case 'graph':
        this.showModel(message.model, message.folder, message.folderName, message.filterFolder);
        return;
      case 'graphStatus':
        this.showOverlay(message.text, message.state === 'error');
        return;
      case 'showMessage':
        this.elements.summary.textContent = message.text;
        return;
    }
  }

  private showOverlay(text: string | undefined, error = false): void {
    const { overlay } = this.elements;
    overlay.hidden = text === undefined;
    overlay.textContent = text ?? '';
    overlay.classList.toggle('error', error);
  }

  showModel(model: GraphModel, folder: string, folderName: string, filterFolder?: string): void {
    if (!model || model.version !== GRAPH_MODEL_VERSION || !Array.isArray(model.modules) || !Array.isArray(model.edges)) {
      this.showOverlay(`This graph was made by another version of Cloudward (model version ${String(model?.version)}; this page reads ${GRAPH_MODEL_VERSION}).`, true);
      return;
    }
    this.modelArrived = performance.now();
    this.timings.arrivedAt = this.modelArrived;
    this.timings.firstPaintMs = undefined;
    this.timings.firstFrameMs = undefined;
    const firstModel = !this.model;
    const previousFolder = this.folder;
    this.model = model;
    const saved = this.host.getState();
    if (firstModel && saved && saved.folder === folder && saved.view) {
      this.view = restoredView(saved.view);
      this.selected = this.view.selected;
    } else if (firstModel || folder !== this.folder) {
      this.view = { ...DEFAULT_VIEW, collapsed: defaultCollapsed(model) };
      this.selected = undefined;
    }
    if (filterFolder !== undefined) this.view = { ...this.view, folder: filterFolder };
    this.folder = folder;
    this.folderName = folderName;
    document.title = `Dependencies of ${folderName}`;
    this.fillFilters(model);
    this.syncControls();
    const camera = firstModel && saved?.folder === folder ? this.view.camera : undefined;
    // A rebuilt graph of the same folder keeps the user's place; a new folder or filter is fitted.
    const samePlace = !firstModel && folder === previousFolder && filterFolder === undefined;
    this.rebuild(camera || samePlace ? 'keep' : 'fit');
    if (camera && Number.isFinite(camera.x) && Number.isFinite(camera.y) && Number.isFinite(camera.zoom)) this.canvas.setCamera(camera);
    this.showOverlay(model.modules.length === 0 ? 'No JavaScript or TypeScript module was found in this folder.' : undefined);
  }

  private fillFilters(model: GraphModel): void {
    const { folder, category } = this.elements;
    clear(folder);
    folder.append(h('option', { value: '' }, 'All folders'));
    for (const [path, size] of [...folderSizes(model)].sort(([a], [b]) => a.localeCompare(b))) folder.append(h('option', { value: path }, `${path}/ (${size})`));
    clear(category);
    category.append(h('option', { value: '' }, 'All categories'));
    for (const { category: name, count } of categoriesOf(model)) category.append(h('option', { value: name }, `${name} (${count})`));
  }

  private syncControls(): void {
    const { search, folder, category, onlyFindings, hideExternals } = this.elements;
    search.value = this.view.query;
    folder.value = this.view.folder;
    if (folder.value !== this.view.folder) this.view.folder = '';
    category.value = this.view.category;
    if (category.value !== this.view.category) this.view.category = '';
    onlyFindings.checked = this.view.onlyWithFindings;
    hideExternals.checked = this.view.hideExternals;
  }

  private update(change: Partial<GraphViewState>): void {
    this.view = { ...this.view, ...change };
    this.rebuild('fit');
  }

  private setCollapsed(collapsed: string[]): void {
    this.view = { ...this.view, collapsed };
    this.rebuild('fit');
  }

  private topFolders(): string[] {
    return this.model ? [...folderSizes(this.model).keys()].filter((folder) => !folder.includes('/')) : [];
  }

  private toggleFolder(folder: string): void {
    const collapsed = new Set(this.view.collapsed);
    const focusedId = this.focused === undefined ? undefined : this.scene?.nodes[this.focused]?.id;
    if (collapsed.has(folder)) {
      collapsed.delete(folder);
      // Its subfolders open too: a folder unfolds into its modules, not into folded subfolders.
      for (const entry of [...collapsed]) if (entry.startsWith(`${folder}/`)) collapsed.delete(entry);
    } else {
      for (const entry of [...collapsed]) if (entry.startsWith(`${folder}/`)) collapsed.delete(entry);
      collapsed.add(folder);
      if (this.selected && this.model?.modules.find((module) => module.id === this.selected)?.file.startsWith(`${folder}/`)) this.selected = folderNodeId(folder);
    }
    this.view = { ...this.view, collapsed: [...collapsed].sort() };
    this.rebuild('keep');
    const refocus = focusedId && this.scene?.index.get(focusedId) !== undefined ? focusedId : collapsed.has(folder) ? folderNodeId(folder) : undefined;
    if (refocus !== undefined && this.scene?.index.has(refocus)) this.focusNode(this.scene.index.get(refocus)!);
  }

  /** Recomputes what is shown, lays it out and draws it. */
  private rebuild(camera: 'fit' | 'keep'): void {
    const model = this.model;
    if (!model) return;
    const started = performance.now();
    this.graph = visibleGraph(model, this.view);
    const laidOut = performance.now();
    this.scene = buildScene(this.graph);
    const done = performance.now();
    this.timings.visibleMs = laidOut - started;
    this.timings.layoutMs = done - laidOut;
    this.focused = undefined;
    this.cycleHighlight = undefined;
    this.canvas.setScene(this.scene);
    if (camera === 'fit') this.canvas.fit();
    this.refreshHighlights();
    this.canvas.drawNow();
    this.timings.drawMs = this.canvas.lastDrawMs;
    if (this.timings.firstPaintMs === undefined) {
      this.timings.firstPaintMs = performance.now() - this.modelArrived;
      const arrived = this.modelArrived;
      requestAnimationFrame(() => requestAnimationFrame(() => {
        if (arrived === this.modelArrived) this.timings.firstFrameMs = performance.now() - arrived;
      }));
    }
    this.updateSummary();
    this.renderDetails();
    this.saveStateSoon();
    if (this.graph.nodes.length === 0 && model.modules.length > 0) this.showOverlay('Nothing matches the search and filters.');
    else if (model.modules.length > 0) this.showOverlay(undefined);
  }

  private updateSummary(): void {
    const graph = this.graph!;
    const cycles = this.model!.cycles.length;
    this.elements.summary.textContent = `${graph.shownModules.toLocaleString('en-US')} of ${plural(graph.totalModules, 'module')} · ${plural(graph.nodes.length, 'node')} · ${plural(graph.edges.length, 'edge')}${cycles ? ` · ${plural(cycles, 'cycle')}` : ''}`;
  }

  private refreshHighlights(): void {
    const selected = this.selected === undefined ? undefined : this.scene?.index.get(this.selected);
    this.canvas.setHighlights({ selected, focused: this.focused, hovered: this.hovered, matches: this.cycleHighlight });
  }

  private renderDetails(): void {
    const { side } = this.elements;
    clear(side);
    const model = this.model;
    const scene = this.scene;
    if (!model || !scene || !this.graph) return;
    const index = this.selected === undefined ? undefined : scene.index.get(this.selected);
    const node = index === undefined ? undefined : scene.nodes[index].source;
    if (node?.kind === 'module' && node.module) side.append(moduleDetails(node.module, node, scene, this.actions));
    else if (node?.kind === 'folder') side.append(folderDetails(node.id.slice('folder:'.length), node, model, this.actions));
    else if (node) side.append(externalDetails(node, scene, this.actions));
    else side.append(overview(model, this.actions, { modules: this.graph.shownModules, nodes: this.graph.nodes.length, edges: this.graph.edges.length }));
  }

  private select(id: string | undefined, centre = false): void {
    this.selected = id;
    const index = id === undefined ? undefined : this.scene?.index.get(id);
    if (index !== undefined) {
      this.focused = index;
      if (centre) this.canvas.centreOn(index);
    }
    this.refreshHighlights();
    this.renderDetails();
    this.saveStateSoon();
  }

  /** Shows a module that a folded folder or a filter hides, then selects it. */
  private revealModule(moduleId: string): void {
    const module = this.model?.modules.find((candidate) => candidate.id === moduleId);
    if (!module) return;
    if (this.scene?.index.get(moduleId) === undefined) {
      const collapsed = this.view.collapsed.filter((folder) => !(module.folder === folder || module.folder.startsWith(`${folder}/`)));
      this.view = { ...this.view, collapsed, query: '', folder: '', category: '', onlyWithFindings: false };
      this.syncControls();
      this.rebuild('keep');
    }
    this.select(moduleId, true);
  }

  private highlightCycle(cycle: readonly string[]): void {
    const scene = this.scene;
    if (!scene) return;
    const members = new Set<number>();
    for (const id of cycle) {
      const index = scene.index.get(id) ?? scene.nodes.findIndex((node) => node.kind === 'folder' && id.startsWith(`module:${node.id.slice('folder:'.length)}/`));
      if (index !== undefined && index >= 0) members.add(index);
    }
    this.cycleHighlight = members;
    this.refreshHighlights();
    const first = [...members][0];
    if (first !== undefined) this.canvas.centreOn(first);
    this.announce(`Cycle of ${plural(cycle.length, 'module')} highlighted.`);
  }

  private onCanvasClick(node: number | undefined, event: MouseEvent): void {
    const scene = this.scene;
    if (node === undefined || !scene) {
      if (this.selected !== undefined) this.select(undefined);
      return;
    }
    const target = scene.nodes[node];
    this.focused = node;
    this.select(target.id);
    const module = target.source.module;
    if (module && this.host.kind === 'vscode' && !event.shiftKey) {
      const { line, column } = firstLocation(module);
      this.host.post({ type: 'openFile', file: module.file, line, column });
    }
  }

  private onCanvasDoubleClick(node: number): void {
    const target = this.scene?.nodes[node];
    if (target?.kind === 'folder') this.toggleFolder(target.id.slice('folder:'.length));
  }

  private onHover(node: number | undefined, clientX: number, clientY: number): void {
    if (node === this.hovered) {
      if (node !== undefined) this.placeTooltip(clientX, clientY);
      return;
    }
    this.hovered = node;
    this.refreshHighlights();
    const { tooltip, canvas } = this.elements;
    canvas.classList.toggle('over-node', node !== undefined);
    if (node === undefined || !this.scene) {
      tooltip.hidden = true;
      return;
    }
    clear(tooltip);
    tooltip.append(...tooltipContent(this.scene, node));
    tooltip.hidden = false;
    this.placeTooltip(clientX, clientY);
  }

  private placeTooltip(clientX: number, clientY: number): void {
    const { tooltip, stage } = this.elements;
    const bounds = stage.getBoundingClientRect();
    const width = tooltip.offsetWidth;
    const height = tooltip.offsetHeight;
    let left = clientX - bounds.left + 14;
    let top = clientY - bounds.top + 14;
    if (left + width > bounds.width) left = Math.max(0, clientX - bounds.left - width - 14);
    if (top + height > bounds.height) top = Math.max(0, clientY - bounds.top - height - 14);
    // CSSOM, not a style attribute: allowed by the page's CSP.
    tooltip.style.left = `${left}px`;
    tooltip.style.top = `${top}px`;
  }

  private startNode(): number {
    const nodes = this.scene!.nodes;
    let best = 0;
    nodes.forEach((node, index) => {
      if (node.source.findings > nodes[best].source.findings) best = index;
    });
    return best;
  }

  private focusNode(index: number): void {
    const scene = this.scene;
    if (!scene?.nodes[index]) return;
    this.focused = index;
    this.canvas.centreOn(index);
    this.refreshHighlights();
    this.announce(describeNode(scene, index));
  }

  private announce(text: string): void {
    this.elements.announcer.textContent = text;
  }

  private onKey(event: KeyboardEvent): void {
    const scene = this.scene;
    if (!scene) return;
    const directions: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
    const direction = directions[event.key];
    const focused = this.focused;
    const target = focused === undefined ? undefined : scene.nodes[focused];
    let handled = true;
    if (direction && event.shiftKey) {
      const step = 80;
      this.canvas.panBy(direction === 'left' ? step : direction === 'right' ? -step : 0, direction === 'up' ? step : direction === 'down' ? -step : 0);
    } else if (direction) {
      if (focused === undefined) this.focusNode(this.startNode());
      else {
        const next = nearestInDirection(scene, focused, direction);
        if (next !== undefined) this.focusNode(next);
      }
    } else if (event.key === 'Enter' && target) {
      if (target.kind === 'folder') this.toggleFolder(target.id.slice('folder:'.length));
      else {
        this.select(target.id);
        const module = target.source.module;
        if (module && this.host.kind === 'vscode') {
          const { line, column } = firstLocation(module);
          this.host.post({ type: 'openFile', file: module.file, line, column });
        }
      }
    } else if (event.key === ' ' && target) this.select(target.id);
    else if ((event.key === 'f' || event.key === 'F') && target?.source.module?.folder) this.toggleFolder(target.source.module.folder);
    else if (event.key === 'Escape') {
      this.cycleHighlight = undefined;
      this.select(undefined);
    } else if (event.key === '+' || event.key === '=') this.canvas.zoomBy(1.25);
    else if (event.key === '-' || event.key === '_') this.canvas.zoomBy(0.8);
    else if (event.key === '0') this.canvas.fit();
    else if (event.key === '/') this.elements.search.focus();
    else if (event.key === 'Home') this.focusNode(this.startNode());
    else handled = false;
    if (handled) event.preventDefault();
  }

  private exportSvg(): void {
    if (!this.scene) return;
    this.host.save('svg', sceneToSvg(this.scene, readPalette(), `Dependencies of ${this.folderName}`), `${this.folderName || 'graph'}-dependencies.svg`);
  }

  private exportPng(): void {
    if (!this.scene) return;
    this.host.save('png', this.canvas.toPng(2), `${this.folderName || 'graph'}-dependencies.png`);
  }

  private saveStateSoon(): void {
    clearTimeout(this.stateTimer);
    this.stateTimer = setTimeout(() => this.saveState(), 200);
  }

  private saveState(): void {
    if (!this.model) return;
    const camera: Camera = this.canvas.camera;
    this.host.setState({ folder: this.folder, view: { ...this.view, selected: this.selected, camera: { x: camera.x, y: camera.y, zoom: camera.zoom } } });
  }
}

function describeNode(scene: Scene, index: number): string {
  const node = scene.nodes[index].source;
  const kind = node.kind === 'folder' ? `folder of ${plural(node.members, 'module')}` : node.kind;
  const findings = node.kind === 'module' || node.kind === 'folder' ? `, ${plural(node.findings, 'finding')}${node.severity ? `, worst ${node.severity}` : ''}` : '';
  const edges = scene.neighbours[index].length;
  return `${node.title}, ${kind}${findings}${node.cyclic ? ', on an import cycle' : ''}, ${plural(edges, 'connection')}.`;
}

function tooltipContent(scene: Scene, index: number): Node[] {
  const node = scene.nodes[index].source;
  const parts: Node[] = [h('div', { class: 'tooltip-title mono' }, node.title)];
  if (node.kind === 'folder') parts.push(h('div', {}, `${plural(node.members, 'module')}, ${plural(node.findings, 'finding')}`));
  if (node.cyclic) parts.push(h('div', { class: 'cycle-note' }, node.kind === 'folder' ? 'Holds an import cycle' : 'On an import cycle'));
  const module = node.module;
  if (module) {
    if (module.findings.length === 0) parts.push(h('div', { class: 'muted' }, 'No findings'));
    const list = h('ul', {});
    for (const finding of sortedFindings(module.findings).slice(0, MAX_TOOLTIP_FINDINGS)) list.append(h('li', { class: finding.severity }, h('span', { class: `pill ${finding.severity}` }, finding.severity), ' ', `${finding.message} (line ${finding.line})`));
    if (module.findings.length > MAX_TOOLTIP_FINDINGS) list.append(h('li', { class: 'muted' }, `and ${module.findings.length - MAX_TOOLTIP_FINDINGS} more`));
    if (module.findings.length) parts.push(list);
  }
  return parts;
}

function legend(): HTMLElement {
  const item = (className: string, text: string) => h('li', {}, h('span', { class: `swatch ${className}`, 'aria-hidden': 'true' }), text);
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    item('error', 'error'),
    item('warning', 'warning'),
    item('information', 'information'),
    item('clean', 'no findings'),
    item('folder', 'folded folder'),
    item('package', 'package'),
    item('service', 'service'),
    item('cycle', 'import cycle'),
  );
}
