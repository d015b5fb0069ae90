import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Config } from '../../../lib/constructs/config.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { synth } from './synth-helper.js';

test('Config: snapshot of a ConfigMap from literals and files (text and binary)', () => {
  const out = synth(
    (chart) =>
      new Config(chart, 'settings', {
        data: { LOG_LEVEL: 'info' },
        files: { 'nginx.conf': new URL('./fixtures/nginx.conf', import.meta.url), 'logo.bin': new URL('./fixtures/logo.bin', import.meta.url) },
      }),
  );
  const cm = out.find('ConfigMap');
  assert.equal((cm.data as Record<string, string>)['nginx.conf'], 'server {\n  listen 8080;\n}\n');
  assert.equal((cm.binaryData as Record<string, string>)['logo.bin'], Buffer.from([0, 1, 255]).toString('base64'));
  assertSnapshot(import.meta.url, 'config.yaml', out.yaml);
});

test('Config: relative file paths are relative to the working directory; a list keys files by name', () => {
  const out = synth((chart) => new Config(chart, 'c', { files: ['test/unit/constructs/fixtures/nginx.conf'] }));
  assert.ok('nginx.conf' in (out.find('ConfigMap').data as object));
});

test('Config: key() checks the key exists; a missing file names the prop', () => {
  synth((chart) => {
    const c = new Config(chart, 'c', { data: { A: '1' } });
    assert.deepEqual(c.key('A'), { valueFrom: { configMapKeyRef: { name: 'c', key: 'A' } } });
    assert.throws(() => c.key('B'), /shop\/c: config "c" has no key "B" \(keys: A\)/);
  });
  assert.throws(() => synth((chart) => new Config(chart, 'c', { files: { x: 'nope.txt' } })), /shop\/c: props\.files\.x: cannot read/);
  assert.throws(() => synth((chart) => new Config(chart, 'c', { data: { 'a b': '1' } })), /shop\/c: props\.data\["a b"\]/);
});
