/**
 * The package manager a workspace uses (from its lockfile, `packageManager` and `.yarnrc.yml`) and the
 * commands the image runs with it: a frozen install, a production-only install, a build, a prune.
 */

export type PackageManagerName = 'npm' | 'yarn' | 'pnpm';

export interface PackageManagerInfo {
  name: PackageManagerName;
  /** The lockfile, relative to the workspace root; undefined when there is none. */
  lockfile?: string;
  /** `packageManager` (`pnpm@9.15.0`), without its hash. */
  pinned?: string;
  /** Yarn 2+ ("berry"). */
  berry: boolean;
  /** Yarn Plug'n'Play is on (berry's default): the image installs into node_modules instead. */
  plugAndPlay: boolean;
  /** Where the choice came from: `pnpm-lock.yaml`, `packageManager (yarn@4.5.0)`, `no lockfile`. */
  source: string;
}

export interface ManagerInputs {
  /** Files that exist at the workspace root. */
  has(relative: string): boolean;
  packageManagerField?: string;
  /** The first kilobytes of the lockfile, for its format version. */
  lockfileHead(lockfile: string): string | undefined;
  yarnrc?: string;
}

const LOCKFILES: [string, PackageManagerName][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

export function detectPackageManager(inputs: ManagerInputs): { info: PackageManagerInfo; notes: string[] } {
  const notes: string[] = [];
  const field = /^(npm|yarn|pnpm)@(\d[^+\s]*)/.exec(inputs.packageManagerField ?? '');
  const present = LOCKFILES.filter(([file]) => inputs.has(file));
  let name: PackageManagerName;
  let lockfile: string | undefined;
  let source: string;
  if (field) {
    name = field[1] as PackageManagerName;
    lockfile = present.find(([, manager]) => manager === name)?.[0];
    source = `packageManager (${field[1]}@${field[2]})`;
  } else if (present.length > 0) {
    [lockfile, name] = present[0];
    source = lockfile;
  } else {
    name = 'npm';
    source = 'no lockfile';
  }
  const others = present.filter(([file]) => file !== lockfile).map(([file]) => file);
  if (others.length > 0) notes.push(`more than one lockfile (${[lockfile, ...others].filter(Boolean).join(', ')}): the image uses ${lockfile ?? name}; delete the others`);
  if (inputs.has('bun.lockb') || inputs.has('bun.lock')) notes.push('a Bun lockfile was found: Cloudward writes Dockerfiles for npm, yarn and pnpm');
  if (!lockfile) notes.push(`no ${name === 'npm' ? 'package-lock.json' : `${name} lockfile`}: versions are resolved at build time; commit a lockfile for repeatable images`);

  let berry = false;
  let plugAndPlay = false;
  if (name === 'yarn') {
    const major = field ? Number(field[2].split('.')[0]) : undefined;
    const head = lockfile ? inputs.lockfileHead(lockfile) : undefined;
    berry = major !== undefined ? major >= 2 : inputs.has('.yarnrc.yml') || /^__metadata:/m.test(head ?? '');
    if (berry) {
      const linker = /^nodeLinker:\s*["']?([\w-]+)/m.exec(inputs.yarnrc ?? '')?.[1];
      plugAndPlay = linker === undefined || linker === 'pnp';
    }
  }
  return { info: { name, lockfile, pinned: field ? `${field[1]}@${field[2]}` : undefined, berry, plugAndPlay, source }, notes };
}

/** pnpm's major from `lockfileVersion`: 9.0 is written by pnpm 9 and 10, 6.x by pnpm 8, 5.4 by pnpm 7. */
export function pnpmMajorFor(lockfileHead: string | undefined): number {
  const version = /^lockfileVersion:\s*['"]?(\d+)(?:\.(\d+))?/m.exec(lockfileHead ?? '');
  if (!version) return 10;
  const major = Number(version[1]);
  if (major >= 9) return 10;
  if (major >= 6) return 8;
  return 7;
}

export interface ManagerCommands {
  /** Shell commands run before the install (getting pnpm or yarn 2+). */
  setup: string[];
  /** Environment for the build stage (`YARN_NODE_LINKER=node-modules`). */
  env: string[];
  installAll: string;
  installProduction: string;
  /** After a build: drop the dev dependencies the build needed. */
  prune: string;
  runScript(script: string): string;
  /** Runs `script` of one workspace package (`apps/api`, named `@acme/api`). */
  runWorkspaceScript(script: string, folder: string, packageName: string | undefined): string;
  /** Whether a root `prepare` script runs during `installProduction` and `prune`. */
  runsPrepareOnProductionInstall: boolean;
}

export function commandsFor(info: PackageManagerInfo, lockfileHead: string | undefined): ManagerCommands {
  switch (info.name) {
    case 'pnpm': {
      const version = info.pinned ? info.pinned.slice('pnpm@'.length) : String(pnpmMajorFor(lockfileHead));
      const frozen = info.lockfile ? ' --frozen-lockfile' : '';
      return {
        setup: [`npm install -g pnpm@${version}`],
        env: [],
        installAll: `pnpm install${frozen}`,
        installProduction: `pnpm install${frozen} --prod`,
        // `pnpm prune` does not work across a workspace: reinstall the production tree from the store.
        prune: `find . -name node_modules -type d -prune -exec rm -rf {} + \\\n    && pnpm install${frozen} --prod --offline`,
        runScript: (script) => `pnpm run ${script}`,
        runWorkspaceScript: (script, folder, packageName) => `pnpm --filter "${packageName ?? `./${folder}`}..." run ${script}`,
        runsPrepareOnProductionInstall: true,
      };
    }
    case 'yarn':
      if (info.berry) {
        return {
          setup: info.pinned ? ['corepack enable'] : [],
          env: info.plugAndPlay ? ['YARN_NODE_LINKER=node-modules'] : [],
          installAll: `yarn install${info.lockfile ? ' --immutable' : ''}`,
          installProduction: 'yarn workspaces focus --all --production',
          prune: 'yarn workspaces focus --all --production',
          runScript: (script) => `yarn run ${script}`,
          runWorkspaceScript: (script, folder, packageName) => `yarn workspace ${packageName ?? folder} run ${script}`,
          runsPrepareOnProductionInstall: false,
        };
      }
      return {
        setup: [],
        env: [],
        installAll: `yarn install${info.lockfile ? ' --frozen-lockfile' : ''} \\\n    && yarn cache clean`,
        installProduction: `yarn install${info.lockfile ? ' --frozen-lockfile' : ''} --production \\\n    && yarn cache clean`,
        prune: `yarn install${info.lockfile ? ' --frozen-lockfile' : ''} --production --prefer-offline \\\n    && yarn cache clean`,
        runScript: (script) => `yarn run ${script}`,
        runWorkspaceScript: (script, folder, packageName) => `yarn workspace ${packageName ?? folder} run ${script}`,
        runsPrepareOnProductionInstall: true,
      };
    default:
      return {
        setup: [],
        env: [],
        installAll: info.lockfile ? 'npm ci' : 'npm install',
        installProduction: info.lockfile ? 'npm ci --omit=dev' : 'npm install --omit=dev',
        prune: 'npm prune --omit=dev',
        runScript: (script) => `npm run ${script}`,
        runWorkspaceScript: (script, folder) => `npm run ${script} --workspace=${folder}`,
        runsPrepareOnProductionInstall: true,
      };
  }
}
