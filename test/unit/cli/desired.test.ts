import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDesired } from '../../../lib/cli/desired.js';

const dir = mkdtempSync(join(tmpdir(), 'lading-desired-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
};
const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n  a: "1"\n`;

test('-f dist/ with environments: each folder is an application, the same object in two is no duplicate', async () => {
  file('dist/dev/shop/03-configmap-settings.yaml', cm('settings'));
  file('dist/prod/shop/03-configmap-settings.yaml', cm('settings'));
  const apps = await loadDesired({ files: [join(dir, 'dist')] });
  assert.deepEqual(
    apps.map((a) => [a.name, a.inputs.length]),
    [
      ['dev', 1],
      ['prod', 1],
    ],
  );
});

test('-f with a typed list: its items are the objects (apiVersion and kind from the list), a Service port no container declares is fine', async () => {
  const p = file(
    'list.yaml',
    `apiVersion: v1
kind: ConfigMapList
items:
- metadata: {name: a, namespace: shop}
  data: {k: v}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27"}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 9001}]
`,
  );
  const [app] = await loadDesired({ files: [p] });
  assert.deepEqual(
    app!.inputs.map((i) => `${i.object.apiVersion} ${i.object.kind} ${i.object.metadata?.name}`),
    ['v1 ConfigMap a', 'apps/v1 Deployment web', 'v1 Service web'],
  );
});
