import { nodeFill, type Palette } from './palette';
import type { Scene, SceneNode } from './scene';

/**
 * The drawing as a standalone SVG document (what "Export SVG" saves): the same positions, shapes and colours
 * as the canvas, every label, cycles marked. Pure, so the exported markup is tested in Node.
 */
export function sceneToSvg(scene: Scene, palette: Palette, title: string): string {
  const margin = 24;
  const { minX, minY, maxX, maxY } = scene.bounds;
  const width = Math.max(1, maxX - minX + 2 * margin);
  const height = Math.max(1, maxY - minY + 2 * margin);
  const round = (value: number) => Math.round(value * 10) / 10;
  const tx = (value: number) => round(value - minX + margin);
  const ty = (value: number) => round(value - minY + margin);
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${round(width)}" height="${round(height)}" viewBox="0 0 ${round(width)} ${round(height)}" font-family="${escapeXml(palette.font)}" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="${escapeXml(palette.background)}"/>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${escapeXml(palette.edge)}"/></marker></defs>`,
    `<g stroke="${escapeXml(palette.edge)}" stroke-opacity="0.55" fill="none" marker-end="url(#arrow)">`,
  ];
  const cyclic: string[] = [];
  for (const edge of scene.edges) {
    const from = scene.nodes[edge.from];
    const to = scene.nodes[edge.to];
    const [x1, y1, x2, y2] = trimmed(from, to);
    const line = `<line x1="${tx(x1)}" y1="${ty(y1)}" x2="${tx(x2)}" y2="${ty(y2)}"${edge.count > 1 ? ` stroke-width="${round(Math.min(4, 1 + Math.log2(edge.count)))}"` : ''}/>`;
    (edge.cyclic ? cyclic : parts).push(line);
  }
  parts.push('</g>');
  if (cyclic.length) parts.push(`<g class="cycles" stroke="${escapeXml(palette.cycle)}" stroke-width="2" stroke-dasharray="6 3" fill="none" marker-end="url(#arrow)">`, ...cyclic, '</g>');
  parts.push(`<g stroke="${escapeXml(palette.contrastBorder ?? palette.background)}" stroke-width="1">`);
  for (const node of scene.nodes) {
    parts.push(`<g data-id="${escapeXml(node.id)}">${shape(node, tx(node.x), ty(node.y), nodeFill(palette, node), node.cyclic ? palette.cycle : undefined)}<title>${escapeXml(node.source.title)}${node.source.findings ? ` (${node.source.findings} finding${node.source.findings === 1 ? '' : 's'})` : ''}</title></g>`);
  }
  parts.push('</g>', `<g fill="${escapeXml(palette.foreground)}" text-anchor="middle">`);
  for (const node of scene.nodes) parts.push(`<text x="${tx(node.x)}" y="${ty(node.y + node.radius + 12)}">${escapeXml(node.label)}</text>`);
  parts.push('</g>', '</svg>', '');
  return parts.join('\n');
}

/** Line ends on the nodes' outlines rather than their centres, so arrowheads show. */
export function trimmed(from: Pick<SceneNode, 'x' | 'y' | 'radius'>, to: Pick<SceneNode, 'x' | 'y' | 'radius'>): [number, number, number, number] {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  const ux = dx / length;
  const uy = dy / length;
  return [from.x + ux * from.radius, from.y + uy * from.radius, to.x - ux * (to.radius + 1), to.y - uy * (to.radius + 1)];
}

function shape(node: SceneNode, x: number, y: number, fill: string, ring: string | undefined): string {
  const r = node.radius;
  const stroke = ring ? ` stroke="${escapeXml(ring)}" stroke-width="2.5"` : '';
  const f = `fill="${escapeXml(fill)}"${stroke}`;
  switch (node.kind) {
    case 'folder':
      return `<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}" rx="${r / 3}" ${f}/>`;
    case 'package':
      return `<path d="M${x} ${y - r}L${x + r} ${y}L${x} ${y + r}L${x - r} ${y}z" ${f}/>`;
    case 'service':
      return `<path d="${hexagon(x, y, r)}" ${f}/>`;
    default:
      return `<circle cx="${x}" cy="${y}" r="${r}" ${f}/>`;
  }
}

export function hexagon(x: number, y: number, r: number): string {
  const points: string[] = [];
  for (let corner = 0; corner < 6; corner++) {
    const angle = (Math.PI / 3) * corner;
    points.push(`${Math.round((x + r * Math.cos(angle)) * 10) / 10} ${Math.round((y + r * Math.sin(angle)) * 10) / 10}`);
  }
  return `M${points.join('L')}z`;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[character]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}
