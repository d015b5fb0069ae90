import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApplyIo } from '../../../lib/cli/apply.js';
import { runApply } from '../../../lib/cli/apply-command.js';
import { loadDesired } from '../../../lib/cli/desired.js';
import { openSession, planApps } from '../../../lib/cli/plan-apps.js';
import { isNamespaced } from '../../../lib/k8s/scope.js';
import { groupOf, type KubeObject } from '../../../lib/manifest/object.js';
import type { AppPlan } from '../../../lib/plan/report.js';
import { emitYamlStream } from '../../../lib/manifest/emit-yaml.js';
import { useCluster } from '../../support/cluster.js';
import { corpusUnits, readObjects } from '../differential/units.js';

// A no-op diff reads the live objects with one LIST per kind and namespace and proves objects
// unchanged in memory (lib/plan/unchanged.ts) instead of dry-running each. Held here to the
// dry-run path on real inputs: for every unit of ../shared/corpus that lives in one namespace,
// applied, then diffed unchanged and with changes, both paths give the same plan.

const cluster = await useCluster();
after(() => cluster.stop());

// Units whose every object is namespaced and names no namespace: each goes into a namespace of its own.
const units = corpusUnits()
  .filter((u) => !u.dialsOut)
  .map((u) => ({ unit: u, objects: u.files.flatMap(readObjects) }))
  .filter(
    ({ objects }) =>
      objects.length > 0 && objects.every((o) => typeof o.kind === 'string' && isNamespaced(groupOf(o.apiVersion), o.kind) && !o.metadata?.namespace),
  );

const quietIo = (): ApplyIo =>
  ({
    out: { write: () => true, isTTY: false },
    err: { write: () => true },
    interactive: false,
    confirm: async () => false,
    env: {},
    handleSignals: false,
  }) as unknown as ApplyIo;

function writeInput(objects: readonly KubeObject[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lading-proof-')), 'input.yaml');
  writeFileSync(file, emitYamlStream(objects));
  return file;
}

async function plan(file: string, app: string, namespace: string, everyObjectDryRun: boolean): Promise<AppPlan> {
  const before = process.env.LADING_DRY_RUN_EVERY_OBJECT;
  if (everyObjectDryRun) process.env.LADING_DRY_RUN_EVERY_OBJECT = '1';
  else delete process.env.LADING_DRY_RUN_EVERY_OBJECT;
  try {
    const apps = await loadDesired({ files: [file], name: app, namespace });
    return (await planApps(apps, openSession({ kubeconfig: cluster.kubeconfig, namespace })))[0]!.plan;
  } finally {
    if (before === undefined) delete process.env.LADING_DRY_RUN_EVERY_OBJECT;
    else process.env.LADING_DRY_RUN_EVERY_OBJECT = before;
  }
}

const comparable = (p: AppPlan) =>
  p.plan.objects.map((o) => ({ id: o.id, category: o.category, before: o.before, after: o.after, drift: o.drift, conflicts: o.conflicts }));

// A change to every other object: an annotation (metadata) and, where there is one, a label.
function changed(objects: readonly KubeObject[]): KubeObject[] {
  return objects.map((o, i) =>
    i % 2
      ? o
      : {
          ...o,
          metadata: { ...o.metadata, annotations: { ...(o.metadata?.annotations as Record<string, string> | undefined), 'lading.test/changed': 'yes' } },
        },
  );
}

const figures = { units: 0, objects: 0, proven: 0 };
describe('a no-op diff proven in memory agrees with the dry-run of every object, on the corpus', () => {
  after(() => process.stdout.write(`# proof: ${figures.units} units, ${figures.objects} objects, ${figures.proven} proven unchanged without a request\n`));
  for (const { unit, objects } of units) {
    test(unit.name, async () => {
      const ns = `proof-${unit.name.slice(0, 40)}-${randomBytes(3).toString('hex')}`;
      execFileSync(cluster.kubectlPath, ['--kubeconfig', cluster.kubeconfig, 'create', 'namespace', ns]);
      try {
        const file = writeInput(objects);
        const code = await runApply({ filename: [file], name: unit.name, namespace: ns, kubeconfig: cluster.kubeconfig, yes: true }, quietIo());
        assert.equal(code, 0, 'applied');
        const proven = await plan(file, unit.name, ns, false);
        const reference = await plan(file, unit.name, ns, true);
        assert.deepEqual(comparable(proven), comparable(reference), 'unchanged input');
        assert.ok(
          reference.plan.objects.every((o) => !o.provenUnchanged),
          'the reference dry-runs every object',
        );
        const edited = writeInput(changed(objects));
        assert.deepEqual(comparable(await plan(edited, unit.name, ns, false)), comparable(await plan(edited, unit.name, ns, true)), 'changed input');
        figures.units++;
        figures.objects += proven.plan.objects.length;
        figures.proven += proven.plan.objects.filter((o) => o.provenUnchanged).length;
      } finally {
        execFileSync(cluster.kubectlPath, ['--kubeconfig', cluster.kubeconfig, 'delete', 'namespace', ns, '--wait=false']);
      }
    });
  }
});
