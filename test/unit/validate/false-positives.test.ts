// Each class of false positive found on real manifests (issue 11), tested on objects written
// here (in the style of other projects than the corpus), with a passing and a failing case.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from '../../../lib/k8s/index.js';
import type * as k8s from '../../../lib/k8s/index.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { formatPath } from '../../../lib/manifest/object.js';
import { SYNTH_SET_RULES } from '../../../lib/validate/rules/index.js';
import { validateObjects, type ValidationInput } from '../../../lib/validate/validate.js';
import { compareQuantities, parseQuantity } from '../../../lib/validate/quantity.js';
import { envNameProblem } from '../../../lib/validate/rules/env-names.js';
import { deployment, service } from '../../support/objects.js';

const model = await loadModel('1.36');

function check(objects: unknown[], options: { synth?: boolean; version?: string; inputs?: ValidationInput[] } = {}): string[] {
  const inputs = options.inputs ?? objects.map((value) => ({ value, origin: {} }));
  return validateObjects(inputs, { catalog: model, ...(options.synth ? { setRules: SYNTH_SET_RULES } : {}) }).diagnostics.map(
    (d) => `${d.severity} ${d.object} ${formatPath(d.path)}: ${d.message}`,
  );
}
const errors = (lines: string[]) => lines.filter((l) => l.startsWith('error'));

// A kubebuilder CRD (as controller-gen writes them, e.g. the Prometheus operator's): metadata is {type: object}.
const crd = (schema: Record<string, unknown>, scope = 'Namespaced', metadata: Record<string, unknown> = { type: 'object' }): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'monitors.example.com' },
  spec: {
    group: 'example.com',
    scope,
    names: { kind: 'Monitor', plural: 'monitors', singular: 'monitor', listKind: 'MonitorList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata, spec: schema } } },
      },
    ],
  },
});
const monitor = (spec: unknown, metadata: Record<string, unknown> = { name: 'web', namespace: 'monitoring', labels: { team: 'a' } }) => ({
  apiVersion: 'example.com/v1',
  kind: 'Monitor',
  metadata,
  spec,
});
const specSchema = (properties: Record<string, unknown>, more: Record<string, unknown> = {}) => ({ type: 'object', properties, ...more });

describe('custom resources of kubebuilder CRDs: metadata is ObjectMeta', () => {
  const def = crd(specSchema({ port: { type: 'string' } }));
  test('passes: name, namespace, labels, annotations under metadata: {type: object}', () => {
    assert.deepEqual(check([def, monitor({ port: 'web' }, { name: 'web', namespace: 'monitoring', labels: { a: 'b' }, annotations: { x: 'y' } })]), []);
  });
  test('fails: metadata that is not ObjectMeta (unknown field, wrong type), naming the field', () => {
    const lines = errors(check([def, monitor({}, { name: 'web', nmespace: 'x', labels: { a: 1 } })]));
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.ok(lines.includes('error monitor.example.com/web metadata.nmespace: unknown field "nmespace"'), lines.join('\n'));
    assert.ok(
      lines.some((l) => l.startsWith('error monitor.example.com/web metadata.labels.a:')),
      lines.join('\n'),
    );
  });
  test("the CRD's constraints on metadata.name still hold", () => {
    const short = crd(specSchema({}), 'Namespaced', { type: 'object', properties: { name: { type: 'string', maxLength: 5 } } });
    assert.deepEqual(check([short, monitor({}, { name: 'short' })]), []);
    assert.deepEqual(errors(check([short, monitor({}, { name: 'too-long' })])), [
      'error monitor.example.com/too-long metadata.name: must be at most 5 characters',
    ]);
  });
});

