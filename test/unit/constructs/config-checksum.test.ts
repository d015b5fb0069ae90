import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Config } from '../../../lib/constructs/config.js';
import { CONFIG_CHECKSUM_ANNOTATION } from '../../../lib/constructs/config-checksum.js';
import { CronTask } from '../../../lib/constructs/cron-task.js';
import { PodVolume } from '../../../lib/constructs/pod-volume.js';
import { StatefulService } from '../../../lib/constructs/stateful-service.js';
import { WebApp } from '../../../lib/constructs/web-app.js';
import { Worker } from '../../../lib/constructs/worker.js';
import { at, synth } from './synth-helper.js';

const image = 'ghcr.io/acme/shop-web:1.4.2';
const checksum = (o: unknown, template = 'spec.template') =>
  at(o, `${template}.metadata.annotations`) && (at(o, `${template}.metadata.annotations`) as Record<string, string>)[CONFIG_CHECKSUM_ANNOTATION];

function shop(level: string, options: { optOut?: boolean; chartDefault?: boolean } = {}) {
  return synth(
    (chart) => {
      const settings = new Config(chart, 'settings', { data: { LOG_LEVEL: level } });
      const nginx = new Config(chart, 'nginx', { data: { 'nginx.conf': 'events {}' } });
      new Config(chart, 'unused', { data: { x: level } });
      new WebApp(chart, 'env-from', { image, port: 80, envFrom: [settings] });
      new Worker(chart, 'key-ref', { image, env: { LOG_LEVEL: settings.key('LOG_LEVEL') }, restartOnConfigChange: options.optOut ? false : undefined });
      new StatefulService(chart, 'volume', { image, port: 80, mounts: { '/etc/nginx': PodVolume.fromConfig(nginx) } });
      new CronTask(chart, 'cron', { image, schedule: '0 3 * * *', envFrom: [settings] });
      new Worker(chart, 'none', { image });
    },
    options.chartDefault === false ? { chart: { defaults: { restartOnConfigChange: false } } } : {},
  );
}

test('pods that read a Config carry a checksum of it: env, envFrom, volumes, every workload kind', () => {
  const out = shop('info');
  for (const [kind, name] of [
    ['Deployment', 'env-from'],
    ['Deployment', 'key-ref'],
    ['StatefulSet', 'volume'],
  ]) {
    assert.match(String(checksum(out.find(kind, name))), /^[0-9a-f]{32}$/, `${kind}/${name}`);
  }
  assert.match(String(checksum(out.find('CronJob'), 'spec.jobTemplate.spec.template')), /^[0-9a-f]{32}$/);
  assert.equal(checksum(out.find('Deployment', 'none')), undefined, 'a pod that reads no Config has none');
});

test('a changed Config changes the checksum of the pods that read it, and only theirs', () => {
  const a = shop('info');
  const b = shop('debug');
  assert.notEqual(checksum(a.find('Deployment', 'env-from')), checksum(b.find('Deployment', 'env-from')));
  assert.notEqual(checksum(a.find('Deployment', 'key-ref')), checksum(b.find('Deployment', 'key-ref')));
  assert.equal(checksum(a.find('StatefulSet', 'volume')), checksum(b.find('StatefulSet', 'volume')), 'reads nginx only');
  assert.deepEqual(shop('info').yaml, a.yaml, 'deterministic');
});

test('opt out per construct (restartOnConfigChange: false) or for a chart (defaults)', () => {
  assert.equal(checksum(shop('info', { optOut: true }).find('Deployment', 'key-ref')), undefined);
  assert.match(String(checksum(shop('info', { optOut: true }).find('Deployment', 'env-from'))), /^[0-9a-f]{32}$/);
  const off = shop('info', { chartDefault: false });
  assert.equal(checksum(off.find('Deployment', 'env-from')), undefined);
});

test('a Config changed through its manifest after construction is seen (the checksum is computed at synth)', () => {
  let settings!: Config;
  const out = synth((chart) => {
    settings = new Config(chart, 'settings', { data: { A: '1' } });
    new Worker(chart, 'w', { image, envFrom: [settings] });
  });
  const before = checksum(out.find('Deployment'));
  const again = synth((chart) => {
    const s = new Config(chart, 'settings', { data: { A: '1' } });
    new Worker(chart, 'w', { image, envFrom: [s] });
    s.object.manifest.data!.A = '2';
  });
  assert.notEqual(checksum(again.find('Deployment')), before);
});
