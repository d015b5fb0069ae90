// A project's lading.config.ts reaches apply: a readiness rule for a custom resource is what --wait waits for.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { env, kube, lading, onCleanup, uniqueNamespace } from './helpers.js';

const ns = uniqueNamespace('config');
const group = `${ns}.lading.test`;
onCleanup(() => kube.remove('apiextensions.k8s.io/v1', 'CustomResourceDefinition', undefined, `gadgets.${group}`));

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lading-config-apply-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  mkdirSync(join(dir, 'apps'));
  writeFileSync(
    join(dir, 'apps', 'gadgets.ts'),
    `import { type App, ApiObject, Chart } from 'lading';
export default function gadgets(app: App): void {
  const chart = new Chart(app, 'gadgets', { namespace: '${ns}' });
  new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: '${ns}' } });
  new ApiObject(chart, 'crd', { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'gadgets.${group}' },
    spec: { group: '${group}', scope: 'Namespaced', names: { kind: 'Gadget', plural: 'gadgets', singular: 'gadget', listKind: 'GadgetList' },
      versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} },
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } }, status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } }] } });
  new ApiObject(chart, 'gadget', { apiVersion: '${group}/v1', kind: 'Gadget', metadata: { name: 'g1' }, spec: { size: 3 } });
}
`,
  );
  writeFileSync(
    join(dir, 'lading.config.ts'),
    `import { conditionReadiness, defineConfig } from 'lading';
export default defineConfig({ readiness: [{ group: '${group}', kind: 'Gadget', check: conditionReadiness('Ready') }] });
`,
  );
  return dir;
}

test('apply --wait waits for a custom resource by the readiness rule of lading.config.ts', { timeout: 180_000 }, async () => {
  const dir = project();
  const waited = await lading(['apply', '--yes', '--wait', '--timeout', '8s'], { env, cwd: dir });
  assert.equal(waited.code, 1, waited.stdout + waited.stderr);
  assert.match(waited.stdout + waited.stderr, /g1.*no Ready condition yet/);

  // Without the rule, a custom resource is ready once applied.
  rmSync(join(dir, 'lading.config.ts'));
  const plain = await lading(['apply', '--yes', '--wait', '--timeout', '8s'], { env, cwd: dir });
  assert.equal(plain.code, 0, plain.stdout + plain.stderr);
});
