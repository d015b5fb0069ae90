import { type KubeObject, isRecord } from '../../manifest/object.js';
import type { RuleIssue, SetRule } from '../rule.js';
import { type PodTemplateAt, type WiringOptions, displayName, podTemplates, sameNamespace } from './lookup.js';

function selects(selector: Record<string, unknown>, labels: Record<string, unknown>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Pod templates by each of their labels, so a selector is matched against few candidates. */
function indexByLabel(templates: readonly PodTemplateAt[]): Map<string, PodTemplateAt[]> {
  const index = new Map<string, PodTemplateAt[]>();
  for (const t of templates) {
    for (const [k, v] of Object.entries(t.labels)) {
      const key = `${k}=${String(v)}`;
      const list = index.get(key);
      if (list) list.push(t);
      else index.set(key, [t]);
    }
  }
  return index;
}

function candidates(index: Map<string, PodTemplateAt[]>, selector: Record<string, unknown>): readonly PodTemplateAt[] {
  let best: readonly PodTemplateAt[] | undefined;
  for (const [k, v] of Object.entries(selector)) {
    const list = index.get(`${k}=${String(v)}`) ?? [];
    if (!best || list.length < best.length) best = list;
  }
  return best ?? [];
}

function containerPorts(t: PodTemplateAt): { name?: unknown; containerPort?: unknown }[] {
  const containers = Array.isArray(t.spec.containers) ? t.spec.containers : [];
  return containers.flatMap((c) => (isRecord(c) && Array.isArray(c.ports) ? c.ports.filter(isRecord) : []));
}

function describePorts(ports: { name?: unknown; containerPort?: unknown }[]): string {
  if (!ports.length) return 'it declares no container ports';
  return `its ports: ${ports.map((p) => (p.name ? `${String(p.name)}=${String(p.containerPort)}` : String(p.containerPort))).join(', ')}`;
}

/**
 * A Service selects the pods it was built for (some workload of the input has matching pod
 * labels). In synth, a target port that those pods' containers do not declare is a warning:
 * declaring container ports is optional (the process may listen on a port no one declares), so
 * the API server accepts it, and for files (`lading validate`, `-f`) it is not reported at all.
 */
export function serviceSelectsPods(options: WiringOptions): SetRule {
  return {
    id: 'service-selects-pods',
    description: 'a Service selects the pods of a workload (synth), and its targetPorts are ports of their containers (a synth warning)',
    *checkSet(objects): Iterable<RuleIssue & { index: number }> {
      const templates = indexByLabel(podTemplates(objects).filter((t) => t.object.kind !== 'CronJob'));
      for (const [index, svc] of objects.entries()) {
        if (svc.kind !== 'Service' || !isRecord(svc.spec)) continue;
        const selector = svc.spec.selector;
        if (svc.spec.type === 'ExternalName' || !isRecord(selector) || Object.keys(selector).length === 0) continue;
        const matched = candidates(templates, selector).filter((t) => sameNamespace(t.object, svc) && selects(selector, t.labels));
        if (matched.length === 0) {
          if (options.inputIsComplete) {
            yield {
              index,
              path: ['spec', 'selector'],
              message: `${displayName(svc)} selects no pods: no workload in the input has pod labels ${JSON.stringify(selector)}`,
            };
          }
          continue;
        }
        if (options.inputIsComplete) yield* targetPortIssues(index, svc, matched);
      }
    },
  };
}

function* targetPortIssues(index: number, svc: KubeObject, matched: PodTemplateAt[]): Iterable<RuleIssue & { index: number }> {
  const ports = isRecord(svc.spec) && Array.isArray(svc.spec.ports) ? svc.spec.ports : [];
  for (const [i, port] of ports.entries()) {
    if (!isRecord(port)) continue;
    const target = port.targetPort ?? port.port;
    for (const t of matched) {
      const declared = containerPorts(t);
      const found = typeof target === 'string' ? declared.some((p) => p.name === target) : declared.some((p) => p.containerPort === target);
      if (!found) {
        yield {
          index,
          severity: 'warning',
          path: ['spec', 'ports', i, port.targetPort === undefined ? 'port' : 'targetPort'],
          message: `target port ${JSON.stringify(target)} of ${displayName(svc)} is not a container port of ${displayName(t.object)} (${describePorts(declared)})`,
        };
      }
    }
  }
}
