import { KINDS } from '../k8s/generated/catalog.js';
import { groupOf } from '../manifest/object.js';

// group|kind of every kind Kubernetes itself serves (any version).
const BUILT_IN = new Set(KINDS.map(([group, , kind]) => `${group}|${kind}`));

/**
 * True for a kind a CustomResourceDefinition installs rather than the API server itself: one
 * that the same input defines (`definedHere`, "apiVersion|kind"), or one in a dotted group that
 * Kubernetes does not serve, *.k8s.io included (Gateway API, VolumeSnapshot). The core group and
 * one-word groups are never custom: a CRD's group has a dot. Synth and apply order waves by it.
 */
export function isCustomKind(apiVersion: string, kind: string, definedHere: ReadonlySet<string> = new Set()): boolean {
  if (definedHere.has(`${apiVersion}|${kind}`)) return true;
  const group = groupOf(apiVersion);
  return group.includes('.') && !BUILT_IN.has(`${group}|${kind}`);
}
