import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, KubeClient } from '../../../lib/cluster/client.js';
import { connect } from '../../../lib/cluster/connection.js';

// The client's own behaviour under throttling and flaky networks, which a real API server does not
// produce on demand: a loopback HTTP endpoint answers as scripted.
let script: ((req: IncomingMessage, res: ServerResponse) => void)[] = [];
let inFlight = 0;
let maxInFlight = 0;
const server = createServer((req, res) => {
  const scripted = script.shift();
  if (scripted) return scripted(req, res);
  // Counted out just before answering: the client may send its next request once it has the answer.
  maxInFlight = Math.max(maxInFlight, ++inFlight);
  setTimeout(() => {
    inFlight--;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"kind":"Status","status":"Success"}');
  }, 20);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
after(() => server.close());

const port = (server.address() as { port: number }).port;
const kubeconfig = join(mkdtempSync(join(tmpdir(), 'lading-client-')), 'config');
writeFileSync(
  kubeconfig,
  `apiVersion: v1
kind: Config
clusters: [{name: local, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]
users: [{name: me, user: {token: "t0ken"}}]
contexts: [{name: local, context: {cluster: local, user: me, namespace: team-a}}]
current-context: local
`,
);

test('a context gives the server, its namespace and the bearer token', async () => {
  const c = connect({ kubeconfig });
  assert.equal(c.namespace, 'team-a');
  let auth: string | undefined;
  script = [
    (req, res) => {
      auth = req.headers.authorization;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    },
  ];
  await new KubeClient(c).call({ method: 'GET', path: '/api' });
  assert.equal(auth, 'Bearer t0ken');
  assert.throws(() => connect({ kubeconfig, context: 'prod' }), /context "prod" not found in the kubeconfig \(contexts: local\)/);
});

test('429 is retried after Retry-After, 503 and a reset connection with backoff', async () => {
  script = [
    (_q, r) => r.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"kind":"Status","reason":"TooManyRequests"}'),
    (_q, r) => r.writeHead(503).end('busy'),
    (q) => q.socket.destroy(),
  ];
  const start = Date.now();
  const body = await new KubeClient(connect({ kubeconfig })).call<{ status: string }>({ method: 'GET', path: '/api/v1/namespaces' });
  assert.equal(body.status, 'Success');
  assert.ok(Date.now() - start >= 1000, 'waited for Retry-After');
});

test("a failure that persists becomes an ApiError with the server's message", async () => {
  const forbidden = (_q: IncomingMessage, r: ServerResponse) =>
    r
      .writeHead(403, { 'content-type': 'application/json' })
      .end('{"kind":"Status","reason":"Forbidden","message":"configmaps is forbidden: User \\"me\\" cannot create"}');
  script = [forbidden];
  await assert.rejects(
    new KubeClient(connect({ kubeconfig })).call({ method: 'POST', path: '/api/v1/namespaces/a/configmaps', body: {} }),
    (e: unknown) => e instanceof ApiError && e.status === 403 && e.reason === 'Forbidden' && /cannot create/.test(e.message),
  );
  script = Array.from({ length: 3 }, () => (_q: IncomingMessage, r: ServerResponse) => r.writeHead(503).end());
  await assert.rejects(new KubeClient(connect({ kubeconfig }), { attempts: 3 }).call({ method: 'GET', path: '/x' }), /HTTP 503/);
});

test('no more requests in flight than the concurrency limit', async () => {
  script = [];
  maxInFlight = 0;
  const client = new KubeClient(connect({ kubeconfig }), { concurrency: 4 });
  await Promise.all(Array.from({ length: 20 }, () => client.call({ method: 'GET', path: '/api' })));
  assert.equal(maxInFlight, 4);
  assert.equal(client.requests, 20);
});

test('many requests in flight on one Ctrl-C signal give no listener-leak warning (each listener is removed when its request ends)', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.name);
  process.on('warning', onWarning);
  try {
    const controller = new AbortController();
    const client = new KubeClient(connect({ kubeconfig }), { concurrency: 32, signal: controller.signal });
    await Promise.all(Array.from({ length: 40 }, () => client.call({ method: 'GET', path: '/api' })));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(
      warnings.filter((w) => w === 'MaxListenersExceededWarning'),
      [],
    );
  } finally {
    process.off('warning', onWarning);
  }
});

test('the path and query reach the server as sent: selectors encoded, undefined parameters left out', async () => {
  let url: string | undefined;
  script = [
    (req, res) => {
      url = req.url;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[]}');
    },
  ];
  await new KubeClient(connect({ kubeconfig })).call({
    method: 'GET',
    path: '/api/v1/namespaces/team-a/secrets',
    query: { labelSelector: 'app.kubernetes.io/name=web,tier in (a b)', limit: '500', continue: undefined },
  });
  assert.equal(url, '/api/v1/namespaces/team-a/secrets?labelSelector=app.kubernetes.io%2Fname%3Dweb%2Ctier+in+%28a+b%29&limit=500');
  const params = new URL(url!, 'http://x').searchParams;
  assert.equal(params.get('labelSelector'), 'app.kubernetes.io/name=web,tier in (a b)');
});
