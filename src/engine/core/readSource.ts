import { readFileSync, statSync } from 'node:fs';
import type { FileSystemHost } from '../types';
import { describeError } from './discovery';
import { tooLargeReason } from './sourceText';

/** A file's bytes, or why they could not be read (`tooLarge`: its size, over the limit, so it was never read). */
export type BoundedRead = Uint8Array | { error: unknown };

/** Reads a file through the host, unless it is larger than `maxSize`. */
export async function readBounded(fs: FileSystemHost, absolutePath: string, maxSize: number): Promise<BoundedRead> {
  try {
    const stat = await fs.stat(absolutePath);
    if (stat.size > maxSize) return { error: { tooLarge: stat.size } };
    return await fs.readFile(absolutePath);
  } catch (error) {
    return { error };
  }
}

/**
 * `readBounded` from the local disk, synchronously: for an analysis worker that takes files itself, whose loop over
 * them lets no event in between (see FilePool.share).
 */
export function readBoundedFromDisk(absolutePath: string, maxSize: number): BoundedRead {
  try {
    const size = statSync(absolutePath).size;
    if (size > maxSize) return { error: { tooLarge: size } };
    return readFileSync(absolutePath);
  } catch (error) {
    return { error };
  }
}

export function describeReadError(error: unknown, maxSize: number): string {
  const tooLarge = (error as { tooLarge?: number }).tooLarge;
  if (tooLarge !== undefined) return tooLargeReason(tooLarge, maxSize);
  return `not readable: ${describeError(error)}`;
}
