// lading import --from-cluster: the live cluster's CRDs become the same typed classes as from a file.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useCluster } from '../../support/cluster.js';
import { lading } from '../../support/cli.js';

const cluster = await useCluster();
// A group of this run's own: the cluster is shared.
const group = `imp${Date.now().toString(36)}.lading.test`;
const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `gadgets.${group}` },
  spec: {
    group,
    scope: 'Namespaced',
    names: { kind: 'Gadget', plural: 'gadgets', singular: 'gadget', listKind: 'GadgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: { spec: { type: 'object', required: ['size'], properties: { size: { type: 'integer' }, color: { type: 'string' } } } },
          },
        },
      },
    ],
  },
};
const kubectl = (args: string[], input?: string) =>
  execFileSync(cluster.kubectlPath, ['--kubeconfig', cluster.kubeconfig, ...args], { input, encoding: 'utf8' });

kubectl(['apply', '-f', '-'], JSON.stringify(crd));
after(() => kubectl(['delete', 'crd', `gadgets.${group}`, '--ignore-not-found']));

test("lading import --from-cluster --group writes the module of that group's live CRDs", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lading-import-cluster-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  const res = await lading(['import', '--from-cluster', '--group', group, '--kubeconfig', cluster.kubeconfig], { cwd: dir });
  assert.equal(res.code, 0, res.stderr);
  assert.deepEqual(readdirSync(join(dir, 'imports')), [`${group}.ts`]);
  const source = readFileSync(join(dir, 'imports', `${group}.ts`), 'utf8');
  assert.match(source, /^export class Gadget extends ImportedObject \{$/m);
  assert.match(source, /readonly size: number;/);

  const none = await lading(['import', '--from-cluster', '--group', `none.${group}`, '--kubeconfig', cluster.kubeconfig], { cwd: dir });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no CustomResourceDefinition in the CRDs of context .* of group none\./);
});
