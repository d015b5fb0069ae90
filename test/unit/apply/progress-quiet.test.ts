import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Progress } from '../../../lib/apply/progress.js';
import { renderText } from '../../../lib/plan/render-text.js';
import type { AppPlan } from '../../../lib/plan/report.js';

test('--quiet: no line per object (in CI or a TTY), summaries still printed, listeners still told', () => {
  for (const isTTY of [false, true]) {
    let out = '';
    const seen: string[] = [];
    const p = new Progress({ write: (t: string) => (out += t), isTTY }, () => 0, { quiet: true });
    p.listen((id, state) => seen.push(`${id} ${state}`));
    p.update('configmap/a', 'applying');
    p.update('configmap/a', 'configured');
    p.update('deployment.apps/web', 'waiting', '0/2');
    p.update('deployment.apps/web', 'ready');
    p.log('shop: 1 changed');
    p.stop();
    assert.equal(out, 'shop: 1 changed\n');
    assert.deepEqual(seen, ['configmap/a applying', 'configmap/a configured', 'deployment.apps/web waiting', 'deployment.apps/web ready']);
  }
});

test('--quiet: the plan is its summary line, errors and warnings; no diff', () => {
  const plan: AppPlan = {
    name: 'shop',
    errors: [],
    warnings: ["configmap/x carries this application's label"],
    plan: {
      counts: { create: 0, change: 1, replace: 0, prune: 0, unchanged: 0, error: 0 },
      objects: [
        {
          category: 'change',
          id: 'configmap/a',
          apiVersion: 'v1',
          kind: 'ConfigMap',
          name: 'a',
          before: 'data:\n  a: "1"\n',
          after: 'data:\n  a: "2"\n',
          drift: [],
          conflicts: [],
        },
      ],
    },
  };
  assert.equal(
    renderText([plan], { color: false, summaryOnly: true }),
    "shop: 0 to create, 1 to change, 0 to replace, 0 to prune, 0 unchanged\n  warning: configmap/x carries this application's label\n",
  );
  assert.match(renderText([plan], { color: false }), /\+ {2}a: "2"/);
});

test('in a TTY the objects in flight are a live table: object, state, elapsed, reason, aligned', async () => {
  const { liveTable } = await import('../../../lib/apply/progress.js');
  assert.deepEqual(
    liveTable([
      { id: 'deployment.apps/web -n shop', state: 'waiting', message: '1/2 replicas available', elapsedMs: 4100 },
      { id: 'service/web -n shop', state: 'applying', elapsedMs: 300 },
    ]),
    [
      'OBJECT                         STATE     ELAPSED  REASON',
      '… deployment.apps/web -n shop  waiting   4.1s     1/2 replicas available',
      '… service/web -n shop          applying  0.3s',
    ],
  );
  let tty = '';
  let now = 0;
  const live = new Progress({ write: (t: string) => (tty += t), isTTY: true }, () => now);
  live.update('a', 'waiting', 'x');
  now = 1000;
  live.update('a', 'ready');
  live.stop();
  assert.match(tty, /OBJECT +STATE +ELAPSED +REASON\n… a +waiting +0\.0s +x\n/);
  assert.ok(tty.endsWith('✓ a  ready (1.0s)\n'));
});
