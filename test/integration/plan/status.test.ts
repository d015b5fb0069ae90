import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { configMap, env, kube, lading, namespace, uniqueNamespace, writeManifests } from '../apply/helpers.js';

describe('lading status against the real control plane', () => {
  test('healthy after an apply (exit 0, last revision); drifted after an edit by hand (exit 1, who)', async () => {
    const ns = uniqueNamespace('status');
    const file = writeManifests([namespace(ns), configMap(ns, 'settings', { a: '1' })]);
    const applied = await lading(['apply', '-f', file, '--name', 'watched', '--yes'], {
      env: { ...env, GITHUB_SHA: 'abcdef0123456789', GITHUB_ACTOR: 'octo' },
    });
    assert.equal(applied.code, 0, applied.stderr);

    const healthy = await lading(['status', '-f', file, '--name', 'watched'], { env });
    assert.equal(healthy.code, 0, healthy.stdout + healthy.stderr);
    assert.match(healthy.stdout, /^watched: healthy; revision 1 applied \S+ .*from abcdef012345 \(applied\)$/m);
    assert.match(healthy.stdout, /configmap\/settings\s+\S+\s+in sync\s+ready\s+-/);

    await kube.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: ns, labels: { edited: 'yes' } } }, 'kubectl-edit');
    const drifted = await lading(['status', '-f', file, '--name', 'watched', '-o', 'json'], { env });
    assert.equal(drifted.code, 1, drifted.stderr);
    const report = JSON.parse(drifted.stdout);
    assert.equal(report.healthy, false);
    const cm = report.applications[0].objects.find((o: { id: string }) => o.id === 'configmap/settings');
    assert.deepEqual(cm.drift, ['metadata.labels.edited (kubectl-edit)']);
    assert.equal(report.applications[0].lastRevision.revision, 1);

    // The same out-of-band change as a drift report (for a scheduled job): who and when.
    const drift = await lading(['diff', '-f', file, '--name', 'watched', '--drift-only', '-o', 'markdown'], { env });
    assert.equal(drift.code, 1, drift.stderr);
    assert.match(drift.stdout, /\| watched \| `configmap\/settings` in `[^`]+` \| `metadata\.labels\.edited` \| `kubectl-edit` \| Apply \| \d{4}-\d\d-\d\dT/);

    const missing = await lading(
      [
        'status',
        '-f',
        writeManifests([namespace(ns), configMap(ns, 'settings', { a: '1' }), configMap(ns, 'new', { b: '1' })], 'watched.yaml'),
        '--name',
        'watched',
      ],
      { env },
    );
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /configmap\/new\s+\S+\s+would create\s+not in the cluster/);
  });
});
