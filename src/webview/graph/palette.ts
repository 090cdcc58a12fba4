import type { GraphSeverity } from '../../shared/graphModel';
import type { SceneNode } from './scene';

/** The colours the canvas and the SVG export draw with, read from the page's CSS (VS Code's theme in a webview). */
export interface Palette {
  background: string;
  foreground: string;
  muted: string;
  edge: string;
  error: string;
  warning: string;
  information: string;
  clean: string;
  package: string;
  service: string;
  cycle: string;
  focus: string;
  selection: string;
  match: string;
  /** High-contrast themes outline every node. */
  contrastBorder?: string;
  font: string;
}

/** Used until the CSS is read, and by tests: VS Code's Dark Modern colours. */
export const FALLBACK_PALETTE: Palette = {
  background: '#1f1f1f',
  foreground: '#cccccc',
  muted: '#9d9d9d',
  edge: '#8b949e',
  error: '#f85149',
  warning: '#cca700',
  information: '#3794ff',
  clean: '#2ea043',
  package: '#6e7681',
  service: '#b180d7',
  cycle: '#ff8c00',
  focus: '#0078d4',
  selection: '#ffffff',
  match: '#e2c08d',
  font: 'system-ui, sans-serif',
};

export function severityColour(palette: Palette, severity: GraphSeverity | undefined): string {
  return severity ? palette[severity] : palette.clean;
}

export function nodeFill(palette: Palette, node: Pick<SceneNode, 'kind' | 'severity'>): string {
  if (node.kind === 'package') return palette.package;
  if (node.kind === 'service') return palette.service;
  return severityColour(palette, node.severity);
}
