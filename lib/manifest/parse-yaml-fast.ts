/**
 * A fast parser for the YAML subset Kubernetes manifests use (block mappings and sequences,
 * one-line scalars, block scalars, one-line flow collections). It agrees exactly with the
 * reference parser (the `yaml` library's syntax, kubectl's values) on that subset and throws
 * `Unsupported` on anything else, so that the caller can re-parse the document with it.
 */
import { UNSUPPORTED, readDoubleQuoted, readSingleQuoted, resolvePlain } from './parse-yaml-scalars.js';
import { MAX_NESTING } from './yaml-value.js';

export { Unsupported } from './parse-yaml-scalars.js';

/**
 * Nesting beyond MAX_NESTING: an error of the document at `line`, reported without the
 * reference parser (whose parser slows down and whose composer overflows on such input).
 */
export class TooDeep extends Error {
  constructor(readonly line: number) {
    super('too deep');
  }
}

/** Line of each key (objects) or item (arrays) of a container, recorded only on demand. */
export type LineTable = Map<object, Map<string, number> | number[]>;

/** One document of a stream: text offsets and the 1-based line where its text starts. */
export interface DocSpan {
  start: number;
  end: number;
  line: number;
  /** The document starts with a `---` marker line. */
  explicit: boolean;
}

export interface FastDoc {
  value: unknown;
  startLine: number;
  lines: LineTable | undefined;
}

const SP = 0x20;
const NL = 0x0a;
const TAB = 0x09;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;

/**
 * Splits a stream into documents at `---` and `...` lines. Returns undefined when the stream
 * has directives (`%`), text after `...` or a `...` outside a document: only the reference
 * parser handles those.
 */
export function splitDocuments(src: string): DocSpan[] | undefined {
  const docs: DocSpan[] = [];
  let current: DocSpan | undefined;
  let line = 1;
  for (let ls = 0; ls < src.length; line++) {
    let le = src.indexOf('\n', ls);
    if (le === -1) le = src.length;
    const c = src.charCodeAt(ls);
    if ((c === DASH || c === 0x2e) && isMarker(src, ls, le, c)) {
      // `yaml` reads a `...` that ends no document as an empty document: leave it to the reference.
      if (c !== DASH && (!current || !restIsBlank(src, ls + 3, le))) return undefined;
      if (current) current.end = ls;
      current = undefined;
      if (c === DASH) {
        current = { start: ls, end: src.length, line, explicit: true };
        docs.push(current);
      }
    } else if (c === 0x25) {
      return undefined;
    } else if (!current && !restIsBlank(src, ls, le)) {
      current = { start: ls, end: src.length, line, explicit: false };
      docs.push(current);
    }
    ls = le + 1;
  }
  return docs;
}

function isMarker(src: string, ls: number, le: number, c: number): boolean {
  if (src.charCodeAt(ls + 1) !== c || src.charCodeAt(ls + 2) !== c) return false;
  const after = ls + 3;
  if (after >= le) return true;
  const n = src.charCodeAt(after);
  return n === SP || n === TAB;
}

/** True when [p, le) holds only spaces/tabs, optionally followed by a comment. */
function restIsBlank(src: string, p: number, le: number): boolean {
  while (p < le) {
    const c = src.charCodeAt(p);
    if (c === HASH) return true;
    if (c !== SP && c !== TAB) return false;
    p++;
  }
  return true;
}

function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  // Same as `yaml`'s toJS: `__proto__` becomes an own property, never the prototype.
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Characters that cannot start a plain scalar (block context), so we hand them to the reference. */
function isIndicator(c: number): boolean {
  switch (c) {
    case 0x2d: // -
    case 0x3f: // ?
    case 0x3a: // :
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case 0x23: // #
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case 0x27: // '
    case 0x22: // "
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
    case TAB:
      return true;
    default:
      return false;
  }
}

