import { FALLBACK_PALETTE, type Palette } from './palette';

/**
 * The palette from the page's CSS custom properties (graph.css maps them onto VS Code's theme variables,
 * with light and dark defaults outside VS Code), read again whenever VS Code switches theme.
 */
export function readPalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const contrastBorder = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light') ? read('--vscode-contrastBorder', '') : '';
  return {
    background: read('--cw-bg', FALLBACK_PALETTE.background),
    foreground: read('--cw-fg', FALLBACK_PALETTE.foreground),
    muted: read('--cw-muted', FALLBACK_PALETTE.muted),
    edge: read('--cw-edge', FALLBACK_PALETTE.edge),
    error: read('--cw-error', FALLBACK_PALETTE.error),
    warning: read('--cw-warning', FALLBACK_PALETTE.warning),
    information: read('--cw-info', FALLBACK_PALETTE.information),
    clean: read('--cw-clean', FALLBACK_PALETTE.clean),
    package: read('--cw-package', FALLBACK_PALETTE.package),
    service: read('--cw-service', FALLBACK_PALETTE.service),
    cycle: read('--cw-cycle', FALLBACK_PALETTE.cycle),
    focus: read('--cw-focus', FALLBACK_PALETTE.focus),
    selection: read('--cw-selection', FALLBACK_PALETTE.selection),
    match: read('--cw-match', FALLBACK_PALETTE.match),
    contrastBorder: contrastBorder || undefined,
    font: read('--cw-font', FALLBACK_PALETTE.font),
  };
}

/** Calls `changed` when VS Code changes the theme (it sets classes on <body> and variables on <html>) or the OS does. */
export function watchTheme(changed: () => void): void {
  const observer = new MutationObserver(changed);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', changed);
}
