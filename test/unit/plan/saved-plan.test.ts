import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { buildPlan, type Observation } from '../../../lib/plan/build.js';
import { inputsDigest } from '../../../lib/plan/inputs-digest.js';
import type { AppPlan } from '../../../lib/plan/report.js';
import { parseSavedPlan, planDifferences, savedPlanOf, type SavedPlan, withPreconditions } from '../../../lib/plan/saved-plan.js';
import { checkAge, planInputFlags } from '../../../lib/cli/apply-plan.js';
import { readPlanFile, writePlanFile } from '../../../lib/cli/plan-file.js';

const M = 'lading/shop@shop';
const SALT = 'f00dfeedf00dfeedf00dfeedf00dfeed';
const VALUE = 'hunter2-very-secret';
const b64 = (s: string) => Buffer.from(s).toString('base64');

function cm(data: Record<string, string>, rv = '10', extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'cfg',
      namespace: 'shop',
      uid: 'u-cfg',
      resourceVersion: rv,
      managedFields: [{ manager: M, operation: 'Apply', fieldsV1: { 'f:data': { 'f:a': {} } } }],
      ...extra,
    },
    data,
  };
}
function secret(value: string, rv = '20'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: 'shop', uid: 'u-db', resourceVersion: rv, annotations: { 'lading.dev/checksum-salt': SALT } },
    type: 'Opaque',
    data: { password: b64(value) },
  };
}
const desiredOf = (o: KubeObject): KubeObject => ({
  ...o,
  metadata: { name: o.metadata!.name, namespace: o.metadata!.namespace, ...(o.metadata!.annotations ? { annotations: o.metadata!.annotations } : {}) },
});

function appPlan(observations: Observation[], prune: KubeObject[] = []): AppPlan[] {
  return [
    {
      name: 'shop',
      set: { id: 'applyset-x-v1', name: 'lading-shop', namespace: 'shop', manager: M } as AppPlan['set'],
      plan: buildPlan(observations, prune, { manager: M }),
      errors: [],
    },
  ];
}
const meta = {
  createdAt: new Date('2026-12-01T03:00:00Z'),
  ladingVersion: '0.1.0',
  cluster: { server: 'https://127.0.0.1:6443', context: 'admin' },
  inputs: { digest: 'sha256:abc' },
};

const liveCm = cm({ a: '1' });
const pruned = cm({ old: 'x' }, '30');
const stale = { ...pruned, metadata: { ...pruned.metadata, name: 'stale', uid: 'u-stale' } };
function baseline(
  overrides: { cmLive?: KubeObject; secretLive?: KubeObject; secretValue?: string; prune?: KubeObject[]; cmDesired?: Record<string, string> } = {},
): SavedPlan {
  const cmLive = overrides.cmLive ?? liveCm;
  const secretLive = overrides.secretLive ?? secret(VALUE);
  const value = overrides.secretValue ?? 'rotated-value-42';
  const d = cm(overrides.cmDesired ?? { a: '2' });
  return savedPlanOf(
    appPlan(
      [
        { desired: desiredOf(d), live: cmLive, dryRun: { ...cmLive, data: overrides.cmDesired ?? { a: '2' } } },
        { desired: desiredOf(secret(value)), live: secretLive, dryRun: { ...secretLive, data: { password: b64(value) } } },
      ],
      overrides.prune ?? [stale],
    ),
    meta,
  );
}

