import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lading, writeManifests } from '../../support/cli.js';

// The documented exit codes (0/1/2/3/130) for mistakes and environment problems that need no
// cluster: never 1 ("changes", "failed after writing") and never 3 ("internal error").

const dir = mkdtempSync(join(tmpdir(), 'lading-exit-'));
const manifests = writeManifests([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: '1' } }]);

function kubeconfig(name: string, cluster: string, user: string): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters: [{name: prod-eu, cluster: ${cluster}}]
users: [{name: deployer, user: ${user}}]
contexts: [{name: prod, context: {cluster: prod-eu, user: deployer}}]
current-context: prod
`,
  );
  return file;
}

test('an app file that fails to load: diff and apply exit 2 (not 1), the file named, no stack trace', async () => {
  const project = mkdtempSync(join(tmpdir(), 'lading-broken-'));
  mkdirSync(join(project, 'apps'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  writeFileSync(join(project, 'apps', 'shop.ts'), `export default function () { throw new Error('no config for this environment'); }\n`);
  for (const command of ['diff', 'apply']) {
    const res = await lading([command, '--apps-dir', 'apps', '--kubeconfig', join(dir, 'none')], { cwd: project });
    assert.equal(res.code, 2, `${command}: ${res.stderr}`);
    assert.equal(res.stderr.trim(), 'error: apps/shop.ts: no config for this environment');
  }
});

test('an alias bomb or nesting deeper than the stack: a syntax error of the file (validate 1, diff 2), not an internal error', async () => {
  let bomb = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nextra:\n  a: &a [x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1, prev = 'a'; i < 12; prev = `b${i}`, i++) bomb += `  b${i}: &b${i} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
  const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
  for (const [name, text, message] of [
    ['bomb.yaml', bomb, /alias bomb/],
    ['deep.yaml', deep, /nesting deeper than/],
  ] as const) {
    const file = join(dir, name);
    writeFileSync(file, text);
    const validate = await lading(['validate', file]);
    assert.equal(validate.code, 1, validate.stderr);
    assert.match(validate.stdout + validate.stderr, message);
    const diff = await lading(['diff', '-f', file, '--kubeconfig', join(dir, 'none')]);
    assert.equal(diff.code, 2, diff.stderr);
    assert.match(diff.stderr, new RegExp(`${name}:\\d+: syntax error`));
    assert.doesNotMatch(diff.stderr, /internal error/);
  }
});

test('a missing exec plugin: exit 2 naming the kubeconfig user and the plugin, not "cannot reach the API server"', async () => {
  const config = kubeconfig(
    'missing-plugin',
    '{server: "https://127.0.0.1:1"}',
    '{exec: {apiVersion: client.authentication.k8s.io/v1, command: lading-test-no-such-plugin}}',
  );
  const started = Date.now();
  const res = await lading(['diff', '-f', manifests, '--kubeconfig', config]);
  assert.equal(res.code, 2, res.stderr);
  assert.match(res.stderr, /error: user "deployer" of context "prod" in the kubeconfig: the exec plugin "lading-test-no-such-plugin" was not found/);
  // The error is reported at once and the process ends (the plugin's 60 s timer once held it open).
  assert.ok(Date.now() - started < 30_000, `lading took ${Date.now() - started} ms to end`);
  assert.doesNotMatch(res.stderr, /internal error|cannot reach/);
});

test('a failing exec plugin: exit 2 with what the plugin said', async () => {
  const script = join(dir, 'plugin.mjs');
  writeFileSync(script, `console.error('the SSO session has expired: run cloud login'); process.exit(1);\n`);
  const config = kubeconfig(
    'failing-plugin',
    '{server: "https://127.0.0.1:1"}',
    `{exec: {apiVersion: client.authentication.k8s.io/v1, command: ${JSON.stringify(process.execPath)}, args: [${JSON.stringify(script)}]}}`,
  );
  const res = await lading(['apply', '-f', manifests, '--name', 'x', '--kubeconfig', config]);
  assert.equal(res.code, 2, res.stderr);
  assert.match(
    res.stderr,
    /user "deployer" of context "prod" in the kubeconfig: the exec plugin .* failed \(exit 1\): the SSO session has expired: run cloud login/,
  );
});

test('an http: server URL: exit 2 naming the cluster, and the fix', async () => {
  const config = kubeconfig('http', '{server: "http://127.0.0.1:1"}', '{token: t}');
  const res = await lading(['diff', '-f', manifests, '--kubeconfig', config]);
  assert.equal(res.code, 2, res.stderr);
  assert.match(res.stderr, /cluster "prod-eu" of context "prod" in the kubeconfig: server http:\/\/127\.0\.0\.1:1 is plain HTTP.*use its https:\/\/ address/);
});

test('a malformed --request-timeout: exit 2 naming the flag', async () => {
  const res = await lading([
    'diff',
    '-f',
    manifests,
    '--kubeconfig',
    kubeconfig('ok', '{server: "https://127.0.0.1:1"}', '{token: t}'),
    '--request-timeout',
    'soon',
  ]);
  assert.equal(res.code, 2);
  assert.match(res.stderr, /--request-timeout soon: expected a duration such as 30s, 1m or 0/);
});
