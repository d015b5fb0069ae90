import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { loadKubeconfig } from '../../../lib/cluster/kubeconfig.js';
import { connect, staticOptions } from '../../../lib/cluster/connection.js';
import { ConnectionError } from '../../../lib/core/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'lading-kubeconfig-'));

function file(name: string, body: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, body);
  return path;
}

const first = file(
  'a/config',
  `apiVersion: v1
kind: Config
current-context: one
clusters:
- name: c
  cluster: {server: "https://one.test:6443/", certificate-authority: certs/ca.pem, tls-server-name: api.one}
users:
- name: u
  user: {client-certificate: certs/u.pem, client-key: /abs/u.key, tokenFile: tok, as: alice}
contexts:
- name: one
  context: {cluster: c, user: u, namespace: team}
`,
);
const second = file(
  'b/config',
  `current-context: two
clusters:
- name: c
  cluster: {server: "https://two.test"}
- name: d
  cluster: {server: "https://d.test", insecure-skip-tls-verify: true, proxy-url: "http://proxy.test:3128"}
users:
- name: v
  user: {username: bob, password: secret}
contexts:
- name: two
  context: {cluster: d, user: v}
`,
);

test('files merge as kubectl merges them: the first file to name an entry, and the first current-context, win', () => {
  const kc = loadKubeconfig(undefined, { KUBECONFIG: [first, join(dir, 'missing'), second].join(delimiter) });
  assert.equal(kc.currentContext, 'one');
  assert.deepEqual(kc.files, [first, second]);
  assert.equal(kc.clusters.get('c')!.server, 'https://one.test:6443');
  assert.equal(kc.clusters.get('d')!.proxyUrl, 'http://proxy.test:3128');
  assert.equal(kc.clusters.get('d')!.insecureSkipTlsVerify, true);
  assert.deepEqual(kc.contexts.get('one'), { name: 'one', cluster: 'c', user: 'u', namespace: 'team' });
  assert.equal(kc.users.get('v')!.username, 'bob');
});

test('relative paths are relative to the file that names them', () => {
  const kc = loadKubeconfig(first);
  assert.equal(kc.clusters.get('c')!.certificateAuthority, join(dir, 'a', 'certs', 'ca.pem'));
  const u = kc.users.get('u')!;
  assert.equal(u.clientCertificate, join(dir, 'a', 'certs', 'u.pem'));
  assert.equal(u.clientKey, '/abs/u.key');
  assert.equal(u.tokenFile, join(dir, 'a', 'tok'));
  assert.equal(u.as, 'alice');
  assert.equal(kc.clusters.get('c')!.tlsServerName, 'api.one');
});

test('an explicit kubeconfig that is missing or malformed is an error naming the file', () => {
  assert.throws(
    () => loadKubeconfig(join(dir, 'nope')),
    (e: unknown) => e instanceof ConnectionError && /cannot read kubeconfig .*nope/.test(e.message),
  );
  const bad = file('bad', 'clusters:\n- cluster: {server: "https://x"}\n');
  assert.throws(() => loadKubeconfig(bad), /clusters\[0\]\.name is missing/);
  const noServer = file('noserver', 'clusters:\n- name: x\n  cluster: {}\n');
  assert.throws(() => loadKubeconfig(noServer), /clusters "x": cluster.server is missing/);
  assert.throws(() => loadKubeconfig(undefined, { KUBECONFIG: join(dir, 'none-here') }), /no such file \(set KUBECONFIG or pass --kubeconfig\)/);
});

test('static options: CA and client certificate from data, bearer token, basic auth, impersonation, skip-verify', () => {
  const pem = (s: string) => Buffer.from(s).toString('base64');
  const opts = staticOptions(
    { name: 'c', server: 'https://x', certificateAuthorityData: pem('CA'), insecureSkipTlsVerify: true, tlsServerName: 'api' },
    { name: 'u', token: 't0k', clientCertificateData: pem('CERT'), clientKeyData: pem('KEY'), username: 'bob', password: 'pw', as: 'alice', raw: {} },
  );
  assert.equal(String(opts.ca), 'CA');
  assert.equal(String(opts.cert), 'CERT');
  assert.equal(String(opts.key), 'KEY');
  assert.equal(opts.rejectUnauthorized, false);
  assert.equal(opts.servername, 'api');
  assert.equal(opts.auth, 'bob:pw');
  assert.deepEqual(opts.headers, { Authorization: 'Bearer t0k', 'Impersonate-User': 'alice' });
});

test('connect: the context names cluster and user; a context without its cluster is an error', () => {
  const c = connect({ kubeconfig: second, context: 'two' });
  assert.equal(c.server.origin, 'https://d.test');
  assert.equal(c.namespace, 'default');
  assert.equal(c.user, 'v');
  assert.equal(c.proxy?.origin, 'http://proxy.test:3128');
  const dangling = file('dangling', 'current-context: x\ncontexts:\n- name: x\n  context: {cluster: gone, user: u}\n');
  assert.throws(() => connect({ kubeconfig: dangling }), /context "x" in the kubeconfig: no cluster named "gone"/);
});

test('a kubeconfig is read as kubectl reads it: YAML 1.1 scalars, the first document, syntax errors by line', () => {
  // kubectl 1.32: `config view` of each of these gives true, and https://x (the second document unread).
  const yes = file('yes', 'clusters:\n- name: c\n  cluster: {server: "https://x", insecure-skip-tls-verify: yes}\n');
  assert.equal(loadKubeconfig(yes).clusters.get('c')!.insecureSkipTlsVerify, true);
  const two = file('two', 'clusters:\n- name: c\n  cluster: {server: "https://x"}\n---\nclusters:\n- name: d\n  cluster: {server: "https://y"}\n');
  assert.deepEqual([...loadKubeconfig(two).clusters.keys()], ['c']);
  // kubectl lets the last of two equal keys win; lading refuses the file, naming the line.
  const duplicate = file('duplicate', 'current-context: a\ncurrent-context: b\nclusters:\n- name: c\n  cluster: {server: "https://x"}\n');
  assert.throws(() => loadKubeconfig(duplicate), /cannot read kubeconfig .*duplicate: line 2: /);
  const broken = file('broken', 'clusters:\n- name: c\n  cluster: {server: "https://x"\n');
  assert.throws(
    () => loadKubeconfig(broken),
    (e: unknown) => e instanceof ConnectionError && /cannot read kubeconfig .*broken: line \d+: /.test(e.message),
  );
});