describe('embedded objects need not write apiVersion and kind', () => {
  const redis = (claim: Record<string, unknown>): k8s.StatefulSet => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'redis' },
    spec: {
      serviceName: 'redis',
      selector: { matchLabels: { app: 'redis' } },
      template: {
        metadata: { labels: { app: 'redis' } },
        spec: { containers: [{ name: 'redis', image: 'redis:7', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] },
      },
      // The generated type takes a claim without apiVersion/kind (EmbeddedPersistentVolumeClaim).
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }, ...claim }],
    },
  });
  test('passes: a volumeClaimTemplate without apiVersion/kind, and one with them', () => {
    assert.deepEqual(check([redis({})]), []);
    assert.deepEqual(check([redis({ apiVersion: 'v1', kind: 'PersistentVolumeClaim' })]), []);
  });
  test('passes: any apiVersion/kind there (the API server ignores them, as a 1.36 server dry-run shows)', () => {
    assert.deepEqual(check([redis({ apiVersion: 'v2', kind: 'PersistentVolume' })]), []);
  });
  test('fails: a claim with an unknown field, or a kind that is not a string', () => {
    assert.deepEqual(errors(check([redis({ sepc: {} })])), ['error statefulset.apps/redis spec.volumeClaimTemplates[0].sepc: unknown field "sepc"']);
    assert.equal(errors(check([redis({ kind: 7 })])).length, 1);
  });
  test('the TypeScript type k8s.StatefulSet takes claims without apiVersion/kind (tsc checks this file)', () => {
    const claim: k8s.EmbeddedPersistentVolumeClaim = { metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } };
    const spec: k8s.StatefulSetSpec = { selector: {}, template: {}, volumeClaimTemplates: [claim, { metadata: { name: 'logs' } }] };
    // @ts-expect-error a whole PersistentVolumeClaim still needs them
    const whole: k8s.PersistentVolumeClaim = { metadata: { name: 'data' } };
    assert.ok(spec.volumeClaimTemplates!.length === 2 && whole);
  });
  test('a whole PersistentVolumeClaim still needs apiVersion and kind', () => {
    const lines = errors(check([{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'x' } }]));
    assert.deepEqual(lines, []);
    assert.ok(model.schema('v1', 'PersistentVolumeClaim')!.safeParse({ metadata: { name: 'x' } }).success === false);
  });
});

describe('Service targetPort that no container declares', () => {
  const quiet = deployment('notifications', { containers: [{ name: 'c', image: 'ghcr.io/acme/notify:1.0' }] });
  const metrics = service('notifications', { ports: [{ name: 'metrics', port: 9001, targetPort: 9001 }] });
  test('passes for files (the process listens on it; declaring ports is optional), a warning at synth', () => {
    assert.deepEqual(check([quiet, metrics]), []);
    const synth = check([quiet, metrics], { synth: true });
    assert.equal(synth.length, 1);
    assert.match(synth[0]!, /^warning service\/notifications spec\.ports\[0\]\.targetPort: target port 9001 .* not a container port/);
  });
  test('fails: a targetPort that is no port at all', () => {
    assert.equal(errors(check([quiet, service('notifications', { ports: [{ port: 9001, targetPort: 70000 }] })])).length, 1);
  });
});

