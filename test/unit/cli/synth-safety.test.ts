import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lading } from '../../support/cli.js';
import { planDist, unsafePath } from '../../../lib/synth/write-dist.js';

function project(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lading-synth-safe-'));
  mkdirSync(join(dir, 'apps'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  writeFileSync(
    join(dir, 'apps', 'demo.ts'),
    `
import { ApiObject, Chart, type App } from 'lading';
export default function demo(app: App): void {
  const chart = new Chart(app, 'demo', { namespace: 'demo' });
  ${body}
}
`,
  );
  return dir;
}
const cm = (name: string) => `new ApiObject(chart, '${name}', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '${name}' }, data: { a: '1' } });`;

test('synth removes only files it wrote (its record), never a kustomization.yaml or a workflow', async () => {
  const dir = project(cm('one') + cm('two'));
  // What a user keeps next to the output (--out .): not synth's files.
  mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  writeFileSync(join(dir, '.github', 'workflows', 'ci.yaml'), 'on: push\n');
  writeFileSync(join(dir, 'kustomization.yaml'), 'resources: []\n');
  mkdirSync(join(dir, 'demo'));
  writeFileSync(join(dir, 'demo', 'extra.yaml'), 'kind: Kept\n');
  const first = await lading(['synth', '--out', '.'], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /note: no \.\/\.lading-files yet/);
  assert.deepEqual(
    readFileSync(join(dir, '.lading-files'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#')),
    ['demo/03-configmap-one.yaml', 'demo/03-configmap-two.yaml'],
  );
  assert.equal((await lading(['synth', '--out', '.', '--check'], { cwd: dir })).code, 0);

  writeFileSync(join(dir, 'apps', 'demo.ts'), readFileSync(join(dir, 'apps', 'demo.ts'), 'utf8').replace(cm('two'), ''));
  const check = await lading(['synth', '--out', '.', '--check'], { cwd: dir });
  assert.equal(check.code, 1);
  assert.match(check.stdout, /stale: \.\/demo\/03-configmap-two\.yaml/);
  assert.doesNotMatch(check.stdout, /ci\.yaml|kustomization|extra\.yaml/);
  const second = await lading(['synth', '--out', '.'], { cwd: dir });
  assert.match(second.stdout, /0 written, 1 removed, 1 unchanged/);
  for (const kept of ['.github/workflows/ci.yaml', 'kustomization.yaml', 'demo/extra.yaml']) assert.ok(existsSync(join(dir, kept)), kept);
  assert.ok(!existsSync(join(dir, 'demo', '03-configmap-two.yaml')));

  // A hand-edited record naming a file synth never writes removes nothing of it.
  writeFileSync(join(dir, '.lading-files'), 'demo/03-configmap-one.yaml\n.github/workflows/ci.yaml\n../outside.yaml\n');
  await lading(['synth', '--out', '.'], { cwd: dir });
  assert.ok(existsSync(join(dir, '.github', 'workflows', 'ci.yaml')));
});

test('synth never follows a symbolic link out of --out, and refuses names that would leave it', async () => {
  const dir = project(cm('one'));
  const outside = mkdtempSync(join(tmpdir(), 'lading-outside-'));
  writeFileSync(join(outside, '03-configmap-one.yaml'), 'precious\n');
  mkdirSync(join(dir, 'dist'));
  symlinkSync(outside, join(dir, 'dist', 'demo'));
  const res = await lading(['synth'], { cwd: dir });
  assert.equal(res.code, 1, res.stdout + res.stderr);
  assert.match(res.stderr, /is a symbolic link: synth writes only regular files inside its output folder/);
  assert.equal(readFileSync(join(outside, '03-configmap-one.yaml'), 'utf8'), 'precious\n');
  assert.equal((await lading(['synth', '--check'], { cwd: dir })).code, 1);

  assert.match(unsafePath('demo/05-evil/../../x.yaml')!, /"\.\."/);
  assert.equal(unsafePath('demo/05-foo-x.yaml'), undefined);
  const escape = project(`new ApiObject(chart, 'x', { apiVersion: 'example.com/v1', kind: 'Evil/../../../pwned', metadata: { name: 'x' } });`);
  const refused = await lading(['synth', '--out', 'dist'], { cwd: escape });
  assert.equal(refused.code, 1, refused.stdout + refused.stderr);
  assert.deepEqual(readdirSync(escape).sort(), ['apps', 'package.json']);
  await assert.rejects(planDist(join(escape, 'dist'), new Map([['demo/../../x.yaml', '']])), /would leave/);
});

test('Secret values in Include/ApiObject Secrets are a synth error with the fix, unless opted out', async () => {
  const secret = (annotations = '') =>
    `new ApiObject(chart, 's', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's'${annotations} }, stringData: { password: 'hunter2-plain' } });`;
  const dir = project(secret());
  const res = await lading(['synth', '--out', 'dist'], { cwd: dir });
  assert.equal(res.code, 1);
  assert.match(
    res.stderr,
    /secret\/s: stringData: holds a secret value \(password\) that synth would write in plain text to dist\/: declare it with new Credentials/,
  );
  assert.ok(!existsSync(join(dir, 'dist')));
  const stdout = await lading(['synth', '--stdout'], { cwd: dir });
  assert.equal(stdout.code, 1);
  assert.ok(!stdout.stdout.includes('hunter2-plain'));
  const optedOut = project(secret(`, annotations: { 'lading.dev/skip-policies': 'secret-values' }`));
  assert.equal((await lading(['synth', '--out', 'dist'], { cwd: optedOut })).code, 0);
});
