import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainFailure, podSelector } from '../../../lib/apply/explain.js';
import type { KubeObject } from '../../../lib/manifest/object.js';

const pod = (containerStatuses: unknown[], conditions: unknown[] = []): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  status: { phase: 'Pending', containerStatuses, conditions },
});

test('pod problems name the waiting reason and count the pods that have it', () => {
  const pulling = pod([{ name: 'web', state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "x"' } } }]);
  const ready = pod([{ name: 'web', state: { running: {} } }]);
  assert.deepEqual(explainFailure([pulling, pulling, ready], []), ['container web: ImagePullBackOff (Back-off pulling image "x") [2/3 pods]']);
  const crashing = pod([{ name: 'web', restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } } }]);
  assert.deepEqual(explainFailure([crashing], []), ['container web: CrashLoopBackOff']);
  const unscheduled = pod([], [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available' }]);
  assert.deepEqual(explainFailure([unscheduled], []), ['not scheduled: Unschedulable (0/3 nodes are available)']);
});

test('the most recent distinct warning events follow', () => {
  const ev = (reason: string, message: string, t: string, type = 'Warning') =>
    ({ apiVersion: 'v1', kind: 'Event', type, reason, message, lastTimestamp: t, involvedObject: { kind: 'Pod', name: 'p' } }) as KubeObject;
  const lines = explainFailure(
    [],
    [
      ev('Failed', 'pull failed', '2024-01-01T00:00:01Z'),
      ev('BackOff', 'back-off', '2024-01-01T00:00:02Z'),
      ev('Failed', 'pull failed', '2024-01-01T00:00:03Z'),
      ev('Scheduled', 'ok', '2024-01-01T00:00:04Z', 'Normal'),
    ],
  );
  assert.deepEqual(lines, ['event Failed on pod/p: pull failed', 'event BackOff on pod/p: back-off']);
});

test('pod selectors of workloads', () => {
  assert.equal(podSelector({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { selector: { matchLabels: { a: 'b', c: 'd' } } } }), 'a=b,c=d');
  assert.equal(podSelector({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'm' }, spec: {} }), 'batch.kubernetes.io/job-name=m');
  assert.equal(podSelector({ apiVersion: 'v1', kind: 'Service' }), undefined);
});
