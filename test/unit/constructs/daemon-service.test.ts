import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonService } from '../../../lib/constructs/daemon-service.js';
import { PodVolume } from '../../../lib/constructs/pod-volume.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { at, synth } from './synth-helper.js';

test('DaemonService: snapshot of a DaemonSet', () => {
  const out = synth(
    (chart) =>
      new DaemonService(chart, 'logs', {
        image: 'fluent/fluent-bit:3.2.2',
        mounts: { '/var/log': { volume: PodVolume.hostPath('varlog', '/var/log'), readOnly: true } },
        annotations: { 'lading.dev/skip-policies': 'host-path' },
      }),
  );
  assert.deepEqual(out.problems, []);
  assert.deepEqual(at(out.find('DaemonSet'), 'spec.selector.matchLabels'), { 'app.kubernetes.io/instance': 'logs', 'app.kubernetes.io/name': 'logs' });
  assertSnapshot(import.meta.url, 'daemon-service.yaml', out.yaml);
});
