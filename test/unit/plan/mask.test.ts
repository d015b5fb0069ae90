import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECKSUM_ANNOTATION, SALT_ANNOTATION } from '../../../lib/core/names.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { encodedForms, maskSecretPair, scrub, secretValues } from '../../../lib/plan/mask.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const secret = (pw: string, salt: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', annotations: { [SALT_ANNOTATION]: salt, team: 'a' } },
  data: { pw: b64(pw) },
});
const deploy = (sum: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { template: { metadata: { annotations: { [CHECKSUM_ANNOTATION]: sum, keep: 'me' } }, spec: { containers: [] } } },
});

test('the checksum salt and the checksum are masked in every rendering, a change still shows as one', () => {
  const [b, a] = maskSecretPair(secret('old-pw', 'salt-1'), secret('new-pw', 'salt-1'));
  const text = JSON.stringify([b, a]);
  for (const leak of ['salt-1', 'old-pw', 'new-pw', b64('old-pw')]) assert.ok(!text.includes(leak), leak);
  assert.equal(b!.metadata!.annotations![SALT_ANNOTATION], '*** (masked)');
  assert.equal(b!.metadata!.annotations!.team, 'a');
  assert.deepEqual([b!.data, a!.data], [{ pw: '*** (masked, before)' }, { pw: '*** (masked, after)' }]);

  const [db, da] = maskSecretPair(deploy('sum-old'), deploy('sum-new'));
  const annotations = (o: KubeObject | undefined) =>
    (o as unknown as { spec: { template: { metadata: { annotations: Record<string, string> } } } }).spec.template.metadata.annotations;
  assert.deepEqual(annotations(db), { [CHECKSUM_ANNOTATION]: '*** (masked, before)', keep: 'me' });
  assert.deepEqual(annotations(da), { [CHECKSUM_ANNOTATION]: '*** (masked, after)', keep: 'me' });
  const [, created] = maskSecretPair(undefined, deploy('sum-new'));
  assert.equal(annotations(created)[CHECKSUM_ANNOTATION], '*** (masked)');
  assert.ok(!JSON.stringify(maskSecretPair(undefined, secret('x-value', 'salt-2'))).includes('salt-2'));
});

test('scrub removes values in every form a message may quote them', () => {
  const pem = '-----BEGIN KEY-----\nabc"def\n-----END KEY-----\n';
  const values = secretValues([secret(pem, 'salt-3f9a'), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { token: 'tok en/+=' } }]);
  const messages = [
    `spec: Invalid value: ${JSON.stringify(pem)}`, // JSON-escaped, trailing newline
    `value ${JSON.stringify(pem.trimEnd())} rejected`, // without the newline
    `data: ${b64(pem)}`,
    `data: ${b64(pem.trimEnd())}`, // base64 with and without it
    `url ?t=${encodeURIComponent('tok en/+=')}`,
    `b64 ${b64('tok en/+=\n')}`,
    `annotation lading.dev/checksum-salt=salt-3f9a`,
    `double ${JSON.stringify(JSON.stringify(pem))}`,
  ];
  for (const m of messages) {
    const out = scrub(m, values);
    for (const leak of [
      pem,
      pem.trimEnd(),
      'abc\\"def',
      'abc"def',
      b64(pem),
      b64(pem.trimEnd()),
      'tok en/+=',
      encodeURIComponent('tok en/+='),
      b64('tok en/+=\n'),
      'salt-3f9a',
    ]) {
      assert.ok(!out.includes(leak), `${m} → ${out} still holds ${leak}`);
    }
  }
  assert.ok(encodedForms('ab').every((f) => f.length >= 3));
});

test('progress and wait lines pass through the scrubber', async () => {
  const { Progress, scrubbedSink } = await import('../../../lib/apply/progress.js');
  const values = secretValues([secret('mount-pw-1', 'salt-77ab')]);
  let out = '';
  const progress = new Progress(scrubbedSink({ write: (t: string) => (out += t), isTTY: false }, (m) => scrub(m, values)));
  progress.update('pod/x -n a', 'waiting', 'Error: secret value "mount-pw-1" rejected');
  progress.update('pod/x -n a', 'failed', `env PW=${b64('mount-pw-1\n')} salt salt-77ab`);
  progress.stop();
  assert.ok(out.includes('***'));
  for (const leak of ['mount-pw-1', b64('mount-pw-1\n'), 'salt-77ab']) assert.ok(!out.includes(leak), out);
});

test('scrub masks every character that any occurrence of any value covers (generated, against a reference)', () => {
  // A small alphabet makes values overlap, nest and repeat.
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const text = (min: number, max: number) => Array.from({ length: min + random(max - min + 1) }, () => 'abc'[random(3)]).join('');
  // The reference: mark what every occurrence covers, then one *** per run of marked characters.
  const reference = (message: string, values: readonly string[]) => {
    const covered = new Array<boolean>(message.length).fill(false);
    for (const v of values) for (let i = message.indexOf(v); i >= 0; i = message.indexOf(v, i + 1)) covered.fill(true, i, i + v.length);
    return message.replace(/./gs, (c, i: number) => (covered[i] ? (i > 0 && covered[i - 1] ? '' : '***') : c));
  };
  for (let round = 0; round < 2000; round++) {
    const values = Array.from({ length: 1 + random(6) }, () => text(3, 7));
    const message = text(0, 40);
    const out = scrub(message, values);
    assert.equal(out, reference(message, values), `${JSON.stringify(values)} in ${message}`);
  }
});

test('scrub of thousands of lines with thousands of values is one pass per line', () => {
  const values = secretValues(Array.from({ length: 2000 }, (_, i) => secret(`password-${i}-not-real`, `salt-${i.toString(16).padStart(8, '0')}`)));
  const lines = Array.from({ length: 4000 }, (_, i) => `+ secret/web-${i} -n shop  created (1.2s): data ${b64(`password-${i % 2000}-not-real`)}`);
  const out = lines.map((l) => scrub(l, values));
  assert.ok(out.every((l, i) => !l.includes(b64(`password-${i % 2000}-not-real`)) && l.endsWith('data ***')));
});
