import * as path from 'node:path';
import type { CruiseGroup } from './cruiser';

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

/**
 * Which tsconfig/jsconfig applies to each file: the nearest one in the file's folder or above it, as
 * editors do. Each config is read once, with dependency-cruiser's reader (TypeScript's JSON reader, which
 * follows `extends`; nothing is executed). A config that cannot be read is reported and left out.
 */
export class TsConfigGroups {
  private readonly configs = new Map<string, CruiseGroup | undefined>();
  private readonly nearest = new Map<string, string | undefined>();
  readonly notes: string[] = [];

  constructor(
    private readonly root: string,
    private readonly allFiles: ReadonlySet<string>,
    /** A tsconfig named by a trusted workspace's dependency-cruiser config applies to every file. */
    private readonly forced?: string,
  ) {}

  /** The config file (workspace-relative) that applies to `file`, or '' when none does. */
  configOf(file: string): string {
    if (this.forced) return this.forced;
    return this.nearestConfig(path.posix.dirname(file)) ?? '';
  }

  async group(config: string): Promise<CruiseGroup> {
    if (!config) return {};
    if (!this.configs.has(config)) this.configs.set(config, await this.read(config));
    return this.configs.get(config) ?? {};
  }

  private nearestConfig(folder: string): string | undefined {
    const key = folder === '.' ? '' : folder;
    if (this.nearest.has(key)) return this.nearest.get(key);
    let found: string | undefined;
    for (const name of CONFIG_NAMES) {
      const candidate = key ? `${key}/${name}` : name;
      if (this.allFiles.has(candidate)) {
        found = candidate;
        break;
      }
    }
    if (found === undefined && key !== '') found = this.nearestConfig(path.posix.dirname(key));
    this.nearest.set(key, found);
    return found;
  }

  private async read(config: string): Promise<CruiseGroup | undefined> {
    const fileName = path.resolve(this.root, config);
    try {
      const extractTSConfig = (await import('dependency-cruiser/config-utl/extract-ts-config')).default;
      const parsed = extractTSConfig(fileName);
      return { tsConfigFile: fileName, tsConfig: parsed };
    } catch (error) {
      const message = String((error as Error).message ?? error).trim().split('\n')[0];
      // "No inputs were found" only says the config's `include` matches no file: its paths still apply.
      if (/TS18003/.test(message)) return { tsConfigFile: fileName };
      this.notes.push(`${config} could not be read, its paths and baseUrl are not applied: ${message}`);
      return undefined;
    }
  }
}
