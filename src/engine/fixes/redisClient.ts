import { applicationRoot } from '../core/project';
import type { ProjectInfo } from '../types';
import type { ImportRequest } from './sourceEdits';

/**
 * The Redis client a fix writes code for: the one the app already depends on, at the API of its major
 * version (redis 3 connects by itself, redis 4 and later need `connect()`, ioredis connects by itself),
 * or redis 4 when the app has none.
 */
export type RedisLibrary = 'redis3' | 'redis4' | 'ioredis';

export const REDIS_URL_VARIABLE = 'REDIS_URL';
export const REDIS_URL_EXAMPLE = 'redis://localhost:6379';
/** The version range added when the app has no Redis client yet: the API the generated code is written against. */
const REDIS_4_RANGE = '^4.7.0';

/** The app's dependencies and devDependencies (its own package.json, else the workspace root's). */
export function appDependencies(project: ProjectInfo, file: string): Record<string, string> {
  const appRoot = applicationRoot(project, file);
  const manifest = project.packages.get(appRoot) ?? project.packages.get('');
  return { ...manifest?.devDependencies, ...manifest?.dependencies };
}

/** The first number of a version range (`^3.1.2` → 3); undefined for tags and URLs. */
export function majorVersion(range: string | undefined): number | undefined {
  const match = range === undefined ? null : /^[\s^~>=v]*(\d+)/.exec(range);
  return match ? Number(match[1]) : undefined;
}

export function redisLibrary(dependencies: Record<string, string>): RedisLibrary {
  if (dependencies.redis !== undefined) {
    const major = majorVersion(dependencies.redis);
    return major !== undefined && major < 4 ? 'redis3' : 'redis4';
  }
  return dependencies.ioredis !== undefined ? 'ioredis' : 'redis4';
}

/** The import of the client factory or class. */
export function redisImport(library: RedisLibrary): ImportRequest {
  if (library === 'ioredis') return { module: 'ioredis', member: 'default', names: ['Redis', 'IORedis'], commonJsDefault: 'module' };
  return { module: 'redis', member: 'createClient', names: ['createClient', 'createRedisClient'] };
}

/** The expression that creates a client from REDIS_URL. */
export function redisClientExpression(library: RedisLibrary, factory: string, quote: (value: string) => string): string {
  if (library === 'ioredis') return `new ${factory}(process.env.${REDIS_URL_VARIABLE} ?? ${quote(REDIS_URL_EXAMPLE)})`;
  return `${factory}({ url: process.env.${REDIS_URL_VARIABLE} })`;
}

/** The client package to add to package.json: only when the app has none. */
export function redisDependency(dependencies: Record<string, string>): Record<string, string> {
  return dependencies.redis === undefined && dependencies.ioredis === undefined ? { redis: REDIS_4_RANGE } : {};
}

export function describeRedisLibrary(library: RedisLibrary, dependencies: Record<string, string>): string {
  if (library === 'ioredis') return 'ioredis';
  return dependencies.redis === undefined ? 'redis 4' : `redis ${majorVersion(dependencies.redis) ?? ''}`.trim();
}