describe('saved plans', () => {
  test("hold every object's masked desired state, the live versions and the prune set; never a secret value or salt", () => {
    const saved = baseline();
    const text = JSON.stringify(saved);
    for (const needle of [VALUE, b64(VALUE), 'rotated-value-42', b64('rotated-value-42'), SALT]) assert.ok(!text.includes(needle), needle);
    const [app] = saved.applications;
    assert.deepEqual(
      app!.objects.map((o) => [o.category, o.id, o.live?.resourceVersion, o.live?.uid]),
      [
        ['change', 'configmap/cfg', '10', 'u-cfg'],
        ['change', 'secret/db', '20', 'u-db'],
        ['prune', 'configmap/stale', '30', 'u-stale'],
      ],
    );
    assert.deepEqual(app!.objects[0]!.desired!.data, { a: '2' });
    assert.match(String(app!.objects[1]!.secretDigests!.password), /^[0-9a-f]{64}$/);
    assert.equal(app!.objects[1]!.live!.content, undefined, 'no content digest of a Secret');
    assert.equal(saved.ladingVersion, '0.1.0');
    assert.equal(saved.createdAt, '2026-12-01T03:00:00.000Z');
  });

  test('the same plan made again has no differences', () => assert.deepEqual(planDifferences(baseline(), baseline()), []));

  test('an object changed in the cluster since is named with both resourceVersions', () => {
    const now = baseline({ cmLive: cm({ a: '1' }, '11', { labels: { hand: 'made' } }) });
    assert.deepEqual(planDifferences(baseline(), now), ['configmap/cfg -n shop: changed in the cluster since the plan (resourceVersion 10, now 11)']);
  });

  test('a new resourceVersion with the same content (a status update) still matches the plan', () => {
    const statusOnly = { ...cm({ a: '1' }, '12'), status: { observed: 1 } } as KubeObject;
    assert.deepEqual(planDifferences(baseline(), baseline({ cmLive: statusOnly })), []);
    // ...and the precondition is then the resourceVersion verified now.
    const pinned = withPreconditions(appPlan([{ desired: desiredOf(cm({ a: '2' })), live: statusOnly, dryRun: { ...statusOnly, data: { a: '2' } } }]));
    assert.deepEqual(pinned[0]!.plan.objects[0]!.precondition, { resourceVersion: '12' });
  });

  test('a Secret rotated out of band, or a different value read from the sources, is refused (keyed digests)', () => {
    assert.deepEqual(planDifferences(baseline(), baseline({ secretLive: secret('someone-else', '21') })), [
      'secret/db -n shop: changed in the cluster since the plan (resourceVersion 20, now 21)',
    ]);
    assert.deepEqual(planDifferences(baseline(), baseline({ secretValue: 'a-third-value' })), [
      "secret/db -n shop: the value of password differs from the plan's (read again from the same sources)",
    ]);
  });

  test('desired states, prune sets and created objects that differ are each named', () => {
    const other = { ...stale, metadata: { ...stale.metadata, name: 'other', uid: 'u-o' } };
    const diffs = planDifferences(baseline(), baseline({ cmDesired: { a: '3' }, prune: [other] }));
    assert.deepEqual(diffs, [
      "configmap/cfg -n shop: its desired state differs from the plan's",
      'configmap/stale -n shop: planned to prune, no longer a prune candidate (deleted or changed since the plan)',
      'configmap/other -n shop: not in the plan (it would prune)',
    ]);
    const created = savedPlanOf(appPlan([{ desired: desiredOf(cm({ a: '2' })), dryRun: cm({ a: '2' }) }]), meta);
    const nowExists = savedPlanOf(appPlan([{ desired: desiredOf(cm({ a: '2' })), live: cm({ a: '2' }, '40'), provenUnchanged: true }]), meta);
    assert.deepEqual(planDifferences(created, nowExists), ['configmap/cfg -n shop: created in the cluster since the plan (resourceVersion 40)']);
  });

  test('preconditions pin changes, replaces and prunes, not creates or unchanged objects', () => {
    const pinned = withPreconditions(
      appPlan(
        [
          { desired: desiredOf(cm({ a: '2' })), live: liveCm, dryRun: { ...liveCm, data: { a: '2' } } },
          { desired: { ...desiredOf(cm({})), metadata: { name: 'new', namespace: 'shop' } }, dryRun: cm({}) },
        ],
        [stale],
      ),
    );
    assert.deepEqual(
      pinned[0]!.plan.objects.map((o) => [o.category, o.precondition?.resourceVersion]),
      [
        ['change', '10'],
        ['create', undefined],
        ['prune', '30'],
      ],
    );
  });
});

describe('plan files', () => {
  test('written atomically with mode 0600, read back; a damaged one is refused naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lading-plan-'));
    const file = join(dir, 'plan.json');
    await writePlanFile(file, baseline());
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), ['plan.json']);
    assert.deepEqual(await readPlanFile(file), JSON.parse(readFileSync(file, 'utf8')));
    assert.throws(() => parseSavedPlan('{"kind":"DiffReport"}', 'x.json'), /x\.json: not a saved plan: expected kind SavedPlan/);
    assert.throws(() => parseSavedPlan('{', 'x.json'), /x\.json: not a saved plan/);
    await assert.rejects(readPlanFile(join(dir, 'missing.json')), /--plan .*missing\.json: cannot read it: ENOENT/);
  });

  test('--max-age refuses an old plan and accepts a recent one', () => {
    const saved = baseline();
    assert.doesNotThrow(() => checkAge(saved, '1h', 'p.json', Date.parse('2026-12-01T03:30:00Z')));
    assert.throws(
      () => checkAge(saved, '1h', 'p.json', Date.parse('2026-12-01T05:00:00Z')),
      /made at 2026-12-01T03:00:00.000Z, 120 minutes ago, older than --max-age 1h/,
    );
    assert.throws(() => checkAge(saved, 'soon', 'p.json'), /--max-age soon: expected a duration/);
  });

  test("apply --plan reads the plan's inputs; a flag naming other inputs is refused", () => {
    const saved = { ...baseline(), inputs: { digest: 'sha256:x', env: 'prod', appsDir: 'apps' } };
    assert.deepEqual(planInputFlags(saved, { appsDir: 'apps', filename: [] }, 'p.json'), {
      filename: [],
      name: undefined,
      env: 'prod',
      appsDir: 'apps',
      namespace: undefined,
      trustSecretSources: undefined,
    });
    assert.throws(() => planInputFlags(saved, { env: 'dev' }, 'p.json'), /--env dev \(the plan's: prod\)/);
  });
});

describe('inputs digest', () => {
  const app = (objects: KubeObject[], sources?: Record<string, unknown>) => [
    { name: 'shop', inputs: objects.map((object) => ({ object, ...(sources && object.kind === 'Secret' ? { secretSources: sources } : {}) })) },
  ];
  const a = cm({ a: '1' });
  const s = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: b64(VALUE) } } as KubeObject;
  test('independent of order, sensitive to any object change, blind to secret values', () => {
    assert.equal(inputsDigest(app([a, s])), inputsDigest(app([s, a])));
    assert.notEqual(inputsDigest(app([a])), inputsDigest(app([cm({ a: '2' })])));
    assert.equal(inputsDigest(app([s])), inputsDigest(app([{ ...s, data: { password: b64('other') } }])));
    assert.notEqual(inputsDigest(app([s])), inputsDigest(app([{ ...s, data: { other: b64(VALUE) } }])));
  });
  test("a Secret's sources count (which variable or file), a literal's value does not", () => {
    assert.notEqual(inputsDigest(app([s], { password: { env: 'A' } })), inputsDigest(app([s], { password: { env: 'B' } })));
    assert.equal(inputsDigest(app([s], { password: { literal: true, value: 'x' } })), inputsDigest(app([s], { password: { literal: true, value: 'y' } })));
  });
});