describe('typed lists are expanded like kind: List', () => {
  const roleList = (rules: unknown) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleList',
    items: [
      { metadata: { name: 'reader', namespace: 'shop' }, rules },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'writer', namespace: 'shop' }, rules: [] },
    ],
  });
  test("passes: items without apiVersion/kind take the list's; ConfigMapList and RoleBindingList too", () => {
    assert.deepEqual(check([roleList([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }])]), []);
    assert.deepEqual(check([{ apiVersion: 'v1', kind: 'ConfigMapList', items: [{ metadata: { name: 'a' }, data: { k: 'v' } }] }]), []);
    const binding = {
      metadata: { name: 'b' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [{ kind: 'User', name: 'ann', apiGroup: 'rbac.authorization.k8s.io' }],
    };
    assert.deepEqual(check([{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBindingList', items: [binding] }]), []);
  });
  test('fails: an invalid item is reported as itself, with its line in the list', () => {
    const input = {
      value: roleList([{ apiGroups: [''], resources: ['pods'], verbz: ['get'] }]),
      origin: { file: 'roles.yaml', lineOf: (p: readonly (string | number)[]) => p.length },
    };
    assert.deepEqual(errors(check([], { inputs: [input] })).sort(), [
      'error role.rbac.authorization.k8s.io/reader rules[0].verbs: missing required field, expected a list',
      'error role.rbac.authorization.k8s.io/reader rules[0].verbz: unknown field "verbz"',
    ]);
    const result = validateObjects([input], { catalog: model });
    assert.equal(result.objects, 2);
    // The item's path is seen by the file's lineOf below items[0]: ['items', 0, 'rules'].
    assert.equal(result.diagnostics[0]!.origin.lineOf!(['rules']), 3);
  });
});

describe('CRD schemas as the API server reads them', () => {
  // As in cert-manager's and the Prometheus operator's CRDs: "one of these fields" written as required-only branches.
  const oneOfTwo = crd(
    specSchema({ secretRef: { type: 'string' }, token: { type: 'string' } }, { anyOf: [{ required: ['secretRef'] }, { required: ['token'] }] }),
  );
  const exactlyOne = crd(
    specSchema(
      { a: { type: 'string' }, b: { type: 'string' } },
      { oneOf: [{ required: ['a'] }, { required: ['b'] }], allOf: [{ properties: { a: { maxLength: 3 } } }] },
    ),
  );
  test('passes: anyOf/oneOf/allOf branches with only required:', () => {
    assert.deepEqual(check([oneOfTwo, monitor({ token: 'x' })]), []);
    assert.deepEqual(check([exactlyOne, monitor({ a: 'abc' })]), []);
  });
  test('fails: no branch matches, two oneOf branches match, an allOf constraint fails', () => {
    assert.deepEqual(errors(check([oneOfTwo, monitor({})])), ['error monitor.example.com/web spec: does not match any of the allowed schemas (anyOf)']);
    assert.deepEqual(errors(check([exactlyOne, monitor({ a: 'x', b: 'y' })])), [
      'error monitor.example.com/web spec: must match exactly one of the allowed schemas (oneOf)',
    ]);
    assert.deepEqual(errors(check([exactlyOne, monitor({ a: 'abcd' })])), ['error monitor.example.com/web spec.a: must be at most 3 characters']);
  });

  const nulls = crd(
    specSchema(
      { replicas: { type: 'integer' }, size: { type: 'integer', default: 3 }, note: { type: 'string', nullable: true }, image: { type: 'string' } },
      { required: ['image'] },
    ),
  );
  test('passes: null in a field that is not nullable is pruned, as kubectl create and apply do (Helm writes these)', () => {
    assert.deepEqual(check([nulls, monitor({ image: 'x', size: null, note: null })]), []);
    // Server-side apply rejects it when the field has no default (a 1.36 server dry-run shows it): a warning.
    assert.deepEqual(
      check([nulls, monitor({ image: 'x', replicas: null })]).map((l) => l.split(': ')[0]),
      ['warning monitor.example.com/web spec.replicas'],
    );
  });
  test('fails: a pruned null leaves a required field missing; a wrong type is still wrong', () => {
    assert.deepEqual(errors(check([nulls, monitor({ image: null })])), ['error monitor.example.com/web spec.image: required field is missing']);
    assert.deepEqual(errors(check([nulls, monitor({ image: 'x', replicas: 'two' })])), [
      'error monitor.example.com/web spec.replicas: expected integer, got string',
    ]);
  });

  const patterns = crd(
    specSchema({
      dns: { type: 'string', pattern: '^[a-z0-9\\-\\.]+$' },
      method: { type: 'string', pattern: '(?i)^(get|post)$' },
      duration: { type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$' },
      word: { type: 'string', pattern: '^[[:alpha:]_]+$' },
    }),
  );
  test('passes: Go (RE2) patterns that JavaScript u mode rejects as written', () => {
    assert.deepEqual(check([patterns, monitor({ dns: 'a-b.c', method: 'GET', duration: '1h30m', word: 'a_b' })]), []);
  });
  test('fails: values that do not match, naming the pattern', () => {
    assert.deepEqual(errors(check([patterns, monitor({ dns: 'A_B', method: 'PUT', word: 'a1' })])), [
      'error monitor.example.com/web spec.dns: must match the pattern ^[a-z0-9\\-\\.]+$',
      'error monitor.example.com/web spec.method: must match the pattern (?i)^(get|post)$',
      'error monitor.example.com/web spec.word: must match the pattern ^[[:alpha:]_]+$',
    ]);
  });
  test('a pattern that cannot be translated is a warning on the CRD, never a crash', () => {
    const ungreedy = crd(specSchema({ a: { type: 'string', pattern: '(?U)a+b' }, b: { type: 'string', pattern: '[' } }));
    const lines = check([ungreedy, monitor({ a: 'zzz', b: 'x' })]);
    assert.deepEqual(errors(lines), []);
    assert.equal(lines.length, 2);
    assert.match(
      lines[0]!,
      /^warning customresourcedefinition\.apiextensions\.k8s\.io\/monitors\.example\.com spec\.versions\[0\]\.schema\.openAPIV3Schema\.properties\.spec\.properties\.a\.pattern: pattern "\(\?U\)a\+b" is not checked/,
    );
  });
});

describe('autoscaled workloads and keys the control plane fills in', () => {
  const hpa = (min: number, max: number) => ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: min, maxReplicas: max },
  });
  test('passes: an HPA whose target sets replicas (a warning: another tool would reset them)', () => {
    const lines = check([deployment(), hpa(2, 5)]);
    assert.deepEqual(errors(lines), []);
    assert.match(lines[0]!, /^warning deployment\.apps\/web spec\.replicas: .* is scaled by horizontalpodautoscaler\.autoscaling\/web/);
  });
  test('fails: an HPA whose minReplicas exceeds maxReplicas', () => {
    assert.equal(errors(check([deployment(), hpa(6, 5)])).length, 1);
  });
  const tokenSecret = (type: string) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    type,
    metadata: { name: 'ci-token', namespace: 'default', annotations: { 'kubernetes.io/service-account.name': 'ci' } },
  });
  const reader = (key: string) =>
    deployment('web', { containers: [{ name: 'web', image: 'nginx:1.27', env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'ci-token', key } } }] }] });
  test('passes: secretKeyRef to the token key of a service-account-token Secret', () => {
    assert.deepEqual(check([tokenSecret('kubernetes.io/service-account-token'), reader('token')]), []);
  });
  test('warns (files) about the same key of an Opaque Secret that has no data: the API server accepts it, the pod would not start', () => {
    const found = check([tokenSecret('Opaque'), reader('token')]);
    assert.deepEqual(errors(found), []);
    assert.match(found.join('\n'), /reads key "token" of secret\/ci-token, which has no such key/);
  });
});

