import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../../../lib/manifest/object.js';
import { formatPath } from '../../../../lib/manifest/object.js';
import { validateObjects } from '../../../../lib/validate/validate.js';

// A model with no custom kinds (as the real one): the ExternalSecret schema comes from known-kinds.
const catalog = { version: '1.36', schema: () => undefined, kinds: () => [] };

const externalSecret = (spec: Record<string, unknown> = {}, apiVersion = 'external-secrets.io/v1'): KubeObject => ({
  apiVersion,
  kind: 'ExternalSecret',
  metadata: { name: 'db', namespace: 'shop' },
  spec: {
    refreshInterval: '1h',
    secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
    target: { name: 'db', creationPolicy: 'Owner' },
    data: [{ secretKey: 'password', remoteRef: { key: 'shop/db', property: 'password' } }],
    ...spec,
  },
});

function problems(objects: KubeObject[], strict = true): string[] {
  const result = validateObjects(
    objects.map((value) => ({ value, origin: {} })),
    { catalog, strict, rules: [], setRules: [] },
  );
  return result.diagnostics.map((d) => `${d.severity} ${formatPath(d.path)}: ${d.message}`);
}

test('an ExternalSecret as lading synthesizes it is valid without its CRD in the input', () => {
  assert.deepEqual(problems([externalSecret()]), []);
  assert.deepEqual(
    problems([
      externalSecret({
        dataFrom: [{ extract: { key: 'shop/all' } }],
        target: { name: 'db', template: { type: 'kubernetes.io/tls', data: { 'tls.crt': '{{ .crt }}' } } },
      }),
    ]),
    [],
  );
});

test('a malformed ExternalSecret fails with field paths', () => {
  const bad = externalSecret({
    secretStoreRef: { name: 'Vault_Store', kind: 'Vault' },
    target: { name: 'db', creationPolicy: 'Owned' },
    data: [
      { secretKey: 'pass word', remoteRef: { property: 'password' } },
      { remoteRef: { key: 'x' }, secretKy: 'y' },
    ],
    refreshInterval: 3600,
  });
  assert.deepEqual(problems([bad]), [
    'error spec.refreshInterval: expected string, got integer',
    'error spec.secretStoreRef.name: must match the pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
    'error spec.secretStoreRef.kind: unsupported value "Vault": expected one of "SecretStore", "ClusterSecretStore"',
    'error spec.target.creationPolicy: unsupported value "Owned": expected one of "Owner", "Orphan", "Merge", "None"',
    'error spec.data[0].secretKey: must match the pattern ^[-._a-zA-Z0-9]+$',
    'error spec.data[0].remoteRef.key: required field is missing',
    'error spec.data[1].secretKey: required field is missing',
    'error spec.data[1].secretKy: unknown field "secretKy"',
  ]);
  assert.deepEqual(problems([externalSecret({ refreshInterval: '1h', sync: true })], false), ['warning spec.sync: unknown field "sync"']);
});

test('another apiVersion has no shipped schema: the message names the one lading knows', () => {
  const [msg, ...rest] = problems([externalSecret({}, 'external-secrets.io/v1beta1')]);
  assert.deepEqual(rest, []);
  assert.match(
    msg!,
    /^error kind: no schema for ExternalSecret \(external-secrets\.io\/v1beta1\): lading knows apiVersion external-secrets\.io\/v1; for another version, include its CustomResourceDefinition/,
  );
});

test('a CRD for the kind in the input wins over the shipped schema', () => {
  const crd: KubeObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'externalsecrets.external-secrets.io' },
    spec: {
      group: 'external-secrets.io',
      scope: 'Namespaced',
      names: { kind: 'ExternalSecret', plural: 'externalsecrets' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } },
        },
      ],
    },
  };
  assert.deepEqual(
    problems([crd, externalSecret({ futureField: 1 })]).filter((p) => !p.includes('no schema for CustomResourceDefinition')),
    [],
  );
  assert.match(problems([externalSecret({ futureField: 1 })])[0]!, /spec\.futureField: unknown field/);
});
