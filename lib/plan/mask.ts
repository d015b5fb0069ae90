import { CHECKSUM_ANNOTATION, SALT_ANNOTATION } from '../core/names.js';
import { isRecord, type KubeObject } from '../manifest/object.js';

const MASK = '*** (masked)';
const MASK_BEFORE = '*** (masked, before)';
const MASK_AFTER = '*** (masked, after)';

/**
 * Annotations that let a reader test a guess of a secret value: the checksum salt (on a Secret)
 * and the salted checksum (on a pod template). Either alone is harmless; printed side by side,
 * a weak value could be found offline. Both are masked in every output.
 */
export const GUESSABLE_ANNOTATIONS: readonly string[] = [SALT_ANNOTATION, CHECKSUM_ANNOTATION];

/**
 * Replaces every value of a Secret's data and stringData, and the checksum and salt annotations
 * of any object, with a mask. When both sides are given, a value that differs gets different
 * masks on each side, so a diff still shows that it changed (a Secret key rotated, a workload
 * that will roll), and nothing about the value. Returns copies.
 */
export function maskSecretPair(before: KubeObject | undefined, after: KubeObject | undefined): [KubeObject | undefined, KubeObject | undefined] {
  const isSecret = (o: KubeObject | undefined) => o?.kind === 'Secret' && o.apiVersion === 'v1';
  let b = before && (maskAnnotations(before, after, MASK_BEFORE) as KubeObject);
  let a = after && (maskAnnotations(after, before, MASK_AFTER) as KubeObject);
  if (!isSecret(before) && !isSecret(after)) return [b, a];
  b = b && maskFields(b, after, MASK_BEFORE);
  a = a && maskFields(a, before, MASK_AFTER);
  return [b, a];
}

// Walks both sides together so that a changed annotation gets the "changed" mask.
function maskAnnotations(o: unknown, other: unknown, changedMask: string): unknown {
  if (Array.isArray(o)) return o.map((v, i) => maskAnnotations(v, Array.isArray(other) ? other[i] : undefined, changedMask));
  if (!isRecord(o)) return o;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const counterpart = isRecord(other) ? other[k] : undefined;
    if (k === 'annotations' && isRecord(v)) {
      const theirs = isRecord(counterpart) ? counterpart : undefined;
      const masked: Record<string, unknown> = { ...v };
      for (const name of GUESSABLE_ANNOTATIONS) {
        if (!(name in v)) continue;
        masked[name] = theirs && name in theirs && theirs[name] !== v[name] ? changedMask : MASK;
      }
      out[k] = masked;
    } else {
      out[k] = maskAnnotations(v, counterpart, changedMask);
    }
  }
  return out;
}

