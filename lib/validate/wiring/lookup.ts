import { type KubeObject, displayName, getPath, isRecord } from '../../manifest/object.js';
import type { FieldPath } from '../../manifest/source.js';
import { WORKLOADS } from '../workloads.js';

export interface WiringOptions {
  /**
   * The input is the whole system (synth): a reference to an object that is not in it is an
   * error. False for `lading validate` of files: the object may already be in the cluster.
   */
  readonly inputIsComplete: boolean;
}

const ns = (o: KubeObject) => o.metadata?.namespace ?? '';

/** Objects of one namespace are comparable; an object without a namespace matches any. */
export function sameNamespace(a: KubeObject, b: KubeObject): boolean {
  return ns(a) === '' || ns(b) === '' || ns(a) === ns(b);
}

// The set rules of one input share what they derive from it: validateObjects hands each rule the
// same array of a unit's objects (which nothing changes while they run), so each is built once.
const indexes = new WeakMap<readonly KubeObject[], ObjectIndex>();
const templates = new WeakMap<readonly KubeObject[], readonly PodTemplateAt[]>();

/** The index of `objects` by kind and name, built once per input array. */
export function objectIndex(objects: readonly KubeObject[]): ObjectIndex {
  let index = indexes.get(objects);
  if (!index) indexes.set(objects, (index = new ObjectIndex(objects)));
  return index;
}

/** An index of the input by kind and name. */
export class ObjectIndex {
  private readonly byKindName = new Map<string, { o: KubeObject; index: number }[]>();

  constructor(readonly objects: readonly KubeObject[]) {
    objects.forEach((o, index) => {
      const key = `${o.kind}/${o.metadata?.name ?? ''}`;
      const list = this.byKindName.get(key) ?? [];
      list.push({ o, index });
      this.byKindName.set(key, list);
    });
  }

  /** The object of `kind` named `name` in the namespace of `from`. */
  find(kind: string, name: string, from: KubeObject): { o: KubeObject; index: number } | undefined {
    return this.byKindName.get(`${kind}/${name}`)?.find((c) => sameNamespace(c.o, from));
  }
}

export interface PodTemplateAt {
  readonly index: number;
  readonly object: KubeObject;
  readonly labels: Record<string, unknown>;
  readonly spec: Record<string, unknown>;
  readonly specPath: FieldPath;
}

/** The pod templates of every workload in the input (Pods included), found once per input array. */
export function podTemplates(objects: readonly KubeObject[]): readonly PodTemplateAt[] {
  const known = templates.get(objects);
  if (known) return known;
  const out: PodTemplateAt[] = [];
  objects.forEach((object, index) => {
    const shape = WORKLOADS[object.kind];
    if (!shape) return;
    const template = getPath(object, shape.template);
    if (!isRecord(template) || !isRecord(template.spec)) return;
    const meta = isRecord(template.metadata) ? template.metadata : {};
    out.push({ index, object, labels: isRecord(meta.labels) ? meta.labels : {}, spec: template.spec, specPath: [...shape.template, 'spec'] });
  });
  templates.set(objects, out);
  return out;
}

export { displayName };
