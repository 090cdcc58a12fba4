import { createSourceRule } from './support/createRule';
import { moduleImportListeners } from './support/secrets-config-os';
import { packageOf } from '../core/packageName';

/** Packages that only work on one host operating system. */
const OS_MODULES: Record<string, string> = {
  winreg: 'Windows',
  regedit: 'Windows',
  'native-reg': 'Windows',
  'windows-registry': 'Windows',
  '@vscode/windows-registry': 'Windows',
  'node-windows': 'Windows',
  'windows-service': 'Windows',
  'node-powershell': 'Windows',
  'edge-js': 'Windows (.NET)',
  edge: 'Windows (.NET)',
  'electron-edge-js': 'Windows (.NET)',
  'wmi-client': 'Windows',
  'node-wmi': 'Windows',
  wmic: 'Windows',
  'windows-shortcuts': 'Windows',
  winax: 'Windows (ActiveX)',
  win32ole: 'Windows (OLE)',
  'node-windows-service': 'Windows',
  'windows-eventlog': 'Windows',
  'node-mac': 'macOS',
  applescript: 'macOS',
  'node-applescript': 'macOS',
  'run-applescript': 'macOS',
  'node-osascript': 'macOS',
  osascript: 'macOS',
};

export default createSourceRule(
  {
    id: 'os-specific-module',
    category: 'os-coupling',
    defaultSeverity: 'error',
    description: 'The code uses a package that only works on Windows or macOS (winreg, node-windows, windows-service, edge-js, node-powershell, applescript, ...).',
    messages: {
      module: '{{module}} only works on {{os}}: it cannot run in a Linux container; replace what it does (service install, registry, COM, scripting) with a portable equivalent',
    },
    strategies: ['rehost', 'replatform'],
    effort: 4,
    fixable: false,
    triggers: /windows|winreg|wmi|powershell|applescript|osascript|edge-js|native-reg|node-mac/i,
  },
  (context) => {
    const seen = new Set<string>();
    return moduleImportListeners((specifier, node) => {
      const name = packageOf(specifier);
      const os = OS_MODULES[name];
      if (!os || seen.has(name)) return;
      seen.add(name);
      context.report({ node, messageId: 'module', data: { module: name, os } });
    });
  },
);
