import { nodeFill, type Palette } from './palette';
import type { Scene, SceneNode } from './scene';
import { trimmed } from './svgExport';

export interface Camera {
  /** The world point at the centre of the view. */
  x: number;
  y: number;
  zoom: number;
}

export interface Highlights {
  selected?: number;
  focused?: number;
  hovered?: number;
  /** Nodes matching the search, drawn with a ring. */
  matches?: ReadonlySet<number>;
}

export interface CanvasEvents {
  click(node: number | undefined, event: MouseEvent): void;
  doubleClick(node: number, event: MouseEvent): void;
  hover(node: number | undefined, clientX: number, clientY: number): void;
  cameraChanged(camera: Camera): void;
}

const MIN_ZOOM = 0.02;
const MAX_ZOOM = 8;
/** A frame slower than this switches pan and zoom to moving a snapshot until the gesture pauses. */
const SMOOTH_FRAME_MS = 24;
const SETTLE_MS = 140;
const CELL = 64;

/**
 * Draws a Scene on a 2D canvas (no WebGL: it works wherever VS Code runs, GPU or not) and turns pointer
 * gestures into pan, zoom, hover and clicks. Large drawings stay fluid: edges and nodes are batched into
 * one path per colour, what is off screen is skipped, and while a slow drawing is panned or zoomed the
 * last frame is moved as a picture and redrawn once the gesture pauses.
 */
export class GraphCanvas {
  camera: Camera = { x: 0, y: 0, zoom: 1 };
  /** Duration of the last full drawing's calls, and of its whole frame (calls and rasterising), for the bench. */
  lastDrawMs = 0;
  lastFrameMs = 0;
  private frames = 0;
  private scene: Scene | undefined;
  private palette: Palette;
  private highlights: Highlights = {};
  private readonly context: CanvasRenderingContext2D;
  private grid = new Map<number, number[]>();
  private snapshot: { canvas: HTMLCanvasElement; camera: Camera } | undefined;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private frameRequested = false;
  private snapshotFrameRequested = false;
  private width = 0;
  private height = 0;
  private ratio = 1;

  constructor(
    readonly element: HTMLCanvasElement,
    palette: Palette,
    private readonly events: CanvasEvents,
  ) {
    this.palette = palette;
    const context = element.getContext('2d', { alpha: false });
    if (!context) throw new Error('this browser gives no 2D canvas');
    this.context = context;
    this.listen();
    new ResizeObserver(() => this.resize()).observe(element);
    this.resize();
  }

  setScene(scene: Scene): void {
    this.scene = scene;
    this.snapshot = undefined;
    this.grid = new Map();
    scene.nodes.forEach((node, index) => {
      const key = this.cellKey(Math.floor(node.x / CELL), Math.floor(node.y / CELL));
      const cell = this.grid.get(key);
      if (cell) cell.push(index);
      else this.grid.set(key, [index]);
    });
    this.requestDraw();
  }

  setPalette(palette: Palette): void {
    this.palette = palette;
    this.snapshot = undefined;
    this.requestDraw();
  }

  setHighlights(highlights: Highlights): void {
    this.highlights = highlights;
    this.snapshot = undefined;
    this.requestDraw();
  }

  /** Zoom and centre so the whole drawing (or one node's surroundings) fits. */
  fit(): void {
    if (!this.scene || this.width === 0) return;
    const { minX, minY, maxX, maxY } = this.scene.bounds;
    const margin = 40;
    const zoom = Math.min((this.width - margin) / Math.max(1, maxX - minX), (this.height - margin) / Math.max(1, maxY - minY), 1.5);
    this.setCamera({ x: (minX + maxX) / 2, y: (minY + maxY) / 2, zoom: clamp(zoom, MIN_ZOOM, MAX_ZOOM) });
  }

  centreOn(node: number): void {
    const target = this.scene?.nodes[node];
    if (!target) return;
    const [sx, sy] = this.toScreen(target.x, target.y);
    if (sx > 40 && sy > 40 && sx < this.width - 40 && sy < this.height - 40) return;
    this.setCamera({ ...this.camera, x: target.x, y: target.y });
  }

  setCamera(camera: Camera, interactive = false): void {
    this.camera = { x: camera.x, y: camera.y, zoom: clamp(camera.zoom, MIN_ZOOM, MAX_ZOOM) };
    this.events.cameraChanged(this.camera);
    if (interactive && Math.max(this.lastDrawMs, this.lastFrameMs) > SMOOTH_FRAME_MS) this.requestSnapshotFrame();
    else this.requestDraw();
  }

