import { type KubeObject, isRecord } from '../../manifest/object.js';
import type { FieldPath } from '../../manifest/source.js';
import type { RuleIssue, SetRule } from '../rule.js';
import { objectIndex, type WiringOptions, displayName, podTemplates } from './lookup.js';
import { objectKeys } from './secret-keys.js';
import { ExternalSecretTargets, externalSecretKeys, madeBy } from './external-secrets.js';

/** One reference from a pod to a Secret or ConfigMap (and maybe some of its keys). */
interface Reference {
  readonly kind: 'Secret' | 'ConfigMap';
  readonly name: string;
  readonly keys: readonly string[];
  readonly optional: boolean;
  readonly path: FieldPath;
  readonly what: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function itemKeys(items: unknown): string[] {
  return Array.isArray(items) ? items.flatMap((i) => (isRecord(i) && typeof i.key === 'string' ? [i.key] : [])) : [];
}

function* containerRefs(c: Record<string, unknown>, path: FieldPath): Iterable<Reference> {
  const label = `container "${String(c.name)}"`;
  for (const [i, e] of (Array.isArray(c.env) ? c.env : []).entries()) {
    if (!isRecord(e) || !isRecord(e.valueFrom)) continue;
    for (const [field, kind] of [
      ['secretKeyRef', 'Secret'],
      ['configMapKeyRef', 'ConfigMap'],
    ] as const) {
      const ref = e.valueFrom[field];
      if (!isRecord(ref) || !str(ref.name) || !str(ref.key)) continue;
      yield {
        kind,
        name: ref.name as string,
        keys: [ref.key as string],
        optional: ref.optional === true,
        path: [...path, 'env', i, 'valueFrom', field],
        what: `${label} env ${String(e.name)}`,
      };
    }
  }
  for (const [i, e] of (Array.isArray(c.envFrom) ? c.envFrom : []).entries()) {
    if (!isRecord(e)) continue;
    for (const [field, kind] of [
      ['secretRef', 'Secret'],
      ['configMapRef', 'ConfigMap'],
    ] as const) {
      const ref = e[field];
      if (!isRecord(ref) || !str(ref.name)) continue;
      yield { kind, name: ref.name as string, keys: [], optional: ref.optional === true, path: [...path, 'envFrom', i, field], what: `${label} envFrom` };
    }
  }
}

function* volumeRefs(v: Record<string, unknown>, path: FieldPath): Iterable<Reference> {
  const what = `volume "${String(v.name)}"`;
  if (isRecord(v.secret) && str(v.secret.secretName)) {
    yield {
      kind: 'Secret',
      name: v.secret.secretName as string,
      keys: itemKeys(v.secret.items),
      optional: v.secret.optional === true,
      path: [...path, 'secret'],
      what,
    };
  }
  if (isRecord(v.configMap) && str(v.configMap.name)) {
    yield {
      kind: 'ConfigMap',
      name: v.configMap.name as string,
      keys: itemKeys(v.configMap.items),
      optional: v.configMap.optional === true,
      path: [...path, 'configMap'],
      what,
    };
  }
  const sources = isRecord(v.projected) && Array.isArray(v.projected.sources) ? v.projected.sources : [];
  for (const [i, s] of sources.entries()) {
    if (!isRecord(s)) continue;
    for (const [field, kind] of [
      ['secret', 'Secret'],
      ['configMap', 'ConfigMap'],
    ] as const) {
      const ref = s[field];
      if (!isRecord(ref) || !str(ref.name)) continue;
      yield {
        kind,
        name: ref.name as string,
        keys: itemKeys(ref.items),
        optional: ref.optional === true,
        path: [...path, 'projected', 'sources', i, field],
        what,
      };
    }
  }
}

function* podRefs(spec: Record<string, unknown>, specPath: FieldPath): Iterable<Reference> {
  for (const list of ['initContainers', 'containers']) {
    for (const [i, c] of (Array.isArray(spec[list]) ? (spec[list] as unknown[]) : []).entries()) {
      if (isRecord(c)) yield* containerRefs(c, [...specPath, list, i]);
    }
  }
  for (const [i, v] of (Array.isArray(spec.volumes) ? spec.volumes : []).entries()) {
    if (isRecord(v)) yield* volumeRefs(v, [...specPath, 'volumes', i]);
  }
}

/**
 * secretKeyRef, configMapKeyRef, envFrom and volumes name Secrets and ConfigMaps that exist, and
 * keys they hold (a Secret's keys include those of its lading.dev/secret-sources annotation).
 * A Secret that an ExternalSecret of the input makes exists, with the keys of its spec.data.
 * Optional references are not checked. A missing key is an error in synth, a warning for files.
 */
export function keyRefs(options: WiringOptions): SetRule {
  return {
    id: 'key-refs',
    description: 'references to Secret and ConfigMap keys name objects and keys that exist',
    *checkSet(objects): Iterable<RuleIssue & { index: number }> {
      const index = objectIndex(objects);
      const made = new ExternalSecretTargets(objects);
      for (const t of podTemplates(objects)) {
        for (const ref of podRefs(t.spec, t.specPath)) {
          if (ref.optional) continue;
          const target = index.find(ref.kind, ref.name, t.object) ?? (ref.kind === 'Secret' ? made.find(ref.name, t.object) : undefined);
          if (!target) {
            if (options.inputIsComplete) {
              yield {
                index: t.index,
                path: ref.path,
                message: `${ref.what} reads ${ref.kind.toLowerCase()}/${ref.name}, which is not in the input: declare it (or mark the reference optional)`,
              };
            }
            continue;
          }
          // The API server accepts a reference to a missing key (the pod then fails to start): for
          // plain manifests that is a warning, for what synth builds an error.
          for (const issue of missingKeys(t.index, ref, target.o)) yield options.inputIsComplete ? issue : { ...issue, severity: 'warning' };
        }
      }
    },
  };
}

function* missingKeys(index: number, ref: Reference, target: KubeObject): Iterable<RuleIssue & { index: number }> {
  const external = target.kind === 'ExternalSecret';
  const keys = external ? externalSecretKeys(target) : objectKeys(target);
  if (!keys) return; // dataFrom or templateFrom: the keys are known only in the cluster
  for (const key of ref.keys) {
    if (keys.has(key)) continue;
    const name = external ? madeBy(ref.name, target) : displayName(target);
    yield {
      index,
      path: ref.path,
      message: `${ref.what} reads key "${key}" of ${name}, which has no such key (keys: ${[...keys].sort().join(', ') || 'none'})`,
    };
  }
}
