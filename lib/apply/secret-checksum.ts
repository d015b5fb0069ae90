import { createHash, createHmac } from 'node:crypto';
import { CHECKSUM_ANNOTATION, SALT_ANNOTATION } from '../core/names.js';
import { getPath, isRecord, type KubeObject } from '../manifest/object.js';
import { WORKLOADS } from '../validate/workloads.js';

const key = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

/** The Secrets a pod template reads through env or envFrom. */
function referencedSecrets(template: unknown): string[] {
  const spec = getPath(template, ['spec']);
  const names = new Set<string>();
  for (const list of ['initContainers', 'containers']) {
    const containers = isRecord(spec) && Array.isArray(spec[list]) ? (spec[list] as unknown[]) : [];
    for (const c of containers) {
      for (const e of isRecord(c) && Array.isArray(c.env) ? c.env : []) {
        const name = getPath(e, ['valueFrom', 'secretKeyRef', 'name']);
        if (typeof name === 'string') names.add(name);
      }
      for (const e of isRecord(c) && Array.isArray(c.envFrom) ? c.envFrom : []) {
        const name = getPath(e, ['secretRef', 'name']);
        if (typeof name === 'string') names.add(name);
      }
    }
  }
  return [...names].sort();
}

function digest(secret: KubeObject, salt: string): string {
  const data = isRecord(secret.data) ? secret.data : {};
  const canonical = JSON.stringify(
    Object.keys(data)
      .sort()
      .map((k) => [k, data[k]]),
  );
  return createHmac('sha256', salt).update(canonical).digest('hex');
}

/**
 * Adds a checksum annotation to the pod template of every workload that reads a Secret of the
 * input through env, and a salt annotation to those Secrets (the live salt when there is one,
 * else `newSalt()`). Computed at apply time from resolved values; never written to dist/.
 */
export function withSecretChecksums(
  objects: readonly KubeObject[],
  liveSalt: (namespace: string | undefined, name: string) => string | undefined,
  newSalt: () => string,
): KubeObject[] {
  const salts = new Map<string, string>();
  const secrets = new Map<string, KubeObject>();
  const withSalt = objects.map((o) => {
    if (o.kind !== 'Secret' || o.apiVersion !== 'v1' || !isRecord(o.data) || !o.metadata?.name) return o;
    const k = key(o.metadata.namespace, o.metadata.name);
    const salt = o.metadata.annotations?.[SALT_ANNOTATION] ?? liveSalt(o.metadata.namespace, o.metadata.name) ?? newSalt();
    salts.set(k, salt);
    const salted = { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [SALT_ANNOTATION]: salt } } };
    secrets.set(k, salted);
    return salted;
  });
  return withSalt.map((o) => {
    const shape = WORKLOADS[o.kind];
    if (!shape || shape.template.length === 0) return o;
    const template = getPath(o, shape.template);
    const read = referencedSecrets(template).filter((name) => secrets.has(key(o.metadata?.namespace, name)));
    if (read.length === 0 || !isRecord(template)) return o;
    const sum = createHash('sha256');
    for (const name of read) {
      const k = key(o.metadata?.namespace, name);
      sum.update(`${name}:${digest(secrets.get(k)!, salts.get(k)!)}\n`);
    }
    const meta = isRecord(template.metadata) ? template.metadata : {};
    const annotations = { ...(isRecord(meta.annotations) ? meta.annotations : {}), [CHECKSUM_ANNOTATION]: sum.digest('hex').slice(0, 32) };
    return setPath(o, shape.template, { ...template, metadata: { ...meta, annotations } });
  });
}

function setPath(o: KubeObject, path: readonly (string | number)[], value: unknown): KubeObject {
  const [head, ...rest] = path as (string | number)[];
  const current = (o as Record<string | number, unknown>)[head!];
  return { ...o, [head!]: rest.length ? setPath(current as KubeObject, rest, value) : value } as KubeObject;
}
