import * as path from 'node:path';
import type * as TypeScript from 'typescript';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ParseSettings } from '@typescript-eslint/typescript-estree/use-at-your-own-risk';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { baseOptions, describeParseError, type ParseOutcome } from './javascript';

type EstreeInternals = typeof import('@typescript-eslint/typescript-estree/use-at-your-own-risk');
let ts: typeof TypeScript;
let astConverter: EstreeInternals['astConverter'];
let getScriptKind: EstreeInternals['getScriptKind'];

/** Loaded on first use, as parseSource loads typescript-estree: commands that parse nothing start without them. */
function loadParsers(): void {
  if (ts !== undefined) return;
  /* eslint-disable @typescript-eslint/no-require-imports */
  ts = require('typescript') as typeof TypeScript;
  ({ astConverter, getScriptKind } = require('@typescript-eslint/typescript-estree/use-at-your-own-risk') as EstreeInternals);
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * Re-parses a file being edited, producing exactly what `parseSource` produces for the same text, in a
 * fraction of the time: TypeScript's incremental parser re-reads only the edited region, and top-level
 * statements TypeScript kept unchanged keep their ESTree from the previous result (moved to their new
 * position) instead of being converted again.
 *
 * Ownership: a Program returned for a file shares its unchanged statements with the next Program
 * returned for the same file, and those statements' positions are moved in place. Use only the newest
 * Program of a file; an older one must be treated as spent once the file is parsed again.
 */
export class IncrementalParser {
  private readonly files = new Map<string, FileState>();

  /** @param capacity how many files keep their syntax trees (least recently parsed dropped first) */
  constructor(private readonly capacity = 4) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  /** Same outcome as `parseSource(filePath, text)`, reusing this file's previous parse. */
  parse(filePath: string, text: string): ParseOutcome {
    loadParsers();
    const state = this.touch(filePath);
    // Comments are converted only when a suppression directive may be present, as parseSource does.
    const comment = text.includes('cloudward-disable');
    let firstError: unknown;
    for (let index = 0; index < state.dialects.length; index++) {
      try {
        return { ok: true, program: parseDialect(state.dialects[index], filePath, text, comment) };
      } catch (error) {
        if (index === 0) firstError = error;
      }
    }
    return { ok: false, reason: describeParseError(firstError) };
  }

  /** Drops what is kept for a file (closed editor, deleted file). */
  forget(filePath: string): void {
    this.files.delete(filePath);
  }

  clear(): void {
    this.files.clear();
  }

  /** Files currently kept, least recently parsed first. */
  keptFiles(): string[] {
    return [...this.files.keys()];
  }

  private touch(filePath: string): FileState {
    let state = this.files.get(filePath);
    if (state) this.files.delete(filePath);
    else state = { dialects: dialectsFor(filePath).map((dialect) => ({ ...dialect, parsed: undefined })) };
    this.files.set(filePath, state);
    while (this.files.size > this.capacity) this.files.delete(this.files.keys().next().value as string);
    return state;
  }
}

interface FileState {
  /** The dialects parseSource tries, in its order; the second is parsed only when the first fails. */
  dialects: DialectState[];
}

interface DialectState {
  jsx: boolean;
  scriptKind: TypeScript.ScriptKind;
  parsed: ParsedText | undefined;
}

interface ParsedText {
  text: string;
  sourceFile: TypeScript.SourceFile;
  /** Made by TypeScript's incremental parser, whose list of syntax errors can differ from a fresh parse's. */
  fromUpdate: boolean;
  /** ESTree of top-level statements from the last successful conversion, by their TypeScript node. */
  converted: Map<TypeScript.Statement, ConvertedStatement>;
}

interface ConvertedStatement {
  tree: TSESTree.ProgramStatement;
  /** The TypeScript node's `pos` when `tree` was last positioned: TypeScript moves reused nodes in place. */
  pos: number;
  /** The comments of the statement's own tokens, positioned with `tree`; only kept from a parse that listed comments. */
  comments: TSESTree.Comment[] | undefined;
}

/**
 * parseSource tries JSX first for JavaScript and files of unknown extension, then without JSX. typescript-estree
 * derives the script kind from known extensions whatever `jsx` says, so for those the retry would parse the
 * same text the same way and fail the same way: it is left out.
 */
function dialectsFor(filePath: string): { jsx: boolean; scriptKind: TypeScript.ScriptKind }[] {
  const isTypeScript = /\.[cm]?tsx?$/.test(filePath);
  const wantsJsx = filePath.endsWith('x') || !isTypeScript;
  const absolute = absolutePath(filePath);
  const first = { jsx: wantsJsx, scriptKind: getScriptKind(absolute, wantsJsx) };
  if (!wantsJsx || filePath.endsWith('x')) return [first];
  const retry = { jsx: false, scriptKind: getScriptKind(absolute, false) };
  return retry.scriptKind === first.scriptKind ? [first] : [first, retry];
}

/** typescript-estree resolves the path against its root folder; only the extension and a `.d.ts` suffix matter to the parse. */
function absolutePath(filePath: string): string {
  return path.resolve(filePath);
}

function parseDialect(dialect: DialectState, filePath: string, text: string, comment: boolean): TSESTree.Program {
  const previous = dialect.parsed;
  let sourceFile: TypeScript.SourceFile | undefined;
  let converted = previous?.converted ?? new Map<TypeScript.Statement, ConvertedStatement>();
  if (previous && previous.text === text) sourceFile = previous.sourceFile;
  else if (previous) {
    try {
      sourceFile = ts.updateSourceFile(previous.sourceFile, text, changeBetween(previous.text, text));
    } catch {
      // The update moves the old tree's nodes as it goes: after a failure neither it nor what was converted from it can be trusted.
      dialect.parsed = undefined;
      converted = new Map();
    }
  }
  const fromUpdate = sourceFile === undefined ? false : sourceFile === previous?.sourceFile ? previous.fromUpdate : true;
  sourceFile ??= createSourceFile(filePath, text, dialect.scriptKind);
  const parsed: ParsedText = { text, sourceFile, fromUpdate, converted };
  dialect.parsed = parsed;
  const settings = converterSettings(filePath, dialect.jsx, comment);
  if (fromUpdate && syntaxErrorsOf(sourceFile).length > 0) {
    // TypeScript's incremental parser builds the same tree but can leave out a syntax error a fresh parse
    // reports (seen with unclosed JSX elements), so the first error, the skip reason, comes from a fresh parse.
    // It is needed only for text that does not parse, which a fresh parse rejects without converting anything.
    const fresh = createSourceFile(filePath, text, dialect.scriptKind);
    if (syntaxErrorsOf(fresh).length > 0) astConverter(fresh, settings, false);
    // Never seen: the incremental parser reporting an error a fresh parse does not. The fresh tree is then the one to use.
    parsed.sourceFile = fresh;
    parsed.fromUpdate = false;
    parsed.converted = new Map();
    const { program, statements } = convert(fresh, settings, parsed.converted);
    parsed.converted = statements;
    return program;
  }
  const { program, statements } = convert(sourceFile, settings, converted);
  parsed.converted = statements;
  return program;
}

function syntaxErrorsOf(sourceFile: TypeScript.SourceFile): readonly unknown[] {
  return (sourceFile as unknown as { parseDiagnostics: readonly unknown[] }).parseDiagnostics;
}

/** As typescript-estree's createSourceFile does for a parse without type information. */
function createSourceFile(filePath: string, text: string, scriptKind: TypeScript.ScriptKind): TypeScript.SourceFile {
  const absolute = absolutePath(filePath);
  const extension = path.extname(absolute).toLowerCase();
  // typescript-estree marks .mjs and .mts files as modules when no sourceType is given (parseSource gives none).
  const alwaysModule = extension === ts.Extension.Mjs || extension === ts.Extension.Mts;
  return ts.createSourceFile(
    absolute,
    text,
    {
      languageVersion: ts.ScriptTarget.Latest,
      jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
      setExternalModuleIndicator: alwaysModule ? (file) => ((file as { externalModuleIndicator?: unknown }).externalModuleIndicator = true) : undefined,
    },
    /* setParentNodes */ true,
    scriptKind,
  );
}

/** The settings astConverter reads, from parseSource's options, mapped as typescript-estree's createParseSettings maps them. */
function converterSettings(filePath: string, jsx: boolean, comment: boolean): ParseSettings {
  const options = baseOptions(filePath, jsx, comment);
  return {
    allowInvalidAST: options.allowInvalidAST,
    comment: options.comment,
    errorOnUnknownASTType: options.errorOnUnknownASTType,
    loc: options.loc,
    range: options.range,
    suppressDeprecatedPropertyWarnings: options.suppressDeprecatedPropertyWarnings,
    tokens: options.tokens ? [] : null,
  } as unknown as ParseSettings;
}

/** The edit between two texts as one replaced span: their common prefix and suffix are unchanged. */
export function changeBetween(before: string, after: string): TypeScript.TextChangeRange {
  loadParsers();
  const shorter = Math.min(before.length, after.length);
  // Whole blocks first: comparing two slices is done natively, far faster than a loop over characters.
  let start = 0;
  while (start + BLOCK <= shorter && before.slice(start, start + BLOCK) === after.slice(start, start + BLOCK)) start += BLOCK;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  const room = shorter - start;
  let suffix = 0;
  while (suffix + BLOCK <= room && before.slice(before.length - suffix - BLOCK, before.length - suffix) === after.slice(after.length - suffix - BLOCK, after.length - suffix)) suffix += BLOCK;
  while (suffix < room && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return ts.createTextChangeRange(ts.createTextSpan(start, before.length - suffix - start), after.length - suffix - start);
}

const BLOCK = 256;

/**
 * Converts the statements that changed and moves the ESTree of those that did not. A statement is taken over
 * only when TypeScript reused its node (so its text is unchanged), it still starts at the same column (so every
 * column inside it is unchanged and only lines move), and it cannot be a directive (whether a string statement
 * is a directive depends on the statements before it).
 */
function convert(
  sourceFile: TypeScript.SourceFile,
  settings: ParseSettings,
  previous: Map<TypeScript.Statement, ConvertedStatement>,
): { program: TSESTree.Program; statements: Map<TypeScript.Statement, ConvertedStatement> } {
  const statements = sourceFile.statements;
  const moves: (Move | undefined)[] = new Array(statements.length);
  const changed: TypeScript.Statement[] = [];
  for (let index = 0; index < statements.length; index++) {
    const statement = statements[index];
    const earlier = isDirectiveCandidate(statement) ? undefined : previous.get(statement);
    const move = earlier && moveOf(earlier, statement, sourceFile);
    if (move) moves[index] = move;
    else changed.push(statement);
  }
  // Comments are collected here, statement by statement, so that unchanged statements keep theirs too.
  const withoutComments = { ...settings, comment: false } as ParseSettings;
  // astConverter throws TypeScript's first syntax error before converting anything, as a full parse does.
  const view = changed.length === statements.length ? sourceFile : onlyStatements(sourceFile, changed);
  const { estree } = astConverter(view, withoutComments, false);
  if (estree.body.length !== changed.length) {
    // Never seen: the converter drops nothing at the top level. A full conversion keeps the result right if it ever does.
    const full = astConverter(sourceFile, settings, false).estree;
    return { program: full, statements: new Map() };
  }
  const body: TSESTree.ProgramStatement[] = new Array(statements.length);
  let next = 0;
  let prologue = true;
  for (let index = 0; index < statements.length; index++) {
    const move = moves[index];
    if (move) {
      moveTree(move.tree, move.offsetDelta, move.lineDelta);
      body[index] = move.tree;
      prologue = false;
      continue;
    }
    const tree = estree.body[next++];
    if (isDirectiveCandidate(statements[index])) {
      // The converter marked directives from the first converted statement on; only the file's prologue holds them.
      const statement = tree as TSESTree.ExpressionStatement;
      statement.directive = prologue ? (statement.expression as TSESTree.StringLiteral).raw.slice(1, -1) : (undefined as unknown as string);
    } else {
      prologue = false;
    }
    body[index] = tree;
  }
  estree.body = body;
  for (let index = 0; index < statements.length; index++) {
    // A caller's walk gave taken-over statements the previous Program as parent: pointing them at the new one
    // keeps the tree consistent and lets the previous Program be collected.
    const statement = body[index] as TSESTree.ProgramStatement & { parent?: TSESTree.Node };
    if (moves[index] && statement.parent !== undefined) statement.parent = estree;
  }
  const kept = new Map<TypeScript.Statement, ConvertedStatement>();
  for (let index = 0; index < statements.length; index++) {
    if (!isDirectiveCandidate(statements[index])) kept.set(statements[index], { tree: body[index], pos: statements[index].pos, comments: undefined });
  }
  if (settings.comment) estree.comments = collectComments(sourceFile, moves, kept);
  return { program: estree, statements: kept };
}

/**
 * The comments typescript-estree lists (ts-api-utils' walk over every token, in order), gathered per statement:
 * the comments a statement's own tokens carry, then those trailing its last token (which lie in the next
 * statement's text, so they are always read again), then the end of the file's. An unchanged statement keeps its
 * own comments, moved; except at offset 0, where leading comments include those on the same line.
 */
function collectComments(sourceFile: TypeScript.SourceFile, moves: readonly (Move | undefined)[], kept: Map<TypeScript.Statement, ConvertedStatement>): TSESTree.Comment[] {
  const comments: TSESTree.Comment[] = [];
  const statements = sourceFile.statements;
  for (let index = 0; index < statements.length; index++) {
    const statement = statements[index];
    const move = moves[index];
    let own: TSESTree.Comment[];
    if (move?.comments && move.pos !== 0 && statement.pos !== 0) {
      own = move.comments;
      for (const comment of own) {
        comment.range = [comment.range[0] + move.offsetDelta, comment.range[1] + move.offsetDelta];
        comment.loc = locationOf(comment.range, sourceFile);
      }
    } else {
      own = ownComments(statement, sourceFile);
    }
    const entry = kept.get(statement);
    if (entry) entry.comments = own;
    comments.push(...own);
    const last = statement.getLastToken(sourceFile);
    if (last && last.pos !== last.end && mayHaveTrailingComments(last, sourceFile)) collectTrailing(sourceFile, statement.end, comments);
  }
  const endOfFile = sourceFile.endOfFileToken;
  if (endOfFile.pos !== endOfFile.end) collectLeading(sourceFile, endOfFile.pos, comments);
  return comments;
}

function ownComments(node: TypeScript.Node, sourceFile: TypeScript.SourceFile): TSESTree.Comment[] {
  const comments: TSESTree.Comment[] = [];
  for (const token of tokensOf(node, sourceFile)) {
    if (token.pos === token.end) continue;
    if (token.kind !== ts.SyntaxKind.JsxText) collectLeading(sourceFile, token.pos, comments);
    // The last token's trailing comments lie after the node: collectComments reads them with the next statement's text.
    if (token.end < node.end && mayHaveTrailingComments(token, sourceFile)) collectTrailing(sourceFile, token.end, comments);
  }
  return comments;
}

/** The tokens under a node in source order, as ts-api-utils' iterateTokens finds them. */
function* tokensOf(node: TypeScript.Node, sourceFile: TypeScript.SourceFile): Generator<TypeScript.Node> {
  const pending: TypeScript.Node[] = [node];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (ts.isTokenKind(current.kind)) {
      yield current;
      continue;
    }
    const children = current.getChildren(sourceFile);
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]);
  }
}

