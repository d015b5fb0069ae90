import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Config } from '../../../lib/constructs/config.js';
import { Credentials } from '../../../lib/constructs/credentials.js';
import { fromEnv } from '../../../lib/constructs/secret-source.js';
import { PodVolume } from '../../../lib/constructs/pod-volume.js';
import { Worker } from '../../../lib/constructs/worker.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { at, synth } from './synth-helper.js';

test('Worker: snapshot of a Deployment without a Service, env from Config and Secret, mounts', () => {
  const out = synth((chart) => {
    const settings = new Config(chart, 'settings', { data: { QUEUE: 'orders' } });
    const db = new Credentials(chart, 'db', { keys: { url: fromEnv('DB_URL') } });
    new Worker(chart, 'worker', {
      image: 'ghcr.io/acme/shop-api:2.3.0',
      command: ['shop', 'work'],
      replicas: 3,
      envFrom: [settings],
      env: { DATABASE_URL: db.key('url'), QUEUE: settings.key('QUEUE') },
      mounts: { '/etc/shop': PodVolume.fromConfig(settings), '/tmp': PodVolume.emptyDir('tmp') },
    });
  });
  assert.deepEqual(out.problems, []);
  assert.ok(!out.objects.some((o) => o.kind === 'Service'));
  assert.equal(at(out.find('Deployment'), 'spec.replicas'), 3);
  assert.equal(at(out.find('Deployment'), 'spec.template.spec.readinessProbe'), undefined);
  assertSnapshot(import.meta.url, 'worker.yaml', out.yaml);
});

test('Worker: serviceAccount false uses the namespace default and creates none', () => {
  const out = synth((chart) => new Worker(chart, 'w', { image: 'busybox:1.37', serviceAccount: false }));
  assert.ok(!out.objects.some((o) => o.kind === 'ServiceAccount'));
  assert.equal(at(out.find('Deployment'), 'spec.template.spec.serviceAccountName'), undefined);
});

test('Worker: a bad image is named with the construct path', () => {
  assert.throws(
    () => synth((chart) => new Worker(chart, 'w', { image: 'bad image' })),
    /^PropsError: shop\/w: props\.image: invalid image reference "bad image": invalid reference format/,
  );
});
