import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withSecretChecksums } from '../../../lib/apply/secret-checksum.js';
import { App } from '../../../lib/constructs/app.js';
import { defineEnvironments } from '../../../lib/constructs/environment.js';
import { Credentials } from '../../../lib/constructs/credentials.js';
import type { SecretDelivery } from '../../../lib/constructs/secret-delivery.js';
import { fromDotenv, fromEnv, fromFile, literal } from '../../../lib/constructs/secret-source.js';
import { Worker } from '../../../lib/constructs/worker.js';
import { assertSnapshot } from '../../support/snapshot.js';
import { at, synth } from './synth-helper.js';

const vault: SecretDelivery = {
  externalSecret: {
    store: 'vault',
    storeKind: 'ClusterSecretStore',
    refreshInterval: '15m',
    remoteKey: (secret, key) => ({ key: `shop/${secret}`, property: key }),
  },
};
const envs = defineEnvironments<{ secrets: SecretDelivery }>({ dev: { secrets: 'apply' }, prod: { secrets: vault } });

/** The same app code in each environment; the delivery is the Chart's default, as in apps/shop.ts. */
function shop(env: string) {
  const { secrets } = envs.select(new App({ env }));
  return synth(
    (chart) => {
      const db = new Credentials(chart, 'db', { keys: { url: fromEnv('SHOP_DATABASE_URL'), password: fromFile('secrets/db-password') } });
      new Worker(chart, 'worker', { image: 'ghcr.io/acme/shop:1.0.0', env: { DATABASE_URL: db.key('url'), DB_PASSWORD: db.key('password') } });
    },
    { env, chart: { namespace: 'shop', defaults: { secrets } } },
  );
}

test('dev: a Secret whose values lading apply reads from the sources', () => {
  const out = shop('dev');
  assert.deepEqual(out.problems, []);
  assert.ok(out.find('Secret', 'db').metadata?.annotations?.['lading.dev/secret-sources']);
  assert.equal(out.objects.filter((o) => o.kind === 'ExternalSecret').length, 0);
});

test('prod: an ExternalSecret making Secret "db" from the store, with no value and no source', () => {
  const out = shop('prod');
  assert.deepEqual(out.problems, []); // key-refs: the worker's secretKeyRefs find the Secret the ExternalSecret makes
  assert.equal(out.objects.filter((o) => o.kind === 'Secret').length, 0);
  const es = out.find('ExternalSecret', 'db');
  assert.equal(es.apiVersion, 'external-secrets.io/v1');
  assert.equal(es.metadata?.labels?.['app.kubernetes.io/name'], 'db');
  assert.equal(es.metadata?.labels?.['app.kubernetes.io/managed-by'], 'lading');
  assert.equal(es.metadata?.annotations, undefined);
  assert.deepEqual(at(es, 'spec.secretStoreRef'), { name: 'vault', kind: 'ClusterSecretStore' });
  assert.deepEqual(at(es, 'spec.target'), { name: 'db', creationPolicy: 'Owner' });
  assert.equal(at(es, 'spec.refreshInterval'), '15m');
  assert.deepEqual(at(es, 'spec.data'), [
    { secretKey: 'password', remoteRef: { key: 'shop/db', property: 'password' } },
    { secretKey: 'url', remoteRef: { key: 'shop/db', property: 'url' } },
  ]);
  const refs = (at(out.find('Deployment', 'worker'), 'spec.template.spec.containers.0.env') as { valueFrom: { secretKeyRef: unknown } }[]).map(
    (e) => e.valueFrom.secretKeyRef,
  );
  assert.deepEqual(refs, [
    { name: 'db', key: 'url' },
    { name: 'db', key: 'password' },
  ]);
  // The sources are irrelevant in this environment: none of them is named in the output.
  for (const s of ['SHOP_DATABASE_URL', 'secrets/db-password', 'secret-sources']) assert.ok(!out.yaml.includes(s), s);
  assertSnapshot(import.meta.url, 'secret-gitops.yaml', out.yaml);
});

test('ExternalSecret: library defaults for the store kind, refresh and remote keys; a Secret type goes to the template', () => {
  const out = synth((chart) => {
    new Credentials(chart, 'db', { keys: { password: fromEnv('X') }, delivery: { externalSecret: { store: 'aws' } } });
    new Credentials(chart, 'registry', {
      keys: { '.dockerconfigjson': fromEnv('Y') },
      type: 'kubernetes.io/dockerconfigjson',
      delivery: { externalSecret: { store: 'aws', remoteKey: (s) => `ci/${s}` } },
    });
  });
  const db = out.find('ExternalSecret', 'db');
  assert.deepEqual(at(db, 'spec.secretStoreRef'), { name: 'aws', kind: 'SecretStore' });
  assert.equal(at(db, 'spec.refreshInterval'), '1h');
  assert.deepEqual(at(db, 'spec.data'), [{ secretKey: 'password', remoteRef: { key: 'db', property: 'password' } }]);
  const registry = out.find('ExternalSecret', 'registry');
  assert.deepEqual(at(registry, 'spec.target'), { name: 'registry', creationPolicy: 'Owner', template: { type: 'kubernetes.io/dockerconfigjson' } });
  assert.deepEqual(at(registry, 'spec.data'), [{ secretKey: '.dockerconfigjson', remoteRef: { key: 'ci/registry' } }]);
});

