import { createHash } from 'node:crypto';
import type { DesiredInput } from '../plan/observe.js';
import { isRecord, type KubeObject } from '../manifest/object.js';
import { canonicalize } from '../manifest/canonical.js';

/** An application's inputs as the digest sees them. */
export interface DigestedApp {
  readonly name: string;
  readonly env?: string;
  readonly namespace?: string;
  readonly inputs: readonly DesiredInput[];
}

// A Secret's values are not digested here (a plain hash of a weak value could be tested against
// guesses): only its keys. Values are compared with keyed digests (lib/plan/saved-plan.ts).
function withoutValues(o: KubeObject): KubeObject {
  if (o.kind !== 'Secret') return o;
  const out: KubeObject = { ...o };
  for (const field of ['data', 'stringData'] as const) {
    const map = o[field];
    if (isRecord(map)) out[field] = Object.fromEntries(Object.keys(map).map((k) => [k, '']));
  }
  return out;
}

// Where a Secret construct reads each key (env var, file, dotenv entry); a literal's value is left out.
function sourceDescriptors(sources: Readonly<Record<string, unknown>> | undefined): unknown {
  if (!sources) return undefined;
  return Object.fromEntries(
    Object.entries(sources).map(([k, s]) => [k, isRecord(s) ? Object.fromEntries(Object.entries(s).filter(([f]) => f !== 'value')) : typeof s]),
  );
}

/**
 * The digest of what the applications are made of (their objects as synthesized or read, the
 * sources their Secrets name, never a secret value): a saved plan records it and apply --plan
 * refuses inputs whose digest differs. Independent of the order of applications and objects.
 */
export function inputsDigest(apps: readonly DigestedApp[]): string {
  const view = apps
    .map((a) => ({
      name: a.name,
      env: a.env ?? null,
      namespace: a.namespace ?? null,
      objects: a.inputs.map((i) => JSON.stringify(canonicalize({ object: withoutValues(i.object), sources: sourceDescriptors(i.secretSources) }))).sort(),
    }))
    .sort((x, y) => `${x.name}\0${x.env}`.localeCompare(`${y.name}\0${y.env}`));
  return `sha256:${createHash('sha256').update(JSON.stringify(view)).digest('hex')}`;
}
