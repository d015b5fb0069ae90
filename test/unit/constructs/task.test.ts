import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Task } from '../../../lib/constructs/task.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { at, synth } from './synth-helper.js';

test('Task: snapshot of a Job', () => {
  const out = synth((chart) => new Task(chart, 'migrate', { image: 'ghcr.io/acme/shop-api:2.3.0', command: ['shop', 'migrate'], activeDeadlineSeconds: 600 }));
  assert.deepEqual(out.problems, []);
  const job = out.find('Job');
  assert.equal(at(job, 'spec.template.spec.restartPolicy'), 'Never');
  assert.equal(at(job, 'spec.backoffLimit'), 3);
  assertSnapshot(import.meta.url, 'task.yaml', out.yaml);
});

test('Task: ttlSecondsAfterFinished is removable', () => {
  const out = synth((chart) => new Task(chart, 'm', { image: 'busybox:1.37', ttlSecondsAfterFinished: null }));
  assert.equal(at(out.find('Job'), 'spec.ttlSecondsAfterFinished'), undefined);
});

test('Task: props errors name the prop', () => {
  assert.throws(
    () => synth((chart) => new Task(chart, 'm', { image: 'busybox:1.37', backoffLimit: -1 })),
    /shop\/m: props\.backoffLimit: expected an integer >= 0/,
  );
});
