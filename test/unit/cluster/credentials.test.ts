import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient } from '../../../lib/cluster/client.js';
import { connect } from '../../../lib/cluster/connection.js';
import { ConnectionError } from '../../../lib/core/errors.js';
import { noProxyMatches, proxyFor } from '../../../lib/cluster/proxy.js';
import { startConnectProxy } from '../../support/connect-proxy.js';
import { selfSignedCertificate } from '../../support/fault-proxy.js';

// A loopback endpoint that records the Authorization header and answers 401 to tokens listed as expired.
const seen: string[] = [];
const rejected = new Set<string>();
const handler = (req: IncomingMessage, res: ServerResponse) => {
  const auth = req.headers.authorization ?? '';
  seen.push(auth);
  if (rejected.has(auth))
    return res.writeHead(401, { 'content-type': 'application/json' }).end('{"kind":"Status","reason":"Unauthorized","message":"Unauthorized"}');
  res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
};
const server = createServer(handler);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const tls = selfSignedCertificate();
const secure = createHttpsServer({ cert: tls.cert, key: tls.key }, handler);
await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
after(() => {
  server.close();
  secure.close();
});
const dir = mkdtempSync(join(tmpdir(), 'lading-creds-'));
const port = (server.address() as { port: number }).port;

function kubeconfig(name: string, user: string, cluster = `{server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}`): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters: [{name: c1, cluster: ${cluster}}]
users: [{name: u1, user: ${user}}]
contexts: [{name: ctx, context: {cluster: c1, user: u1}}]
current-context: ctx
`,
  );
  return file;
}

// An exec plugin that counts its runs: token-N, expiring after `ttl` seconds (none: no expiry).
function plugin(name: string, ttl?: number): string {
  const counter = join(dir, `${name}.count`);
  writeFileSync(counter, '0');
  const script = join(dir, `${name}.mjs`);
  writeFileSync(
    script,
    `import { readFileSync, writeFileSync } from 'node:fs';
