import * as path from 'node:path';
import type * as Engine from '../../engine';

export type EngineModule = typeof Engine;

let loading: Promise<EngineModule> | undefined;

/**
 * The engine (and typescript behind it) is its own bundle, loaded on first need so that
 * activation costs almost nothing. The computed path keeps esbuild from inlining it.
 */
export function loadEngine(extensionPath: string): Promise<EngineModule> {
  loading ??= Promise.resolve().then(() => {
    const enginePath = path.join(extensionPath, 'dist', 'engine.js');
    return require(enginePath) as EngineModule;
  });
  return loading;
}
