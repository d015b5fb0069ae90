import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type KubeObject, formatPath } from '../../../../lib/manifest/object.js';
import type { SetRule } from '../../../../lib/validate/rule.js';
import { SET_RULES, SYNTH_SET_RULES } from '../../../../lib/validate/rules/index.js';
import { selectorMatches } from '../../../../lib/validate/wiring/label-selector.js';
import { networkPolicyPorts, networkPolicySelects } from '../../../../lib/validate/wiring/network-policy-pods.js';
import { deployment } from '../../../support/objects.js';

const synth = { inputIsComplete: true };
const files = { inputIsComplete: false };

function issues(rule: SetRule, objects: KubeObject[]): string[] {
  return [...rule.checkSet(objects)].map((i) => `#${i.index} ${formatPath(i.path)}: ${i.message}`);
}

const policy = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'web', namespace: 'default' },
  spec,
});
const selectsWeb = { matchLabels: { 'app.kubernetes.io/name': 'web' } };

test('both rules are in the validate and synth tables', () => {
  for (const table of [SET_RULES, SYNTH_SET_RULES]) {
    assert.ok(table.some((r) => r.id === 'network-policy-selects-pods'));
    assert.ok(table.some((r) => r.id === 'network-policy-ports'));
  }
});

describe('network-policy-selects-pods (a warning)', () => {
  test('passes when the policy selects a pod of the input (matchLabels or matchExpressions)', () => {
    assert.deepEqual(issues(networkPolicySelects(synth), [deployment(), policy({ podSelector: selectsWeb })]), []);
    const expr = { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['web', 'api'] }] };
    assert.deepEqual(issues(networkPolicySelects(synth), [deployment(), policy({ podSelector: expr })]), []);
    assert.deepEqual(issues(networkPolicySelects(synth), [deployment(), policy({ podSelector: {} })]), []);
  });
  test('warns when it selects none, naming the selector', () => {
    assert.deepEqual(issues(networkPolicySelects(synth), [deployment(), policy({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'wbe' } } })]), [
      '#1 spec.podSelector: networkpolicy.networking.k8s.io/web selects no pod of the input (podSelector {"matchLabels":{"app.kubernetes.io/name":"wbe"}}): it restricts nothing unless such pods come from elsewhere',
    ]);
    assert.equal(networkPolicySelects(synth).severity, 'warning');
  });
  test('for files, a file of policies alone is not checked', () => {
    assert.deepEqual(issues(networkPolicySelects(files), [policy({ podSelector: { matchLabels: { app: 'db' } } })]), []);
    assert.equal(issues(networkPolicySelects(files), [deployment(), policy({ podSelector: { matchLabels: { app: 'db' } } })]).length, 1);
  });
});

describe('network-policy-ports', () => {
  test('passes when a selected pod declares the named port; numbers need no declaration', () => {
    assert.deepEqual(
      issues(networkPolicyPorts(), [deployment(), policy({ podSelector: selectsWeb, ingress: [{ ports: [{ port: 'http' }, { port: 9999 }] }] })]),
      [],
    );
  });
  test('fails on an ingress port name no selected pod declares', () => {
    assert.deepEqual(issues(networkPolicyPorts(), [deployment(), policy({ podSelector: selectsWeb, ingress: [{ ports: [{ port: 'metrics' }] }] })]), [
      '#1 spec.ingress[0].ports[0].port: port "metrics" is not a port name of the pods it selects (deployment.apps/web; their named ports: http): this rule allows no traffic',
    ]);
  });
  test('egress port names are looked up on the destination pods, when the input has them', () => {
    const egress = (port: string) =>
      policy({ podSelector: {}, egress: [{ to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'db' } } }], ports: [{ port }] }] });
    const db = deployment('db', { containers: [{ name: 'db', image: 'postgres:17', ports: [{ name: 'postgres', containerPort: 5432 }] }] });
    assert.deepEqual(issues(networkPolicyPorts(), [deployment(), db, egress('postgres')]), []);
    assert.match(
      issues(networkPolicyPorts(), [deployment(), db, egress('postgre')])[0]!,
      /^#2 spec\.egress\[0\]\.ports\[0\]\.port: port "postgre" is not a port name of the destination pods \(deployment\.apps\/db/,
    );
    // A namespaceSelector reaches pods outside the input: not checked.
    const wide = policy({ podSelector: {}, egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 'dns' }] }] });
    assert.deepEqual(issues(networkPolicyPorts(), [deployment(), wide]), []);
  });
});

test('selectorMatches: In, NotIn, Exists, DoesNotExist', () => {
  const labels = { app: 'web', tier: 'front' };
  assert.equal(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] }, labels), true);
  assert.equal(
    selectorMatches(
      {
        matchExpressions: [
          { key: 'app', operator: 'Exists' },
          { key: 'x', operator: 'DoesNotExist' },
        ],
      },
      labels,
    ),
    true,
  );
  assert.equal(selectorMatches({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, labels), false);
});
