import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient } from '../../../lib/cluster/client.js';
import { connect } from '../../../lib/cluster/connection.js';
import { RequestAbortedError, RequestTimeoutError } from '../../../lib/core/errors.js';
import { isIdempotent, retryable, retryAfterMs } from '../../../lib/cluster/retry.js';

// Scripted loopback endpoints: what a stalled or flaky API server does, on demand.
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let script: Handler[] = [];
let seen: string[] = [];
const ok: Handler = (_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
const server = createServer((req, res) => {
  seen.push(`${req.method} ${req.url}`);
  (script.shift() ?? ok)(req, res);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
// Accepts connections and never answers (a stalled server or load balancer).
const held: Socket[] = [];
const silent = createTcpServer((s) => held.push(s));
await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
after(() => {
  server.closeAllConnections();
  server.close();
  for (const s of held) s.destroy();
  silent.close();
});

function kubeconfigFor(port: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lading-faults-')), 'config');
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters: [{name: local, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]
users: [{name: me, user: {token: "t0ken"}}]
contexts: [{name: local, context: {cluster: local, user: me}}]
current-context: local
`,
  );
  return file;
}
const flaky = () => connect({ kubeconfig: kubeconfigFor((server.address() as { port: number }).port) });
const stalled = () => connect({ kubeconfig: kubeconfigFor((silent.address() as { port: number }).port) });

test('a server that accepts and never answers: the request fails after the request timeout, naming the server', async () => {
  const start = Date.now();
  await assert.rejects(new KubeClient(stalled(), { requestTimeoutMs: 300 }).call({ method: 'GET', path: '/api' }), (e: unknown) => {
    assert.ok(e instanceof RequestTimeoutError);
    assert.match(
      e.message,
      /GET \/api: timed out after 0\.3s waiting for the API server http:\/\/127\.0\.0\.1:\d+ \(context local\) to answer \(--request-timeout/,
    );
    return true;
  });
  const took = Date.now() - start;
  assert.ok(took >= 300 && took < 1500, `failed after ${took} ms`);
});

test('a keep-alive connection that went silent (half-open) is dropped and the read retried on a fresh one', async () => {
  const client = new KubeClient(flaky(), { requestTimeoutMs: 400 });
  await client.call({ method: 'GET', path: '/warm' });
  seen = [];
  // The pooled connection gets no answer: the server drops the request on the floor.
  script = [() => undefined];
  const body = await client.call<{ ok: boolean }>({ method: 'GET', path: '/api' });
  assert.equal(body.ok, true);
  assert.deepEqual(seen, ['GET /api', 'GET /api']);
});

test('429 and 503 are retried, Retry-After honoured; a POST is retried on 429 only', async () => {
  seen = [];
  script = [(_q, r) => r.writeHead(429, { 'retry-after': '1' }).end(), (_q, r) => r.writeHead(503).end()];
  const start = Date.now();
  await new KubeClient(flaky()).call({ method: 'PATCH', path: '/p', contentType: 'application/apply-patch+yaml', body: {} });
  assert.ok(Date.now() - start >= 1000);
  assert.equal(seen.length, 3);
  seen = [];
  script = [(_q, r) => r.writeHead(429, { 'retry-after': '0' }).end(), (_q, r) => r.writeHead(503).end()];
  await assert.rejects(new KubeClient(flaky()).call({ method: 'POST', path: '/c', body: {} }), /HTTP 503/);
  assert.equal(seen.length, 2, 'the 503 of a POST is not retried: it may have been processed');
});

test('a connection reset is retried for reads and apply patches, never for a merge patch', async () => {
  seen = [];
  script = [(q) => q.socket.destroy()];
  await assert.rejects(
    new KubeClient(flaky()).call({ method: 'PATCH', path: '/m', contentType: 'application/merge-patch+json', body: {} }),
    /ECONNRESET|socket hang up/,
  );
  assert.equal(seen.length, 1);
  script = [(q) => q.socket.destroy()];
  await new KubeClient(flaky()).call({ method: 'GET', path: '/g' });
  assert.equal(seen.length, 3);
});

test('Ctrl-C (the signal) stops a retry at once and drops a read in flight', async () => {
  const controller = new AbortController();
  script = [(_q, r) => r.writeHead(429, { 'retry-after': '20' }).end()];
  const start = Date.now();
  const pending = new KubeClient(flaky(), { signal: controller.signal }).call({ method: 'GET', path: '/slow' });
  setTimeout(() => controller.abort(), 200);
  await assert.rejects(pending, RequestAbortedError);
  assert.ok(Date.now() - start < 2000);
  const stop = new AbortController();
  const read = new KubeClient(stalled(), { signal: stop.signal, requestTimeoutMs: 0 }).call({ method: 'GET', path: '/x' });
  setTimeout(() => stop.abort(), 100);
  await assert.rejects(read, RequestAbortedError);
});

test("a scoped deadline bounds a request in flight (a wait's --timeout), whatever the request timeout", async () => {
  const client = new KubeClient(stalled(), { requestTimeoutMs: 0 }).scoped({ deadline: Date.now() + 300 });
  const start = Date.now();
  await assert.rejects(client.call({ method: 'GET', path: '/poll' }), /before the deadline \(--timeout\)/);
  assert.ok(Date.now() - start < 1500);
});

test('the retry rules: idempotent requests, Retry-After forms', () => {
  assert.equal(isIdempotent({ method: 'GET' }), true);
  assert.equal(isIdempotent({ method: 'PATCH', contentType: 'application/apply-patch+yaml' }), true);
  assert.equal(isIdempotent({ method: 'DELETE', body: { preconditions: { uid: 'u' } } }), true);
  assert.equal(isIdempotent({ method: 'DELETE', body: {} }), false);
  assert.equal(isIdempotent({ method: 'POST' }), false);
  assert.equal(retryable({ method: 'POST' }, { kind: 'not-sent', code: 'ECONNREFUSED' }), true);
  assert.equal(retryable({ method: 'POST' }, { kind: 'broken', code: 'ECONNRESET' }), false);
  assert.equal(retryAfterMs('3'), 3000);
  assert.equal(retryAfterMs(new Date(Date.now() + 2000).toUTCString(), Date.now()) !== undefined, true);
  assert.equal(retryAfterMs('soon'), undefined);
});

test('--wait --timeout holds against a server that never answers a poll (requests without a timeout of their own)', async () => {
  const { waitReady } = await import('../../../lib/apply/wait.js');
  const { LiveCluster } = await import('../../../lib/cluster/live-cluster.js');
  const { Progress } = await import('../../../lib/apply/progress.js');
  const client = new KubeClient(stalled(), { requestTimeoutMs: 0 });
  const start = Date.now();
  const target = { id: 'deployment.apps/web -n a', object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'a' } } };
  const result = await waitReady(new LiveCluster(client), [target], { timeoutMs: 500, progress: new Progress({ write: () => true }), stopped: () => false });
  const took = Date.now() - start;
  assert.equal(result.failed.length, 1);
  assert.match(result.failed[0]!.message, /not ready after 1s|not ready after 0s/);
  // The deadline, then at most the budget to explain why (pods, events).
  assert.ok(took < 500 + 5000 + 1000, `took ${took} ms`);
});