describe('quantities are compared exactly', () => {
  const limited = (requests: Record<string, unknown>, limits: Record<string, unknown>) =>
    deployment('web', { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests, limits } }] });
  test('passes: 700m ≤ "0.7", 1Gi ≤ 1073741824, 0.1 ≤ 100m, 1e3 ≤ 1k', () => {
    assert.deepEqual(check([limited({ cpu: '700m', memory: '1Gi' }, { cpu: '0.7', memory: 1073741824 })]), []);
    assert.deepEqual(check([limited({ cpu: 0.1, memory: '1e3' }, { cpu: '100m', memory: '1k' })]), []);
  });
  test('fails: 701m > 0.7, 1Gi > 1G', () => {
    assert.equal(errors(check([limited({ cpu: '701m', memory: '1Gi' }, { cpu: '0.7', memory: '1G' })])).length, 2);
  });
  test('the parser is exact: 0.1 + 0.2 worth of millicores', () => {
    const q = (v: string | number) => parseQuantity(v)!;
    assert.equal(compareQuantities(q('300m'), q('0.3')), 0);
    assert.equal(compareQuantities(q('1.5Gi'), q('1536Mi')), 0);
    assert.equal(compareQuantities(q('-1'), q('0')), -1);
    assert.equal(parseQuantity('1e9999'), undefined);
    assert.equal(parseQuantity('12 Mi'), undefined);
  });
  test('a quantity read again (remembered) is the same value, and cannot be changed', () => {
    const first = parseQuantity('250m')!;
    assert.equal(parseQuantity('250m'), first);
    assert.equal(compareQuantities(parseQuantity(0.25)!, first), 0);
    assert.throws(() => {
      (first as { numerator: bigint }).numerator = 1n;
    }, TypeError);
    assert.equal(parseQuantity('12 Mi'), undefined);
    assert.equal(parseQuantity(Number.NaN), undefined);
  });
});

