/**
 * The architecture's boundaries (see docs/ARCHITECTURE.md), checked by `npm test`.
 * Only static analysis: this file is the project's own config, never a workspace's.
 */
module.exports = {
  forbidden: [
    {
      name: 'engine-is-pure-node',
      comment: 'src/engine runs in the CLI, in workers and in tests: it must not know about VS Code or any presenter.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^(src/(extension|cli|webview)/)' },
    },
    {
      name: 'only-the-extension-imports-vscode',
      comment: "'vscode' exists only inside the extension host; it resolves to @types/vscode here.",
      severity: 'error',
      from: { path: '^src/(engine|cli|webview|shared)/' },
      to: { path: '(^vscode$|node_modules/@types/vscode/)' },
    },
    {
      name: 'cli-uses-only-the-engine',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/(extension|webview)/' },
    },
    {
      name: 'webview-talks-only-through-shared',
      comment: 'The webview runs in a browser: it may use src/shared and browser packages, nothing of the Node side.',
      severity: 'error',
      from: { path: '^src/webview/' },
      to: { path: '^src/(engine|extension|cli)/' },
    },
    {
      name: 'webview-has-no-node-builtins',
      severity: 'error',
      from: { path: '^src/webview/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-is-plain-types',
      comment: 'src/shared is imported by both sides: no vscode, no DOM, no engine.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(engine|extension|cli|webview)/' },
    },
    {
      name: 'production-code-does-not-import-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^vscode$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // bench/.corpora holds the downloaded benchmark repositories (gitignored).
    exclude: { path: '^(test/fixtures|examples|bench/\.corpora)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    skipAnalysisNotInRules: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
