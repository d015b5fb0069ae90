import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type KubeObject, formatPath } from '../../../../lib/manifest/object.js';
import { keyRefs } from '../../../../lib/validate/wiring/key-refs.js';
import { externalSecretKeys, externalSecretTarget } from '../../../../lib/validate/wiring/external-secrets.js';
import { deployment } from '../../../support/objects.js';

const synth = { inputIsComplete: true };

const externalSecret = (spec: Record<string, unknown> = {}, name = 'db'): KubeObject => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name, namespace: 'default' },
  spec: {
    secretStoreRef: { name: 'vault', kind: 'SecretStore' },
    target: { name: 'db', creationPolicy: 'Owner' },
    data: [
      { secretKey: 'url', remoteRef: { key: 'db', property: 'url' } },
      { secretKey: 'password', remoteRef: { key: 'db', property: 'password' } },
    ],
    ...spec,
  },
});
const reads = (key: string, secret = 'db') =>
  deployment('web', {
    containers: [{ name: 'web', image: 'nginx:1.27', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: secret, key } } }] }],
  });
const issues = (objects: KubeObject[]) => [...keyRefs(synth).checkSet(objects)].map((i) => `#${i.index} ${formatPath(i.path)}: ${i.message}`);

describe('key-refs with ExternalSecrets', () => {
  test('a secretKeyRef to the Secret an ExternalSecret makes, and one of its keys, passes', () => {
    assert.deepEqual(issues([externalSecret(), reads('password')]), []);
    // The target name, not the ExternalSecret's, is the Secret's name.
    assert.deepEqual(issues([externalSecret({}, 'db-from-vault'), reads('url')]), []);
  });

  test('a key the ExternalSecret does not fetch fails, naming the Secret and the ExternalSecret', () => {
    assert.deepEqual(issues([externalSecret(), reads('pasword')]), [
      '#1 spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef: container "web" env X reads key "pasword" of secret/db (made by externalsecret.external-secrets.io/db), which has no such key (keys: password, url)',
    ]);
  });

  test('an ExternalSecret that makes no Secret (creationPolicy Merge or None), or makes another one, does not count', () => {
    assert.match(
      issues([externalSecret({ target: { name: 'db', creationPolicy: 'Merge' } }), reads('url')])[0]!,
      /reads secret\/db, which is not in the input/,
    );
    assert.match(issues([externalSecret({ target: { name: 'other' } }), reads('url')])[0]!, /reads secret\/db, which is not in the input/);
    const elsewhere = { ...externalSecret(), metadata: { name: 'db', namespace: 'other' } };
    assert.match(issues([elsewhere, reads('url')])[0]!, /reads secret\/db, which is not in the input/);
  });

  test('keys are unknown with dataFrom or templateFrom (not checked); template data replaces the keys unless merged', () => {
    assert.deepEqual(issues([externalSecret({ dataFrom: [{ extract: { key: 'db' } }] }), reads('anything')]), []);
    assert.equal(externalSecretKeys(externalSecret({ target: { template: { templateFrom: [{ configMap: { name: 't' } }] } } })), undefined);
    assert.deepEqual([...externalSecretKeys(externalSecret({ target: { template: { data: { dsn: '{{ .url }}' } } } }))!], ['dsn']);
    assert.deepEqual([...externalSecretKeys(externalSecret({ target: { template: { mergePolicy: 'Merge', data: { dsn: '' } } } }))!].sort(), [
      'dsn',
      'password',
      'url',
    ]);
  });

  test('the target defaults to the ExternalSecret name', () => {
    assert.equal(externalSecretTarget(externalSecret({ target: undefined }, 'creds')), 'creds');
    assert.equal(externalSecretTarget({ apiVersion: 'example.com/v1', kind: 'ExternalSecret', metadata: { name: 'x' } }), undefined);
  });
});
