import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lading } from '../../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'lading-validate-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
};

const GOOD = `apiVersion: v1
kind: ConfigMap
metadata:
  name: ok
data:
  a: "1"
`;

test('valid input: files, directories, List, blank and comment-only files; exit 0 and a summary', async () => {
  file('tree/a.yaml', GOOD);
  file(
    'tree/sub/list.json',
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } }],
    }),
  );
  file('tree/blank.yaml', '');
  file('tree/comments.yml', '# nothing here\n---\n# still nothing\n');
  const res = await lading(['validate', join(dir, 'tree')]);
  assert.equal(res.code, 0, res.stdout + res.stderr);
  assert.equal(res.stdout.trim(), '2 objects in 4 files (Kubernetes 1.36): valid');
});

test('every error of every object, one line each with file:line, kind/name and field path; exit 1', async () => {
  const p = file(
    'bad.yaml',
    `${GOOD}---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: two
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
        unknownField: true
`,
  );
  const res = await lading(['validate', p]);
  assert.equal(res.code, 1);
  const lines = res.stdout.trim().split('\n');
  assert.match(lines[0]!, new RegExp(`^${p}:13 deployment\\.apps/web: spec\\.replicas: `));
  assert.equal(lines[1], `${p}:23 deployment.apps/web: spec.template.spec.containers[0].unknownField: unknown field "unknownField"`);
  assert.equal(lines.at(-1), '2 objects in 1 file (Kubernetes 1.36): 2 errors');
});

test('--no-strict makes unknown fields warnings; --output json is machine-readable', async () => {
  const p = file('unknown.yaml', GOOD.replace('\ndata:', '\nextra: 1\ndata:'));
  assert.equal((await lading(['validate', p])).code, 1);
  const lax = await lading(['validate', '--no-strict', p]);
  assert.equal(lax.code, 0, lax.stdout + lax.stderr);
  assert.match(lax.stdout, /warning: unknown field "extra"/);
  const json = JSON.parse((await lading(['validate', '-o', 'json', p])).stdout);
  assert.equal(json.valid, false);
  assert.deepEqual(
    json.diagnostics.map((d: { path: string; line: number }) => [d.path, d.line]),
    [['extra', 5]],
  );
});

test('stdin, duplicate keys, custom resources with and without their CRD', async () => {
  const piped = await lading(['validate', '-'], { input: GOOD });
  assert.equal(piped.code, 0);
  const dup = await lading(['validate', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n' });
  assert.equal(dup.code, 1);
  assert.match(dup.stdout, /<stdin>:5: syntax error: .*unique/i);
  const cr = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n';
  const alone = await lading(['validate', '-'], { input: cr });
  assert.match(alone.stdout, /no schema for Widget .*CustomResourceDefinition.*--ignore-missing-schemas/);
  assert.equal((await lading(['validate', '--ignore-missing-schemas', '-'], { input: cr })).code, 0);
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
---
`;
  const withCrd = await lading(['validate', '-'], { input: crd + cr });
  assert.equal(withCrd.code, 1);
  assert.match(withCrd.stdout, /<stdin>:\d+ widget\.example\.com\/w: spec\.size: expected integer, got string/);
});

test('usage and I/O errors exit 2 and name the problem', async () => {
  const missing = await lading(['validate', join(dir, 'nope.yaml')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.yaml: no such file or directory/);
  const version = await lading(['validate', '--kube-version', '1.20', join(dir, 'bad.yaml')]);
  assert.equal(version.code, 2);
  assert.match(version.stderr, /--kube-version 1\.20: expected one of 1\.32, 1\.33, 1\.34, 1\.35, 1\.36/);
  assert.equal((await lading(['validate'])).code, 2);
  assert.equal((await lading(['validate', '--kube-version', '1.33', join(dir, 'tree')])).code, 0);
});

test("lading's own dist/ with environments: the same object in dist/dev and dist/prod is no duplicate", async () => {
  const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n  a: "1"\n`;
  file('out/dev/shop/03-configmap-settings.yaml', cm('settings'));
  file('out/prod/shop/03-configmap-settings.yaml', cm('settings'));
  file('out/prod/billing/03-configmap-settings.yaml', cm('settings'));
  const ok = await lading(['validate', join(dir, 'out')]);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.equal(ok.stdout.trim(), '3 objects in 3 files (Kubernetes 1.36): valid');
  // Within one application folder of one environment, it is.
  file('out/dev/shop/03-configmap-settings.shop.yaml', cm('settings'));
  const twice = await lading(['validate', join(dir, 'out')]);
  assert.equal(twice.code, 1, twice.stdout);
  assert.match(
    twice.stdout,
    /out\/dev\/shop\/03-configmap-settings\.yaml:4 configmap\/settings: metadata\.name: configmap\/settings in namespace shop is defined twice/,
  );
  // Files outside the dist/ layout are one input: the same object in two folders is a duplicate.
  file('plain/a/settings.yaml', cm('settings'));
  file('plain/b/settings.yaml', cm('settings'));
  const plain = await lading(['validate', join(dir, 'plain')]);
  assert.equal(plain.code, 1, plain.stdout);
  assert.match(plain.stdout, /defined twice/);
});

test('typed lists (ConfigMapList) are expanded: items validated, with their lines', async () => {
  const p = file(
    'list.yaml',
    `apiVersion: v1
kind: ConfigMapList
items:
- metadata:
    name: a
  data:
    k: v
- metadata:
    name: b
  dta:
    k: v
`,
  );
  const res = await lading(['validate', p]);
  assert.equal(res.code, 1, res.stdout);
  assert.equal(res.stdout.trim(), `${p}:10 configmap/b: dta: unknown field "dta"\n2 objects in 1 file (Kubernetes 1.36): 1 error`);
});

test('a CRD pattern JavaScript cannot compile is a warning, never an internal error (exit 0)', async () => {
  const p = file(
    'crd-pattern.yaml',
    `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              lazy: {type: string, pattern: '(?U)a+'}
              host: {type: string, pattern: '^[a-z0-9\\-\\.]+$'}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: default}
spec: {lazy: aaa, host: a-b.example}
`,
  );
  const res = await lading(['validate', p]);
  assert.equal(res.code, 0, res.stdout + res.stderr);
  assert.match(res.stdout, /pattern "\(\?U\)a\+" is not checked/);
  assert.match(res.stdout, /2 objects in 1 file \(Kubernetes 1\.36\): valid, 1 warning$/m);
});
