import type { ObjectRule, RuleIssue } from '../rule.js';
import type { FieldPath } from '../../manifest/source.js';
import { getPath, isRecord } from '../../manifest/object.js';
import { portName, portNumber } from '../formats.js';
import { podSpecPath } from '../workloads.js';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

function* checkNumber(value: unknown, path: FieldPath, allowZero = false): Iterable<RuleIssue> {
  if (typeof value !== 'number' || (allowZero && value === 0)) return;
  const bad = portNumber(value);
  if (bad) yield { path, message: bad };
}

function* checkName(value: unknown, path: FieldPath): Iterable<RuleIssue> {
  if (typeof value !== 'string') return;
  const bad = portName(value);
  if (bad) yield { path, message: `invalid port name "${value}": ${bad}` };
}

function* containerPorts(podSpec: unknown, base: FieldPath): Iterable<RuleIssue> {
  if (!isRecord(podSpec)) return;
  for (const list of CONTAINER_LISTS) {
    const containers = podSpec[list];
    if (!Array.isArray(containers)) continue;
    for (const [ci, c] of containers.entries()) {
      const ports = isRecord(c) ? c.ports : undefined;
      if (!Array.isArray(ports)) continue;
      const seen = new Set<string>();
      for (const [pi, p] of ports.entries()) {
        if (!isRecord(p)) continue;
        const at: FieldPath = [...base, list, ci, 'ports', pi];
        yield* checkNumber(p.containerPort, [...at, 'containerPort']);
        yield* checkNumber(p.hostPort, [...at, 'hostPort'], true);
        yield* checkName(p.name, [...at, 'name']);
        if (typeof p.name === 'string') {
          if (seen.has(p.name)) yield { path: [...at, 'name'], message: `duplicate port name "${p.name}" in this container` };
          seen.add(p.name);
        }
      }
    }
  }
}

function* servicePorts(spec: unknown): Iterable<RuleIssue> {
  if (!isRecord(spec) || !Array.isArray(spec.ports)) return;
  const names = new Set<string>();
  const many = spec.ports.length > 1;
  for (const [i, p] of spec.ports.entries()) {
    if (!isRecord(p)) continue;
    const at: FieldPath = ['spec', 'ports', i];
    yield* checkNumber(p.port, [...at, 'port']);
    yield* checkNumber(p.nodePort, [...at, 'nodePort'], true);
    if (typeof p.targetPort === 'number') yield* checkNumber(p.targetPort, [...at, 'targetPort']);
    else yield* checkName(p.targetPort, [...at, 'targetPort']);
    if (many && (typeof p.name !== 'string' || p.name === '')) {
      yield { path: [...at, 'name'], message: 'required: a Service with more than one port must name each port' };
    }
    if (typeof p.name === 'string' && p.name !== '') {
      if (names.has(p.name)) yield { path: [...at, 'name'], message: `duplicate port name "${p.name}"` };
      names.add(p.name);
    }
  }
}

export const ports: ObjectRule = {
  id: 'ports',
  description: 'port numbers are 1-65535, port names are IANA service names, unique where the API server requires',
  *check(o) {
    if (o.kind === 'Service') {
      yield* servicePorts(o.spec);
      return;
    }
    const path = podSpecPath(o.kind);
    if (path) yield* containerPorts(getPath(o, path), path);
  },
};
