import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { APPLYSET, applySetRef } from '../../../lib/core/applyset.js';
import { env, kube, lading, uniqueNamespace } from './helpers.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

// A user's project whose app is made of cdk8s-plus constructs (and a nested cdk8s Chart).
function project(ns: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lading-cdk8s-apply-'));
  mkdirSync(join(dir, 'apps'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'apps', 'shop.ts'),
    `
import { Chart as Cdk8sChart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { Chart, type App } from 'lading';
export default function shop(app: App): void {
  const chart = new Chart(app, 'shop', { namespace: '${ns}', labels: { team: 'payments' } });
  new kplus.Namespace(chart, 'ns', { metadata: { name: '${ns}' } });
  const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', portNumber: 8080, securityContext: { ensureNonRoot: true } }] });
  web.exposeViaService({ ports: [{ port: 80, targetPort: 8080 }] });
  new kplus.ConfigMap(new Cdk8sChart(chart, 'legacy'), 'flags', { data: { beta: 'on' } });
}
`,
  );
  return dir;
}

describe('cdk8s-plus constructs: lading apply, then diff and apply find nothing to do', () => {
  const ns = uniqueNamespace('cdk8s');
  const dir = project(ns);

  test("apply creates them as members of the application's inventory; diff is then clean; re-apply writes nothing", async () => {
    const first = await lading(['apply', '--name', 'shop', '--yes'], { env, cwd: dir });
    assert.equal(first.code, 0, first.stderr + first.stdout);
    assert.match(first.stdout, /4 created/);
    const set = applySetRef('shop', ns);
    const deployment = await kube.get('apps/v1', 'Deployment', ns, 'shop-web-c81100ac');
    assert.equal(deployment?.metadata?.labels?.[APPLYSET.partOfLabel], set.id);
    assert.equal(deployment?.metadata?.labels?.team, 'payments');
    const flags = await kube.get('v1', 'ConfigMap', ns, 'shop-legacy-flags-c89c7a3d');
    assert.equal(flags?.metadata?.labels?.[APPLYSET.partOfLabel], set.id);

    const diff = await lading(['diff', '--name', 'shop'], { env, cwd: dir });
    assert.equal(diff.code, 0, diff.stdout + diff.stderr);
    const again = await lading(['apply', '--name', 'shop', '--yes'], { env, cwd: dir });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /nothing to apply: the cluster matches/);
  });
});