function maskFields(o: KubeObject, other: KubeObject | undefined, changedMask: string): KubeObject {
  const out: KubeObject = { ...o };
  for (const field of ['data', 'stringData'] as const) {
    const values = o[field];
    if (!isRecord(values)) continue;
    const others = other && isRecord(other[field]) ? (other[field] as Record<string, unknown>) : undefined;
    const masked: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) {
      masked[k] = others && k in others && others[k] !== v ? changedMask : MASK;
    }
    out[field] = masked;
  }
  if (isRecord(o.metadata?.annotations) && 'kubectl.kubernetes.io/last-applied-configuration' in o.metadata.annotations) {
    // kubectl's client-side apply copies the whole Secret, values included, into this annotation.
    out.metadata = { ...o.metadata, annotations: { ...o.metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': MASK } };
  }
  return out;
}

// Shorter strings are not scrubbed: "***" in place of every "a" or "on" would garble every message.
const MIN_SCRUBBED = 3;

/**
 * The forms in which a value can show up in a message: as is, without the trailing newline a
 * file gives it, JSON-escaped (an API error quoting the object), URL-encoded, and base64 of
 * each (a Secret's data, with and without the newline).
 */
export function encodedForms(value: string): string[] {
  const plain = new Set([value, value.replace(/\r?\n$/, '')]);
  const forms = new Set<string>();
  for (const v of plain) {
    forms.add(v);
    forms.add(JSON.stringify(v).slice(1, -1));
    forms.add(JSON.stringify(JSON.stringify(v).slice(1, -1)).slice(1, -1));
    forms.add(encodeURIComponent(v));
    forms.add(Buffer.from(v, 'utf8').toString('base64'));
  }
  forms.add(Buffer.from(value.endsWith('\n') ? value : `${value}\n`, 'utf8').toString('base64'));
  return [...forms].filter((f) => f.length >= MIN_SCRUBBED);
}

/**
 * Every secret value of the objects in every form a message may hold it (to scrub them from
 * server messages and progress lines), and the checksum salts. Longest first.
 */
export function secretValues(objects: readonly (KubeObject | undefined)[]): string[] {
  const values = new Set<string>();
  const add = (v: string) => {
    for (const f of encodedForms(v)) values.add(f);
  };
  for (const o of objects) {
    if (o?.kind !== 'Secret') continue;
    const salt = o.metadata?.annotations?.[SALT_ANNOTATION];
    if (typeof salt === 'string') add(salt);
    for (const field of ['data', 'stringData'] as const) {
      const map = o[field];
      if (!isRecord(map)) continue;
      for (const v of Object.values(map)) {
        if (typeof v !== 'string' || v.length < MIN_SCRUBBED) continue;
        values.add(v);
        add(field === 'data' ? Buffer.from(v, 'base64').toString('utf8') : v);
      }
    }
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of the given values in a message (an API error may echo the object):
 * every character any occurrence covers is masked, overlapping or adjacent occurrences as one `***`.
 */
export function scrub(message: string, values: readonly string[]): string {
  let scrubber = scrubbers.get(values);
  if (!scrubber) scrubbers.set(values, (scrubber = new Scrubber(values)));
  return scrubber.scrub(message);
}

// One per list of values: an apply scrubs thousands of lines with the same thousands of values.
const scrubbers = new WeakMap<readonly string[], Scrubber>();

// A position's first three characters as one small integer (no string made per position; values
// whose keys collide share a list of lengths, and the set decides).
const keyAt = (s: string, i: number) => ((s.charCodeAt(i) << 16) ^ (s.charCodeAt(i + 1) << 8) ^ s.charCodeAt(i + 2)) & 0x3fffffff;

/**
 * Finds the values in one pass over a message: at each position whose first characters begin some
 * value (every value has MIN_SCRUBBED), it asks for the lengths those values have, longest first.
 * (Thousands of values often share their first characters: "postgres://", base64 of them.)
 */
class Scrubber {
  private readonly values: ReadonlySet<string>;
  private readonly lengthsByPrefix = new Map<number, number[]>();

  constructor(values: readonly string[]) {
    this.values = new Set(values.filter((v) => v.length >= MIN_SCRUBBED));
    for (const v of this.values) {
      const key = keyAt(v, 0);
      const lengths = this.lengthsByPrefix.get(key);
      if (!lengths) this.lengthsByPrefix.set(key, [v.length]);
      else if (!lengths.includes(v.length)) lengths.push(v.length);
    }
    for (const lengths of this.lengthsByPrefix.values()) lengths.sort((a, b) => b - a);
  }

  scrub(message: string): string {
    if (this.values.size === 0) return message;
    let out = '';
    let copied = 0;
    let start = -1;
    let end = -1;
    for (let i = 0; i + MIN_SCRUBBED <= message.length; i++) {
      const lengths = this.lengthsByPrefix.get(keyAt(message, i));
      if (!lengths) continue;
      const length = lengths.find((n) => i + n <= message.length && this.values.has(message.slice(i, i + n)));
      if (length === undefined) continue;
      if (start >= 0 && i <= end) {
        end = Math.max(end, i + length);
        continue;
      }
      if (start >= 0) out += `${message.slice(copied, start)}***`;
      copied = start >= 0 ? end : copied;
      start = i;
      end = i + length;
    }
    if (start < 0) return message;
    return `${out}${message.slice(copied, start)}***${message.slice(end)}`;
  }
}