function isFlowStop(c: number): boolean {
  return c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

/** Parses one document of `src` (the whole stream) between `span.start` and `span.end`. */
export function parseDocumentFast(src: string, span: DocSpan, track: boolean): FastDoc {
  return new BlockParser(src, span, track).parseDocument();
}

class BlockParser {
  private readonly src: string;
  private readonly span: DocSpan;
  private readonly end: number;
  private readonly lines: LineTable | undefined;
  // The current content line: [lineStart, lineEnd), its indentation and 1-based number.
  private lineStart = 0;
  private lineEnd = 0;
  private indent = 0;
  private lineNo = 0;
  private pos = 0;
  private eof = false;
  /** Line of the value last read by `valueAfterIndicator` (for sequence items). */
  private itemLine = 0;
  /** Collections open around the current position (beyond MAX_NESTING: TooDeep). */
  private depth = 0;

  constructor(src: string, span: DocSpan, track: boolean) {
    this.src = src;
    this.span = span;
    this.end = span.end;
    this.lines = track ? new Map() : undefined;
  }

  parseDocument(): FastDoc {
    const { span } = this;
    if (span.explicit) {
      let le = this.src.indexOf('\n', span.start);
      if (le === -1 || le > this.end) le = this.end;
      if (!restIsBlankAfterMarker(this.src, span.start + 3, le)) throw UNSUPPORTED;
      this.seek(le + 1, span.line + 1);
    } else {
      this.seek(span.start, span.line);
    }
    if (this.eof) return { value: null, startLine: span.line, lines: this.lines };
    const startLine = this.lineNo;
    const value = this.parseNodeAtLine();
    if (!this.eof) throw UNSUPPORTED;
    return { value, startLine, lines: this.lines };
  }

  /** Moves to the first content line at or after offset `ls` (numbered `lineNo`). */
  private seek(ls: number, lineNo: number): void {
    const { src, end } = this;
    while (ls < end) {
      let p = ls;
      while (src.charCodeAt(p) === SP) p++;
      const c = src.charCodeAt(p);
      if (c === NL || p >= end) {
        ls = p + 1;
        lineNo++;
        continue;
      }
      if (c === TAB) throw UNSUPPORTED;
      let le = src.indexOf('\n', p);
      if (le === -1 || le > end) le = end;
      if (c === HASH) {
        ls = le + 1;
        lineNo++;
        continue;
      }
      this.lineStart = ls;
      this.lineEnd = le;
      this.indent = p - ls;
      this.pos = p;
      this.lineNo = lineNo;
      return;
    }
    this.eof = true;
  }

  private nextLine(): void {
    this.seek(this.lineEnd + 1, this.lineNo + 1);
  }

  private isSeqIndicator(p: number): boolean {
    if (this.src.charCodeAt(p) !== DASH) return false;
    return p + 1 >= this.lineEnd || this.src.charCodeAt(p + 1) === SP;
  }

  /**
   * A node starting a fresh line. A scalar or flow collection here is followed by a check in
   * the caller: the enclosing collection's loop, or the end-of-document check at the root.
   */
  private parseNodeAtLine(): unknown {
    if (this.isSeqIndicator(this.pos)) return this.parseSequence(this.indent);
    const c = this.src.charCodeAt(this.pos);
    // Block scalars on their own line (or at the root) have other indentation rules.
    if (c === 0x7c || c === 0x3e) throw UNSUPPORTED;
    return this.inlineValue(this.pos, Number.MAX_SAFE_INTEGER, true);
  }

  private parseSequence(indent: number): unknown[] {
    if (++this.depth > MAX_NESTING) throw new TooDeep(this.lineNo);
    const arr = this.sequenceItems(indent);
    this.depth--;
    return arr;
  }

  private sequenceItems(indent: number): unknown[] {
    const arr: unknown[] = [];
    const itemLines: number[] | undefined = this.lines ? [] : undefined;
    if (itemLines) this.lines!.set(arr, itemLines);
    for (;;) {
      this.pos += 1; // the '-'
      arr.push(this.valueAfterIndicator(indent, true));
      itemLines?.push(this.itemLine);
      if (this.eof || this.indent < indent) return arr;
      if (this.indent > indent) throw UNSUPPORTED;
      if (!this.isSeqIndicator(this.pos)) return arr;
    }
  }

  private parseMapping(indent: number): Record<string, unknown> {
    if (++this.depth > MAX_NESTING) throw new TooDeep(this.lineNo);
    const obj = this.mappingPairs(indent);
    this.depth--;
    return obj;
  }

  private mappingPairs(indent: number): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    const keyLines: Map<string, number> | undefined = this.lines ? new Map() : undefined;
    if (keyLines) this.lines!.set(obj, keyLines);
    for (;;) {
      const key = this.readKey();
      // Duplicate keys are errors: the reference parser reports them.
      if (hasOwn.call(obj, key)) throw UNSUPPORTED;
      keyLines?.set(key, this.lineNo);
      setKey(obj, key, this.valueAfterIndicator(indent, false));
      if (this.eof || this.indent < indent) return obj;
      if (this.indent > indent) throw UNSUPPORTED;
    }
  }

  /** Reads `key:` at `pos` and leaves `pos` after the colon. */
  private readKey(): string {
    const { src } = this;
    const p = this.pos;
    const c = src.charCodeAt(p);
    if (c === 0x22 || c === 0x27) {
      const q = c === 0x22 ? readDoubleQuoted(src, p, this.lineEnd) : readSingleQuoted(src, p, this.lineEnd);
      let k = q.end;
      while (src.charCodeAt(k) === SP) k++;
      if (!this.isValueColon(k)) throw UNSUPPORTED;
      this.pos = k + 1;
      return q.value;
    }
    // A plain key may start with '-' when a non-space follows (`-x: 1`).
    if (isIndicator(c) && !(c === DASH && p + 1 < this.lineEnd && src.charCodeAt(p + 1) !== SP)) {
      throw UNSUPPORTED;
    }
    const colon = this.scanPlain(p);
    if (colon < 0) throw UNSUPPORTED;
    let e = colon;
    while (src.charCodeAt(e - 1) === SP) e--;
    // `yaml` limits implicit keys to 1024 characters; `<<` may be a merge key.
    if (e - p > 1000) throw UNSUPPORTED;
    const text = src.slice(p, e);
    if (typeof resolvePlain(text) !== 'string' || text === '<<') throw UNSUPPORTED;
    this.pos = colon + 1;
    return text;
  }

  private isValueColon(k: number): boolean {
    if (this.src.charCodeAt(k) !== COLON) return false;
    return k + 1 >= this.lineEnd || this.src.charCodeAt(k + 1) === SP;
  }

  /** Trimmed end of the plain scalar last scanned by `scanPlain`. */
  private plainEnd = 0;

  /**
   * Scans a block plain scalar from `p`. Returns the offset of a `: ` mapping indicator,
   * or -1 when the scalar ends the line (then `plainEnd` is its trimmed end).
   */
  private scanPlain(p: number): number {
    const { src, lineEnd } = this;
    let i = p;
    for (; i < lineEnd; i++) {
      const c = src.charCodeAt(i);
      if (c === COLON) {
        if (i + 1 >= lineEnd || src.charCodeAt(i + 1) === SP) return i;
      } else if (c === HASH) {
        if (src.charCodeAt(i - 1) === SP) break;
      } else if (c === TAB) {
        throw UNSUPPORTED;
      }
    }
    while (src.charCodeAt(i - 1) === SP) i--;
    this.plainEnd = i;
    return -1;
  }

  /**
   * Parses the value after `key:` or `-` (pos is just after the indicator) and moves to the
   * next content line. `collIndent` is the indentation of the collection holding the value.
   */
  private valueAfterIndicator(collIndent: number, inSeq: boolean): unknown {
    const { src } = this;
    let p = this.pos;
    while (src.charCodeAt(p) === SP) p++;
    const indicatorLine = this.lineNo;
    if (p >= this.lineEnd || src.charCodeAt(p) === HASH) {
      this.nextLine();
      const line = this.lineNo;
      let value: unknown;
      if (this.eof) {
        this.itemLine = indicatorLine;
        return null;
      }
      if (this.indent > collIndent) value = this.parseNodeAtLine();
      else if (!inSeq && this.indent === collIndent && this.isSeqIndicator(this.pos)) value = this.parseSequence(collIndent);
      else {
        this.itemLine = indicatorLine;
        return null;
      }
      this.itemLine = line;
      return value;
    }
    this.pos = p;
    const value = this.inlineValue(p, collIndent, inSeq);
    this.itemLine = indicatorLine;
    return value;
  }

  /** A value starting at offset `p` of the current line; `allowMap`: may be a compact mapping. */
  private inlineValue(p: number, collIndent: number, allowMap: boolean): unknown {
    const { src } = this;
    const c = src.charCodeAt(p);
    const col = p - this.lineStart;
    let value: unknown;
    switch (c) {
      case 0x7c: // |
      case 0x3e: // >
        value = this.parseBlockScalar(collIndent);
        break;
      case 0x22: // "
      case 0x27: {
        const q = c === 0x22 ? readDoubleQuoted(src, p, this.lineEnd) : readSingleQuoted(src, p, this.lineEnd);
        let k = q.end;
        while (src.charCodeAt(k) === SP) k++;
        if (this.isValueColon(k)) {
          if (!allowMap) throw UNSUPPORTED;
          return this.parseMapping(col);
        }
        this.finishLine(q.end);
        value = q.value;
        break;
      }
      case 0x5b: // [
      case 0x7b: {
        const flow = new FlowParser(src, this.lineEnd, this.lineNo, this.lines, this.depth);
        value = flow.node(p);
        this.finishLine(flow.pos);
        break;
      }
      case DASH:
        if (this.isSeqIndicator(p)) {
          if (!allowMap) throw UNSUPPORTED;
          return this.parseSequence(col);
        }
        value = this.plainValue(p, col, allowMap);
        if (value === NESTED_MAP) return this.parseMapping(col);
        break;
      default:
        if (isIndicator(c)) throw UNSUPPORTED;
        value = this.plainValue(p, col, allowMap);
        if (value === NESTED_MAP) return this.parseMapping(col);
    }
    // A scalar must not be followed by a more-indented line (a continuation or an error).
    if (!this.eof && this.indent > collIndent) throw UNSUPPORTED;
    return value;
  }

  /** A plain scalar value; returns NESTED_MAP when it is in fact the key of a compact mapping. */
  private plainValue(p: number, col: number, allowMap: boolean): unknown {
    if (this.scanPlain(p) >= 0) {
      if (!allowMap) throw UNSUPPORTED;
      return NESTED_MAP;
    }
    const value = resolvePlain(this.src.slice(p, this.plainEnd));
    this.nextLine();
    return value;
  }

  /** After a one-line scalar or flow collection ending at `p`: only a comment may follow. */
  private finishLine(p: number): void {
    const { src } = this;
    while (src.charCodeAt(p) === SP) p++;
    if (p < this.lineEnd && !(src.charCodeAt(p) === HASH && src.charCodeAt(p - 1) === SP)) {
      throw UNSUPPORTED;
    }
    this.nextLine();
  }

  /** `|` or `>` block scalar; a port of `yaml`'s resolveBlockScalar over the lines we take. */
  private parseBlockScalar(collIndent: number): string {
    const { src } = this;
    let p = this.pos;
    const folded = src.charCodeAt(p) === 0x3e;
    p++;
    let indicator = 0;
    let chomp = 0; // 0 clip, 1 strip '-', 2 keep '+'
    for (let k = 0; k < 2; k++) {
      const c = src.charCodeAt(p);
      if (chomp === 0 && (c === 0x2d || c === 0x2b)) chomp = c === 0x2d ? 1 : 2;
      else if (indicator === 0 && c >= 0x31 && c <= 0x39) indicator = c - 0x30;
      else break;
      p++;
    }
    if (p < this.lineEnd && src.charCodeAt(p) !== SP) throw UNSUPPORTED;
    while (src.charCodeAt(p) === SP) p++;
    if (p < this.lineEnd && src.charCodeAt(p) !== HASH) throw UNSUPPORTED;

    // Take the lines of the body: blank lines, and lines indented at least as the content.
    const indents: number[] = [];
    const contents: string[] = [];
    let required = indicator > 0 ? collIndent + indicator : -1;
    let ls = this.lineEnd + 1;
    let lineNo = this.lineNo + 1;
    let endsWithNewline = false;
    const end = this.end;
    while (ls < end) {
      let le = src.indexOf('\n', ls);
      if (le === -1 || le > end) le = end;
      let q = ls;
      while (src.charCodeAt(q) === SP) q++;
      const k = q - ls;
      if (q < le) {
        const c = src.charCodeAt(q);
        if (c === TAB && (folded || required < 0 || k < required)) throw UNSUPPORTED;
        if (required < 0) {
          if (k <= collIndent) break;
          required = k;
        } else if (k < required) {
          break;
        }
      }
      indents.push(k);
      contents.push(src.slice(q, le));
      endsWithNewline = le < src.length;
      ls = le + 1;
      lineNo++;
    }
    if (indents.length > 0 && endsWithNewline) {
      indents.push(0);
      contents.push('');
    }
    const value = blockScalarValue(indents, contents, folded, chomp, collIndent + indicator, indicator);
    this.seek(ls, lineNo);
    return value;
  }
}