  zoomBy(factor: number, screenX = this.width / 2, screenY = this.height / 2, interactive = false): void {
    const [wx, wy] = this.toWorld(screenX, screenY);
    const zoom = clamp(this.camera.zoom * factor, MIN_ZOOM, MAX_ZOOM);
    // Keep the point under the cursor where it is.
    this.setCamera({ zoom, x: wx - (screenX - this.width / 2) / zoom, y: wy - (screenY - this.height / 2) / zoom }, interactive);
  }

  panBy(dx: number, dy: number, interactive = false): void {
    this.setCamera({ ...this.camera, x: this.camera.x - dx / this.camera.zoom, y: this.camera.y - dy / this.camera.zoom }, interactive);
  }

  toScreen(x: number, y: number): [number, number] {
    return [(x - this.camera.x) * this.camera.zoom + this.width / 2, (y - this.camera.y) * this.camera.zoom + this.height / 2];
  }

  toWorld(x: number, y: number): [number, number] {
    return [(x - this.width / 2) / this.camera.zoom + this.camera.x, (y - this.height / 2) / this.camera.zoom + this.camera.y];
  }

  /** The node under a point of the canvas (CSS pixels), if any. */
  nodeAt(screenX: number, screenY: number): number | undefined {
    if (!this.scene) return undefined;
    const [wx, wy] = this.toWorld(screenX, screenY);
    const slack = 4 / this.camera.zoom;
    let best: number | undefined;
    let bestDistance = Infinity;
    const cx = Math.floor(wx / CELL);
    const cy = Math.floor(wy / CELL);
    for (let gx = cx - 1; gx <= cx + 1; gx++) {
      for (let gy = cy - 1; gy <= cy + 1; gy++) {
        for (const index of this.grid.get(this.cellKey(gx, gy)) ?? []) {
          const node = this.scene.nodes[index];
          const distance = Math.hypot(node.x - wx, node.y - wy);
          if (distance <= node.radius + slack && distance < bestDistance) {
            best = index;
            bestDistance = distance;
          }
        }
      }
    }
    return best;
  }

  /** Draws now (not on the next frame), and measures the frame: the drawing calls plus the rasterising after them. */
  drawNow(): void {
    this.frameRequested = false;
    const started = performance.now();
    this.draw(this.context, this.camera, this.width, this.height, this.ratio);
    const drawn = ++this.frames;
    // Two frames later the browser has rasterised this one (without a GPU that is most of the cost).
    requestAnimationFrame(() => requestAnimationFrame(() => {
      if (drawn === this.frames) this.lastFrameMs = Math.max(this.lastDrawMs, performance.now() - started - 17);
    }));
  }

