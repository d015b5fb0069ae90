import { type KubeObject, isRecord } from '../../manifest/object.js';
import type { FieldPath } from '../../manifest/source.js';
import type { RuleIssue, SetRule } from '../rule.js';
import { selectorMatches } from './label-selector.js';
import { type PodTemplateAt, type WiringOptions, displayName, podTemplates, sameNamespace } from './lookup.js';

type Issue = RuleIssue & { index: number };

function selected(policy: KubeObject, selector: unknown, templates: readonly PodTemplateAt[]): PodTemplateAt[] {
  return templates.filter((t) => sameNamespace(t.object, policy) && selectorMatches(selector, t.labels));
}

function portNames(t: PodTemplateAt): string[] {
  const containers = [t.spec.containers, t.spec.initContainers].flatMap((l) => (Array.isArray(l) ? l : []));
  return containers
    .flatMap((c) => (isRecord(c) && Array.isArray(c.ports) ? c.ports : []))
    .map((p) => (isRecord(p) ? p.name : undefined))
    .filter((n): n is string => typeof n === 'string');
}

const specOf = (policy: KubeObject) => (isRecord(policy.spec) ? policy.spec : {});

/**
 * A NetworkPolicy applies to the pods its podSelector selects. One that selects no pod of the
 * input is likely a wrong label (a warning: the pods may come from elsewhere). For files, only
 * when the input has pods at all (a file of policies alone is fine).
 */
export function networkPolicySelects(options: WiringOptions): SetRule {
  return {
    id: 'network-policy-selects-pods',
    description: 'a NetworkPolicy selects some pod of the input (a warning: the pods may come from elsewhere)',
    severity: 'warning',
    *checkSet(objects): Iterable<Issue> {
      const templates = podTemplates(objects);
      for (const [index, policy] of objects.entries()) {
        if (policy.kind !== 'NetworkPolicy') continue;
        const selector = specOf(policy).podSelector;
        if (!isRecord(selector) || selected(policy, selector, templates).length) continue;
        if (!options.inputIsComplete && !templates.some((t) => sameNamespace(t.object, policy))) continue;
        yield {
          index,
          path: ['spec', 'podSelector'],
          message: `${displayName(policy)} selects no pod of the input (podSelector ${JSON.stringify(selector)}): it restricts nothing unless such pods come from elsewhere`,
        };
      }
    },
  };
}

/**
 * A named port of a NetworkPolicy rule is resolved on the pods: ingress ports on the selected
 * pods, egress ports on the destination pods. A name none of them declares matches no traffic,
 * so the rule allows nothing. Checked when those pods are in the input (egress: when every
 * destination is a podSelector of the policy's namespace).
 */
export function networkPolicyPorts(): SetRule {
  return {
    id: 'network-policy-ports',
    description: "a NetworkPolicy's named ports are declared by the pods they apply to",
    *checkSet(objects): Iterable<Issue> {
      const templates = podTemplates(objects);
      for (const [index, policy] of objects.entries()) {
        if (policy.kind !== 'NetworkPolicy') continue;
        const spec = specOf(policy);
        const own = isRecord(spec.podSelector) ? selected(policy, spec.podSelector, templates) : [];
        for (const direction of ['ingress', 'egress'] as const) {
          const rules = Array.isArray(spec[direction]) ? spec[direction] : [];
          for (const [ri, rule] of rules.entries()) {
            if (!isRecord(rule)) continue;
            const pods = direction === 'ingress' ? own : destinations(policy, rule.to, templates);
            if (!pods.length) continue;
            const names = new Set(pods.flatMap(portNames));
            const ports = Array.isArray(rule.ports) ? rule.ports : [];
            for (const [pi, port] of ports.entries()) {
              if (!isRecord(port) || typeof port.port !== 'string' || names.has(port.port)) continue;
              const path: FieldPath = ['spec', direction, ri, 'ports', pi, 'port'];
              const whose = direction === 'ingress' ? 'the pods it selects' : 'the destination pods';
              yield {
                index,
                path,
                message: `port "${port.port}" is not a port name of ${whose} (${pods.map((t) => displayName(t.object)).join(', ')}; their named ports: ${[...names].join(', ') || 'none'}): this rule allows no traffic`,
              };
            }
          }
        }
      }
    },
  };
}

// The pods an egress rule's `to` reaches, when they can be known from the input.
function destinations(policy: KubeObject, to: unknown, templates: readonly PodTemplateAt[]): PodTemplateAt[] {
  if (!Array.isArray(to) || to.length === 0) return [];
  if (!to.every((peer) => isRecord(peer) && isRecord(peer.podSelector) && peer.namespaceSelector === undefined && peer.ipBlock === undefined)) return [];
  return [...new Set(to.flatMap((peer) => selected(policy, (peer as Record<string, unknown>).podSelector, templates)))];
}