test('delivery: a Secret prop overrides the Chart default, which overrides the App default', () => {
  const out = synth(
    (chart) => {
      new Credentials(chart, 'db', { keys: { password: fromEnv('X') } });
      new Credentials(chart, 'local', { keys: { token: fromEnv('Y') }, delivery: 'apply' });
    },
    { app: { secrets: { externalSecret: { store: 'org-store' } } }, chart: { defaults: { secrets: vault } } },
  );
  assert.equal(at(out.find('ExternalSecret', 'db'), 'spec.secretStoreRef.name'), 'vault');
  assert.equal(out.find('Secret', 'local').kind, 'Secret');
  const orgOnly = synth((chart) => new Credentials(chart, 'db', { keys: { password: fromEnv('X') } }), {
    app: { secrets: { externalSecret: { store: 'org-store' } } },
  });
  assert.equal(at(orgOnly.find('ExternalSecret', 'db'), 'spec.secretStoreRef.name'), 'org-store');
});

test('ExternalSecret mode: a literal is an error naming the construct and the key', () => {
  assert.throws(
    () =>
      synth((chart) => new Credentials(chart, 'db', { keys: { password: fromEnv('X'), test: literal('s3cr3t') } }), {
        chart: { defaults: { secrets: vault } },
      }),
    (e: Error) => {
      assert.equal(e.name, 'PropsError');
      assert.match(e.message, /^shop\/db: props\.keys\.test: a literal cannot be delivered by an ExternalSecret: the value must live in the store "vault"/);
      assert.ok(!e.message.includes('s3cr3t'));
      return true;
    },
  );
  // The same Secret with delivery 'apply' is fine (the literal-secret policy warns about it).
  synth((chart) => new Credentials(chart, 'db', { keys: { test: literal('s3cr3t') }, delivery: 'apply' }), { chart: { defaults: { secrets: vault } } });
});

test('delivery errors name the construct and where the setting comes from', () => {
  const build = (delivery?: unknown, defaults?: unknown) => () =>
    synth((chart) => new Credentials(chart, 'db', { keys: { password: fromDotenv('.env', 'PW') }, delivery: delivery as SecretDelivery }), {
      chart: { defaults: { secrets: defaults as SecretDelivery } },
    });
  assert.throws(
    build({ externalSecret: { store: 'vault', refreshInterval: '1 hour' } }),
    /shop\/db: props\.delivery\.externalSecret\.refreshInterval: expected a duration/,
  );
  assert.throws(build('kubectl'), /shop\/db: props\.delivery: expected "apply" or \{ externalSecret: \{ store \} \}/);
  assert.throws(build(undefined, { externalSecret: { store: '' } }), /shop\/db: defaults\.secrets\.externalSecret\.store: expected the name of a SecretStore/);
  assert.throws(build(undefined, { externalSecret: { store: 'v', storeKind: 'Vault' } }), /shop\/db: defaults\.secrets\.externalSecret\.storeKind/);
  assert.throws(
    build({ externalSecret: { store: 'v', remoteKey: () => ({ property: 'x' }) } }),
    /shop\/db: props\.delivery\.externalSecret\.remoteKey: remoteKey returned \{"property":"x"\} for key "password"/,
  );
});

test('a bad defaults.secrets is reported for every Credentials of the chart (one schema checks them all)', () => {
  assert.throws(
    () =>
      synth(
        (chart) => {
          new Credentials(chart, 'db', { keys: { password: fromEnv('PW') } });
          new Credentials(chart, 'cache', { keys: { password: fromEnv('PW') } });
        },
        { chart: { defaults: { secrets: { externalSecret: { store: '' } } } } },
      ),
    /shop\/db, shop\/cache: defaults\.secrets\.externalSecret\.store: expected the name of a SecretStore/,
  );
});

test('pods reading a Secret made by an ExternalSecret get no checksum (the operator owns the values)', () => {
  const objects = shop('prod').objects;
  const out = withSecretChecksums(
    objects,
    () => undefined,
    () => 'salt',
  );
  assert.equal(
    at(
      out.find((o) => o.kind === 'Deployment'),
      'spec.template.metadata.annotations',
    ),
    undefined,
  );
  assert.deepEqual(out, objects);
});
