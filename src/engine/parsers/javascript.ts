import type { TSESTree } from '@typescript-eslint/typescript-estree';

type TypeScriptEstree = typeof import('@typescript-eslint/typescript-estree');
let estree: TypeScriptEstree | undefined;

/**
 * typescript-estree (and the typescript compiler it requires) is loaded on the first parse, not when the engine
 * is: commands that parse nothing (`graph --no-findings`, `dockerfile`, `--help`) start without it.
 */
function parse(text: string, options: ReturnType<typeof baseOptions>): TSESTree.Program {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  estree ??= require('@typescript-eslint/typescript-estree') as TypeScriptEstree;
  return estree.parse(text, options);
}

export const SOURCE_EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx'] as const;

export function isSourceFile(fileName: string): boolean {
  return SOURCE_EXTENSIONS.some((extension) => fileName.endsWith(extension));
}

export type ParseOutcome =
  | { ok: true; program: TSESTree.Program }
  | { ok: false; reason: string };

export function baseOptions(filePath: string, jsx: boolean, comment: boolean) {
  return {
    filePath,
    jsx,
    loc: true,
    range: true,
    // Comments are only read for suppression directives: converting them costs a tenth of the parse.
    comment,
    tokens: false,
    // JSDoc is never read by a rule; skipping it is most of the parse time on commented JavaScript.
    jsDocParsingMode: 'none' as const,
    errorOnUnknownASTType: false,
    // What TypeScript parses is analysed: the ESTree grammar checks (modifier placement, `let` declarations where
    // a statement is expected, and the like) matter to a linter, not to finding migration blockers, and cost a
    // sixth of the parse. TypeScript's own syntax errors still fail the parse.
    allowInvalidAST: true,
    suppressDeprecatedPropertyWarnings: true,
  };
}

/** Parses once; JavaScript is tried with JSX first (as most bundlers accept it) and without JSX on failure. */
export function parseSource(filePath: string, text: string): ParseOutcome {
  const isTypeScript = /\.[cm]?tsx?$/.test(filePath);
  const comment = text.includes('cloudward-disable');
  const wantsJsx = filePath.endsWith('x') || !isTypeScript;
  try {
    return { ok: true, program: parse(text, baseOptions(filePath, wantsJsx, comment)) };
  } catch (firstError) {
    if (wantsJsx && !filePath.endsWith('x')) {
      try {
        return { ok: true, program: parse(text, baseOptions(filePath, false, comment)) };
      } catch {
        // report the first error: it is the one for the dialect the file most likely uses
      }
    }
    return { ok: false, reason: describeParseError(firstError) };
  }
}

export function describeParseError(error: unknown): string {
  if (error instanceof RangeError) return 'too deeply nested to parse: the parser ran out of stack';
  const parseError = error as { lineNumber?: number; column?: number; message?: string };
  const where = parseError.lineNumber !== undefined ? ` at ${parseError.lineNumber}:${(parseError.column ?? 0) + 1}` : '';
  return `syntax error${where}: ${String(parseError.message ?? error).split('\n')[0]}`;
}
