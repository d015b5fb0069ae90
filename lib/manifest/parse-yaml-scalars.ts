/**
 * Scalar resolution for the fast YAML parser, copied rule for rule from the `yaml` library's
 * defaults (YAML 1.2, core schema) so that both parsers give the same values.
 */

/** Thrown by the fast parser for anything outside its subset; the caller falls back. */
export class Unsupported extends Error {}

export const UNSUPPORTED = new Unsupported('unsupported YAML syntax');

// The core schema's tests, in the order `yaml` tries them (schema/core/schema.js).
const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const INT_HEX_RE = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** Resolves an (already trimmed) plain scalar to null, boolean, number or string. */
export function resolvePlain(s: string): unknown {
  if (s.length === 0) return null;
  const c = s.charCodeAt(0);
  // Fast exit: only these first characters can start a non-string (~ . + - 0-9 n N t T f F).
  if (!mayBeNonString(c)) return s;
  // A leading digit rules out null, booleans and .inf/.nan; plain decimal ints are the common case.
  if (c >= 0x30 && c <= 0x39) {
    if (INT_RE.test(s)) return parseInt(s, 10);
    if (INT_OCT_RE.test(s)) return parseInt(s.substring(2), 8);
    if (INT_HEX_RE.test(s)) return parseInt(s.substring(2), 16);
    return FLOAT_EXP_RE.test(s) || FLOAT_RE.test(s) ? parseFloat(s) : s;
  }
  if (NULL_RE.test(s)) return null;
  if (BOOL_RE.test(s)) return c === 0x74 || c === 0x54;
  if (INT_OCT_RE.test(s)) return parseInt(s.substring(2), 8);
  if (INT_RE.test(s)) return parseInt(s, 10);
  if (INT_HEX_RE.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN_RE.test(s)) {
    if (s.slice(-3).toLowerCase() === 'nan') return NaN;
    return s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (FLOAT_EXP_RE.test(s) || FLOAT_RE.test(s)) return parseFloat(s);
  return s;
}

function mayBeNonString(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x2e || c === 0x2b || c === 0x2d || c === 0x7e || // . + - ~
    c === 0x6e || c === 0x4e || c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46 // n N t T f F
  );
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\', '\t': '\t',
};

export interface QuotedResult {
  value: string;
  /** Offset just after the closing quote. */
  end: number;
}

/** Reads a double-quoted scalar that must close before `lineEnd`; throws Unsupported otherwise. */
export function readDoubleQuoted(src: string, start: number, lineEnd: number): QuotedResult {
  let i = start + 1;
  let chunk = i;
  let out = '';
  for (; i < lineEnd; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x22) return { value: out + src.slice(chunk, i), end: i + 1 };
    if (c !== 0x5c) continue;
    out += src.slice(chunk, i);
    const next = src[i + 1];
    if (next === undefined || i + 1 >= lineEnd) throw UNSUPPORTED; // escaped line break
    const simple = ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i += 1;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const len = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      out += charCode(src.substr(i + 2, len), len);
      i += 1 + len;
    } else {
      throw UNSUPPORTED; // invalid escape: let the reference report it
    }
    chunk = i + 1;
  }
  throw UNSUPPORTED; // multi-line or unterminated
}

function charCode(hex: string, len: number): string {
  if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) throw UNSUPPORTED;
  const code = parseInt(hex, 16);
  if (code > 0x10ffff) throw UNSUPPORTED;
  return String.fromCodePoint(code);
}

/** Reads a single-quoted scalar that must close before `lineEnd`. */
export function readSingleQuoted(src: string, start: number, lineEnd: number): QuotedResult {
  let i = start + 1;
  let out = '';
  let chunk = i;
  for (; i < lineEnd; i++) {
    if (src.charCodeAt(i) !== 0x27) continue;
    if (src.charCodeAt(i + 1) === 0x27 && i + 1 < lineEnd) {
      out += src.slice(chunk, i + 1);
      i += 1;
      chunk = i + 1;
      continue;
    }
    return { value: out + src.slice(chunk, i), end: i + 1 };
  }
  throw UNSUPPORTED;
}
