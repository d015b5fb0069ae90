import { test } from 'node:test';
import assert from 'node:assert/strict';
import { App } from '../../../lib/constructs/app.js';
import { Chart } from '../../../lib/constructs/chart.js';
import { CronTask } from '../../../lib/constructs/cron-task.js';
import { WebApp } from '../../../lib/constructs/web-app.js';
import { collectObjects } from '../../../lib/synth/collect.js';
import { SYNTH_SET_RULES } from '../../../lib/validate/rules/index.js';
import { validateObjects } from '../../../lib/validate/validate.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { at, synth } from './synth-helper.js';

test('CronTask: snapshot of a CronJob', () => {
  const out = synth(
    (chart) =>
      new CronTask(chart, 'nightly', { image: 'ghcr.io/acme/shop-api:2.3.0', schedule: '0 3 * * *', timeZone: 'Europe/Berlin', restartPolicy: 'OnFailure' }),
  );
  assert.deepEqual(out.problems, []);
  const cj = out.find('CronJob');
  assert.equal(at(cj, 'spec.concurrencyPolicy'), 'Forbid');
  assert.equal(at(cj, 'spec.jobTemplate.spec.template.spec.restartPolicy'), 'OnFailure');
  assertSnapshot(import.meta.url, 'cron-task.yaml', out.yaml);
});

test('CronTask: a bad schedule is reported at synth by the cron rule', () => {
  const out = synth((chart) => new CronTask(chart, 'nightly', { image: 'busybox:1.37', schedule: '61 * * * *' }));
  assert.equal(out.problems.length, 1);
  assert.match(out.problems[0]!, /^cronjob\.batch\/nightly: spec\.schedule:/);
});

test('CronTask named like a WebApp of the chart: the WebApp Service would select its pods, an error naming both constructs', () => {
  const app = new App();
  const chart = new Chart(app, 'shop');
  new WebApp(chart, 'orders', { image: 'ghcr.io/acme/orders:3.1.4', port: 8080 });
  new CronTask(chart, 'orders-report', { name: 'orders', serviceAccount: false, image: 'ghcr.io/acme/orders:3.1.4', schedule: '@daily' });
  const collected = collectObjects(app);
  const result = validateObjects(
    collected.map((c) => ({ value: c.object, origin: { constructPath: c.constructPath } })),
    {
      catalog: { version: 'test', schema: () => undefined, kinds: () => [] },
      ignoreMissingSchemas: true,
      rules: [],
      setRules: SYNTH_SET_RULES,
    },
  );
  const found = result.diagnostics.filter((d) => d.rule === 'service-selects-batch-pods');
  assert.equal(found.length, 1);
  assert.equal(found[0]!.origin.constructPath, 'shop/orders/Service');
  assert.match(found[0]!.message, /^service\/orders selects the pods of cronjob\.batch\/orders as well as those of deployment\.apps\/orders/);
  assert.match(
    found[0]!.message,
    /\[deployment\.apps\/orders is made by shop\/orders\/Deployment, cronjob\.batch\/orders is made by shop\/orders-report\/CronJob\]$/,
  );
});

test('CronTask: an unknown timeZone is reported at synth (the API server rejects it)', () => {
  const out = synth((chart) => new CronTask(chart, 'nightly', { image: 'busybox:1.37', schedule: '0 3 * * *', timeZone: 'Europe/Berlim' }));
  assert.deepEqual(out.problems, [
    'cronjob.batch/nightly: spec.timeZone: invalid time zone "Europe/Berlim": not a time zone of the IANA database (checked with Node\'s Intl), e.g. "Europe/Berlin" or "Etc/UTC"',
  ]);
});
