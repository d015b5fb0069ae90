import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CronTask } from '../../../lib/constructs/cron-task.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { at, synth } from './synth-helper.js';

test('CronTask: snapshot of a CronJob', () => {
  const out = synth((chart) => new CronTask(chart, 'nightly', { image: 'ghcr.io/acme/shop-api:2.3.0', schedule: '0 3 * * *', timeZone: 'Europe/Berlin', restartPolicy: 'OnFailure' }));
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
