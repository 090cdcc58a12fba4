const SNIFF_BYTES = 8000;
/** Average characters per line above which a file is generated or minified, not written by hand. */
const MINIFIED_AVERAGE_LINE_LENGTH = 500;
const MINIFIED_MIN_SIZE = 8 * 1024;

export type DecodedSource = { ok: true; text: string } | { ok: false; reason: string };

/** Turns file bytes into source text, or says why the file is not hand-written source. */
export function decodeSource(fileName: string, bytes: Uint8Array, maxSize: number): DecodedSource {
  if (bytes.byteLength > maxSize) {
    return { ok: false, reason: tooLargeReason(bytes.byteLength, maxSize) };
  }
  if (/[.-]min\.[cm]?js$/.test(fileName)) return { ok: false, reason: 'minified bundle (.min.js)' };
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    const sniffLength = Math.min(bytes.byteLength, SNIFF_BYTES);
    for (let index = 0; index < sniffLength; index++) {
      if (bytes[index] === 0) return { ok: false, reason: 'binary file: contains NUL bytes' };
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      return { ok: false, reason: 'not valid UTF-8 text' };
    }
  }
  if (text.length >= MINIFIED_MIN_SIZE) {
    let lines = 1;
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
    const average = Math.round(text.length / lines);
    if (average > MINIFIED_AVERAGE_LINE_LENGTH) {
      return { ok: false, reason: `minified or generated: ${average} characters per line on average` };
    }
  }
  return { ok: true, text };
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

export function tooLargeReason(size: number, maxSize: number): string {
  return `file too large: ${formatSize(size)} is over the ${formatSize(maxSize)} limit (setting maxFileSizeBytes)`;
}
