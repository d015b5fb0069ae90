import type { ObjectRule, RuleIssue } from '../rule.js';
import type { FieldPath } from '../../manifest/source.js';
import { getPath, isRecord } from '../../manifest/object.js';
import { labelValue, qualifiedName } from '../formats.js';
import { WORKLOADS } from '../workloads.js';

const MAX_ANNOTATIONS_BYTES = 256 * 1024;

function checkLabelMap(map: unknown, path: FieldPath, out: RuleIssue[]): void {
  if (!isRecord(map)) return;
  for (const key in map) {
    if (!Object.hasOwn(map, key)) continue;
    const value = map[key];
    const badKey = qualifiedName(key);
    if (badKey) out.push({ path: [...path, key], message: `invalid label key "${key}": ${badKey}` });
    if (typeof value === 'string') {
      const badValue = labelValue(value);
      if (badValue) out.push({ path: [...path, key], message: `invalid label value "${value}": ${badValue}` });
    }
  }
}

/** Every place a label map appears: the object, its pod template, and its selector. */
function labelMapPaths(kind: string): FieldPath[] {
  const paths: FieldPath[] = [['metadata', 'labels']];
  const shape = WORKLOADS[kind];
  if (shape && shape.template.length > 0) paths.push([...shape.template, 'metadata', 'labels']);
  if (shape?.selector) paths.push([...shape.selector, 'matchLabels']);
  if (kind === 'Service') paths.push(['spec', 'selector']);
  return paths;
}

// Built once per kind: the rule runs on every object.
const pathsByKind = new Map<string, readonly FieldPath[]>();

export const labels: ObjectRule = {
  id: 'labels',
  description: 'label keys are qualified names and label values are valid (63 characters, alphanumeric ends)',
  check(o) {
    let paths = pathsByKind.get(o.kind);
    if (!paths) pathsByKind.set(o.kind, (paths = labelMapPaths(o.kind)));
    const out: RuleIssue[] = [];
    for (const path of paths) checkLabelMap(getPath(o, path), path, out);
    return out;
  },
};

export const annotations: ObjectRule = {
  id: 'annotations',
  description: 'annotation keys are qualified names and all annotations together are at most 256 KiB',
  *check(o) {
    const map = o.metadata?.annotations;
    if (!isRecord(map)) return;
    let bytes = 0;
    for (const [key, value] of Object.entries(map)) {
      const bad = qualifiedName(key.toLowerCase());
      if (bad) yield { path: ['metadata', 'annotations', key], message: `invalid annotation key "${key}": ${bad}` };
      bytes += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
    }
    if (bytes > MAX_ANNOTATIONS_BYTES) {
      yield { path: ['metadata', 'annotations'], message: `annotations total ${bytes} bytes: must be at most ${MAX_ANNOTATIONS_BYTES}` };
    }
  },
};