const NESTED_MAP = Symbol('nested map');

function restIsBlankAfterMarker(src: string, p: number, le: number): boolean {
  if (p >= le) return true;
  // `---#x` is not a marker; isMarker already required a space or tab after `---`.
  return restIsBlank(src, p, le);
}

/** The value computation of `yaml`'s resolveBlockScalar, on [indent, content] lines. */
function blockScalarValue(indents: number[], contents: string[], folded: boolean, chomp: number, initialTrim: number, indicator: number): string {
  const n = indents.length;
  let chompStart = n;
  for (let i = n - 1; i >= 0; --i) {
    if (contents[i] === '') chompStart = i;
    else break;
  }
  if (chompStart === 0) return chomp === 2 && n > 0 ? '\n'.repeat(Math.max(1, n - 1)) : '';
  let trimIndent = initialTrim;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    if (contents[i] === '') {
      if (indicator === 0 && indents[i] > trimIndent) trimIndent = indents[i];
    } else {
      // "more-indented leading empty lines must use an explicit indentation indicator"
      if (indents[i] < trimIndent) throw UNSUPPORTED;
      if (indicator === 0) trimIndent = indents[i];
      contentStart = i;
      break;
    }
  }
  for (let i = n - 1; i >= chompStart; --i) {
    if (indents[i] > trimIndent) chompStart = i + 1;
  }
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += extraIndent(indents[i], trimIndent) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const content = contents[i];
    const ind = indents[i];
    if (content !== '' && ind < trimIndent) throw UNSUPPORTED;
    if (!folded) {
      value += sep + extraIndent(ind, trimIndent) + content;
      sep = '\n';
    } else if (ind > trimIndent || content.charCodeAt(0) === TAB) {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + extraIndent(ind, trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (chomp === 2) {
    for (let i = chompStart; i < n; ++i) value += '\n' + extraIndent(indents[i], trimIndent);
    if (value.charCodeAt(value.length - 1) !== NL) value += '\n';
  } else if (chomp === 0) {
    value += '\n';
  }
  return value;
}

function extraIndent(indent: number, trim: number): string {
  return indent > trim ? ' '.repeat(indent - trim) : '';
}

/** One-line flow collections of scalars and nested flow collections. */
class FlowParser {
  pos = 0;
  constructor(
    private readonly src: string,
    private readonly lineEnd: number,
    private readonly lineNo: number,
    private readonly lines: LineTable | undefined,
    private depth: number,
  ) {}

  node(p: number): unknown {
    const c = this.src.charCodeAt(p);
    if (c === 0x5b || c === 0x7b) {
      if (++this.depth > MAX_NESTING) throw new TooDeep(this.lineNo);
      const value = c === 0x5b ? this.sequence(p + 1) : this.mapping(p + 1);
      this.depth--;
      return value;
    }
    if (c === 0x22 || c === 0x27) {
      const q = c === 0x22 ? readDoubleQuoted(this.src, p, this.lineEnd) : readSingleQuoted(this.src, p, this.lineEnd);
      this.pos = q.end;
      return q.value;
    }
    return resolvePlain(this.plain(p));
  }

  private skip(p: number): number {
    const { src } = this;
    for (;;) {
      const c = src.charCodeAt(p);
      if (c === SP) p++;
      else if (c === TAB) throw UNSUPPORTED;
      else return p;
    }
  }

  /** A plain scalar in flow context; anything with `:` or a nested indicator falls back. */
  private plain(p: number): string {
    const { src, lineEnd } = this;
    const c = src.charCodeAt(p);
    if (p >= lineEnd || isIndicator(c)) {
      // `-1`, `-x`: a dash followed by an ordinary character is plain.
      const n = src.charCodeAt(p + 1);
      if (!(c === DASH && p + 1 < lineEnd && n !== SP && !isFlowStop(n) && n !== HASH && n !== COLON)) {
        throw UNSUPPORTED;
      }
    }
    let i = p + 1;
    for (; i < lineEnd; i++) {
      const ch = src.charCodeAt(i);
      if (ch === 0x2c || ch === 0x5d || ch === 0x7d) break;
      if (ch === COLON) {
        // `a:b` is one scalar; `a: b` or `a:,` would be a pair, which we leave to the reference.
        const n = src.charCodeAt(i + 1);
        if (i + 1 >= lineEnd || n === SP || isFlowStop(n)) throw UNSUPPORTED;
        continue;
      }
      if (ch === 0x5b || ch === 0x7b || ch === TAB) throw UNSUPPORTED;
      if (ch === HASH && src.charCodeAt(i - 1) === SP) throw UNSUPPORTED;
    }
    this.pos = i;
    while (src.charCodeAt(i - 1) === SP) i--;
    return src.slice(p, i);
  }

  private sequence(p: number): unknown[] {
    const arr: unknown[] = [];
    if (this.lines) this.lines.set(arr, []);
    p = this.skip(p);
    if (this.src.charCodeAt(p) === 0x5d) {
      this.pos = p + 1;
      return arr;
    }
    for (;;) {
      arr.push(this.node(p));
      (this.lines?.get(arr) as number[] | undefined)?.push(this.lineNo);
      p = this.skip(this.pos);
      const c = this.src.charCodeAt(p);
      if (c === 0x5d) {
        this.pos = p + 1;
        return arr;
      }
      if (c !== 0x2c || p >= this.lineEnd) throw UNSUPPORTED;
      p = this.skip(p + 1);
      if (this.src.charCodeAt(p) === 0x5d) throw UNSUPPORTED; // trailing comma
    }
  }

  private mapping(p: number): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    const keyLines = this.lines ? new Map<string, number>() : undefined;
    if (keyLines) this.lines!.set(obj, keyLines);
    p = this.skip(p);
    if (this.src.charCodeAt(p) === 0x7d) {
      this.pos = p + 1;
      return obj;
    }
    for (;;) {
      const key = this.key(p);
      p = this.skip(this.pos);
      const c = this.src.charCodeAt(p);
      if (c === 0x2c || c === 0x7d || p >= this.lineEnd) throw UNSUPPORTED; // missing value
      if (hasOwn.call(obj, key)) throw UNSUPPORTED;
      keyLines?.set(key, this.lineNo);
      setKey(obj, key, this.node(p));
      p = this.skip(this.pos);
      const d = this.src.charCodeAt(p);
      if (d === 0x7d) {
        this.pos = p + 1;
        return obj;
      }
      if (d !== 0x2c || p >= this.lineEnd) throw UNSUPPORTED;
      p = this.skip(p + 1);
      if (this.src.charCodeAt(p) === 0x7d) throw UNSUPPORTED; // trailing comma
    }
  }

  /** `key:` in a flow mapping; leaves pos after the colon. */
  private key(p: number): string {
    const { src } = this;
    const c = src.charCodeAt(p);
    if (c === 0x22 || c === 0x27) {
      const q = c === 0x22 ? readDoubleQuoted(src, p, this.lineEnd) : readSingleQuoted(src, p, this.lineEnd);
      const k = this.skip(q.end);
      if (src.charCodeAt(k) !== COLON || k >= this.lineEnd) throw UNSUPPORTED;
      this.pos = k + 1;
      return q.value;
    }
    if (p >= this.lineEnd) throw UNSUPPORTED;
    if (isIndicator(c) && !(c === DASH && src.charCodeAt(p + 1) !== SP && !isFlowStop(src.charCodeAt(p + 1)))) {
      throw UNSUPPORTED;
    }
    let i = p + 1;
    for (; i < this.lineEnd; i++) {
      const ch = src.charCodeAt(i);
      if (ch === COLON) {
        const n = src.charCodeAt(i + 1);
        if (n === SP) break;
        if (i + 1 >= this.lineEnd || isFlowStop(n)) throw UNSUPPORTED;
        continue;
      }
      if (isFlowStop(ch) || ch === TAB || (ch === HASH && src.charCodeAt(i - 1) === SP)) throw UNSUPPORTED;
    }
    // A plain key needs `: `; `a:b` would be one scalar.
    if (i >= this.lineEnd || src.charCodeAt(i + 1) !== SP) throw UNSUPPORTED;
    let e = i;
    while (src.charCodeAt(e - 1) === SP) e--;
    const text = src.slice(p, e);
    if (typeof resolvePlain(text) !== 'string' || text === '<<') throw UNSUPPORTED;
    this.pos = i + 1;
    return text;
  }
}
