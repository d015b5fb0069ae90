import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { APPLYSET, applySetRef, readParent } from '../../../lib/core/applyset.js';
import { listObjects } from '../../../lib/cluster/objects.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { ROOT } from '../../support/cli.js';
import { apply, applyInProcess, configMap, env, kube, namespace, uniqueNamespace, writeManifests } from './helpers.js';

const COUNT = 400;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function manyConfigMaps(ns: string, version: string): KubeObject[] {
  return [namespace(ns), ...Array.from({ length: COUNT }, (_, i) => configMap(ns, `cm-${String(i).padStart(4, '0')}`, { version }))];
}

async function members(ns: string, app: string): Promise<KubeObject[]> {
  const info = (await kube.discovery.lookup('v1', 'ConfigMap'))!;
  return listObjects(kube.client, info, ns, `${APPLYSET.partOfLabel}=${applySetRef(app, ns).id}`);
}

/** Starts `lading apply` slowly (one request at a time) and signals it once some objects exist. */
async function interruptMidApply(file: string, app: string, ns: string, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/lading.js'), 'apply', '-f', file, '--name', app, '--concurrency', '1'], {
    cwd: ROOT,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let seen = 0;
  for (let i = 0; i < 600; i++) {
    seen = (await members(ns, app).catch(() => [])).length;
    if (seen >= 20) break;
    await sleep(25);
  }
  child.kill(signal);
  const code = await exited;
  return { code, stdout, stderr, seen };
}

describe('lading apply survives interruption', () => {
  test('kill -9 mid-apply, then a re-run converges: nothing lost, nothing duplicated, then a no-op', async () => {
    const ns = uniqueNamespace('kill');
    const app = 'killed';
    const objects = manyConfigMaps(ns, 'v1');
    const file = writeManifests(objects);
    const killed = await interruptMidApply(file, app, ns, 'SIGKILL');
    assert.equal(killed.code, null, 'killed by the signal');
    const partial = (await members(ns, app)).length;
    assert.ok(partial >= 20 && partial < COUNT, `killed mid-apply (${partial} of ${COUNT} written)`);
    // The parent was written before any member.
    const parent = await kube.get('v1', 'ConfigMap', ns, applySetRef(app, ns).name);
    assert.ok(readParent(parent).groupKinds.includes('ConfigMap'));

    const rerun = await apply(app, objects);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.match(rerun.stdout, new RegExp(`${COUNT - partial} to create`));
    const after = await members(ns, app);
    assert.equal(after.length, COUNT);
    assert.equal(new Set(after.map((o) => o.metadata?.name)).size, COUNT);

    const noop = await applyInProcess(app, objects, { prune: true });
    assert.equal(noop.code, 0, noop.stderr);
    assert.deepEqual(noop.writes, []);
  });

  test('Ctrl-C stops starting requests, reports what was not done, exits 130; a re-run converges', async () => {
    const ns = uniqueNamespace('sigint');
    const app = 'interrupted';
    const objects = manyConfigMaps(ns, 'v1');
    const file = writeManifests(objects);
    const res = await interruptMidApply(file, app, ns, 'SIGINT');
    assert.equal(res.code, 130, res.stdout + res.stderr);
    assert.match(res.stderr, /interrupted: no new requests/);
    assert.match(res.stderr, /not done \(a re-run applies them\): configmap\/cm-/);
    const partial = (await members(ns, app)).length;
    assert.ok(partial < COUNT);
    const rerun = await apply(app, objects, '--prune');
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.equal((await members(ns, app)).length, COUNT);
  });
});
