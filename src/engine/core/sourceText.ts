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
  if (MINIFIED_NAME.test(fileName)) return { ok: false, reason: MINIFIED_NAME_REASON };
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    const sniffLength = Math.min(bytes.byteLength, SNIFF_BYTES);
    for (let index = 0; index < sniffLength; index++) {
      if (bytes[index] === 0) return { ok: false, reason: looksLikeUtf16(bytes, sniffLength) ? 'UTF-16 text without a byte-order mark: save it as UTF-8' : 'binary file: contains NUL bytes' };
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      return { ok: false, reason: 'not valid UTF-8 text' };
    }
  }
  const generated = generatedCodeReason(fileName, text);
  return generated ? { ok: false, reason: generated } : { ok: true, text };
}

const MINIFIED_NAME = /[.-]min\.[cm]?js$/;
const MINIFIED_NAME_REASON = 'minified bundle (.min.js)';

/**
 * Why a text is a bundle rather than hand-written source, or undefined. Shared by the workspace scan and
 * the editor's per-buffer analysis, so opening a bundle never parses it on the editor's thread.
 */
export function generatedCodeReason(fileName: string, text: string): string | undefined {
  if (MINIFIED_NAME.test(fileName)) return MINIFIED_NAME_REASON;
  if (text.length < MINIFIED_MIN_SIZE) return undefined;
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  const average = Math.round(text.length / lines);
  return average > MINIFIED_AVERAGE_LINE_LENGTH ? `minified or generated: ${average} characters per line on average` : undefined;
}

/** Mostly-ASCII UTF-16 has a NUL in (nearly) every other byte and almost none in between; binary formats do not. */
function looksLikeUtf16(bytes: Uint8Array, length: number): boolean {
  const pairs = Math.floor(length / 2);
  if (pairs < 4) return false;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index + 1 < length; index += 2) {
    if (bytes[index] === 0) evenNuls++;
    if (bytes[index + 1] === 0) oddNuls++;
  }
  const [many, few] = oddNuls > evenNuls ? [oddNuls, evenNuls] : [evenNuls, oddNuls];
  return many >= pairs * 0.9 && few <= pairs * 0.02;
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

export function tooLargeReason(size: number, maxSize: number): string {
  return `file too large: ${formatSize(size)} is over the ${formatSize(maxSize)} limit (setting maxFileSizeBytes)`;
}
