// Parity with kubeconform's acceptance tests (yannh/kubeconform acceptance.bats and fixtures/)
// where its semantics and lading's agree: lading is strict by default (kubeconform -strict) and
// validates what the API server validates. Cases are written here, in the spirit of each fixture.
// Where they differ on purpose: kubeconform without -strict accepts duplicate keys (lading
// rejects them always, as kubectl's decoder does), and its missing file is exit 1 (lading: 2).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validatePaths } from '../../../lib/cli/validate.js';
import { lading } from '../../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'lading-kubeconform-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const RC = `apiVersion: v1
kind: ReplicationController
metadata:
  name: bob
spec:
  replicas: 2
  selector:
    app: nginx
  template:
    metadata:
      name: nginx
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
`;
const CM = (name: string, more = '') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${more}data:
  file.name: "a value"
`;

interface Case {
  readonly name: string;
  readonly text: string;
  /** Objects found, and whether the file is valid (exit 0). */
  readonly objects: number;
  readonly valid: boolean;
  readonly flags?: { strict?: boolean; ignoreMissingSchemas?: boolean };
}

const CASES: readonly Case[] = [
  { name: 'a valid ReplicationController', text: RC, objects: 1, valid: true },
  {
    name: 'a valid object as JSON',
    text: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { ports: [{ port: 80 }] } }),
    objects: 1,
    valid: true,
  },
  {
    name: 'int-or-string targetPorts',
    text: 'apiVersion: v1\nkind: Service\nmetadata: {name: heapster}\nspec:\n  ports: [{port: 80, targetPort: 8082, name: http}, {port: 81, targetPort: metrics, name: m}]\n',
    objects: 1,
    valid: true,
  },
  {
    name: 'generateName instead of name',
    text: 'apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: pi-}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: pi, image: perl}]\n',
    objects: 1,
    valid: true,
  },
  {
    name: 'string and integer quantities',
    text: 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: mem-limit-range}\nspec:\n  limits:\n  - default: {memory: 512Mi, cpu: 1}\n    defaultRequest: {memory: 256000000, cpu: 0.5}\n    type: Container\n',
    objects: 1,
    valid: true,
  },
  {
    name: 'null strings and null lists',
    text: 'apiVersion: v1\nkind: Service\nmetadata: {name: frontend}\nspec:\n  clusterIP: null\n  externalIPs:\n  ports: [{port: 80}]\n',
    objects: 1,
    valid: true,
  },
  {
    name: 'a null list in a container (args: with only comments)',
    text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    args:\n      # - --verbose\n',
    objects: 1,
    valid: true,
  },
  { name: 'a multi-document stream of valid objects', text: [RC, CM('a'), CM('b'), CM('c'), CM('d'), CM('e')].join('---\n'), objects: 6, valid: true },
  {
    name: 'a multi-document stream with one invalid object',
    text: [CM('a'), RC.replace('replicas: 2', 'replicas: "2"')].join('---\n'),
    objects: 2,
    valid: false,
  },
  { name: 'an invalid object (a string where an integer goes)', text: RC.replace('containerPort: 80', 'containerPort: eighty'), objects: 1, valid: false },
  { name: 'a blank file', text: '', objects: 0, valid: true },
  { name: 'a file of comments', text: '# nothing\n---\n# still nothing\n', objects: 0, valid: true },
  { name: 'an object without kind', text: 'apiVersion: v1\nmetadata: {name: x}\n', objects: 1, valid: false },
  { name: 'an object without apiVersion', text: 'kind: ConfigMap\nmetadata: {name: x}\n', objects: 1, valid: false },
  { name: 'an object with an empty kind', text: 'apiVersion: v1\nkind:\nmetadata: {name: x}\n', objects: 1, valid: false },
  {
    name: 'a custom resource without its schema',
    text: 'apiVersion: sagemaker.aws.amazon.com/v1\nkind: TrainingJob\nmetadata: {name: t}\nspec: {}\n',
    objects: 1,
    valid: false,
  },
  {
    name: 'a custom resource without its schema, ignoring missing schemas',
    text: 'apiVersion: sagemaker.aws.amazon.com/v1\nkind: TrainingJob\nmetadata: {name: t}\nspec: {}\n',
    objects: 1,
    valid: true,
    flags: { ignoreMissingSchemas: true },
  },
  { name: 'an unknown field (strict)', text: RC.replace('  replicas: 2', '  replicas: 2\n  replicaz: 2'), objects: 1, valid: false },
  {
    name: 'an unknown field without strict',
    text: RC.replace('  replicas: 2', '  replicas: 2\n  replicaz: 2'),
    objects: 1,
    valid: true,
    flags: { strict: false },
  },
  // A syntax error: the document is not read as an object.
  { name: 'a duplicate key (strict)', text: RC.replace('  replicas: 2', '  replicas: 2\n  replicas: 3'), objects: 0, valid: false },
  {
    name: 'a List of valid objects',
    text: `apiVersion: v1\nkind: List\nitems:\n${[CM('a'), CM('b'), CM('c')].map((t) => `- ${t.trimEnd().split('\n').join('\n  ')}`).join('\n')}\n`,
    objects: 3,
    valid: true,
  },
  {
    name: 'a List with an invalid item',
    text: `apiVersion: v1\nkind: List\nitems:\n- ${CM('a').trimEnd().split('\n').join('\n  ')}\n- ${RC.replace('replicas: 2', 'replicas: two').trimEnd().split('\n').join('\n  ')}\n`,
    objects: 2,
    valid: false,
  },
  { name: 'an empty List', text: 'apiVersion: v1\nkind: List\nitems: []\n', objects: 0, valid: true },
  {
    name: 'one object and one List in a stream',
    text: `${CM('a')}---\napiVersion: v1\nkind: List\nitems:\n- ${CM('b').trimEnd().split('\n').join('\n  ')}\n`,
    objects: 2,
    valid: true,
  },
  {
    name: 'a KRM ResourceList (a typed list) of ConfigMaps',
    text: `apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nmetadata: {name: fn-input}\nitems:\n- ${CM('foo').trimEnd().split('\n').join('\n  ')}\n`,
    objects: 1,
    valid: true,
  },
  { name: 'metadata with a misspelt field (annotation:)', text: CM('v', '  annotation:\n    flub: x\n'), objects: 1, valid: false },
  { name: 'an object without metadata', text: 'apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n', objects: 1, valid: false },
  { name: 'metadata without a name', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: x\n', objects: 1, valid: false },
  { name: 'an invalid label key (a stray quote)', text: CM('v', "  labels:\n    'example.com/issuer\"': x\n"), objects: 1, valid: false },
  { name: 'an invalid annotation key', text: CM('v', "  annotations:\n    'example.com/a/b': x\n"), objects: 1, valid: false },
  { name: 'a null annotation value (decoded as "")', text: CM('v', '  annotations:\n    example.com/owner: null\n'), objects: 1, valid: true },
  {
    name: 'a label key with the longest prefix and name, a 63-character value',
    text: CM('v', `  labels:\n    ${'a'.repeat(253)}/${'b'.repeat(63)}: "${'c'.repeat(63)}"\n`),
    objects: 1,
    valid: true,
  },
  { name: 'a label name of 64 characters', text: CM('v', `  labels:\n    ${'b'.repeat(64)}: x\n`), objects: 1, valid: false },
  { name: 'a label value of 64 characters', text: CM('v', `  labels:\n    a: "${'c'.repeat(64)}"\n`), objects: 1, valid: false },
  { name: 'an object name of 254 characters', text: CM('a'.repeat(254)), objects: 1, valid: false },
  { name: 'an object name of 253 characters', text: CM('a'.repeat(253)), objects: 1, valid: true },
];

for (const c of CASES) {
  test(`kubeconform parity: ${c.name} is ${c.valid ? 'valid' : 'invalid'}`, async () => {
    const p = file(`${c.name.replace(/\W+/g, '-')}.yaml`, c.text);
    const { result, syntax } = await validatePaths([p], { strict: c.flags?.strict ?? true, ignoreMissingSchemas: c.flags?.ignoreMissingSchemas ?? false });
    const errors = result.errors + syntax.length;
    assert.equal(
      errors === 0,
      c.valid,
      JSON.stringify([...syntax, ...result.diagnostics.map((d) => `${d.severity} ${d.object} ${d.path.join('.')}: ${d.message}`)], null, 1),
    );
    assert.equal(result.objects, c.objects);
  });
}

test('kubeconform parity: stdin, explicit or a folder, through the command line', async () => {
  const res = await lading(['validate', '-'], { input: RC });
  assert.equal(res.code, 0, res.stdout + res.stderr);
  assert.equal(res.stdout.trim(), '1 object in 1 file (Kubernetes 1.36): valid');
  const bad = await lading(['validate', '-'], { input: RC.replace('replicas: 2', 'replicas: two') });
  assert.equal(bad.code, 1);
  const missing = await lading(['validate', join(dir, 'not-here.yaml')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /not-here\.yaml: no such file or directory/);
});
