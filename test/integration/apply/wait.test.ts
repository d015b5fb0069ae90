import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { apply, deployment, namespace, service, uniqueNamespace } from './helpers.js';

function job(ns: string, name: string, image: string): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: ns },
    spec: {
      backoffLimit: 0,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'run', image, securityContext: { runAsNonRoot: true, runAsUser: 1000 } }] } },
    },
  };
}

describe('lading apply --wait', () => {
  test('waits until workloads, services and jobs are ready; plain progress lines without a TTY', async () => {
    const ns = uniqueNamespace('wait-ok');
    const res = await apply(
      'wait-ok',
      [namespace(ns), deployment(ns, 'web'), service(ns, 'web'), job(ns, 'migrate', 'busybox:1.36')],
      '--wait',
      '--timeout',
      '120s',
    );
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /✓ deployment\.apps\/web -n \S+ {2}ready \([\d.]+s\): 2\/2 replicas available/);
    assert.match(res.stdout, /✓ service\/web -n \S+ {2}ready \([\d.]+s\): \d+ ready endpoints?/);
    assert.match(res.stdout, /✓ job\.batch\/migrate -n \S+ {2}ready \([\d.]+s\): complete/);
    assert.match(res.stdout, /4 objects ready/);
    assert.doesNotMatch(res.stdout, /\x1b\[/, 'no cursor movement without a TTY');
  });

  test('a bad image fails the wait, names ImagePullBackOff, exits 1', async () => {
    const ns = uniqueNamespace('wait-bad');
    const res = await apply('wait-bad', [namespace(ns), deployment(ns, 'web', 'registry.example/bad-image:1')], '--wait', '--timeout', '20s');
    assert.equal(res.code, 1, res.stdout + res.stderr);
    assert.match(res.stderr, /error: deployment\.apps\/web -n \S+: not ready after 20s/);
    assert.match(res.stderr, /ImagePullBackOff|ErrImagePull/);
    assert.match(res.stderr, /event \w+ on pod\//);
  });

  test('a failed Job fails the wait at once, with the reason', async () => {
    const ns = uniqueNamespace('wait-job');
    const started = Date.now();
    const res = await apply('wait-job', [namespace(ns), job(ns, 'migrate', 'registry.example/fail-job:1')], '--wait', '--timeout', '120s');
    assert.equal(res.code, 1, res.stdout + res.stderr);
    assert.match(res.stderr, /job\.batch\/migrate -n \S+: job failed/);
    assert.ok(Date.now() - started < 100_000, 'did not wait for the timeout');
  });

  test('a crashing container is named CrashLoopBackOff', async () => {
    const ns = uniqueNamespace('wait-crash');
    const res = await apply('wait-crash', [namespace(ns), deployment(ns, 'web', 'registry.example/crashloop:1')], '--wait', '--timeout', '20s');
    assert.equal(res.code, 1, res.stdout + res.stderr);
    assert.match(res.stderr, /CrashLoopBackOff|restarted/);
  });
});