function collectLeading(sourceFile: TypeScript.SourceFile, pos: number, comments: TSESTree.Comment[]): void {
  // A shebang is not a comment: at offset 0 comments start after it.
  const from = pos === 0 ? (ts.getShebang(sourceFile.text) ?? '').length : pos;
  ts.forEachLeadingCommentRange(sourceFile.text, from, (start, end, kind) => void comments.push(commentAt(sourceFile, start, end, kind)));
}

function collectTrailing(sourceFile: TypeScript.SourceFile, pos: number, comments: TSESTree.Comment[]): void {
  ts.forEachTrailingCommentRange(sourceFile.text, pos, (start, end, kind) => void comments.push(commentAt(sourceFile, start, end, kind)));
}

function commentAt(sourceFile: TypeScript.SourceFile, start: number, end: number, kind: TypeScript.CommentKind): TSESTree.Comment {
  const line = kind === ts.SyntaxKind.SingleLineCommentTrivia;
  const range: [number, number] = [start, end];
  return {
    type: (line ? 'Line' : 'Block') as TSESTree.Comment['type'],
    loc: locationOf(range, sourceFile),
    range,
    value: sourceFile.text.slice(start, end).slice(2, line ? undefined : -2),
  } as TSESTree.Comment;
}

function locationOf(range: readonly [number, number], sourceFile: TypeScript.SourceFile): TSESTree.SourceLocation {
  const start = sourceFile.getLineAndCharacterOfPosition(range[0]);
  const end = sourceFile.getLineAndCharacterOfPosition(range[1]);
  return { start: { line: start.line + 1, column: start.character }, end: { line: end.line + 1, column: end.character } };
}