describe('env var names follow the API server of the target version', () => {
  const pod = (name: string) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27', env: [{ name, value: 'x' }], envFrom: [{ prefix: name, configMapRef: { name: 'cm' } }] }] },
  });
  test("passes: any printable ASCII name (1DB_PASSWORD, my.var, A B) in 1.34+ and, by the beta gate's default, 1.32+", () => {
    assert.deepEqual(check([pod('1DB_PASSWORD')]), []);
    assert.deepEqual(check([pod('my.var-1 x')]), []);
    assert.equal(envNameProblem('1DB_PASSWORD', '1.32'), undefined);
  });
  test("fails: '=', non-ASCII and control characters, for env and envFrom prefixes", () => {
    assert.deepEqual(
      errors(check([pod('A=B')])).map((l) => l.split(': ')[0]),
      ['error pod/p spec.containers[0].env[0].name', 'error pod/p spec.containers[0].envFrom[0].prefix'],
    );
    assert.equal(errors(check([pod('café')])).length, 2);
    assert.equal(errors(check([pod('A\tB')])).length, 2);
  });
  test('before RelaxedEnvironmentVariableValidation (1.31 and older) the legacy rule holds', () => {
    assert.match(envNameProblem('1DB_PASSWORD', '1.31')!, /must not start with a digit/);
    assert.equal(envNameProblem('my.env-name', '1.31'), undefined);
  });
});

describe('cluster-scoped kinds with metadata.namespace', () => {
  test('passes: a namespaced kind with a namespace, a cluster-scoped one without', () => {
    assert.deepEqual(
      check([
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'shop' } },
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } },
      ]),
      [],
    );
  });
  test('warns (the API server ignores it), naming the object and the field; custom kinds by their CRD scope', () => {
    assert.deepEqual(check([{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r', namespace: 'shop' } }]), [
      'warning clusterrole.rbac.authorization.k8s.io/r metadata.namespace: ClusterRole is cluster-scoped: the API server ignores metadata.namespace ("shop"); remove it',
    ]);
    const lines = check([crd(specSchema({}), 'Cluster'), monitor({}, { name: 'm', namespace: 'shop' })]);
    assert.deepEqual(
      lines.map((l) => l.split(':')[0]),
      ['warning monitor.example.com/m metadata.namespace'],
    );
  });
});

describe('a malformed CRD never crashes validation of its custom resources', () => {
  test('the CRD gets its errors, the custom resource is checked as far as its schema can be read', () => {
    const broken = crd({
      type: 'object',
      required: 'port',
      properties: { port: 'string', list: { type: 'array', items: [1] } },
      anyOf: { required: ['a'] },
      allOf: 3,
      enum: 'x',
    });
    const lines = check([broken, monitor({ port: 1, list: [1], other: true })]);
    assert.ok(
      lines.some((l) =>
        l.startsWith('error customresourcedefinition.apiextensions.k8s.io/monitors.example.com spec.versions[0].schema.openAPIV3Schema.properties.spec'),
      ),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => l === 'error monitor.example.com/web spec.other: unknown field "other"'),
      lines.join('\n'),
    );
  });
});
