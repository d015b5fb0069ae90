import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type KubeObject, formatPath } from '../../../../lib/manifest/object.js';
import { validateObjects } from '../../../../lib/validate/validate.js';
import { SET_RULES } from '../../../../lib/validate/rules/index.js';
import { serviceSelectsBatchPods } from '../../../../lib/validate/wiring/service-selects-batch-pods.js';
import { deployment, service } from '../../../support/objects.js';

const cronJob = (labels: Record<string, string>): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'web-report', namespace: 'default' },
  spec: {
    schedule: '@daily',
    jobTemplate: { spec: { template: { metadata: { labels }, spec: { restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox:1' }] } } } },
  },
});

const issues = (objects: KubeObject[]) =>
  [...serviceSelectsBatchPods().checkSet(objects)].map((i) => `#${i.index} ${formatPath(i.path)}: ${i.message} related ${i.related?.join(',')}`);

test('is in the tables', () => assert.ok(SET_RULES.some((r) => r.id === 'service-selects-batch-pods')));

test('passes when only the workload has the selected labels, or only Job pods do (a headless Service of an indexed Job)', () => {
  assert.deepEqual(issues([deployment(), service(), cronJob({ 'app.kubernetes.io/name': 'web-report' })]), []);
  assert.deepEqual(issues([service(), cronJob({ 'app.kubernetes.io/name': 'web' })]), []);
});

test('fails when a Service selects the pods of a CronJob and of a workload, naming both', () => {
  assert.deepEqual(issues([deployment(), service(), cronJob({ 'app.kubernetes.io/name': 'web' })]), [
    '#1 spec.selector: service/web selects the pods of cronjob.batch/web-report as well as those of deployment.apps/web (they share the labels {"app.kubernetes.io/name":"web"}), so its traffic also reaches the batch pods: give one of them another name or instance related 0,2',
  ]);
});

test('validate names the constructs that made the related objects', () => {
  const objects = [deployment(), service(), cronJob({ 'app.kubernetes.io/name': 'web' })];
  const paths = ['shop/web/Deployment', 'shop/web/Service', 'shop/web-report/CronJob'];
  const result = validateObjects(
    objects.map((value, i) => ({ value, origin: { constructPath: paths[i] } })),
    {
      catalog: { version: 'test', schema: () => undefined, kinds: () => [] },
      ignoreMissingSchemas: true,
      rules: [],
      setRules: [serviceSelectsBatchPods()],
    },
  );
  assert.equal(result.errors, 1);
  assert.match(
    result.diagnostics[0]!.message,
    / \[deployment\.apps\/web is made by shop\/web\/Deployment, cronjob\.batch\/web-report is made by shop\/web-report\/CronJob\]$/,
  );
});
