import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyInProcess, configMap, kube, namespace, onCleanup, uniqueNamespace } from './helpers.js';

// Prunes that take more than the object (issue #12, item 5): shown with what they take, counted
// live, and done only with explicit consent; deletions wait until the objects are gone.

describe('dangerous prunes', () => {
  test('pruning a namespace shows what it deletes with it and needs --confirm-prune', async () => {
    const home = uniqueNamespace('home');
    const doomed = `${home}-doomed`;
    onCleanup(() => kube.remove('v1', 'Namespace', undefined, doomed));
    const first = await applyInProcess('danger', [namespace(home), namespace(doomed), configMap(doomed, 'a', { x: '1' }), configMap(doomed, 'b', { x: '1' })], {
      namespace: home,
    });
    assert.equal(first.code, 0, first.stderr);
    // Someone else's object lives in the namespace too: it counts.
    await kube.apply(configMap(doomed, 'someone-elses', { y: '1' }), 'kubectl');

    const refused = await applyInProcess('danger', [namespace(home)], { prune: true, namespace: home });
    assert.equal(refused.code, 2, refused.stdout);
    assert.match(refused.stdout, /danger: pruning it deletes everything in namespace .*-doomed with it: \d+ objects \(\d+ ConfigMap/);
    assert.match(refused.stderr, /namespace\/.*-doomed: pruning it deletes everything .*pass --confirm-prune/);
    assert.equal(refused.writes.length, 0);
    assert.ok(await kube.get('v1', 'ConfigMap', doomed, 'someone-elses'));

    const confirmed = await applyInProcess('danger', [namespace(home)], { prune: true, confirmPrune: true, timeout: '2m', namespace: home });
    assert.equal(confirmed.code, 0, confirmed.stderr);
    // Deletions of a wave finish before the apply ends: the namespace is gone, not Terminating.
    assert.equal(await kube.get('v1', 'Namespace', undefined, doomed), undefined);
  });

  test('an object held by a finalizer is named with it when the deadline passes', async () => {
    const ns = uniqueNamespace('held');
    assert.equal((await applyInProcess('held', [namespace(ns), configMap(ns, 'keep', { a: '1' }), configMap(ns, 'held', { a: '1' })])).code, 0);
    await kube.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: ns, finalizers: ['example.com/hold'] } }, 'finalizer-owner');
    onCleanup(() => kube.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: ns, finalizers: [] } }, 'finalizer-owner'));
    const res = await applyInProcess('held', [namespace(ns), configMap(ns, 'keep', { a: '1' })], { prune: true, timeout: '2s' });
    assert.equal(res.code, 1, res.stdout);
    assert.match(res.stderr, /configmap\/held -n .*: deleted but still there, held by finalizer example\.com\/hold/);
    await kube.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: ns, finalizers: [] } }, 'finalizer-owner');
  });
});
