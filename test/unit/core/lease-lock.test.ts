import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySetRef } from '../../../lib/core/applyset.js';
import { LOCK, leaseFor, lockState, microTime, renewed } from '../../../lib/core/lease-lock.js';

const set = applySetRef('shop', 'prod');
const t0 = Date.parse('2026-11-30T12:00:00Z');

test('a lease named after the ApplySet parent, in its namespace, held by one identity', () => {
  const lease = leaseFor(set, 'ci-1', t0);
  assert.equal(lease.metadata?.name, 'lading-shop');
  assert.equal(lease.metadata?.namespace, 'prod');
  assert.deepEqual(lease.spec, {
    holderIdentity: 'ci-1',
    leaseDurationSeconds: LOCK.durationSeconds,
    acquireTime: '2026-11-30T12:00:00.000000Z',
    renewTime: '2026-11-30T12:00:00.000000Z',
    leaseTransitions: 0,
  });
  assert.equal(microTime(t0 + 1), '2026-11-30T12:00:00.001000Z');
});

test('held by another until its renewal expires; then it may be taken over (a crashed holder)', () => {
  const lease = leaseFor(set, 'ci-1', t0);
  assert.deepEqual(lockState(undefined, 'ci-2', t0), { state: 'free' });
  assert.equal(lockState(lease, 'ci-1', t0).state, 'ours');
  const held = lockState(lease, 'ci-2', t0 + 5_000);
  assert.equal(held.state, 'held');
  assert.equal(held.state === 'held' && held.holder, 'ci-1');
  assert.equal(held.state === 'held' && held.expiresAt, t0 + LOCK.durationSeconds * 1000);
  // Renewed: held longer.
  assert.equal(lockState(renewed(lease, t0 + 20_000), 'ci-2', t0 + 40_000).state, 'held');
  assert.deepEqual(lockState(lease, 'ci-2', t0 + LOCK.durationSeconds * 1000), { state: 'expired', holder: 'ci-1' });
  // Taking over counts a transition and keeps the resourceVersion (optimistic concurrency).
  const taken = leaseFor(set, 'ci-2', t0 + 60_000, { ...lease, metadata: { ...lease.metadata, resourceVersion: '42' } });
  assert.equal((taken.spec as { leaseTransitions: number }).leaseTransitions, 1);
  assert.equal(taken.metadata?.resourceVersion, '42');
  assert.equal(lockState({ ...lease, spec: { holderIdentity: '' } }, 'ci-2', t0).state, 'free');
});