  /** The whole drawing as a PNG at `scale`, on the theme's background; capped at 16 million pixels. */
  toPng(scale = 2): string {
    if (!this.scene) return '';
    const { minX, minY, maxX, maxY } = this.scene.bounds;
    const margin = 24;
    const width = maxX - minX + 2 * margin;
    const height = maxY - minY + 2 * margin;
    const pixels = Math.min(scale, Math.sqrt(16_000_000 / Math.max(1, width * height)), 16384 / width, 16384 / height);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.floor(width * pixels));
    canvas.height = Math.max(1, Math.floor(height * pixels));
    const context = canvas.getContext('2d', { alpha: false })!;
    this.draw(context, { x: (minX + maxX) / 2, y: (minY + maxY) / 2, zoom: 1 }, width, height, pixels, { allLabels: true });
    return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
  }

  private cellKey(x: number, y: number): number {
    return (x + 32768) * 65536 + (y + 32768);
  }

  private resize(): void {
    const rect = this.element.getBoundingClientRect();
    this.ratio = window.devicePixelRatio || 1;
    this.width = rect.width;
    this.height = rect.height;
    this.element.width = Math.max(1, Math.round(rect.width * this.ratio));
    this.element.height = Math.max(1, Math.round(rect.height * this.ratio));
    this.snapshot = undefined;
    this.drawNow();
  }

  requestDraw(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      if (!this.frameRequested) return;
      this.drawNow();
    });
  }

  /** During a gesture on a slow drawing: move the last full frame as a picture; redraw when the gesture pauses. */
  private requestSnapshotFrame(): void {
    if (!this.snapshot) {
      const copy = document.createElement('canvas');
      copy.width = this.element.width;
      copy.height = this.element.height;
      copy.getContext('2d')!.drawImage(this.element, 0, 0);
      this.snapshot = { canvas: copy, camera: this.lastFullCamera };
    }
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.snapshot = undefined;
      this.requestDraw();
    }, SETTLE_MS);
    if (this.snapshotFrameRequested) return;
    this.snapshotFrameRequested = true;
    requestAnimationFrame(() => {
      this.snapshotFrameRequested = false;
      const snapshot = this.snapshot;
      if (!snapshot) return;
      const context = this.context;
      const scale = this.camera.zoom / snapshot.camera.zoom;
      context.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
      context.fillStyle = this.palette.background;
      context.fillRect(0, 0, this.width, this.height);
      const [left, top] = this.toScreen(snapshot.camera.x - this.width / 2 / snapshot.camera.zoom, snapshot.camera.y - this.height / 2 / snapshot.camera.zoom);
      context.drawImage(snapshot.canvas, left, top, this.width * scale, this.height * scale);
    });
  }

  private lastFullCamera: Camera = this.camera;

  private draw(context: CanvasRenderingContext2D, camera: Camera, width: number, height: number, ratio: number, options: { allLabels?: boolean } = {}): void {
    const started = performance.now();
    const palette = this.palette;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.fillStyle = palette.background;
    context.fillRect(0, 0, width, height);
    const scene = this.scene;
    if (!scene) return;
    const { zoom } = camera;
    const offsetX = width / 2 - camera.x * zoom;
    const offsetY = height / 2 - camera.y * zoom;
    context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * offsetX, ratio * offsetY);
    const left = -offsetX / zoom;
    const top = -offsetY / zoom;
    const right = left + width / zoom;
    const bottom = top + height / zoom;
    const visible = (node: SceneNode) => node.x + node.radius >= left && node.x - node.radius <= right && node.y + node.radius >= top && node.y - node.radius <= bottom;
    const { selected, hovered, focused, matches } = this.highlights;
    const emphasised = selected ?? hovered;

    // Edges, clipped to the view. Software rasterisers (no GPU) pay for every pixel of every line and far
    // more for lines wider than one device pixel: large graphs get hairlines, stroked in chunks.
    const view = { left, top, right, bottom };
    const plain: number[] = [];
    const cycles: number[] = [];
    const near: number[] = [];
    for (const edge of scene.edges) {
      const from = scene.nodes[edge.from];
      const to = scene.nodes[edge.to];
      const [x1, y1, x2, y2] = trimmed(from, to);
      const clipped = clipSegment(x1, y1, x2, y2, view);
      if (!clipped) continue;
      const list = emphasised !== undefined && (edge.from === emphasised || edge.to === emphasised) ? near : edge.cyclic ? cycles : plain;
      // The unclipped end is kept for the arrow's direction; the arrow is drawn only when its tip is in view.
      list.push(clipped[0], clipped[1], clipped[2], clipped[3], Math.abs(x2 - clipped[2]) + Math.abs(y2 - clipped[3]) < 1e-6 ? 1 : 0);
    }
    const devicePixel = 1 / (zoom * ratio);
    const fewEdges = plain.length / 5 <= 800;
    context.lineCap = fewEdges ? 'round' : 'butt';
    context.globalAlpha = fewEdges ? 0.55 : 0.3;
    context.strokeStyle = palette.edge;
    context.fillStyle = palette.edge;
    context.lineWidth = fewEdges ? 1.3 * devicePixel : devicePixel;
    strokeSegments(context, plain, zoom >= 0.45 && plain.length / 5 <= 3000 ? 6 : 0);
    context.globalAlpha = 1;
    const fewCycles = cycles.length / 5 <= 400;
    context.strokeStyle = palette.cycle;
    context.fillStyle = palette.cycle;
    context.lineWidth = fewCycles ? Math.max(2 / Math.max(zoom, 0.5), devicePixel) : devicePixel;
    if (fewCycles) context.setLineDash([6 / Math.max(zoom, 0.5), 3 / Math.max(zoom, 0.5)]);
    strokeSegments(context, cycles, zoom >= 0.45 ? 7 : 0);
    context.setLineDash([]);
    context.strokeStyle = palette.focus;
    context.fillStyle = palette.focus;
    context.lineWidth = near.length / 5 <= 400 ? 2.2 / Math.max(zoom, 0.5) : devicePixel;
    strokeSegments(context, near, zoom >= 0.3 ? 7 : 0);

    // Nodes: one path per colour; below a pixel they are squares (cheap), above, their real shape.
    const byColour = new Map<string, Path2D>();
    const rings = new Path2D();
    const tiny = 1.2 / zoom;
    for (const node of scene.nodes) {
      if (!visible(node)) continue;
      const colour = nodeFill(palette, node);
      let path = byColour.get(colour);
      if (!path) byColour.set(colour, (path = new Path2D()));
      if (node.radius < tiny) path.rect(node.x - tiny, node.y - tiny, 2 * tiny, 2 * tiny);
      else addShape(path, node, node.radius);
      if (node.cyclic && node.radius >= tiny) addShape(rings, node, node.radius + 2.5);
    }
    for (const [colour, path] of byColour) {
      context.fillStyle = colour;
      context.fill(path);
    }
    if (palette.contrastBorder) {
      context.strokeStyle = palette.contrastBorder;
      context.lineWidth = 1 / zoom;
      for (const path of byColour.values()) context.stroke(path);
    }
    context.strokeStyle = palette.cycle;
    context.lineWidth = 1.6 / Math.max(zoom, 0.5);
    context.stroke(rings);

    if (matches?.size) {
      const ring = new Path2D();
      for (const index of matches) if (visible(scene.nodes[index])) addShape(ring, scene.nodes[index], scene.nodes[index].radius + 5 / zoom);
      context.strokeStyle = palette.match;
      context.lineWidth = 2.5 / zoom;
      context.stroke(ring);
    }
    const outline = (index: number | undefined, colour: string, dashed: boolean) => {
      if (index === undefined || !scene.nodes[index]) return;
      const path = new Path2D();
      addShape(path, scene.nodes[index], scene.nodes[index].radius + 4 / zoom);
      context.strokeStyle = colour;
      context.lineWidth = 2.5 / zoom;
      context.setLineDash(dashed ? [4 / zoom, 3 / zoom] : []);
      context.stroke(path);
      context.setLineDash([]);
    };
    outline(selected, palette.selection, false);
    outline(focused, palette.focus, true);

    // Labels in screen pixels: all of them when the layout left them room at this zoom (the layout spaces
    // nodes for 11px labels; zoomed out they shrink with it, down to 8px), else only the ones that matter.
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const labelZoom = scene.roomForLabels ? 8 / 11 : 2.2;
    const allLabels = options.allLabels || zoom >= labelZoom;
    const labelled = new Set<number>();
    if (allLabels) scene.nodes.forEach((node, index) => visible(node) && labelled.add(index));
    for (const index of [selected, hovered, focused]) if (index !== undefined && scene.nodes[index]) labelled.add(index);
    if (matches && matches.size <= 200) for (const index of matches) labelled.add(index);
    const fontSize = allLabels && scene.roomForLabels ? Math.min(11, 11 * zoom) : 11;
    context.font = `${fontSize.toFixed(1)}px ${palette.font}`;
    context.textAlign = 'center';
    context.textBaseline = 'top';
    context.lineJoin = 'round';
    context.lineWidth = 3;
    context.strokeStyle = palette.background;
    context.fillStyle = palette.foreground;
    for (const index of labelled) {
      const node = scene.nodes[index];
      const sx = node.x * zoom + offsetX;
      const sy = (node.y + node.radius) * zoom + offsetY + 3;
      context.strokeText(node.label, sx, sy);
      context.fillText(node.label, sx, sy);
    }
    if (context === this.context) {
      this.lastDrawMs = performance.now() - started;
      this.lastFullCamera = { ...camera };
    }
  }

  private listen(): void {
    const element = this.element;
    let drag: { x: number; y: number; moved: boolean; pointer: number } | undefined;
    element.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, moved: false, pointer: event.pointerId };
      element.setPointerCapture(event.pointerId);
    });
    element.addEventListener('pointermove', (event) => {
      const rect = element.getBoundingClientRect();
      if (drag && drag.pointer === event.pointerId) {
        const dx = event.clientX - drag.x;
        const dy = event.clientY - drag.y;
        if (drag.moved || Math.abs(dx) + Math.abs(dy) > 3) {
          drag.moved = true;
          drag.x = event.clientX;
          drag.y = event.clientY;
          this.panBy(dx, dy, true);
          element.classList.add('panning');
        }
        return;
      }
      this.events.hover(this.nodeAt(event.clientX - rect.left, event.clientY - rect.top), event.clientX, event.clientY);
    });
    element.addEventListener('pointerup', (event) => {
      const wasDrag = drag?.moved;
      drag = undefined;
      element.classList.remove('panning');
      if (wasDrag) return;
      const rect = element.getBoundingClientRect();
      this.events.click(this.nodeAt(event.clientX - rect.left, event.clientY - rect.top), event);
    });
    element.addEventListener('pointerleave', () => this.events.hover(undefined, 0, 0));
    element.addEventListener('dblclick', (event) => {
      const rect = element.getBoundingClientRect();
      const node = this.nodeAt(event.clientX - rect.left, event.clientY - rect.top);
      if (node !== undefined) this.events.doubleClick(node, event);
    });
    element.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        const rect = element.getBoundingClientRect();
        if (event.ctrlKey || !event.shiftKey) this.zoomBy(Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015)), event.clientX - rect.left, event.clientY - rect.top, true);
        else this.panBy(-event.deltaX || -event.deltaY, 0, true);
      },
      { passive: false },
    );
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function addShape(path: Path2D, node: Pick<SceneNode, 'kind' | 'x' | 'y'>, r: number): void {
  const { x, y } = node;
  switch (node.kind) {
    case 'folder':
      path.roundRect(x - r, y - r, 2 * r, 2 * r, r / 3);
      return;
    case 'package':
      path.moveTo(x, y - r);
      path.lineTo(x + r, y);
      path.lineTo(x, y + r);
      path.lineTo(x - r, y);
      path.closePath();
      return;
    case 'service':
      for (let corner = 0; corner < 6; corner++) {
        const angle = (Math.PI / 3) * corner;
        if (corner === 0) path.moveTo(x + r, y);
        else path.lineTo(x + r * Math.cos(angle), y + r * Math.sin(angle));
      }
      path.closePath();
      return;
    default:
      path.moveTo(x + r, y);
      path.arc(x, y, r, 0, 2 * Math.PI);
  }
}

