import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applySetRef } from '../../../lib/core/applyset.js';
import { historyRecord, nextRevision, provenance, readRecord, recordObjects, type Revision } from '../../../lib/apply/history.js';
import { Progress, progressLine } from '../../../lib/apply/progress.js';
import type { KubeObject } from '../../../lib/manifest/object.js';

const set = applySetRef('shop', 'shop', 'prod');

test('a history record holds the manifests gzipped, Secrets as shape and sources only, and reads back', () => {
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: 'shop', annotations: { 'lading.dev/secret-sources': '{"password":{"env":"DB_PASSWORD"}}' } },
    data: { password: Buffer.from('hunter2-value').toString('base64') },
    stringData: { token: 'tok-value' },
  };
  const cm: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', namespace: 'shop', resourceVersion: '9', managedFields: [] },
    data: { a: '1' },
  };
  const record = historyRecord(
    set,
    { name: 'shop', env: 'prod' },
    { revision: 3, appliedAt: '2024-01-01T00:00:00Z', appliedBy: 'ci', commit: 'abc', summary: 's', status: 'ready', rollbackOf: 1 },
    [cm, secret],
  );
  const text = JSON.stringify(record);
  for (const v of ['hunter2-value', Buffer.from('hunter2-value').toString('base64'), 'tok-value']) assert.ok(!text.includes(v));
  assert.equal(record.metadata?.name, 'lading-history-shop.prod-3');
  const objects = recordObjects(record);
  assert.deepEqual(objects[0], { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' }, data: { a: '1' } });
  assert.equal(objects[1]!.data, undefined);
  assert.equal(objects[1]!.metadata?.annotations?.['lading.dev/secret-sources'], '{"password":{"env":"DB_PASSWORD"}}');
  const back = readRecord(record)!;
  assert.deepEqual(
    { ...back },
    {
      revision: 3,
      app: 'shop',
      env: 'prod',
      set,
      recordName: 'lading-history-shop.prod-3',
      appliedAt: '2024-01-01T00:00:00Z',
      appliedBy: 'ci',
      commit: 'abc',
      summary: 's',
      rollbackOf: 1,
      status: 'ready',
    },
  );
});

test('revisions are numbered on; the oldest beyond the limit expire', () => {
  const revs = [1, 2, 3, 4].map((revision) => ({ revision }) as Revision);
  assert.deepEqual(nextRevision([], 3), { revision: 1, expired: [] });
  const { revision, expired } = nextRevision(revs, 3);
  assert.equal(revision, 5);
  assert.deepEqual(
    expired.map((r) => r.revision),
    [1, 2],
  );
});

test('provenance from CI variables, then the shell and git', () => {
  assert.deepEqual(provenance({ GITHUB_ACTOR: 'octo', GITHUB_SHA: 'sha1', USER: 'me' }, 'head'), { appliedBy: 'octo', commit: 'sha1' });
  assert.deepEqual(provenance({ USER: 'me', CI_COMMIT_SHA: 'sha2' }), { appliedBy: 'me', commit: 'sha2' });
  assert.deepEqual(provenance({}, 'head'), { commit: 'head' });
});

test('progress: plain lines in CI (no cursor movement), one redrawn line per object in flight in a TTY', () => {
  let now = 0;
  let plain = '';
  const ci = new Progress({ write: (t: string) => (plain += t) }, () => now);
  ci.update('deployment.apps/web', 'waiting', '0/2');
  ci.update('deployment.apps/web', 'waiting', '1/2');
  now = 2500;
  ci.update('deployment.apps/web', 'ready', '2/2');
  ci.stop();
  assert.equal(plain, '… deployment.apps/web  waiting (0.0s): 0/2\n✓ deployment.apps/web  ready (2.5s): 2/2\n');

  let tty = '';
  const live = new Progress({ write: (t: string) => (tty += t), isTTY: true }, () => now);
  live.update('a', 'waiting', 'x');
  live.update('a', 'ready');
  live.stop();
  assert.match(tty, /\x1b\[2A\x1b\[J/); // the live table: its header and one line per object in flight
  assert.ok(tty.endsWith(progressLine('a', 'ready', undefined, 0) + '\n'));
});
