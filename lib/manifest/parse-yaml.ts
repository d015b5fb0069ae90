/**
 * The entry point for reading YAML/JSON manifests: the fast parser for the Kubernetes subset,
 * with a per-document fallback to the reference parser (`yaml`) for everything else.
 */
import { parseDocumentFast, splitDocuments, TooDeep, Unsupported, type DocSpan, type LineTable } from './parse-yaml-fast.js';
import { parseYamlReference } from './parse-yaml-reference.js';
import { MAX_NESTING, TOO_DEEP } from './yaml-value.js';
import type { FieldPath, ParsedStream, SourceDoc, SourceError } from './source.js';

// Characters whose handling (line breaks, BOM, controls) we leave to the reference parser.
const SPECIAL_CHARS = /[\r\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

/**
 * Parses a YAML or JSON stream into documents and errors; same results as parseYamlReference.
 * Input built to exhaust the parser (an alias bomb, nesting deeper than the stack) is an error
 * of the input, reported like a syntax error.
 */
export function parseYamlStream(text: string): ParsedStream {
  try {
    return parseStream(text);
  } catch (e) {
    if (e instanceof RangeError) return { docs: [], errors: [{ line: 1, message: 'nesting too deep to read (thousands of levels of [ or {)' }] };
    if (e instanceof ReferenceError && /alias/i.test(e.message))
      return { docs: [], errors: [{ line: 1, message: `${e.message.replace(/ indicates .*/, '')}: aliases expand to too many nodes (an "alias bomb")` }] };
    throw e;
  }
}

function parseStream(text: string): ParsedStream {
  if (startsLikeJson(text)) {
    const json = parseJson(text);
    if (json) return json;
  }
  const original = text;
  // CRLF line ends: `yaml` reads values as with \n, and lines keep their numbers. (Errors come
  // from the original text: their messages may quote the \r.)
  if (text.includes('\r\n')) text = text.replace(/\r\n/g, '\n');
  if (SPECIAL_CHARS.test(text)) return parseYamlReference(original);
  const spans = splitDocuments(text);
  if (!spans) return parseYamlReference(original);
  const docs: SourceDoc[] = [];
  const errors: SourceError[] = [];
  for (let index = 0; index < spans.length; index++) {
    const span = spans[index]!;
    const fast = tryFast(text, span, index);
    if (fast instanceof TooDeep) {
      errors.push({ line: fast.line, message: TOO_DEEP });
      continue;
    }
    if (fast) {
      docs.push(fast);
      continue;
    }
    const ref = parseYamlReference(text.slice(span.start, span.end), span.line - 1);
    // After a syntax error `yaml` may split the rest of the stream differently from us (an
    // unclosed `[` swallows the following lines): errors come from a parse of the whole stream.
    if (ref.errors.length > 0 || ref.docs.length !== 1) return parseYamlReference(original);
    docs.push(withIndex(ref.docs[0]!, index));
  }
  return { docs, errors };
}

function tryFast(text: string, span: DocSpan, index: number): SourceDoc | TooDeep | undefined {
  try {
    const { value, startLine } = parseDocumentFast(text, span, false);
    return new FastSourceDoc(text, span, value, index, startLine);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    if (e instanceof TooDeep) return e;
    throw e;
  }
}

function withIndex(d: SourceDoc, index: number): SourceDoc {
  return { value: d.value, index, startLine: d.startLine, lineOf: (p) => d.lineOf(p) };
}

/** A document read by the fast parser; key/item lines are computed on the first lineOf. */
class FastSourceDoc implements SourceDoc {
  private tracked: { value: unknown; lines: LineTable } | undefined;

  constructor(
    private readonly text: string,
    private readonly span: DocSpan,
    readonly value: unknown,
    readonly index: number,
    readonly startLine: number,
  ) {}

  lineOf(path: FieldPath): number {
    if (!this.tracked) {
      // Positions are only needed for messages: re-parse this document once, recording lines.
      const again = parseDocumentFast(this.text, this.span, true);
      this.tracked = { value: again.value, lines: again.lines! };
    }
    return lineInTable(this.tracked.value, this.tracked.lines, path, this.startLine);
  }
}

/** Same walk as the reference's deepestOffset, over our line table. */
function lineInTable(root: unknown, table: LineTable, path: FieldPath, startLine: number): number {
  let node = root;
  let line = startLine;
  for (const key of path) {
    if (node === null || typeof node !== 'object') break;
    const lines = table.get(node);
    if (Array.isArray(node)) {
      if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key >= node.length) break;
      line = (lines as number[])[key]!;
      node = node[key];
    } else {
      const keyLine = typeof key === 'string' ? (lines as Map<string, number>).get(key) : undefined;
      if (keyLine === undefined) break;
      line = keyLine;
      node = (node as Record<string, unknown>)[key as string];
    }
  }
  return line;
}

function startsLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) continue;
    return c === 0x7b || c === 0x5b;
  }
  return false;
}

/**
 * JSON input: JSON.parse gives the value; duplicate keys (which JSON.parse silently merges)
 * are detected by comparing the number of `"…":` tokens with the keys of the result.
 * Returns undefined (the YAML path takes over) for invalid JSON or duplicate keys.
 */
function parseJson(text: string): ParsedStream | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Deep nesting (recursion below) and numbers JSON.parse makes infinite (`1e400`, a string
  // for kubectl) are left to the YAML path.
  if (!isShallowAndFinite(value) || countKeyTokens(text) !== countKeys(value)) return undefined;
  let first = 0;
  while (/\s/.test(text[first]!)) first++;
  const startLine = countLines(text, first);
  let ref: ParsedStream | undefined;
  const doc: SourceDoc = {
    value,
    index: 0,
    startLine,
    lineOf(path) {
      ref ??= parseYamlReference(text);
      return ref.docs[0]?.lineOf(path) ?? startLine;
    },
  };
  return { docs: [doc], errors: [] };
}

/** True when `value` nests at most MAX_NESTING collections and holds no infinite number. */
function isShallowAndFinite(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'number' && !Number.isFinite(v)) return false;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_NESTING) return false;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return true;
}

function countLines(text: string, end: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Number of object keys in valid JSON text: strings followed by a colon. */
function countKeyTokens(text: string): number {
  let n = 0;
  let i = text.indexOf('"');
  while (i !== -1) {
    let j = i + 1;
    for (;;) {
      j = text.indexOf('"', j);
      let b = j - 1;
      while (text.charCodeAt(b) === 0x5c) b--;
      if ((j - 1 - b) % 2 === 0) break; // an even number of backslashes: a real closing quote
      j++;
    }
    let k = j + 1;
    for (let c = text.charCodeAt(k); c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d; c = text.charCodeAt(++k));
    if (text.charCodeAt(k) === 0x3a) n++;
    i = text.indexOf('"', k);
  }
  return n;
}

function countKeys(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const v of value) n += countKeys(v);
    return n;
  }
  for (const k in value) n += 1 + countKeys((value as Record<string, unknown>)[k]);
  return n;
}
