import type { ModulePath } from '../types';

/** The server frameworks app-level fixes know how to write for. */
export type Framework = 'express' | 'koa' | 'connect' | 'fastify' | 'hapi' | 'nest' | 'node-server';

/** Frameworks whose `listen` returns a Node `http.Server` (or `net.Server`), closed with `server.close()`. */
export const NODE_SERVER_FRAMEWORKS: ReadonlySet<Framework> = new Set(['express', 'koa', 'connect', 'node-server']);

function memberPath(resolved: ModulePath): string[] {
  return resolved.path[0] === 'default' ? resolved.path.slice(1) : resolved.path;
}

/** What an expression that resolved to `resolved` creates: `express()` → express, `Hapi.server()` → hapi. */
export function createdFramework(resolved: ModulePath | undefined): Framework | undefined {
  if (!resolved) return undefined;
  const path = memberPath(resolved).join('.');
  switch (resolved.module) {
    case 'express':
      return path === '()' ? 'express' : undefined;
    case 'koa':
      return path === '()' || path === 'Koa.()' ? 'koa' : undefined;
    case 'connect':
      return path === '()' ? 'connect' : undefined;
    case 'fastify':
      return path === '()' || path === 'fastify.()' ? 'fastify' : undefined;
    case '@hapi/hapi':
    case 'hapi':
      return path === 'server.()' || path === 'Server.()' ? 'hapi' : undefined;
    case '@nestjs/core':
      return path === 'NestFactory.create.()' ? 'nest' : undefined;
    case 'http':
    case 'https':
    case 'http2':
    case 'net':
    case 'tls':
      return /^(createServer|createSecureServer|Server)\.\(\)$/.test(path) ? 'node-server' : undefined;
    default:
      return undefined;
  }
}