/** Strokes segments (x1, y1, x2, y2, arrow?) a few hundred per path: one huge path costs a rasteriser far more. */
function strokeSegments(context: CanvasRenderingContext2D, segments: readonly number[], arrowSize: number): void {
  const chunk = 5 * 256;
  for (let start = 0; start < segments.length; start += chunk) {
    const path = new Path2D();
    const arrows = arrowSize ? new Path2D() : undefined;
    const end = Math.min(segments.length, start + chunk);
    for (let index = start; index < end; index += 5) {
      path.moveTo(segments[index], segments[index + 1]);
      path.lineTo(segments[index + 2], segments[index + 3]);
      if (arrows && segments[index + 4]) arrowHead(arrows, segments[index], segments[index + 1], segments[index + 2], segments[index + 3], arrowSize);
    }
    context.stroke(path);
    if (arrows) context.fill(arrows);
  }
}

/** The part of a segment inside a rectangle (Liang–Barsky), or undefined when none is. */
export function clipSegment(x1: number, y1: number, x2: number, y2: number, box: { left: number; top: number; right: number; bottom: number }): [number, number, number, number] | undefined {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let enter = 0;
  let leave = 1;
  const sides: [number, number][] = [
    [-dx, x1 - box.left],
    [dx, box.right - x1],
    [-dy, y1 - box.top],
    [dy, box.bottom - y1],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return undefined;
      continue;
    }
    const t = q / p;
    if (p < 0) enter = Math.max(enter, t);
    else leave = Math.min(leave, t);
    if (enter > leave) return undefined;
  }
  return [x1 + enter * dx, y1 + enter * dy, x1 + leave * dx, y1 + leave * dy];
}

function arrowHead(path: Path2D, x1: number, y1: number, x2: number, y2: number, size: number): void {
  const angle = Math.atan2(y2 - y1, x2 - x1);
  path.moveTo(x2, y2);
  path.lineTo(x2 - size * Math.cos(angle - 0.4), y2 - size * Math.sin(angle - 0.4));
  path.lineTo(x2 - size * Math.cos(angle + 0.4), y2 - size * Math.sin(angle + 0.4));
  path.closePath();
}
