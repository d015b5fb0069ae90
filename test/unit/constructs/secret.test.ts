import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from '../../../lib/constructs/secret.js';
import { fromDotenv, fromEnv, fromFile, literal, parseDotenv, resolveSource } from '../../../lib/constructs/secret-source.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { synth } from './synth-helper.js';

test('Secret: dist holds the shape and the sources, never a value', () => {
  const out = synth((chart) => new Secret(chart, 'db', {
    keys: { password: fromEnv('SHOP_DB_PASSWORD'), cert: fromFile('certs/db.pem'), token: fromDotenv('.env', 'TOKEN'), test: literal('s3cr3t-value') },
  }));
  const s = out.find('Secret');
  assert.equal(s.data, undefined);
  assert.equal(s.stringData, undefined);
  assert.equal(s.type, 'Opaque');
  assert.ok(!out.yaml.includes('s3cr3t-value'));
  assert.deepEqual(JSON.parse(s.metadata!.annotations!['lading.dev/secret-sources']!), {
    cert: { file: 'certs/db.pem' }, password: { env: 'SHOP_DB_PASSWORD' }, test: { literal: true }, token: { dotenv: '.env', key: 'TOKEN' },
  });
  assertSnapshot(import.meta.url, 'secret.yaml', out.yaml);
});

test('Secret: key() refuses an undeclared key', () => {
  synth((chart) => {
    const s = new Secret(chart, 'db', { keys: { password: fromEnv('X') } });
    assert.deepEqual(s.key('password'), { valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } });
    assert.throws(() => s.key('pasword'), /shop\/db: secret "db" has no key "pasword" \(keys: password\)/);
  });
});

test('Secret: props errors name the key', () => {
  assert.throws(() => synth((chart) => new Secret(chart, 'db', { keys: {} })), /shop\/db: props\.keys: expected at least one key/);
  assert.throws(() => synth((chart) => new Secret(chart, 'db', { keys: { p: fromEnv('1BAD') } })), /shop\/db: props\.keys\.p\.env: expected an environment variable name/);
});

test('secret sources resolve at apply time; a missing source names the key and the source', () => {
  assert.equal(resolveSource('password', fromEnv('X_PW'), { X_PW: 'v' }), 'v');
  assert.throws(() => resolveSource('password', fromEnv('X_PW'), {}), /key "password": environment variable X_PW is not set/);
  assert.equal(resolveSource('t', literal('x')), 'x');
  assert.throws(() => resolveSource('t', { literal: true }), /literal source has no value/);
  assert.deepEqual(parseDotenv('# c\nexport A=1\nB="two\\nlines"\nC=\'3\' \nD=4 # note\n'), { A: '1', B: 'two\nlines', C: '3', D: '4' });
});
