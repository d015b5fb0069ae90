import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useCluster } from '../../support/cluster.js';
import { lading, type RunResult } from '../../support/cli.js';
import { testClient } from '../../support/kube.js';

const cluster = await useCluster();
const kube = testClient(cluster.kubeconfig);
const ns = `secrets-${randomBytes(3).toString('hex')}`;

after(async () => {
  await kube.remove('v1', 'Namespace', undefined, ns).catch(() => undefined);
  await cluster.stop();
});

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => statSync(f).isFile());
}

test('secrets end to end: synth → diff → apply → rotate → diff → apply → rollback, no value ever printed or written', async () => {
  const project = mkdtempSync(join(tmpdir(), 'lading-secrets-'));
  mkdirSync(join(project, 'apps'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'vault-infra', private: true, type: 'module' }));
  const dotenv = join(project, '.env');
  const values = {
    first: `tok-${randomBytes(9).toString('hex')}`,
    rotated: `tok-${randomBytes(9).toString('hex')}`,
    pin: `pin-${randomBytes(6).toString('hex')}`,
  };
  writeFileSync(dotenv, `# local secrets\nPIN="${values.pin}"\n`);
  writeFileSync(
    join(project, 'apps', 'vault.ts'),
    `
import { Chart, AppNamespace, Credentials, WebApp, fromDotenv, fromEnv, type App } from 'lading';
export default function vault(app: App): void {
  const chart = new Chart(app, 'vault', { namespace: '${ns}' });
  new AppNamespace(chart, '${ns}');
  const creds = new Credentials(chart, 'creds', { keys: { token: fromEnv('VAULT_TOKEN'), pin: fromDotenv(${JSON.stringify(dotenv)}, 'PIN') } });
  new WebApp(chart, 'api', { image: 'ghcr.io/acme/api:1.0.0', port: 8080, env: { TOKEN: creds.key('token'), PIN: creds.key('pin') }, resources: { requests: { cpu: '10m' } } });
}
`,
  );
  const outputs: RunResult[] = [];
  const step = async (args: string[], token: string | undefined, expected: number) => {
    const env: Record<string, string> = { KUBECONFIG: cluster.kubeconfig, ...(token ? { VAULT_TOKEN: token } : {}) };
    const appsDir = args[0] === 'history' ? [] : ['--apps-dir', join(project, 'apps')];
    const res = await lading([...args, ...appsDir], { env, cwd: project });
    outputs.push(res);
    assert.equal(res.code, expected, `lading ${args.join(' ')}\n${res.stdout}\n${res.stderr}`);
    return res;
  };
  const templateChecksum = async () => {
    const d = await kube.get('apps/v1', 'Deployment', ns, 'api');
    return (d?.spec as { template: { metadata: { annotations?: Record<string, string> } } }).template.metadata.annotations?.['lading.dev/secret-checksum'];
  };
  const liveToken = async () => {
    const s = await kube.get('v1', 'Secret', ns, 'creds');
    return Buffer.from((s?.data as Record<string, string>).token!, 'base64').toString('utf8');
  };

  // synth needs no secret at all, and writes none.
  await step(['synth', '--out', join(project, 'dist')], undefined, 0);
  // A missing source is an error naming the key and the source; nothing is applied.
  const missing = await step(['apply', '--yes'], undefined, 2);
  assert.match(missing.stderr, /key "token": environment variable VAULT_TOKEN is not set/);
  assert.equal(await kube.get('v1', 'Namespace', undefined, ns), undefined, 'nothing applied');

  await step(['diff'], values.first, 1);
  await step(['apply', '--yes', '--wait', '--timeout', '2m'], values.first, 0);
  assert.equal(await liveToken(), values.first, 'the cluster holds the value');
  const before = await templateChecksum();
  assert.ok(before, 'the pod template carries a checksum of the secrets it reads');
  await step(['diff'], values.first, 0);

  // Rotation: diff shows the Secret and the rollout it causes, masked.
  const rotated = await step(['diff'], values.rotated, 1);
  assert.match(rotated.stdout, /change secret\/creds/);
  assert.match(rotated.stdout, /masked, before/);
  assert.match(rotated.stdout, /change deployment\.apps\/api/);
  await step(['apply', '--yes'], values.rotated, 0);
  assert.equal(await liveToken(), values.rotated);
  assert.notEqual(await templateChecksum(), before, 'a rotated value rolls the workload out');

  const history = await step(['history', '--name', 'vault'], values.rotated, 0);
  assert.match(history.stdout, /vault/);
  await step(['rollback', '--name', 'vault', '--yes'], values.rotated, 0);

  const everything = [...outputs.flatMap((o) => [o.stdout, o.stderr]), ...filesBelow(join(project, 'dist')).map((f) => readFileSync(f, 'utf8'))].join('\n');
  for (const value of Object.values(values)) {
    assert.ok(!everything.includes(value), `a secret value was printed or written: ${value.slice(0, 4)}…`);
    assert.ok(!everything.includes(Buffer.from(value).toString('base64')), 'a base64 secret value was printed or written');
  }
});
