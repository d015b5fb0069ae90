import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../../../lib/constructs/app.js';
import { Chart } from '../../../../lib/constructs/chart.js';
import { Credentials } from '../../../../lib/constructs/credentials.js';
import { literal } from '../../../../lib/constructs/secret-source.js';
import { Worker } from '../../../../lib/constructs/worker.js';
import { type KubeObject, formatPath } from '../../../../lib/manifest/object.js';
import { collectObjects } from '../../../../lib/synth/collect.js';
import { policyDiagnostics } from '../../../../lib/synth/policies.js';
import {
  POLICIES,
  type Policy,
  checkPolicies,
  hostPathPolicy,
  imageTagPolicy,
  literalSecretPolicy,
  privilegedPolicy,
  readinessProbePolicy,
  resourcesPolicy,
  runAsRootPolicy,
} from '../../../../lib/validate/policies/index.js';
import { deployment, withPath } from '../../../support/objects.js';

const container = ['spec', 'template', 'spec', 'containers', 0];
const safe = (o: KubeObject) =>
  withPath(
    withPath(withPath(o, [...container, 'securityContext'], { runAsNonRoot: true }), [...container, 'resources'], {
      requests: { cpu: '1', memory: '1Gi' },
      limits: { memory: '1Gi' },
    }),
    [...container, 'readinessProbe'],
    { tcpSocket: { port: 'http' } },
  );
// Not a well-known image: image-needs has nothing to say about it.
const good = safe(withPath(deployment(), [...container, 'image'], 'ghcr.io/acme/web:1.4.2'));

function findings(policy: Policy, o: KubeObject): string[] {
  return checkPolicies(o, [policy]).map((f) => `${formatPath(f.issue.path)}: ${f.issue.message}`);
}

describe('policies', () => {
  test('a safe Deployment passes every policy', () => {
    assert.deepEqual(checkPolicies(good, POLICIES), []);
  });
  test('image-tag: latest and untagged images fail; tags and digests pass', () => {
    assert.match(
      findings(imageTagPolicy, withPath(good, [...container, 'image'], 'nginx:latest'))[0]!,
      /^spec\.template\.spec\.containers\[0\]\.image: image "nginx:latest" uses the tag "latest"/,
    );
    assert.match(findings(imageTagPolicy, withPath(good, [...container, 'image'], 'registry:5000/nginx'))[0]!, /has no tag/);
    assert.deepEqual(findings(imageTagPolicy, withPath(good, [...container, 'image'], 'nginx@sha256:abc')), []);
  });
  test('resources: a container without requests and memory limit fails', () => {
    assert.match(
      findings(resourcesPolicy, withPath(good, [...container, 'resources'], undefined))[0]!,
      /sets no requests\.cpu, requests\.memory, limits\.memory/,
    );
  });
  test('readiness-probe: a serving container without a readiness probe fails', () => {
    assert.match(findings(readinessProbePolicy, withPath(good, [...container, 'readinessProbe'], undefined))[0]!, /exposes ports but has no readiness probe/);
  });
  test('privileged: privileged containers and host namespaces fail', () => {
    assert.match(findings(privilegedPolicy, withPath(good, [...container, 'securityContext'], { runAsNonRoot: true, privileged: true }))[0]!, /is privileged/);
    assert.match(findings(privilegedPolicy, withPath(good, ['spec', 'template', 'spec', 'hostNetwork'], true))[0]!, /^spec\.template\.spec\.hostNetwork/);
  });
  test('run-as-root: no runAsNonRoot or runAsUser 0 fails; a pod-level non-root user passes', () => {
    assert.match(findings(runAsRootPolicy, withPath(good, [...container, 'securityContext'], undefined))[0]!, /may run as root/);
    assert.equal(findings(runAsRootPolicy, withPath(good, [...container, 'securityContext'], { runAsUser: 0 })).length, 1);
    const podLevel = withPath(withPath(good, [...container, 'securityContext'], undefined), ['spec', 'template', 'spec', 'securityContext'], {
      runAsUser: 1000,
    });
    assert.deepEqual(findings(runAsRootPolicy, podLevel), []);
  });
  test('host-path: a hostPath volume fails', () => {
    const o = withPath(good, ['spec', 'template', 'spec', 'volumes'], [{ name: 'logs', hostPath: { path: '/var/log' } }]);
    assert.match(findings(hostPathPolicy, o)[0]!, /^spec\.template\.spec\.volumes\[0\]\.hostPath: volume "logs" mounts the node's filesystem/);
  });
  test('literal-secret: a literal source warns', () => {
    const s: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', annotations: { 'lading.dev/secret-sources': '{"password":{"literal":true}}' } },
    };
    assert.match(findings(literalSecretPolicy, s)[0]!, /key "password" has a literal value/);
    assert.equal(literalSecretPolicy.severity, 'warning');
  });
  test('an object opts out by annotation, by id or with "*"', () => {
    const bad = withPath(good, [...container, 'image'], 'ghcr.io/acme/web');
    const optOut = (v: string) => withPath(bad, ['metadata', 'annotations'], { 'lading.dev/skip-policies': v });
    assert.deepEqual(checkPolicies(optOut('resources, image-tag'), POLICIES), []);
    assert.deepEqual(checkPolicies(optOut('*'), POLICIES), []);
    assert.equal(checkPolicies(optOut('resources'), POLICIES).length, 1);
  });
});

describe('policies at synth', () => {
  const build = (chartDefaults?: ConstructorParameters<typeof Chart>[2]) => {
    const app = new App();
    const chart = new Chart(app, 'shop', chartDefaults);
    new Worker(chart, 'w', { image: 'busybox', resources: null });
    new Credentials(chart, 's', { keys: { a: literal('x') } });
    return policyDiagnostics(collectObjects(app)).map((d) => `${d.severity} ${d.rule} ${d.origin.constructPath}`);
  };
  test('the library policies run with their severities and the construct path', () => {
    assert.deepEqual(build(), ['error image-tag shop/w/Deployment', 'warning resources shop/w/Deployment', 'warning literal-secret shop/s/Resource']);
  });
  test('a Chart (or the App) sets its own policies: extended, re-graded, or none', () => {
    const strict: Policy = { ...resourcesPolicy, severity: 'error' };
    const custom: Policy = {
      id: 'team-label',
      description: 'objects have a team label',
      severity: 'warning',
      *check(o) {
        if (!o.metadata?.labels?.team) yield { path: ['metadata', 'labels'], message: 'no team label' };
      },
    };
    assert.deepEqual(build({ defaults: { policies: [strict, custom] } }), [
      'warning team-label shop/w/ServiceAccount/Resource',
      'error resources shop/w/Deployment',
      'warning team-label shop/w/Deployment',
      'warning team-label shop/s/Resource',
    ]);
    assert.deepEqual(build({ defaults: { policies: null } }), []);
  });
  test("each application of an App checks its own Chart's policies", () => {
    const app = new App();
    const quiet = new Chart(app, 'quiet', { defaults: { policies: null } });
    const shop = new Chart(app, 'shop');
    for (const chart of [quiet, shop, quiet]) new Worker(chart, `w${chart.node.children.length}`, { image: 'busybox', resources: null });
    assert.deepEqual(
      policyDiagnostics(collectObjects(app)).map((d) => `${d.rule} ${d.origin.constructPath}`),
      ['image-tag shop/w0/Deployment', 'resources shop/w0/Deployment'],
    );
  });
});
