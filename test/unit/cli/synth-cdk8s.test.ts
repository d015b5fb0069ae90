import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lading } from '../../support/cli.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CORPUS = join(ROOT, '..', 'shared', 'corpus');

// A user's project: its app imports cdk8s and cdk8s-plus from its own node_modules (here, the repo's).
function project(appSource: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lading-cdk8s-'));
  mkdirSync(join(dir, 'apps'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'apps', 'shop.ts'), appSource);
  return dir;
}

const APP = `
import { Chart as Cdk8sChart, Include } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Chart, type App } from 'lading';

class Legacy extends Cdk8sChart {
  constructor(scope: Chart | App, id: string) {
    super(scope, id);
    new kplus.ConfigMap(this, 'flags', { data: { beta: 'on' } });
  }
}

export default function shop(app: App): void {
  const chart = new Chart(app, 'shop', { namespace: 'shop', labels: { team: 'payments' } });
  const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', portNumber: 8080, securityContext: { ensureNonRoot: true } }] });
  web.exposeViaService({ ports: [{ port: 80, targetPort: 8080 }] });
  new Include(chart, 'models', { url: ${JSON.stringify(join(CORPUS, 'kubernetes-examples/AI/model-serving-tensorflow/pv.yaml'))} });
  new Legacy(chart, 'legacy');
  new Legacy(app, 'legacy');
}
`;

test('lading synth of an app made of cdk8s and cdk8s-plus constructs', async () => {
  const dir = project(APP);
  const res = await lading(['synth', '--apps-dir', 'apps', '--out', 'dist'], { cwd: dir });
  assert.equal(res.code, 0, res.stderr);
  assert.deepEqual(
    readdirSync(join(dir, 'dist'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.yaml'))
      .sort(),
    [
      'legacy/03-configmap-legacy-flags-c84c4f01.yaml',
      'shop/03-configmap-shop-legacy-flags-c89c7a3d.yaml',
      'shop/03-persistentvolume-my-model-pv.yaml',
      'shop/04-service-shop-web-service-c8566fa4.yaml',
      'shop/05-deployment-shop-web-c81100ac.yaml',
    ],
  );
  const deployment = readFileSync(join(dir, 'dist/shop/05-deployment-shop-web-c81100ac.yaml'), 'utf8');
  assert.match(deployment, /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n  name: shop-web-c81100ac\n  namespace: shop\n  labels:\n    team: payments\n/);
  assert.doesNotMatch(readFileSync(join(dir, 'dist/shop/03-persistentvolume-my-model-pv.yaml'), 'utf8'), /namespace:/);
  assert.match(readFileSync(join(dir, 'dist/shop/03-configmap-shop-legacy-flags-c89c7a3d.yaml'), 'utf8'), /namespace: shop\n/);
});

test('a cdk8s-plus validation failure is a user error naming the construct (exit 1, not an internal error)', async () => {
  const dir = project(`
import * as kplus from 'cdk8s-plus-33';
import { Chart, type App } from 'lading';
export default (app: App) => { new kplus.Deployment(new Chart(app, 'shop'), 'empty'); };
`);
  const res = await lading(['synth', '--apps-dir', 'apps', '--out', 'dist'], { cwd: dir });
  assert.equal(res.code, 1, res.stderr);
  assert.match(res.stderr, /shop\/empty\/Resource: .*at least 1 container/);
  assert.doesNotMatch(res.stderr, /internal error/);
});
