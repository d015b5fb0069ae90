import type { ObjectRule, RuleIssue } from '../rule.js';
import type { FieldPath } from '../../manifest/source.js';
import { getPath, isRecord } from '../../manifest/object.js';
import { dns1123Label } from '../formats.js';
import { podSpecPath } from '../workloads.js';

const CONTAINER_LISTS = ['initContainers', 'containers'] as const;

/** Container and volume names are DNS labels, and every volume mount names a declared volume. */
export const podSpecNames: ObjectRule = {
  id: 'pod-spec-names',
  description: 'container and volume names are DNS-1123 labels; every volumeMount names a volume of the pod',
  *check(o): Iterable<RuleIssue> {
    const base = podSpecPath(o.kind);
    if (!base) return;
    const spec = getPath(o, base);
    if (!isRecord(spec)) return;
    const volumes = new Set<string>();
    if (Array.isArray(spec.volumes)) {
      for (const [i, v] of spec.volumes.entries()) {
        const name = isRecord(v) ? v.name : undefined;
        if (typeof name !== 'string') continue;
        volumes.add(name);
        const bad = dns1123Label(name);
        if (bad) yield { path: [...base, 'volumes', i, 'name'], message: `invalid volume name "${name}": ${bad}` };
      }
    }
    // A StatefulSet's volumeClaimTemplates are volumes of its pods too.
    const claims = o.kind === 'StatefulSet' ? getPath(o, ['spec', 'volumeClaimTemplates']) : undefined;
    for (const c of Array.isArray(claims) ? claims : []) {
      const name = getPath(c, ['metadata', 'name']);
      if (typeof name === 'string') volumes.add(name);
    }
    for (const list of CONTAINER_LISTS) {
      const containers = spec[list];
      if (!Array.isArray(containers)) continue;
      for (const [ci, c] of containers.entries()) {
        if (!isRecord(c)) continue;
        const at: FieldPath = [...base, list, ci];
        if (typeof c.name === 'string') {
          const bad = dns1123Label(c.name);
          if (bad) yield { path: [...at, 'name'], message: `invalid container name "${c.name}": ${bad}` };
        }
        if (!Array.isArray(c.volumeMounts)) continue;
        for (const [mi, m] of c.volumeMounts.entries()) {
          const name = isRecord(m) ? m.name : undefined;
          if (typeof name === 'string' && !volumes.has(name)) {
            const declared = volumes.size ? `declared: ${[...volumes].join(', ')}` : 'the pod declares no volumes';
            yield { path: [...at, 'volumeMounts', mi, 'name'], message: `volume "${name}" not found in ${[...base, 'volumes'].join('.')} (${declared})` };
          }
        }
      }
    }
  },
};
