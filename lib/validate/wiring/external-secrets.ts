import { type KubeObject, displayName, getPath, groupOf, isRecord } from '../../manifest/object.js';
import { sameNamespace } from './lookup.js';

const isExternalSecret = (o: KubeObject) => o.kind === 'ExternalSecret' && groupOf(o.apiVersion) === 'external-secrets.io';

/**
 * The name of the Secret an ExternalSecret makes (spec.target.name, else its own name), or
 * undefined when it makes none: creationPolicy Merge and None write into a Secret made elsewhere.
 */
export function externalSecretTarget(o: KubeObject): string | undefined {
  if (!isExternalSecret(o)) return undefined;
  const policy = getPath(o, ['spec', 'target', 'creationPolicy']) ?? 'Owner';
  if (policy !== 'Owner' && policy !== 'Orphan') return undefined;
  const name = getPath(o, ['spec', 'target', 'name']);
  return typeof name === 'string' && name !== '' ? name : o.metadata?.name;
}

/**
 * The keys of the Secret an ExternalSecret makes (spec.data[].secretKey and template data), or
 * undefined when they cannot be known from the object (dataFrom, templateFrom).
 */
export function externalSecretKeys(o: KubeObject): Set<string> | undefined {
  const spec = isRecord(o.spec) ? o.spec : {};
  const template = getPath(spec, ['target', 'template']);
  if (Array.isArray(spec.dataFrom) && spec.dataFrom.length > 0) return undefined;
  if (isRecord(template) && Array.isArray(template.templateFrom) && template.templateFrom.length > 0) return undefined;
  const keys = new Set<string>();
  for (const d of Array.isArray(spec.data) ? spec.data : []) if (isRecord(d) && typeof d.secretKey === 'string') keys.add(d.secretKey);
  // A template with data replaces the fetched keys unless its mergePolicy is Merge.
  if (isRecord(template) && isRecord(template.data)) {
    if (template.mergePolicy !== 'Merge') keys.clear();
    for (const k of Object.keys(template.data)) keys.add(k);
  }
  return keys;
}

/** The Secrets that ExternalSecrets of the input will make, by name. */
export class ExternalSecretTargets {
  private readonly byName = new Map<string, { o: KubeObject; index: number }[]>();

  constructor(objects: readonly KubeObject[]) {
    objects.forEach((o, index) => {
      const name = externalSecretTarget(o);
      if (name !== undefined) this.byName.set(name, [...(this.byName.get(name) ?? []), { o, index }]);
    });
  }

  /** The ExternalSecret that makes Secret `name` in the namespace of `from`. */
  find(name: string, from: KubeObject): { o: KubeObject; index: number } | undefined {
    return this.byName.get(name)?.find((c) => sameNamespace(c.o, from));
  }
}

/** How a message names the Secret an ExternalSecret makes. */
export function madeBy(name: string, es: KubeObject): string {
  return `secret/${name} (made by ${displayName(es)})`;
}
