/**
 * The package a module specifier names: `@aws-sdk/client-s3/dist-cjs/x` → `@aws-sdk/client-s3`, `lodash/fp` →
 * `lodash`, `node:fs` → `fs`. It runs for every call into an imported module of every file, so it slices at
 * the slashes it finds rather than splitting and joining.
 */
export function packageOf(specifier: string): string {
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  const slash = bare.indexOf('/');
  if (slash < 0) return bare;
  if (!bare.startsWith('@')) return bare.slice(0, slash);
  const second = bare.indexOf('/', slash + 1);
  return second < 0 ? bare : bare.slice(0, second);
}
