import type { KubeObject } from '../manifest/object.js';
import { fieldsOf, ownedEqual } from './fieldset.js';

/**
 * True when applying `desired` with server-side apply as `manager` provably changes nothing:
 * the manager already owns exactly the fields of `desired`, with exactly these values.
 * Sound, not complete: when it says false, a dry-run decides.
 */
export function provablyUnchanged(desired: KubeObject, live: KubeObject, manager: string): boolean {
  // The reference the proof is held to (tests, benchmarks): every object dry-run.
  if (process.env.LADING_DRY_RUN_EVERY_OBJECT === '1') return false;
  const owned = fieldsOf(live, manager, 'Apply');
  if (!owned) return false;
  const { apiVersion, kind, metadata, ...body } = desired;
  if (apiVersion !== live.apiVersion || kind !== live.kind) return false;
  const { name: _n, namespace: _ns, ...meta } = metadata ?? {};
  const wanted = Object.keys(meta).length ? { ...body, metadata: meta } : body;
  return ownedEqual(live, owned, wanted);
}
