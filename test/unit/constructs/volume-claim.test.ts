import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VolumeClaim } from '../../../lib/constructs/volume-claim.js';
import { PodVolume } from '../../../lib/constructs/pod-volume.js';
import { Worker } from '../../../lib/constructs/worker.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { at, synth } from './synth-helper.js';

test('VolumeClaim: snapshot, mounted through PodVolume.fromClaim', () => {
  const out = synth((chart) => {
    const uploads = new VolumeClaim(chart, 'uploads', { size: '10Gi', accessModes: ['ReadWriteMany'] });
    new Worker(chart, 'w', { image: 'busybox:1.37', mounts: { '/uploads': PodVolume.fromClaim(uploads) } });
  });
  assert.deepEqual(out.problems, []);
  assert.deepEqual(at(out.find('Deployment'), 'spec.template.spec.volumes'), [{ name: 'claim-uploads', persistentVolumeClaim: { claimName: 'uploads' } }]);
  assertSnapshot(import.meta.url, 'persistent-volume-claim.yaml', out.yaml);
});

test('PersistentVolumeClaim: a bad size names the prop', () => {
  assert.throws(() => synth((chart) => new VolumeClaim(chart, 'u', { size: 'ten' })), /shop\/u: props\.size: expected a quantity/);
});
