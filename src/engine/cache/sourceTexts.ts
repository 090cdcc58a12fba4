import { LineIndex } from '../core/lineIndex';
import { decodeSource } from '../core/sourceText';

/**
 * The source texts of a scan by file, for what runs after the per-file analysis (app-level rules, fix edit bases,
 * fingerprints), which reads only the files a finding points into. A file the result cache answered is held as
 * the bytes it was read as and decoded on first read, so a re-run after an edit decodes the changed files and the
 * few with findings rather than every file.
 */
export class SourceTexts implements ReadonlyMap<string, string> {
  private readonly items = new Map<string, string | Uint8Array>();
  private readonly lineIndexes = new Map<string, LineIndex>();

  constructor(private readonly maxFileSizeBytes: number) {}

  /** `bytes` must be bytes that decoded as source before (the cache stores results only for those). */
  set(file: string, textOrBytes: string | Uint8Array): this {
    this.items.set(file, textOrBytes);
    this.lineIndexes.delete(file);
    return this;
  }

  /**
   * The line index of a file's text (of '' for a file without one), built once: app-level rules report several
   * findings in the same entry file, and each needs its line and column.
   */
  lineIndex(file: string): LineIndex {
    let lines = this.lineIndexes.get(file);
    if (!lines) this.lineIndexes.set(file, (lines = new LineIndex(this.get(file) ?? '')));
    return lines;
  }

  get(file: string): string | undefined {
    const item = this.items.get(file);
    if (item === undefined || typeof item === 'string') return item;
    const decoded = decodeSource(file, item, this.maxFileSizeBytes);
    if (!decoded.ok) {
      // Not reachable through the cache (path and size limit are part of its key and namespace): no text.
      this.items.delete(file);
      return undefined;
    }
    this.items.set(file, decoded.text);
    return decoded.text;
  }

  has(file: string): boolean {
    return this.items.has(file);
  }

  get size(): number {
    return this.items.size;
  }

  *keys(): MapIterator<string> {
    yield* this.items.keys();
  }

  *entries(): MapIterator<[string, string]> {
    for (const file of [...this.items.keys()]) {
      const text = this.get(file);
      if (text !== undefined) yield [file, text];
    }
  }

  *values(): MapIterator<string> {
    for (const [, text] of this.entries()) yield text;
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  forEach(callback: (text: string, file: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const [file, text] of this.entries()) callback.call(thisArg, text, file, this);
  }
}
