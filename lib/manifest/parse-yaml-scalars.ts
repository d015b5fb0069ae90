/**
 * Scalar reading for the fast YAML parser: quoted scalars, and plain scalars resolved as kubectl
 * resolves them (kubectl-scalars.ts, shared with the reference parser).
 */
import { resolvePlain as resolveKubectlPlain } from './kubectl-scalars.js';

/** Thrown by the fast parser for anything outside its subset; the caller falls back. */
export class Unsupported extends Error {}

export const UNSUPPORTED = new Unsupported('unsupported YAML syntax');

/**
 * A plain scalar's value as kubectl reads it; `.inf` and `.nan` (which kubectl refuses) make
 * the fast parser fall back, so that the reference parser reports them.
 */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Fast exit: only these first characters can start a non-string (go-yaml's hint table).
  if (s.length > 0 && !mayBeNonString(c)) return s;
  const value = resolveKubectlPlain(s);
  if (typeof value === 'number' && !Number.isFinite(value)) throw UNSUPPORTED;
  return value;
}

function mayBeNonString(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x2e ||
    c === 0x2b ||
    c === 0x2d ||
    c === 0x7e || // . + - ~
    c === 0x6e ||
    c === 0x4e ||
    c === 0x74 ||
    c === 0x54 ||
    c === 0x66 ||
    c === 0x46 || // n N t T f F
    c === 0x79 ||
    c === 0x59 ||
    c === 0x6f ||
    c === 0x4f // y Y o O
  );
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
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
