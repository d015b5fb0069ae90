import { isRecord, type KubeObject } from '../manifest/object.js';

const MASK = '*** (masked)';
const MASK_BEFORE = '*** (masked, before)';
const MASK_AFTER = '*** (masked, after)';

/**
 * Replaces every value of a Secret's data and stringData with a mask. When both sides are
 * given, a key whose value differs gets different masks on each side, so a diff still shows
 * that it changed, and nothing about the value. Returns copies.
 */
export function maskSecretPair(before: KubeObject | undefined, after: KubeObject | undefined): [KubeObject | undefined, KubeObject | undefined] {
  const isSecret = (o: KubeObject | undefined) => o?.kind === 'Secret' && (o.apiVersion === 'v1');
  if (!isSecret(before) && !isSecret(after)) return [before, after];
  const b = before && maskFields(before, after, MASK_BEFORE);
  const a = after && maskFields(after, before, MASK_AFTER);
  return [b, a];
}

function maskFields(o: KubeObject, other: KubeObject | undefined, changedMask: string): KubeObject {
  const out: KubeObject = { ...o };
  for (const field of ['data', 'stringData'] as const) {
    const values = o[field];
    if (!isRecord(values)) continue;
    const others = other && isRecord(other[field]) ? other[field] as Record<string, unknown> : undefined;
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

/** Every secret value of the objects, plain and base64 (to scrub them from server messages). */
export function secretValues(objects: readonly (KubeObject | undefined)[]): string[] {
  const values = new Set<string>();
  for (const o of objects) {
    if (o?.kind !== 'Secret') continue;
    for (const field of ['data', 'stringData'] as const) {
      const map = o[field];
      if (!isRecord(map)) continue;
      for (const v of Object.values(map)) {
        if (typeof v !== 'string' || v.length < 3) continue;
        values.add(v);
        if (field === 'data') values.add(Buffer.from(v, 'base64').toString('utf8'));
        else values.add(Buffer.from(v, 'utf8').toString('base64'));
      }
    }
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of the given values in a message (an API error may echo the object). */
export function scrub(message: string, values: readonly string[]): string {
  let out = message;
  for (const v of values) if (out.includes(v)) out = out.split(v).join('***');
  return out;
}
