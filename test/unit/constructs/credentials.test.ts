import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Credentials } from '../../../lib/constructs/credentials.js';
import { fromDotenv, fromEnv, fromFile, literal, parseDotenv, resolveSource } from '../../../lib/constructs/secret-source.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { synth } from './synth-helper.js';

test('Secret: dist holds the shape and the sources, never a value', () => {
  const out = synth(
    (chart) =>
      new Credentials(chart, 'db', {
        keys: { password: fromEnv('SHOP_DB_PASSWORD'), cert: fromFile('certs/db.pem'), token: fromDotenv('.env', 'TOKEN'), test: literal('s3cr3t-value') },
      }),
  );
  const s = out.find('Secret');
  assert.equal(s.data, undefined);
  assert.equal(s.stringData, undefined);
  assert.equal(s.type, 'Opaque');
  assert.ok(!out.yaml.includes('s3cr3t-value'));
  assert.deepEqual(JSON.parse(s.metadata!.annotations!['lading.dev/secret-sources']!), {
    cert: { file: 'certs/db.pem' },
    password: { env: 'SHOP_DB_PASSWORD' },
    test: { literal: true },
    token: { dotenv: '.env', key: 'TOKEN' },
  });
  assertSnapshot(import.meta.url, 'secret.yaml', out.yaml);
});

test('Secret: key() refuses an undeclared key', () => {
  synth((chart) => {
    const s = new Credentials(chart, 'db', { keys: { password: fromEnv('X') } });
    assert.deepEqual(s.key('password'), { valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } });
    assert.throws(() => s.key('pasword'), /shop\/db: secret "db" has no key "pasword" \(keys: password\)/);
  });
});

test('Secret: props errors name the key', () => {
  assert.throws(() => synth((chart) => new Credentials(chart, 'db', { keys: {} })), /shop\/db: props\.keys: expected at least one key/);
  assert.throws(
    () => synth((chart) => new Credentials(chart, 'db', { keys: { p: fromEnv('1BAD') } })),
    /shop\/db: props\.keys\.p\.env: expected an environment variable name/,
  );
});

test('secret sources resolve at apply time; a missing source names the key and the source', () => {
  assert.equal(resolveSource('password', fromEnv('X_PW'), { X_PW: 'v' }), 'v');
  assert.throws(() => resolveSource('password', fromEnv('X_PW'), {}), /key "password": environment variable X_PW is not set/);
  assert.equal(resolveSource('t', literal('x')), 'x');
  assert.throws(() => resolveSource('t', { literal: true }), /literal source has no value/);
  assert.deepEqual(parseDotenv('# c\nexport A=1\nB="two\\nlines"\nC=\'3\' \nD=4 # note\n'), { A: '1', B: 'two\nlines', C: '3', D: '4' });
});

test('a binary fromFile source stays byte-exact; a dotenv PEM key is read whole (dotenv library)', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { resolveSecretValues } = await import('../../../lib/apply/secret-values.js');
  const dir = mkdtempSync(join(tmpdir(), 'lading-src-'));
  const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0xc3, 0x28, 0x0a, 0x7f]); // not valid UTF-8
  writeFileSync(join(dir, 'keystore.p12'), bytes);
  const pem = '-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASC\nAT8wggE7AgEAAkEAq7BFUpkGp3+XQUBB\n-----END PRIVATE KEY-----';
  writeFileSync(join(dir, '.env'), `A=1\nKEY="${pem}"\nB=2\n`);
  const object = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', annotations: { 'lading.dev/secret-sources': '{"ks":{"file":"x"},"key":{"dotenv":"y","key":"KEY"}}' } },
  };
  const sources = { ks: { file: join(dir, 'keystore.p12') }, key: { dotenv: join(dir, '.env'), key: 'KEY' } };
  const { objects, errors } = resolveSecretValues([{ object, sources }], (key, source) => resolveSource(key, source, {}));
  assert.deepEqual(errors, []);
  const data = objects[0]!.data as Record<string, string>;
  assert.deepEqual(Buffer.from(data.ks!, 'base64'), bytes);
  assert.equal(Buffer.from(data.key!, 'base64').toString('utf8'), pem);
  assert.deepEqual(parseDotenv(`KEY="${pem}"\nB=2`), { KEY: pem, B: '2' });
});

test('a source named only by the annotation of the input is not read unless trusted', async () => {
  const { resolveSecretValues } = await import('../../../lib/apply/secret-values.js');
  const object = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', annotations: { 'lading.dev/secret-sources': '{"aws":{"env":"AWS_SECRET_ACCESS_KEY"},"set":{"env":"X"}}' } },
    data: { set: 'eA==' },
  };
  let reads = 0;
  const { objects, errors } = resolveSecretValues([{ object, where: 'dist/x.yaml' }], () => {
    reads++;
    return 'v';
  });
  assert.equal(reads, 0);
  assert.equal(errors.length, 1);
  assert.match(
    errors[0]!,
    /dist\/x\.yaml secret\/s: key "aws": its source is named only by the lading\.dev\/secret-sources annotation.*--trust-secret-sources/,
  );
  assert.deepEqual(objects[0]!.data, { set: 'eA==' });
});