/** Inside JSX, text after some closing tokens is JSX text, not trivia (as ts-api-utils decides). */
function mayHaveTrailingComments(token: TypeScript.Node, sourceFile: TypeScript.SourceFile): boolean {
  if (sourceFile.languageVariant !== ts.LanguageVariant.JSX) return true;
  const parent = token.parent;
  const isElementOrFragment = (node: TypeScript.Node | undefined) => node !== undefined && (ts.isJsxElement(node) || ts.isJsxFragment(node));
  switch (token.kind) {
    case ts.SyntaxKind.CloseBraceToken:
      return parent.kind !== ts.SyntaxKind.JsxExpression || !isElementOrFragment(parent.parent);
    case ts.SyntaxKind.GreaterThanToken:
      switch (parent.kind) {
        case ts.SyntaxKind.JsxClosingElement:
        case ts.SyntaxKind.JsxClosingFragment:
          return !isElementOrFragment(parent.parent.parent);
        case ts.SyntaxKind.JsxOpeningElement:
          return token.end !== parent.end;
        case ts.SyntaxKind.JsxOpeningFragment:
          return false;
        case ts.SyntaxKind.JsxSelfClosingElement:
          return token.end !== parent.end || !isElementOrFragment(parent.parent);
      }
  }
  return true;
}

