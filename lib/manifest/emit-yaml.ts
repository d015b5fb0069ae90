/**
 * A small, fast YAML emitter for plain JSON-like data (the shape of Kubernetes objects).
 *
 * Why not `yaml`'s stringify: emission is the hot path of synth (4,000 objects) and a
 * general-purpose document model costs ~10x more. Output is block style, two-space indent,
 * and every scalar is emitted so that YAML 1.1 and 1.2 parsers (go-yaml in kubectl, `yaml`
 * here) read back exactly the same value; tests round-trip it through `yaml`, lading's reader
 * (kubectl's YAML 1.1) and, when on PATH, kubectl itself.
 */

import { canonicalKeys } from './canonical.js';
import { resolvePlainScalar } from './kubectl-scalars.js';

const INDENT = '  ';

// Plain (unquoted) scalars we allow: conservative, no leading indicator characters.
const PLAIN_SAFE = /^(?:[A-Za-z0-9_/.$]|-[A-Za-z-])[A-Za-z0-9_./:$@+=-]*(?: [A-Za-z0-9_./:$@+=-]+)*$/;
// Words that YAML 1.1 (go-yaml, used by kubectl) or 1.2 read as booleans or null.
const RESERVED_WORDS = new Set(['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null', '~']);
// Scalars that YAML 1.1 (go-yaml) or 1.2 reads as numbers or timestamps: 1_000, .5, 0x1F, 0o7,
// 0b1, 1e3, .inf, sexagesimal 1:20, 2001-12-14. Anything else starting with a digit ("128Mi",
// "50m") stays a string and may be written plain.
const NUMBER_LIKE = [
  /^[-+]?(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?0(?:x[0-9a-fA-F_]+|o[0-7_]+|b[01_]+)$/,
  /^[-+]?\.(?:inf|nan)$/i,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/,
];

// Keys and many values repeat across thousands of objects: each string is judged once.
const plainSafeSeen = new Map<string, boolean>();
const PLAIN_SAFE_SEEN_MAX = 50_000;

/** True when `s` can be written without quotes and still read back as the same string. */
export function isPlainSafe(s: string): boolean {
  let safe = plainSafeSeen.get(s);
  if (safe === undefined) {
    safe = judgePlainSafe(s);
    if (plainSafeSeen.size >= PLAIN_SAFE_SEEN_MAX) plainSafeSeen.clear();
    plainSafeSeen.set(s, safe);
  }
  return safe;
}

function judgePlainSafe(s: string): boolean {
  if (s.length === 0 || s.length > 200) return false;
  if (!PLAIN_SAFE.test(s)) return false;
  if (RESERVED_WORDS.has(s.toLowerCase())) return false;
  if (NUMBER_LIKE.some((re) => re.test(s))) return false;
  // ": " and " #" are excluded by the pattern (no ':' followed by space, no '#').
  if (s.includes(': ') || s.endsWith(':')) return false;
  // `---` or `...` at the start of a line ends the document (a key at column 0).
  if (s.startsWith('---') || s.startsWith('...')) return false;
  // And kubectl (go-yaml v2) must read it as a string too: `0b-1` is -1 there.
  return resolvePlainScalar(s).kind === 'str';
}

/** Emits a string scalar, choosing plain, literal block or double-quoted style. */
function emitString(s: string, indent: string): string {
  if (isPlainSafe(s)) return s;
  if (s.includes('\n') && canBeLiteralBlock(s)) return literalBlock(s, indent);
  return doubleQuoted(s);
}

// Characters go-yaml (kubectl) refuses raw or reads as line breaks: DEL, C1 controls (NEL is a
// YAML 1.1 line break), the Unicode line and paragraph separators, BOM, U+FFFE/U+FFFF.
const NOT_PRINTABLE = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const NOT_PRINTABLE_ALL = new RegExp(NOT_PRINTABLE.source, 'g');

/** A double-quoted scalar: JSON's escapes (valid YAML), plus escapes for what YAML 1.1 refuses raw. */
function doubleQuoted(s: string): string {
  const json = JSON.stringify(s);
  return NOT_PRINTABLE.test(json) ? json.replace(NOT_PRINTABLE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

// A literal block keeps multi-line text (config files, scripts) readable in dist/.
function canBeLiteralBlock(s: string): boolean {
  // Trailing spaces, tabs, carriage returns and non-printables would not survive a block scalar.
  return !/[ \t]\n|[\r\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[ \t]$/.test(s);
}

function literalBlock(s: string, indent: string): string {
  let body = s;
  let chomp = '-';
  if (body.endsWith('\n')) {
    body = body.slice(0, -1);
    chomp = body.endsWith('\n') || body === '' ? '+' : '';
    if (chomp === '+') body = s.slice(0, -1);
  }
  const lines = body.split('\n');
  // Parsers take the indentation of the first non-empty line as the block's: when that line
  // starts with a space (even after empty lines), the indentation must be given explicitly.
  const firstText = lines.find((l) => l !== '');
  const indicator = firstText?.startsWith(' ') ? '2' : '';
  const childIndent = indent + INDENT;
  const out = lines.map((l) => (l === '' ? '' : childIndent + l)).join('\n');
  return `|${indicator}${chomp}\n${out}`;
}

// YAML limits an implicit key (`key: value`) to 1024 characters; longer ones need `? key`.
const MAX_IMPLICIT_KEY = 1000;

function emitKey(k: string): string {
  return isPlainSafe(k) ? k : doubleQuoted(k);
}

function emitScalar(v: unknown): string | undefined {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`cannot emit non-finite number ${v}`);
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return undefined;
  }
}

/**
 * The keys a mapping is written with, in order. Written as given: every key, in insertion order
 * (an undefined value is skipped when written, yet the mapping is not empty). Canonical: see
 * canonicalKeys (only keys with a value).
 */
type KeyOrder = (obj: Record<string, unknown>, top: boolean) => readonly string[];

const asGiven: KeyOrder = (obj) => {
  const keys: string[] = [];
  for (const key in obj) keys.push(key);
  return keys;
};

/** Appends `value` as the value part after "key:" or "-"; `indent` is that line's indentation. */
function emitValue(value: unknown, indent: string, out: string[], order: KeyOrder): void {
  const scalar = emitScalar(value);
  if (scalar !== undefined) {
    out.push(' ', scalar, '\n');
    return;
  }
  if (typeof value === 'string') {
    out.push(' ', emitString(value, indent), '\n');
    return;
  }
  if (value === undefined || typeof value !== 'object') {
    throw new Error(`cannot emit a value of type ${typeof value}`);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(' []\n');
      return;
    }
    // kubectl's style: a sequence sits at the indentation of its key.
    out.push('\n');
    emitSequence(value, indent, out, order);
    return;
  }
  const obj = value as Record<string, unknown>;
  const keys = order(obj, false);
  if (keys.length === 0) {
    out.push(' {}\n');
    return;
  }
  out.push('\n');
  emitMapping(obj, keys, indent + INDENT, out, false, order);
}

function emitMapping(obj: Record<string, unknown>, keys: readonly string[], indent: string, out: string[], firstInline: boolean, order: KeyOrder): void {
  let first = true;
  for (const key of keys) {
    const v = obj[key];
    if (v === undefined) continue;
    const k = emitKey(key);
    if (k.length > MAX_IMPLICIT_KEY) out.push(first && firstInline ? '' : indent, '? ', k, '\n', indent, ':');
    else out.push(first && firstInline ? '' : indent, k, ':');
    first = false;
    emitValue(v, indent, out, order);
  }
}

function emitSequence(arr: readonly unknown[], indent: string, out: string[], order: KeyOrder): void {
  for (const item of arr) {
    out.push(indent, '-');
    if (Array.isArray(item) && item.length > 0) {
      out.push('\n');
      emitSequence(item, indent + INDENT, out, order);
      continue;
    }
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const keys = order(item as Record<string, unknown>, false);
      if (keys.length > 0) {
        out.push(' ');
        emitMapping(item as Record<string, unknown>, keys, indent + INDENT, out, true, order);
        continue;
      }
    }
    emitValue(item === undefined ? null : item, indent, out, order);
  }
}

function emitDocument(doc: unknown, order: KeyOrder): string {
  const out: string[] = [];
  const keys = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? order(doc as Record<string, unknown>, true) : undefined;
  if (Array.isArray(doc) && doc.length > 0) emitSequence(doc, '', out, order);
  else if (keys && keys.length > 0) emitMapping(doc as Record<string, unknown>, keys, '', out, false, order);
  else {
    const v: string[] = [];
    emitValue(doc, '', v, order);
    out.push(v.join('').trimStart());
  }
  return out.join('');
}

/** Emits one YAML document (no leading `---`) for a JSON-like object. Key order is kept. */
export function emitYaml(doc: unknown): string {
  return emitDocument(doc, asGiven);
}

/**
 * `emitYaml(canonicalize(doc))` without the copy: every mapping's keys in canonical order,
 * undefined values left out (a mapping of only those is `{}`).
 */
export function emitCanonicalYaml(doc: unknown): string {
  return emitDocument(doc, canonicalKeys);
}

/** Emits a multi-document stream separated by `---`. */
export function emitYamlStream(docs: readonly unknown[]): string {
  return docs.map((d) => emitYaml(d)).join('---\n');
}
