import type { SourceLocation } from '../types';

/** Offset ↔ 1-based line/column, for reports that carry only a range. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 10) this.lineStarts.push(index + 1);
      else if (code === 13 && text.charCodeAt(index + 1) !== 10) this.lineStarts.push(index + 1);
    }
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low] + 1 };
  }

  location(range: readonly [number, number]): SourceLocation {
    const start = this.position(range[0]);
    const end = this.position(range[1]);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}
