import { isRecord, type KubeObject } from '../manifest/object.js';
import { type FieldSet, pick } from './fieldset.js';

export interface NormalizeContext {
  /** Show only these fields (the ones lading owns before or after the apply). */
  readonly owned?: FieldSet;
}

/** One small, separately testable normalization (Argo CD's gitops-engine style). */
export type NormalizeStep = (o: KubeObject, ctx: NormalizeContext) => KubeObject;

const SERVER_METADATA = ['managedFields', 'resourceVersion', 'uid', 'generation', 'creationTimestamp', 'selfLink'];

/** Keeps only the owned fields, plus the identity every object shows (apiVersion, kind, name, namespace). */
export const restrictToOwnedFields: NormalizeStep = (o, { owned }) => {
  if (!owned) return o;
  const picked = pick(o, owned) as Record<string, unknown>;
  const meta = isRecord(picked.metadata) ? picked.metadata : {};
  return {
    ...picked,
    apiVersion: o.apiVersion,
    kind: o.kind,
    metadata: { name: o.metadata?.name, namespace: o.metadata?.namespace, ...meta },
  };
};

export const dropServerMetadata: NormalizeStep = (o) => {
  if (!o.metadata) return o;
  const meta = { ...o.metadata };
  for (const k of SERVER_METADATA) delete meta[k];
  return { ...o, metadata: meta };
};

export const dropStatus: NormalizeStep = (o) => {
  if (!('status' in o)) return o;
  const { status: _status, ...rest } = o;
  return rest as KubeObject;
};

/** A Secret's stringData is written to data (base64) by the server; compare in that form. */
export const stringDataToData: NormalizeStep = (o) => {
  if (o.kind !== 'Secret' || !isRecord(o.stringData)) return o;
  const { stringData, ...rest } = o;
  const data: Record<string, unknown> = { ...(isRecord(rest.data) ? rest.data : {}) };
  for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
  return { ...rest, data } as KubeObject;
};

export const NORMALIZE_STEPS: readonly NormalizeStep[] = [restrictToOwnedFields, dropServerMetadata, dropStatus, stringDataToData];

export function normalize(o: KubeObject, ctx: NormalizeContext = {}, steps: readonly NormalizeStep[] = NORMALIZE_STEPS): KubeObject {
  return steps.reduce((acc, step) => step(acc, ctx), o);
}
