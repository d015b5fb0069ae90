import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PodIdentity } from '../../../lib/constructs/pod-identity.js';
import { Worker } from '../../../lib/constructs/worker.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { at, synth } from './synth-helper.js';

test('ServiceAccount: grants become a Role and a RoleBinding; its pods mount the token', () => {
  const out = synth(
    (chart) => {
      const sa = new PodIdentity(chart, 'reader', { grants: [{ resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }] });
      sa.grant({ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'], resourceNames: ['web'] });
      new Worker(chart, 'w', { image: 'busybox:1.37', serviceAccount: sa });
    },
    { chart: { namespace: 'shop' } },
  );
  assert.deepEqual(out.problems, []);
  assert.equal((at(out.find('Role'), 'rules') as unknown[]).length, 2);
  assert.deepEqual(at(out.find('RoleBinding'), 'subjects'), [{ kind: 'ServiceAccount', name: 'reader', namespace: 'shop' }]);
  assert.equal(at(out.find('Deployment'), 'spec.template.spec.serviceAccountName'), 'reader');
  assert.equal(at(out.find('Deployment'), 'spec.template.spec.automountServiceAccountToken'), true);
  assertSnapshot(import.meta.url, 'service-account.yaml', out.yaml);
});

test('ServiceAccount: without grants, no Role, and pods do not mount the token', () => {
  const out = synth((chart) => new Worker(chart, 'w', { image: 'busybox:1.37' }));
  assert.ok(!out.objects.some((o) => o.kind === 'Role'));
  assert.equal(at(out.find('Deployment'), 'spec.template.spec.automountServiceAccountToken'), false);
  assert.throws(
    () => synth((chart) => new PodIdentity(chart, 'x', { grants: [{ resources: [], verbs: ['get'] }] })),
    /shop\/x: props\.grants\[0\]\.resources: expected at least one resource/,
  );
});
