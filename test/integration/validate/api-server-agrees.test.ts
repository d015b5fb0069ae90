// lading validate's verdict on each class of issue 11's false positives (and a failing case of
// each class) is the verdict of the real API server: a dry-run create on the test control plane.
// Accepting what the server rejects, or rejecting what it accepts, fails here; where server-side
// apply rejects what create accepts (a null in a non-nullable CRD field), lading must warn.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validatePaths } from '../../../lib/cli/validate.js';
import { useCluster } from '../../support/cluster.js';
import { run } from '../../support/cli.js';
import { testClient } from '../../support/kube.js';

const cluster = await useCluster();
const kube = testClient(cluster.kubeconfig);
const env = { KUBECONFIG: cluster.kubeconfig };
const dir = mkdtempSync(join(tmpdir(), 'lading-agree-'));
const group = `v${Date.now().toString(36)}.lading-validate.example.com`;
let ns = '';

const kubectl = (args: string[], input?: string) => run(cluster.kubectlPath, args, { env, input });

const CRD = () => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: monitors.${group}
spec:
  group: ${group}
  scope: Namespaced
  names: {kind: Monitor, plural: monitors, singular: monitor, listKind: MonitorList}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          apiVersion: {type: string}
          kind: {type: string}
          metadata: {type: object}
          spec:
            type: object
            required: [image]
            anyOf:
            - required: [secretRef]
            - required: [token]
            properties:
              image: {type: string}
              replicas: {type: integer}
              secretRef: {type: string}
              token: {type: string}
              dns: {type: string, pattern: '^[a-z0-9\\-\\.]+$'}
              method: {type: string, pattern: '(?i)^(get|post)$'}
`;

before(async () => {
  ns = await kube.namespace('lading-agree');
  const crd = await kubectl(['apply', '--server-side', '-f', '-'], CRD());
  assert.equal(crd.code, 0, crd.stderr);
  const ready = await kubectl(['wait', '--for=condition=Established', '--timeout=60s', `crd/monitors.${group}`]);
  assert.equal(ready.code, 0, ready.stderr);
});

after(async () => {
  await kubectl(['delete', 'crd', `monitors.${group}`, '--wait=false']).catch(() => undefined);
  await kube.remove('v1', 'Namespace', undefined, ns).catch(() => undefined);
  await cluster.stop();
});

const monitor = (spec: string, metadata = '') => `apiVersion: ${group}/v1
kind: Monitor
metadata:
  name: m
  namespace: NS
  labels: {team: a}
${metadata}spec:
${spec}`;

const pod = (env: string, resources = '{}') => `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: NS}
spec:
  containers:
  - name: c
    image: busybox:1.36
    env: ${env}
    resources: ${resources}
`;

const CASES: readonly { name: string; yaml: string; crd?: boolean }[] = [
  { name: 'kubebuilder CRD: metadata is ObjectMeta', crd: true, yaml: monitor('  image: x\n  token: t\n') },
  { name: 'kubebuilder CRD: metadata with an unknown field', crd: true, yaml: monitor('  image: x\n  token: t\n', '  nmespace: x\n') },
  { name: 'CRD anyOf of required-only branches: none present', crd: true, yaml: monitor('  image: x\n') },
  {
    name: 'CRD: null in a non-nullable field (server-side apply rejects it, create drops it)',
    crd: true,
    yaml: monitor('  image: x\n  token: t\n  replicas: null\n'),
  },
  { name: 'CRD: null in a required field', crd: true, yaml: monitor('  image: null\n  token: t\n') },
  { name: 'CRD: RE2 patterns that match', crd: true, yaml: monitor('  image: x\n  token: t\n  dns: a-b.c\n  method: GET\n') },
  { name: 'CRD: RE2 patterns that do not match', crd: true, yaml: monitor('  image: x\n  token: t\n  dns: A_B\n') },
  { name: 'env var name starting with a digit', yaml: pod('[{name: 1DB_PASSWORD, value: "x"}]') },
  { name: "env var name with '='", yaml: pod('[{name: "A=B", value: "x"}]') },
  { name: 'requests.cpu 700m, limits.cpu "0.7"', yaml: pod('[]', '{requests: {cpu: 700m}, limits: {cpu: "0.7"}}') },
  { name: 'requests.cpu 701m, limits.cpu "0.7"', yaml: pod('[]', '{requests: {cpu: 701m}, limits: {cpu: "0.7"}}') },
  {
    name: 'a null annotation value',
    yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: NS\n  annotations:\n    example.com/owner: null\n',
  },
  { name: 'a typed list', yaml: 'apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata: {name: l1, namespace: NS}\n  data: {k: v}\n' },
  { name: 'a typed list with an invalid item', yaml: 'apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata: {name: l1, namespace: NS}\n  data: {k: 1}\n' },
  {
    name: 'volumeClaimTemplates without apiVersion/kind, and with others',
    yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s, namespace: NS}
spec:
  serviceName: s
  selector: {matchLabels: {app: s}}
  template:
    metadata: {labels: {app: s}}
    spec: {containers: [{name: c, image: busybox:1.36}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
  - apiVersion: v2
    kind: PersistentVolume
    metadata: {name: logs}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`,
  },
  {
    name: 'a cluster-scoped object with a namespace',
    yaml: `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: ${group}-reader, namespace: NS}\nrules: []\n`,
  },
];

for (const c of CASES) {
  test(`the API server agrees with lading validate: ${c.name}`, async () => {
    const yaml = c.yaml.replaceAll('NS', ns);
    const file = join(dir, `${c.name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, c.crd ? `${CRD()}---\n${yaml}` : yaml);
    const { result, syntax } = await validatePaths([file], { strict: true, ignoreMissingSchemas: false });
    const lading = result.errors + syntax.length === 0;
    const created = await kubectl(['create', '--dry-run=server', '-f', '-'], yaml);
    const applied = await kubectl(['apply', '--server-side', '--dry-run=server', '-f', '-'], yaml);
    const why =
      `lading: ${JSON.stringify(result.diagnostics.map((d) => `${d.severity} ${d.path.join('.')}: ${d.message}`))}\n` +
      `create: ${created.stdout}${created.stderr}\nserver-side apply: ${applied.stdout}${applied.stderr}`;
    // lading accepts exactly what the API server accepts (create, as kubectl apply does);
    assert.equal(lading, created.code === 0, why);
    // where server-side apply (lading apply's way) says otherwise, lading warns.
    if (created.code === 0 && applied.code !== 0) assert.ok(result.warnings > 0, why);
  });
}