const childKeys = visitorKeys as Record<string, readonly string[] | undefined>;

interface Move {
  tree: TSESTree.ProgramStatement;
  offsetDelta: number;
  lineDelta: number;
  /** Where the statement was, and its own comments then, if they were collected. */
  pos: number;
  comments: TSESTree.Comment[] | undefined;
}

function moveOf(earlier: ConvertedStatement, statement: TypeScript.Statement, sourceFile: TypeScript.SourceFile): Move | undefined {
  const offsetDelta = statement.pos - earlier.pos;
  const start = earlier.tree.range[0] + offsetDelta;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(start);
  if (character !== earlier.tree.loc.start.column) return undefined;
  return { tree: earlier.tree, offsetDelta, lineDelta: line + 1 - earlier.tree.loc.start.line, pos: earlier.pos, comments: earlier.comments };
}

function isDirectiveCandidate(statement: TypeScript.Statement): boolean {
  return ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression);
}

/**
 * The source file as the converter should see it: only the given statements, everything else (text, line
 * map, end-of-file token, module indicator) from the real file. Token searches that start at the file
 * (type arguments, `export` keywords) get the real file's children, as in a full conversion.
 */
function onlyStatements(sourceFile: TypeScript.SourceFile, statements: TypeScript.Statement[]): TypeScript.SourceFile {
  // Computed once on the real file, so the view reads it instead of computing its own.
  sourceFile.getLineStarts();
  return Object.create(sourceFile, {
    statements: { value: statements },
    getChildren: { value: () => sourceFile.getChildren(sourceFile) },
  }) as TypeScript.SourceFile;
}