const n = Number(readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1;
writeFileSync(${JSON.stringify(counter)}, String(n));
const status = { token: 'token-' + n${ttl !== undefined ? `, expirationTimestamp: new Date(Date.now() + ${ttl * 1000}).toISOString()` : ''} };
console.log(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status }));
`,
  );
  return `{exec: {apiVersion: client.authentication.k8s.io/v1, command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(script)}]}}`;
}

test('an exec plugin runs again once its expirationTimestamp has passed, not before', async () => {
  const client = new KubeClient(connect({ kubeconfig: kubeconfig('exec-ttl', plugin('ttl', 1)) }));
  seen.length = 0;
  await client.call({ method: 'GET', path: '/a' });
  await client.call({ method: 'GET', path: '/b' });
  await new Promise((r) => setTimeout(r, 1100));
  await client.call({ method: 'GET', path: '/c' });
  assert.deepEqual(seen, ['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
});

test('a 401 runs the plugin again once and retries (a token without expiry that the server stopped accepting)', async () => {
  const client = new KubeClient(connect({ kubeconfig: kubeconfig('exec-401', plugin('e401')) }));
  seen.length = 0;
  rejected.add('Bearer token-1');
  await client.call({ method: 'GET', path: '/a' });
  assert.deepEqual(seen, ['Bearer token-1', 'Bearer token-2']);
  rejected.add('Bearer token-2');
  rejected.add('Bearer token-3');
  seen.length = 0;
  await assert.rejects(client.call({ method: 'GET', path: '/b' }), /Unauthorized/);
  assert.deepEqual(seen, ['Bearer token-2', 'Bearer token-3'], 'refreshed once, then the 401 stands');
});

test('a token file is read again after a 401 (a rotated projected token)', async () => {
  const tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, 'old-token\n');
  const client = new KubeClient(connect({ kubeconfig: kubeconfig('tokenfile', `{tokenFile: ${JSON.stringify(tokenFile)}}`) }));
  seen.length = 0;
  await client.call({ method: 'GET', path: '/a' });
  writeFileSync(tokenFile, 'new-token\n');
  rejected.add('Bearer old-token');
  await client.call({ method: 'GET', path: '/b' });
  assert.deepEqual(seen, ['Bearer old-token', 'Bearer old-token', 'Bearer new-token']);
});

test('a missing or failing exec plugin, an http: server: a user error naming the kubeconfig user or cluster', async () => {
  const missing = new KubeClient(
    connect({
      kubeconfig: kubeconfig(
        'missing',
        '{exec: {apiVersion: client.authentication.k8s.io/v1, command: lading-no-such-plugin, installHint: "install it with: brew install lading-no-such-plugin"}}',
      ),
    }),
  );
  await assert.rejects(missing.call({ method: 'GET', path: '/' }), (e: unknown) => {
    assert.ok(e instanceof ConnectionError && e.exitCode === 2);
    assert.match(e.message, /user "u1" of context "ctx" in the kubeconfig: the exec plugin "lading-no-such-plugin" was not found .*brew install/);
    return true;
  });
  const script = join(dir, 'fail.mjs');
  writeFileSync(script, `console.error('error: token expired, run: cloud auth login'); process.exit(3);`);
  const failing = new KubeClient(
    connect({
      kubeconfig: kubeconfig(
        'failing',
        `{exec: {apiVersion: client.authentication.k8s.io/v1, command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(script)}]}}`,
      ),
    }),
  );
  await assert.rejects(
    failing.call({ method: 'GET', path: '/' }),
    /user "u1" of context "ctx" in the kubeconfig: the exec plugin ".*" failed \(exit 3\): error: token expired, run: cloud auth login/,
  );
  assert.throws(
    () => connect({ kubeconfig: kubeconfig('http', '{token: t}', `{server: "http://127.0.0.1:${port}"}`) }),
    (e: unknown) =>
      e instanceof ConnectionError && /cluster "c1" of context "ctx" in the kubeconfig: server http:\/\/127\.0\.0\.1:\d+ is plain HTTP/.test(e.message),
  );
});

test('proxies as kubectl: proxy-url, else HTTPS_PROXY unless NO_PROXY; loopback never from the environment', () => {
  const server = new URL('https://api.example.test:6443');
  assert.equal(proxyFor(server, 'http://proxy.local:3128', {})?.host, 'proxy.local:3128');
  assert.equal(proxyFor(server, undefined, { HTTPS_PROXY: 'proxy.local:3128' })?.href, 'http://proxy.local:3128/');
  assert.equal(proxyFor(server, undefined, { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.example.test' }), undefined);
  assert.equal(proxyFor(server, undefined, { https_proxy: 'http://p:1', no_proxy: 'other.test,example.test' }), undefined);
  assert.equal(proxyFor(server, undefined, { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'api.example.test:443' })?.host, 'p:1', 'another port');
  assert.equal(proxyFor(new URL('https://127.0.0.1:6443'), undefined, { HTTPS_PROXY: 'http://p:1' }), undefined);
  assert.equal(proxyFor(new URL('https://10.1.2.3:6443'), undefined, { HTTPS_PROXY: 'http://p:1', NO_PROXY: '10.0.0.0/8' }), undefined);
  assert.equal(proxyFor(new URL('http://api.example.test'), undefined, { HTTPS_PROXY: 'http://p:1' }), undefined, 'http: uses HTTP_PROXY');
  assert.equal(noProxyMatches('a.b', '443', '*'), true);
});

test('requests go through a CONNECT proxy: proxy-url, and HTTPS_PROXY for a name NO_PROXY does not list', async () => {
  const proxy = await startConnectProxy();
  after(() => proxy.close());
  const securePort = (secure.address() as { port: number }).port;
  const ca = tls.cert.toString('base64');
  // api.lading.test does not resolve: only the proxy (which tunnels to loopback) can reach it.
  const cluster = (extra: string) => `{server: "https://api.lading.test:${securePort}", certificate-authority-data: ${ca}, tls-server-name: localhost${extra}}`;
  const viaUrl = connect({ kubeconfig: kubeconfig('proxy-url', '{token: via-url}', cluster(`, proxy-url: "${proxy.url}"`)) });
  await new KubeClient(viaUrl).call({ method: 'GET', path: '/x' });
  const viaEnv = connect({ kubeconfig: kubeconfig('proxy-env', '{token: via-env}', cluster('')), env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'other.test' } });
  await new KubeClient(viaEnv).call({ method: 'GET', path: '/y' });
  assert.deepEqual(proxy.targets, [`api.lading.test:${securePort}`, `api.lading.test:${securePort}`]);
  const bypass = connect({ kubeconfig: kubeconfig('proxy-bypass', '{token: t}', cluster('')), env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'lading.test' } });
  assert.equal(bypass.proxy, undefined);
  assert.ok(readFileSync(join(dir, 'proxy-url'), 'utf8').includes('proxy-url'));
});
