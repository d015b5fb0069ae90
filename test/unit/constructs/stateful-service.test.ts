import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatefulService } from '../../../lib/constructs/stateful-service.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { at, synth } from './synth-helper.js';

test('StatefulService: snapshot of a StatefulSet, headless Service and claim templates', () => {
  const out = synth(
    (chart) =>
      new StatefulService(chart, 'redis', {
        image: 'redis:7.4.1',
        port: 6379,
        portName: 'redis',
        storage: { '/data': { size: '1Gi', storageClass: 'fast' } },
        podSecurityContext: { runAsUser: 999 },
      }),
  );
  assert.deepEqual(out.problems, []);
  const sts = out.find('StatefulSet');
  const svc = out.find('Service');
  assert.equal(at(svc, 'spec.clusterIP'), 'None');
  assert.equal(at(sts, 'spec.serviceName'), 'redis');
  assert.deepEqual(at(sts, 'spec.selector.matchLabels'), at(svc, 'spec.selector'));
  assert.equal(at(sts, 'spec.volumeClaimTemplates.0.metadata.name'), 'data');
  assert.deepEqual(at(sts, 'spec.template.spec.containers.0.volumeMounts'), [{ name: 'data', mountPath: '/data' }]);
  assertSnapshot(import.meta.url, 'stateful-service.yaml', out.yaml);
});

test('StatefulService: a bad size names the prop', () => {
  assert.throws(
    () => synth((chart) => new StatefulService(chart, 'redis', { image: 'redis:7.4.1', port: 6379, storage: { '/data': { size: 'lots' } } })),
    /shop\/redis: props\.storage\["\/data"\]\.size: expected a quantity/,
  );
});
