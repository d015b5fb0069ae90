import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lading } from '../../support/cli.js';

function project(appSource: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lading-synth-'));
  mkdirSync(join(dir, 'apps'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  writeFileSync(join(dir, 'apps', 'demo.ts'), appSource);
  return dir;
}

function snapshotOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const p = join(dir, f);
    if (statSync(p).isFile()) out[f] = readFileSync(p, 'utf8');
  }
  return out;
}

const APP = (image: string, extra = '') => `
import { ApiObject, Chart, type App } from 'lading';
export default function demo(app: App): void {
  const chart = new Chart(app, 'demo', { namespace: 'demo' });
  const labels = { 'app.kubernetes.io/name': 'web' };
  new ApiObject(chart, 'web', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: '${image}',
      securityContext: { runAsNonRoot: true }, resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } } }] } } } });
  new ApiObject(chart, 'cfg', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { b: '2', a: '1' } });
  ${extra}
}
`;

test('synth is deterministic, writes one file per object in apply order, and --check tells when dist/ is stale', async () => {
  const dir = project(APP('nginx:1.27'));
  const first = await lading(['synth', '--apps-dir', 'apps', '--out', 'dist'], { cwd: dir });
  assert.equal(first.code, 0, first.stderr);
  const once = snapshotOf(join(dir, 'dist'));
  assert.deepEqual(Object.keys(once), ['.lading-files', 'demo/03-configmap-cfg.yaml', 'demo/05-deployment-web.yaml']);
  assert.match(
    once['demo/03-configmap-cfg.yaml']!,
    /^apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: demo\ndata:\n  a: "1"\n  b: "2"\n$/,
  );
  const again = await lading(['synth', '--apps-dir', 'apps', '--out', 'dist'], { cwd: dir });
  assert.match(again.stdout, /0 written, 0 removed, 2 unchanged/);
  assert.deepEqual(snapshotOf(join(dir, 'dist')), once, 'byte-identical output');
  assert.equal((await lading(['synth', '--apps-dir', 'apps', '--out', 'dist', '--check'], { cwd: dir })).code, 0);

  writeFileSync(join(dir, 'apps', 'demo.ts'), APP('nginx:1.28'));
  const check = await lading(['synth', '--apps-dir', 'apps', '--out', 'dist', '--check'], { cwd: dir });
  assert.equal(check.code, 1);
  assert.match(check.stdout, /out of date: dist\/demo\/05-deployment-web\.yaml/);
  assert.deepEqual(snapshotOf(join(dir, 'dist')), once, '--check writes nothing');
});

test('an invalid object: nothing is written, exit 1, the construct path and field path are named', async () => {
  const dir = project(
    APP(
      'nginx:1.27',
      `new ApiObject(chart, 'bad', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' }, data: { a: 1 as unknown as string } });`,
    ),
  );
  const res = await lading(['synth', '--apps-dir', 'apps', '--out', 'dist'], { cwd: dir });
  assert.equal(res.code, 1);
  assert.match(res.stderr, /apps\/demo\.ts demo\/bad configmap\/Bad_Name: metadata\.name: invalid name "Bad_Name"/);
  assert.match(res.stderr, /demo\/bad configmap\/Bad_Name: data\.a: /);
  assert.match(res.stderr, /nothing was written/);
  assert.doesNotMatch(res.stderr, /\n\s+at /, 'no stack trace');
  assert.throws(() => statSync(join(dir, 'dist')), 'no dist/ at all');
});

test('objects that no longer exist lose their files; an app that throws is named without a stack trace', async () => {
  const dir = project(APP('nginx:1.27'));
  await lading(['synth', '--apps-dir', 'apps', '--out', 'dist'], { cwd: dir });
  cpSync(join(dir, 'apps', 'demo.ts'), join(dir, 'demo.bak'));
  writeFileSync(join(dir, 'apps', 'demo.ts'), APP('nginx:1.27').replace(/new ApiObject\(chart, 'cfg'.*\n/, ''));
  const res = await lading(['synth', '--apps-dir', 'apps', '--out', 'dist'], { cwd: dir });
  assert.match(res.stdout, /0 written, 1 removed, 1 unchanged/);
  writeFileSync(join(dir, 'apps', 'demo.ts'), `export default function () { throw new Error('boom: no config for this environment'); }`);
  const broken = await lading(['synth', '--apps-dir', 'apps', '--out', 'dist'], { cwd: dir });
  assert.equal(broken.code, 1);
  assert.equal(broken.stderr.trim(), 'error: apps/demo.ts: boom: no config for this environment');
});

test('props typos in plain JavaScript: every construct of every app file is reported in one run', async () => {
  const dir = project('export default function () {}');
  writeFileSync(
    join(dir, 'apps', 'shop.mjs'),
    `
import { Chart, WebApp } from 'lading';
export default function (app) {
  const chart = new Chart(app, 'shop', { namepsace: 'shop' });
  new WebApp(chart, 'web', { image: 'ghcr.io/acme/web:1.0.0', port: 8080, readyness: null });
}`,
  );
  writeFileSync(
    join(dir, 'apps', 'blog.mjs'),
    `
import { Chart, WebApp } from 'lading';
export default function (app) {
  new WebApp(new Chart(app, 'blog'), 'web', { image: 'ghcr.io/acme/blog:1.0.0', port: 8080, autoscale: { max: 3, cpuPercnt: 70 } });
}`,
  );
  const res = await lading(['synth', '--apps-dir', 'apps', '--out', 'dist'], { cwd: dir });
  assert.equal(res.code, 1);
  assert.match(res.stderr, /apps\/blog\.mjs blog\/web: props\.autoscale\.cpuPercnt: unknown prop: did you mean "cpuPercent"\?/);
  assert.match(res.stderr, /apps\/shop\.mjs shop: props\.namepsace: unknown prop: did you mean "namespace"\?/);
  assert.match(res.stderr, /apps\/shop\.mjs shop\/web: props\.readyness: unknown prop: did you mean "readiness"\?/);
  assert.doesNotMatch(res.stderr, /\n\s+at /, 'no stack trace');
});
