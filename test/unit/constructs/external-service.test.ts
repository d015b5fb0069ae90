import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExternalService } from '../../../lib/constructs/external-service.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { at, synth } from './synth-helper.js';

test('ExternalService: an ExternalName Service, which the wiring rules leave alone', () => {
  const out = synth((chart) => new ExternalService(chart, 'payments', { externalName: 'api.stripe.com', ports: { https: 443 } }));
  assert.deepEqual(out.problems, []);
  assert.equal(at(out.find('Service'), 'spec.type'), 'ExternalName');
  assertSnapshot(import.meta.url, 'external-service.yaml', out.yaml);
  assert.throws(() => synth((chart) => new ExternalService(chart, 'p', { externalName: 'Not A Host' })), /shop\/p: props\.externalName/);
});
