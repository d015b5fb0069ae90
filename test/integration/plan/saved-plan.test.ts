import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { emitYamlStream } from '../../../lib/manifest/emit-yaml.js';
import { type ApplyIo } from '../../../lib/cli/apply.js';
import { runApply } from '../../../lib/cli/apply-command.js';
import type { RequestSpec } from '../../../lib/cluster/client.js';
import { configMap, env, kube, kubeconfig, lading, namespace, uniqueNamespace } from '../apply/helpers.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (ns: string, value: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: ns },
  type: 'Opaque',
  data: { password: b64(value) },
});

/** One application's manifests in a file whose path stays the same (the plan records it). */
function inputFile(): { file: string; write(objects: readonly KubeObject[]): void; plan: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lading-plan-'));
  const file = join(dir, 'app.yaml');
  return { file, plan: join(dir, 'plan.json'), write: (objects) => writeFileSync(file, emitYamlStream(objects)) };
}

const dataOf = (o: KubeObject | undefined) => (o?.data ?? {}) as Record<string, string>;

async function liveVersion(ns: string, name: string): Promise<string | undefined> {
  return (await kube.get('v1', 'ConfigMap', ns, name))?.metadata?.resourceVersion as string | undefined;
}

describe('saved plans against the real control plane', () => {
  let ns: string;
  const app = 'planned';
  const input = inputFile();
  const v2 = () => [namespace(ns), configMap(ns, 'settings', { a: '2' }), secret(ns, 'two-values-later')];

  before(async () => {
    ns = uniqueNamespace('saved-plan');
    input.write([namespace(ns), configMap(ns, 'settings', { a: '1' }), configMap(ns, 'extra', { x: '1' }), secret(ns, 'first-value')]);
    const first = await lading(['apply', '-f', input.file, '--name', app, '--yes'], { env });
    assert.equal(first.code, 0, first.stderr);
  });

  test('plan, out-of-band change, refusal naming the object; nothing written', async () => {
    input.write(v2());
    const diff = await lading(['diff', '-f', input.file, '--name', app, '--save-plan', input.plan, '-o', 'markdown'], { env });
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stderr, /plan saved to .*plan\.json/);
    assert.equal(statSync(input.plan).mode & 0o777, 0o600);
    const text = readFileSync(input.plan, 'utf8');
    for (const v of ['two-values-later', b64('two-values-later'), 'first-value', b64('first-value')]) assert.ok(!text.includes(v), `the plan holds ${v}`);
    const saved = JSON.parse(text);
    assert.deepEqual(
      saved.applications[0].objects.map((o: { category: string; id: string }) => `${o.category} ${o.id}`).sort(),
      ['change configmap/settings', 'change secret/db', 'prune configmap/extra', 'unchanged namespace/' + ns].sort(),
    );

    // Someone changes a planned object after the review.
    await kube.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: ns, labels: { edited: 'by-hand' } } }, 'kubectl-edit');
    const rv = await liveVersion(ns, 'settings');
    const refused = await lading(['apply', '--plan', input.plan, '--yes', '--prune'], { env });
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, new RegExp(`configmap/settings -n ${ns}: changed in the cluster since the plan \\(resourceVersion \\d+, now ${rv}\\)`));
    assert.match(refused.stderr, /nothing was changed/);
    assert.equal(dataOf(await kube.get('v1', 'ConfigMap', ns, 'settings')).a, '1');
    assert.ok(await kube.get('v1', 'ConfigMap', ns, 'extra'), 'nothing pruned');
  });

  test('inputs that changed since the plan, or a Secret value read differently, are refused', async () => {
    input.write(v2());
    assert.equal((await lading(['diff', '-f', input.file, '--name', app, '--save-plan', input.plan], { env })).code, 1);
    input.write([namespace(ns), configMap(ns, 'settings', { a: '3' }), secret(ns, 'two-values-later')]);
    const inputs = await lading(['apply', '--plan', input.plan, '--yes'], { env });
    assert.equal(inputs.code, 2, inputs.stderr);
    assert.match(inputs.stderr, /the inputs differ from the plan's/);
    input.write([namespace(ns), configMap(ns, 'settings', { a: '2' }), secret(ns, 'not-what-was-reviewed')]);
    const value = await lading(['apply', '--plan', input.plan, '--yes'], { env });
    assert.equal(value.code, 2, value.stderr);
    assert.match(value.stderr, new RegExp(`secret/db -n ${ns}: the value of password differs from the plan's`));
    assert.doesNotMatch(value.stderr + value.stdout, /not-what-was-reviewed|two-values-later/);
    const old = await lading(['apply', '--plan', input.plan, '--yes', '--max-age', '0s'], { env });
    assert.equal(old.code, 2);
    assert.match(old.stderr, /older than --max-age 0s/);
  });

  test('plan, apply --plan (preconditions in the requests), converged', async () => {
    input.write(v2());
    assert.equal((await lading(['diff', '-f', input.file, '--name', app, '--save-plan', input.plan], { env })).code, 1);
    const requests: RequestSpec[] = [];
    let out = '';
    let err = '';
    const io: ApplyIo = {
      out: { write: (t: string) => (out += t), isTTY: false },
      err: { write: (t: string) => (err += t) },
      interactive: false,
      confirm: async () => false,
      onRequest: (r) => requests.push(r),
      env: {},
      handleSignals: false,
    };
    const code = await runApply({ plan: input.plan, kubeconfig, prune: true, yes: true } as Parameters<typeof runApply>[0], io);
    assert.equal(code, 0, err + out);
    const writes = requests.filter(
      (r) => !r.query?.dryRun && (r.method === 'PATCH' || r.method === 'DELETE') && r.path.includes(`/namespaces/${ns}/`) && !r.path.includes('lading-planned'),
    );
    const settings = writes.find((r) => r.method === 'PATCH' && r.path.endsWith('/configmaps/settings'));
    assert.match(String((settings?.body as KubeObject | undefined)?.metadata?.resourceVersion), /^\d+$/, 'the write carries the planned resourceVersion');
    const del = writes.find((r) => r.method === 'DELETE' && r.path.endsWith('/configmaps/extra'));
    assert.match(
      String((del?.body as { preconditions?: { resourceVersion?: string } } | undefined)?.preconditions?.resourceVersion),
      /^\d+$/,
      'the delete carries it',
    );
    assert.equal(dataOf(await kube.get('v1', 'ConfigMap', ns, 'settings')).a, '2');
    assert.equal(await kube.get('v1', 'ConfigMap', ns, 'extra'), undefined);
    assert.equal(Buffer.from(String(dataOf(await kube.get('v1', 'Secret', ns, 'db')).password), 'base64').toString(), 'two-values-later');
    const again = await lading(['diff', '-f', input.file, '--name', app], { env });
    assert.equal(again.code, 0, again.stdout + again.stderr);
    // The server holds a write to that precondition: the planned version is stale now, and refused.
    const stale = String((settings!.body as KubeObject).metadata!.resourceVersion);
    await assert.rejects(
      kube.apply(
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: ns, resourceVersion: stale }, data: { a: '9' } },
        'lading/planned@' + ns,
        true,
      ),
      /409|modified/,
    );
    assert.equal(dataOf(await kube.get('v1', 'ConfigMap', ns, 'settings')).a, '2');
  });
});
