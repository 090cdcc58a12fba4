import * as path from 'node:path';
import type { ProjectInfo } from '../types';
import { createTextRule } from './support/createRule';
import { CONFIG_DATA_FILE, applicationDependencies, configValues, deployedEnvironmentOfFile, deployedEnvironmentOfKey, endpointOf, isNotSettingsFile, type ConfigValue } from './support/secrets-config-os';

/** Packages that read `config/<NODE_ENV>.json` at run time. */
const CONFIG_LOADERS = ['config', 'getconfig', 'konfig', 'config-node'];

function loadedByEnvironment(project: ProjectInfo, file: string, folder: string): boolean {
  const dependencies = applicationDependencies({ project, file });
  if (CONFIG_LOADERS.some((name) => dependencies.has(name))) return true;
  return [...project.allFiles].some((file) => path.posix.dirname(file) === folder && /^default\.(json|jsonc|json5|ya?ml)$/.test(path.posix.basename(file)));
}

export default createTextRule(
  {
    id: 'environment-config-file',
    category: 'baked-config',
    defaultSeverity: 'warning',
    description: 'A JSON or YAML configuration file holds a deployed environment\'s hosts and URLs (config/production.json of node-config, the production section of sequelize\'s config.json), baked into the image.',
    messages: {
      file: '{{key}} in {{file}} fixes the {{environment}} endpoint {{endpoint}}{{more}} in a file baked into the image: read it from an environment variable instead',
    },
    strategies: ['replatform', 'refactor'],
    effort: 1,
    fixable: false,
  },
  CONFIG_DATA_FILE,
  (context) => {
    if (isNotSettingsFile(context.file)) return;
    const values = configValues(context.file, context.text);
    if (!values) return;
    const folder = path.posix.dirname(context.file);
    // node-config maps keys to environment variables in custom-environment-variables.*: the team wired overrides.
    const overrides = [...context.project.allFiles].some((file) => path.posix.dirname(file) === folder && /^custom-environment-variables\.(json|ya?ml|[cm]?[jt]s)$/.test(path.posix.basename(file)));
    const groups = new Map<string, { environment: string; values: ConfigValue[] }>();
    const fileEnvironment = deployedEnvironmentOfFile(context.file);
    if (fileEnvironment) {
      // A loader reads the file by NODE_ENV (node-config, getconfig, a default.* beside it); a file required by name
      // is environment-config-import's, reported where it is required.
      if (overrides || !loadedByEnvironment(context.project, context.file, folder)) return;
      groups.set('', { environment: fileEnvironment, values });
    } else {
      for (const value of values) {
        const environment = deployedEnvironmentOfKey(value.path[0] ?? '');
        if (!environment || value.path.length < 2) continue;
        const group = groups.get(value.path[0]) ?? { environment, values: [] };
        group.values.push(value);
        groups.set(value.path[0], group);
      }
    }
    for (const [section, group] of groups) {
      // sequelize: `use_env_variable` makes the section read its connection from the environment.
      if (group.values.some((value) => value.path[value.path.length - 1] === 'use_env_variable' && value.path.length === (section ? 2 : 1))) continue;
      const endpoints = group.values.flatMap((value) => {
        const shown = endpointOf(value.value, value.path[value.path.length - 1]);
        return shown ? [{ value, shown }] : [];
      });
      const [first] = endpoints;
      if (!first) continue;
      const more = endpoints.length > 1 ? ` (and ${endpoints.length - 1} more)` : '';
      context.report({ range: first.value.range, messageId: 'file', data: { key: first.value.path.join('.'), file: context.file, environment: group.environment, endpoint: first.shown, more } });
    }
  },
);
