import type { RuleModule } from '../types';
// One import per line, sorted by rule id.
import hardcodedServiceUrl from './hardcoded-service-url';
import listenFixedPort from './listen-fixed-port';
import missingContainerImage from './missing-container-image';
import noLocalDiskWrite from './no-local-disk-write';
import secretInEnvFile from './secret-in-env-file';

/** Every rule, sorted by id; the meta-test keeps this list, the rule files, their docs and their tests in step. */
export const allRules: readonly RuleModule[] = [
  // One entry per line, sorted by rule id.
  hardcodedServiceUrl,
  listenFixedPort,
  missingContainerImage,
  noLocalDiskWrite,
  secretInEnvFile,
];

export const ruleIds: ReadonlySet<string> = new Set(allRules.map((rule) => rule.meta.id));
