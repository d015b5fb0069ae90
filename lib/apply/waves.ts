import { isCustomKind } from '../core/custom-kind.js';
import type { ObjectPlan } from '../plan/types.js';
import { WAVES, type Wave, waveIndex } from '../synth/kind-order.js';

/** One wave of an apply: objects that may be written in parallel once the waves before are done. */
export interface ApplyWave {
  readonly name: string;
  readonly objects: readonly ObjectPlan[];
}

export interface ApplyWaves {
  /** Objects to write (create, change, replace), wave by wave, in order. */
  readonly writes: readonly ApplyWave[];
  /** Objects to delete (prune), wave by wave, in reverse order (custom resources before their CRDs). */
  readonly deletes: readonly ApplyWave[];
  /** Objects already as desired: nothing is sent for them. */
  readonly unchanged: readonly ObjectPlan[];
}

const WRITES = new Set(['create', 'change', 'replace']);

function group(objects: readonly ObjectPlan[], waves: readonly Wave[], customKinds: ReadonlySet<string>): ApplyWave[] {
  const indexOf = waveIndex(waves);
  const buckets = waves.map(() => [] as ObjectPlan[]);
  for (const o of objects) {
    buckets[indexOf(o.kind, isCustomKind(o.apiVersion, o.kind, customKinds))]!.push(o);
  }
  return waves.map((w, i) => ({ name: w.name, objects: buckets[i]! })).filter((w) => w.objects.length > 0);
}

/**
 * Splits a plan into ordered waves from the kind table (users extend it). `customKinds`
 * ("apiVersion|kind") are the kinds defined by CRDs in the same input: they go last.
 */
export function planWaves(objects: readonly ObjectPlan[], customKinds: ReadonlySet<string> = new Set(), waves: readonly Wave[] = WAVES): ApplyWaves {
  return {
    writes: group(
      objects.filter((o) => WRITES.has(o.category)),
      waves,
      customKinds,
    ),
    deletes: group(
      objects.filter((o) => o.category === 'prune'),
      waves,
      customKinds,
    ).reverse(),
    unchanged: objects.filter((o) => o.category === 'unchanged'),
  };
}
