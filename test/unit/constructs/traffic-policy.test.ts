import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrafficPolicy } from '../../../lib/constructs/traffic-policy.js';
import { StatefulService } from '../../../lib/constructs/stateful-service.js';
import { WebApp } from '../../../lib/constructs/web-app.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { at, synth } from './synth-helper.js';

test('NetworkPolicy: allow from a workload, a namespace and a CIDR; allow to DNS', () => {
  const out = synth((chart) => {
    const redis = new StatefulService(chart, 'redis', { image: 'redis:7.4.1', port: 6379, portName: 'redis' });
    const api = new WebApp(chart, 'api', { image: 'ghcr.io/acme/shop-api:2.3.0', port: 8080 });
    new TrafficPolicy(chart, 'redis-clients', {
      selects: redis,
      allowFrom: [api, { namespaceLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, { cidr: '10.0.0.0/8' }],
      ingressPorts: ['redis'],
      allowTo: [{ namespaceLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }],
      egressPorts: [53],
    });
  });
  assert.deepEqual(out.problems, []);
  const np = out.find('NetworkPolicy');
  assert.deepEqual(at(np, 'spec.policyTypes'), ['Ingress', 'Egress']);
  assert.deepEqual(at(np, 'spec.podSelector.matchLabels'), { 'app.kubernetes.io/instance': 'redis', 'app.kubernetes.io/name': 'redis' });
  assertSnapshot(import.meta.url, 'network-policy.yaml', out.yaml);
});

test('NetworkPolicy: a bad CIDR names the prop', () => {
  assert.throws(
    () => synth((chart) => new TrafficPolicy(chart, 'n', { selects: { a: 'b' }, allowFrom: [{ cidr: 'everywhere' }] })),
    /shop\/n: props\.allowFrom\[0\]/,
  );
});

test('NetworkPolicy: a port name the selected pods do not declare, and a policy selecting no pods, are reported at synth', () => {
  const out = synth((chart) => {
    const redis = new StatefulService(chart, 'redis', { image: 'redis:7.4.1', port: 6379, portName: 'redis' });
    new TrafficPolicy(chart, 'redis-clients', { selects: redis, allowFrom: [{ podLabels: { role: 'client' } }], ingressPorts: ['rediss'] });
    new TrafficPolicy(chart, 'stray', { selects: { 'app.kubernetes.io/name': 'reddis' }, allowFrom: [] });
  });
  assert.deepEqual(out.problems, [
    'networkpolicy.networking.k8s.io/stray: spec.podSelector: networkpolicy.networking.k8s.io/stray selects no pod of the input (podSelector {"matchLabels":{"app.kubernetes.io/name":"reddis"}}): it restricts nothing unless such pods come from elsewhere',
    'networkpolicy.networking.k8s.io/redis-clients: spec.ingress[0].ports[0].port: port "rediss" is not a port name of the pods it selects (statefulset.apps/redis; their named ports: redis): this rule allows no traffic',
  ]);
});
