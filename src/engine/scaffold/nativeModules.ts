/**
 * Packages that compile C/C++ on install (node-gyp) when no prebuilt binary fits the image, and the
 * Debian packages they need: compilers in the build stage only, shared libraries in the runtime stage.
 */

export interface NativeModule {
  /** Debian packages to compile it, beyond python3, make and g++. */
  build?: string[];
  /** Debian packages its compiled binary loads at run time. */
  runtime?: string[];
}

export const BUILD_TOOLS = ['python3', 'make', 'g++'];

export const NATIVE_MODULES: Record<string, NativeModule> = {
  argon2: {},
  bcrypt: {},
  'better-sqlite3': {},
  bufferutil: {},
  canvas: {
    build: ['libcairo2-dev', 'libpango1.0-dev', 'libjpeg-dev', 'libgif-dev', 'librsvg2-dev'],
    runtime: ['libcairo2', 'libpango-1.0-0', 'libpangocairo-1.0-0', 'libjpeg62-turbo', 'libgif7', 'librsvg2-2'],
  },
  'cpu-features': {},
  deasync: {},
  farmhash: {},
  fibers: {},
  grpc: {},
  'isolated-vm': {},
  kerberos: { build: ['libkrb5-dev'], runtime: ['libgssapi-krb5-2'] },
  keytar: { build: ['libsecret-1-dev'], runtime: ['libsecret-1-0'] },
  leveldown: {},
  libxmljs: {},
  libxmljs2: {},
  microtime: {},
  'node-expat': {},
  'node-sass': {},
  'node-rdkafka': { build: ['librdkafka-dev'], runtime: ['librdkafka1'] },
  re2: {},
  serialport: {},
  '@serialport/bindings-cpp': {},
  sharp: {},
  sqlite3: {},
  'utf-8-validate': {},
  'unix-dgram': {},
  zeromq: {},
};

/** Known native packages among `names`, sorted. */
export function nativeModulesIn(names: Iterable<string>): string[] {
  const found = new Set<string>();
  for (const name of names) if (Object.hasOwn(NATIVE_MODULES, name)) found.add(name);
  return [...found].sort();
}

/** Native packages a lockfile installs (dependencies of dependencies too), by name. */
export function nativeModulesInLockfile(lockfile: string, text: string): string[] {
  const found: string[] = [];
  for (const name of Object.keys(NATIVE_MODULES)) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    let pattern: RegExp;
    if (lockfile.endsWith('package-lock.json') || lockfile.endsWith('npm-shrinkwrap.json')) pattern = new RegExp(`"(?:[^"]*/)?node_modules/${escaped}"\\s*:`);
    else if (lockfile.endsWith('yarn.lock')) pattern = new RegExp(`^"?${escaped}@`, 'm');
    else pattern = new RegExp(`^\\s+'?/?${escaped}[@/]`, 'm');
    if (pattern.test(text)) found.push(name);
  }
  return found;
}
