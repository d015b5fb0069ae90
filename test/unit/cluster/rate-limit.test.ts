import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket, rateLimitFromEnv } from '../../../lib/cluster/rate-limit.js';

// Lets pending promise chains run (setImmediate is not among the mocked timers).
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('a token bucket lets a burst through at once, then one request per 1/qps seconds, in order', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  try {
    const bucket = new TokenBucket(10, 2);
    const done: number[] = [];
    const takes = [1, 2, 3, 4].map((n) => bucket.take().then(() => done.push(n)));
    await settle();
    assert.deepEqual(done, [1, 2], 'the burst');
    mock.timers.tick(100);
    await settle();
    assert.deepEqual(done, [1, 2, 3]);
    mock.timers.tick(100);
    await Promise.all(takes);
    assert.deepEqual(done, [1, 2, 3, 4]);
  } finally {
    mock.timers.reset();
  }
});

test('the limit is off unless LADING_CLIENT_QPS is set; burst defaults to the qps', () => {
  assert.equal(rateLimitFromEnv({}), undefined);
  assert.ok(rateLimitFromEnv({ LADING_CLIENT_QPS: '50', LADING_CLIENT_BURST: '300' }) instanceof TokenBucket);
  assert.throws(() => new TokenBucket(5, 0), /burst/);
});
