/**
 * Plain scalars and map keys as kubectl reads them. kubectl decodes manifests with
 * sigs.k8s.io/yaml: go-yaml v2 (YAML 1.1 words, Go number syntax), then JSON. This module is a
 * port of go-yaml v2's resolver (resolve.go) and of sigs.k8s.io/yaml's key conversion; the
 * fast parser and the reference parser both use it, so they give the same values.
 * Checked value by value against kubectl 1.32 (test/unit/manifest/kubectl-scalars.test.ts).
 */

export type ScalarKind = 'null' | 'bool' | 'int' | 'float' | 'str';

export interface Resolved {
  readonly kind: ScalarKind;
  readonly value: unknown;
  /** Exact value of an integer (for map keys beyond 2^53). */
  readonly big?: bigint;
}

/** go-yaml's table of exact words (YAML 1.1 booleans, nulls, infinities). */
const WORDS: ReadonlyMap<string, Resolved> = new Map([
  ...wordsOf('bool', true, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']),
  ...wordsOf('bool', false, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']),
  ...wordsOf('null', null, ['', '~', 'null', 'Null', 'NULL']),
  ...wordsOf('float', Number.NaN, ['.nan', '.NaN', '.NAN']),
  ...wordsOf('float', Number.POSITIVE_INFINITY, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']),
  ...wordsOf('float', Number.NEGATIVE_INFINITY, ['-.inf', '-.Inf', '-.INF']),
]);

function wordsOf(kind: ScalarKind, value: unknown, words: string[]): [string, Resolved][] {
  return words.map((w) => [w, { kind, value }]);
}

// Go's strconv.ParseInt(s, 0, 64) syntax (after go-yaml removed every `_`): 0x, 0o, 0b, a
// leading 0 for octal (`0644` is 420), else decimal.
const GO_INT = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([1-9][0-9]*))$/;
// go-yaml's yamlStyleFloat (`1e3` and `08` are floats; no sexagesimal `1:30`, no `.inf` here).
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
// strconv.ParseFloat of a scalar starting with `.`: underscores only between digits.
const DOT_FLOAT = /^\.[0-9]+(?:_[0-9]+)*(?:[eE][-+]?[0-9]+(?:_[0-9]+)*)?$/;
// go-yaml's own `0b` branch, reached when ParseInt failed: `0b-1` is -1.
const ZERO_B_SIGNED = /^0b([-+]?)([01]+)$/;

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;
const STR = 'str';

/** Resolves a plain (unquoted, untagged) scalar as go-yaml v2 does. */
export function resolvePlainScalar(s: string): Resolved {
  const word = WORDS.get(s);
  if (word) return word;
  const c = s.charCodeAt(0);
  if (c === 0x2e) {
    // '.': go-yaml tries strconv.ParseFloat on the text as is.
    if (DOT_FLOAT.test(s)) return finiteFloat(s.replace(/_/g, ''), s);
    return { kind: STR, value: s };
  }
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d) return resolveNumber(s);
  return { kind: STR, value: s };
}

/** The value of a plain scalar (what JSON gets). */
export function resolvePlain(s: string): unknown {
  return resolvePlainScalar(s).value;
}

function resolveNumber(s: string): Resolved {
  const plain = s.includes('_') ? s.replace(/_/g, '') : s;
  const m = GO_INT.exec(plain);
  if (m) {
    const digits = m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6]!;
    const radix = m[2] !== undefined ? 16 : m[3] !== undefined || m[5] !== undefined ? 8 : m[4] !== undefined ? 2 : 10;
    let big = digits === '' ? 0n : bigOf(digits, radix);
    if (m[1] === '-') big = -big;
    // ParseInt (int64), then ParseUint (uint64, no sign).
    if (big >= INT64_MIN && big <= INT64_MAX) return { kind: 'int', value: Number(big), big };
    if (m[1] === '' && big <= UINT64_MAX) return { kind: 'int', value: Number(big), big };
  }
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = finiteFloat(plain, s);
    if (f.kind === 'float') return f;
  }
  const b = ZERO_B_SIGNED.exec(plain);
  if (b) {
    const big = b[1] === '-' ? -bigOf(b[2]!, 2) : bigOf(b[2]!, 2);
    if ((big >= INT64_MIN && big <= INT64_MAX) || (b[1] === '' && big <= UINT64_MAX)) {
      return { kind: 'int', value: Number(big), big };
    }
  }
  return { kind: STR, value: s };
}

function bigOf(digits: string, radix: number): bigint {
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
  return BigInt(prefix + digits);
}

/** strconv.ParseFloat: out of range (`1e400`) is an error, so the scalar stays a string. */
function finiteFloat(text: string, original: string): Resolved {
  const f = Number(text);
  // `-0.0`: kubectl's JSON round trip makes it the integer 0.
  return Number.isFinite(f) ? { kind: 'float', value: f === 0 ? 0 : f } : { kind: STR, value: original };
}

/**
 * The JSON key that sigs.k8s.io/yaml makes of a resolved map key, or an error message for the
 * keys it refuses (null, unsigned 64-bit). Floats are formatted as Go's
 * strconv.FormatFloat(f, 'g', -1, 32): `1e7` becomes "1e+07", `0.123456789` "0.12345679".
 */
export function jsonKeyOf(r: Resolved): { key: string } | { error: string } {
  switch (r.kind) {
    case 'str':
      return { key: r.value as string };
    case 'bool':
      return { key: r.value ? 'true' : 'false' };
    case 'null':
      return { error: 'a null map key cannot become a JSON key' };
    case 'int':
      if (r.big !== undefined && r.big > INT64_MAX) return { error: 'an unsigned 64-bit map key cannot become a JSON key' };
      return { key: (r.big ?? BigInt(r.value as number)).toString() };
    case 'float':
      return { key: goFloat32String(r.value as number) };
  }
}

/** strconv.FormatFloat(f, 'g', -1, 32), with go-yaml's names for infinities and NaN. */
export function goFloat32String(f: number): string {
  const f32 = Math.fround(f);
  if (Number.isNaN(f32)) return '.nan';
  if (f32 === Number.POSITIVE_INFINITY) return '.inf';
  if (f32 === Number.NEGATIVE_INFINITY) return '-.inf';
  if (f32 === 0) return Object.is(f32, -0) ? '-0' : '0';
  // The shortest decimal that reads back as the same float32.
  let exp = '';
  for (let p = 1; p <= 9; p++) {
    exp = f32.toExponential(p - 1);
    if (Math.fround(Number(exp)) === f32) break;
  }
  const [mantissa, e] = exp.split('e') as [string, string];
  const x = Number(e);
  if (x < -4 || x >= 6) {
    const sign = x < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(x)).padStart(2, '0')}`;
  }
  return String(Number(exp));
}