/**
 * Moves a converted statement by whole lines and offsets. Every node gets new range and loc objects, never
 * shifted in place: typescript-estree shares some of them between a node and its child. The tree is followed
 * by its visitor keys (a converted tree reaches each node once that way, and every positioned object is a node
 * there); a generic walk of every property, with a set of the objects seen, cost more than the rest of the
 * keystroke's parse.
 */
function moveTree(root: TSESTree.Node, offsetDelta: number, lineDelta: number): void {
  if (offsetDelta === 0 && lineDelta === 0) return;
  const pending: TSESTree.Node[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const range = node.range;
    node.range = [range[0] + offsetDelta, range[1] + offsetDelta];
    // Typing within a line moves offsets only: most moves leave every loc as it is.
    if (lineDelta !== 0) {
      const loc = node.loc;
      node.loc = {
        start: { line: loc.start.line + lineDelta, column: loc.start.column },
        end: { line: loc.end.line + lineDelta, column: loc.end.column },
      };
    }
    // A node type the visitor keys do not list (a TypeScript kind newer than them, copied as it is) is followed
    // through all of its properties.
    const keys = childKeys[node.type] ?? Object.keys(node).filter((key) => key !== 'parent' && key !== 'range' && key !== 'loc');
    for (const key of keys) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (child === null || typeof child !== 'object') continue;
      if (Array.isArray(child)) {
        for (const element of child) if (isNode(element)) pending.push(element);
      } else if (isNode(child)) {
        pending.push(child);
      }
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}
