import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type ApplySetRef, APPLYSET, applySetRef, withMembership } from '../../../lib/core/applyset.js';
import { dropAutoscaledReplicas } from '../../../lib/apply/autoscale.js';
import { type ApplyFlags, type ApplyIo } from '../../../lib/cli/apply.js';
import { runApply } from '../../../lib/cli/apply-command.js';
import { loadDesired } from '../../../lib/cli/desired.js';
import { openSession, planApps } from '../../../lib/cli/plan-apps.js';
import type { RequestSpec } from '../../../lib/cluster/client.js';
import { listObjects } from '../../../lib/cluster/objects.js';
import { isNamespaced } from '../../../lib/k8s/scope.js';
import { groupOf, type KubeObject } from '../../../lib/manifest/object.js';
import type { AppPlan } from '../../../lib/plan/report.js';
import { customKinds } from '../../../lib/validate/crd-schema.js';
import { useCluster } from '../../support/cluster.js';
import { testClient } from '../../support/kube.js';
import { type Mutation, mutations } from './mutations.js';
import { comparableLive, type Kubectl, kubectlApply, kubectlDelete, kubectlDiff, kubectlDiffName, writeObjects } from './oracle.js';
import { corpusUnits, readObjects, type Unit } from './units.js';

// lading held to the references on real inputs (issue #10): for every unit of ../shared/corpus,
// lading's apply converges and is a fixed point of kubectl's apply of the same input; on generated
// mutations, lading diff names the objects kubectl diff --server-side names, and after lading
// apply, kubectl finds nothing left to change.

const cluster = await useCluster();
const kubectl: Kubectl = { path: cluster.kubectlPath, kubeconfig: cluster.kubeconfig };
const kube = testClient(cluster.kubeconfig);
const MUTATIONS_PER_UNIT = Number(process.env.LADING_DIFFERENTIAL_MUTATIONS ?? 4);
// Inputs with webhooks or aggregated APIs are applied only to a cluster that cannot dial out
// (test/cluster: webhook admission off, the API server's egress refused and logged).
const runDir = dirname(cluster.kubeconfig);
const egressRefused =
  existsSync(join(runDir, 'options')) &&
  readFileSync(join(runDir, 'options'), 'utf8').includes('webhooks=off') &&
  existsSync(join(runDir, 'logs', 'egress-refused.log'));

const figures = { units: 0, objects: 0, mutations: 0, agreements: 0, applied: 0, converged: 0, comparedWithKubectlApply: 0, disagreements: [] as string[] };
after(async () => {
  const line = `differential: ${figures.units} units, ${figures.objects} objects, ${figures.mutations} mutations, ${figures.agreements} agreements with kubectl diff (${figures.mutations ? ((100 * figures.agreements) / figures.mutations).toFixed(1) : '100.0'} %), ${figures.converged}/${figures.applied} lading applies converged, ${figures.comparedWithKubectlApply} units compared with kubectl apply`;
  process.stdout.write(`# ${line}\n`);
  if (process.env.LADING_DIFFERENTIAL_REPORT) writeFileSync(process.env.LADING_DIFFERENTIAL_REPORT, JSON.stringify(figures, null, 2));
  await cluster.stop();
});

function silentIo(requests: RequestSpec[]): ApplyIo {
  let err = '';
  let out = '';
  return {
    out: { write: (t: string) => (out += t), isTTY: false },
    err: { write: (t: string) => (err += t) },
    interactive: false,
    confirm: async () => false,
    onRequest: (spec) => requests.push(spec),
    env: {},
    handleSignals: false,
    get stderr() {
      return err;
    },
    get stdout() {
      return out;
    },
  } as ApplyIo & { stderr: string; stdout: string };
}

async function ladingApply(files: readonly string[], app: string, namespace: string, extra: Partial<ApplyFlags> = {}) {
  const requests: RequestSpec[] = [];
  const io = silentIo(requests);
  let code: number;
  try {
    code = await runApply({ filename: files, name: app, namespace, kubeconfig: cluster.kubeconfig, prune: true, yes: true, ...extra }, io);
  } catch (e) {
    io.err.write(`${(e as Error).message}\n`);
    code = (e as { exitCode?: number }).exitCode ?? 3;
  }
  // (The application's lock, a Lease taken and released by every run, is not a write of the input.)
  const writes = requests.filter((r) => r.method !== 'GET' && !(r.method === 'PATCH' && r.query?.dryRun) && !r.path.includes('/leases'));
  const { stdout, stderr } = io as ApplyIo & { stderr: string; stdout: string };
  // What this apply planned to create: objects the cluster deleted by itself (a Job with
  // ttlSecondsAfterFinished: 0) are created again by any apply, kubectl's too.
  const creates = [...stdout.matchAll(/^\+ create (\S+)/gm)].map((m) => m[1]!.split('/').slice(1).join('/'));
  return { code, writes, stderr, creates };
}

/** lading diff in this process: the plan, or why the input was refused. */
async function ladingDiff(files: readonly string[], app: string, namespace: string): Promise<{ plan?: AppPlan; refused?: string }> {
  let apps;
  try {
    apps = await loadDesired({ files, name: app });
  } catch (e) {
    return { refused: (e as Error).message };
  }
  const session = openSession({ kubeconfig: cluster.kubeconfig, namespace });
  try {
    return { plan: (await planApps(apps, session))[0]!.plan };
  } catch (e) {
    return { refused: (e as Error).message };
  }
}

const WRITES = new Set(['create', 'change', 'replace']);
function changedIds(plan: AppPlan): Set<string> {
  return new Set(
    plan.plan.objects
      .filter((o) => WRITES.has(o.category))
      .map((o) => kubectlDiffName({ apiVersion: o.apiVersion, kind: o.kind, metadata: { namespace: o.namespace, name: o.name } })),
  );
}
const planFailed = (p: AppPlan) => p.errors.length > 0 || p.plan.objects.some((o) => o.category === 'error' || o.category === 'replace');

/** The input as the server identifies it: namespaced objects in `ns`, cluster-scoped ones as given. */
function inNamespace(objects: readonly KubeObject[], ns: string): KubeObject[] {
  const crds = customKinds(objects);
  return objects.map((o) => {
    const namespaced = crds.get(`${o.apiVersion}|${o.kind}`)?.namespaced ?? isNamespaced(groupOf(o.apiVersion), o.kind);
    return namespaced && !o.metadata?.namespace ? { ...o, metadata: { ...o.metadata, namespace: ns } } : o;
  });
}

/**
 * lading diff, then kubectl diff --server-side of exactly the objects lading would send (as its
 * field manager): its ApplySet label, Secrets' checksum salt and workloads' checksum annotation
 * (documented additions; their effect on live objects is checked by the twin comparison and by
 * kubectl's own diff of the raw input). If lading refuses the input, kubectl gets the input with
 * lading's label.
 */
async function bothDiffs(files: readonly string[], unit: Unit, ns: string, set: ApplySetRef, objects: readonly KubeObject[]) {
  const ours = await ladingDiff(files, unit.name, ns);
  const sent = ours.plan ? ours.plan.plan.objects.flatMap((o) => (o.desired ? [o.desired] : [])) : asLadingSends(objects, set, ns);
  return [await kubectlDiff(kubectl, writeObjects(sent), set.manager), ours] as const;
}

/** What lading sends for these objects (its ApplySet label; autoscaled replicas left to the autoscaler). */
function asLadingSends(objects: readonly KubeObject[], set: ApplySetRef, ns: string): KubeObject[] {
  return dropAutoscaledReplicas(objects, new Map(), set.manager, ns).map((o) => withMembership(o, set));
}

/** Objects the cluster deletes by itself (a finished Job with ttlSecondsAfterFinished): any apply re-creates them. */
function collectedByCluster(objects: readonly KubeObject[]): string[] {
  return objects
    .filter((o) => typeof (o.spec as { ttlSecondsAfterFinished?: unknown } | undefined)?.ttlSecondsAfterFinished === 'number')
    .map((o) => o.metadata!.name!);
}

/**
 * Two views of a cluster taken one after the other can differ while a controller is still at work
 * (a Job with ttlSecondsAfterFinished: 0 completes and is deleted): look again, a few times,
 * until they agree or the cluster has settled.
 */
async function settled<T>(look: () => Promise<T>, agree: (views: T) => boolean, tries = 8): Promise<T> {
  let views = await look();
  for (let i = 1; i < tries && !agree(views); i++) {
    await new Promise((r) => setTimeout(r, 1000));
    views = await look();
  }
  return views;
}

/** Writes other than re-creating objects that are gone (and then the set's parent and history). */
function unexpectedWrites(writes: readonly RequestSpec[], recreated: Iterable<string>, set: ApplySetRef, collected: readonly string[] = []): string[] {
  const names = [...recreated, ...collected];
  const allowed = (path: string) =>
    names.length > 0 && (names.some((n) => path.endsWith(`/${n}`)) || path.includes(`/configmaps/${set.name}`) || path.includes('/secrets/lading-history-'));
  return writes.filter((w) => !allowed(w.path)).map((w) => `${w.method} ${w.path}`);
}

const fmt = (s: Set<string>) => [...s].sort().join(', ') || '(none)';

async function ensureNamespace(ns: string): Promise<void> {
  await kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, 'test-setup');
}

async function liveMembers(set: ApplySetRef, objects: readonly KubeObject[], ns: string): Promise<Map<string, KubeObject>> {
  const out = new Map<string, KubeObject>();
  for (const o of objects) {
    const info = await kube.discovery.lookup(o.apiVersion, o.kind);
    if (!info) continue;
    const items = await listObjects(kube.client, info, info.namespaced ? ns : undefined, `${APPLYSET.partOfLabel}=${set.id}`);
    for (const item of items) out.set(`${item.kind}/${item.metadata?.name}`, item);
  }
  return out;
}

async function checkMutation(unit: Unit, m: Mutation, base: string, ns: string, set: ApplySetRef): Promise<string | undefined> {
  const objects = inNamespace(m.objects, ns);
  const file = writeObjects(objects);
  // Both refuse, or both accept naming the same objects. (A Job with ttlSecondsAfterFinished: 0 can
  // be deleted between the two diffs: lading saw it and planned a replace, kubectl a create. Look again.)
  const [reference, ours] = await settled(
    () => bothDiffs([file], unit, ns, set, objects),
    ([k, l]) => (k.code > 1 ? !l.plan || planFailed(l.plan) : !!l.plan && !planFailed(l.plan) && fmt(changedIds(l.plan)) === fmt(k.changed)),
  );
  const where = `${unit.name}: ${m.kind}: ${m.description}`;
  if (reference.code > 1) {
    // kubectl refuses the change (invalid or immutable): lading must refuse it too, writing nothing.
    if (ours.refused || (ours.plan && planFailed(ours.plan))) return undefined;
    return `${where}: kubectl diff fails (${reference.stderr.trim().split('\n')[0]}) but lading plans ${fmt(changedIds(ours.plan!))}`;
  }
  if (ours.refused) return `${where}: lading refuses (${ours.refused.split('\n')[0]}) what kubectl diff accepts`;
  if (planFailed(ours.plan!))
    return `${where}: lading's plan fails (${[...ours.plan!.errors, ...ours.plan!.plan.objects.filter((o) => o.reason).map((o) => `${o.id}: ${o.reason}`)].join('; ')}) where kubectl diff shows ${fmt(reference.changed)}`;
  const ladingIds = changedIds(ours.plan!);
  if (fmt(ladingIds) !== fmt(reference.changed)) return `${where}: kubectl diff shows ${fmt(reference.changed)}, lading diff shows ${fmt(ladingIds)}`;
  return undefined;
}

async function applyAndConverge(unit: Unit, m: Mutation, base: readonly KubeObject[], ns: string, set: ApplySetRef): Promise<string | undefined> {
  const objects = inNamespace(m.objects, ns);
  const file = writeObjects(objects);
  const where = `${unit.name}: ${m.kind}: ${m.description}`;
  figures.applied++;
  const applied = await ladingApply([file], unit.name, ns);
  if (applied.code !== 0) return `${where}: lading apply exits ${applied.code}: ${applied.stderr.trim().split('\n').slice(0, 3).join(' | ')}`;
  const [after, ours] = await settled(
    () => bothDiffs([file], unit, ns, set, objects),
    ([k, l]) => !!l.plan && !planFailed(l.plan) && fmt(changedIds(l.plan)) === fmt(k.changed),
  );
  if (after.code > 1 || !ours.plan || fmt(changedIds(ours.plan)) !== fmt(after.changed)) {
    return `${where}: after lading apply, kubectl diff shows ${fmt(after.changed)} ${after.stderr.trim()}, lading diff ${ours.plan ? fmt(changedIds(ours.plan)) : ours.refused}`;
  }
  // A removed object is pruned: gone from the cluster.
  if (m.kind === 'object-removed') {
    const kept = new Set(objects.map((o) => `${o.kind}/${o.metadata?.name}`));
    for (const o of inNamespace(base, ns).filter((b) => !kept.has(`${b.kind}/${b.metadata?.name}`))) {
      if (await kube.get(o.apiVersion, o.kind, o.metadata?.namespace, o.metadata!.name!))
        return `${where}: lading apply --prune left ${kubectlDiffName(o)} in the cluster`;
    }
  }
  const again = await ladingApply([file], unit.name, ns);
  const unexpected = unexpectedWrites(
    again.writes,
    [...again.creates, ...[...after.changed].map((id) => id.split('.').slice(-1)[0]!)],
    set,
    collectedByCluster(objects),
  );
  if (again.code !== 0 || unexpected.length) return `${where}: a second lading apply exits ${again.code} and writes ${unexpected.join(', ')}`;
  figures.converged++;
  return undefined;
}

const only = process.env.LADING_DIFFERENTIAL_UNITS ? new RegExp(process.env.LADING_DIFFERENTIAL_UNITS) : undefined;
const units = corpusUnits().filter((u) => (egressRefused || !u.dialsOut) && (!only || only.test(u.name)));

async function removeNamespace(ns: string): Promise<void> {
  await kube.remove('v1', 'Namespace', undefined, ns).catch(() => undefined);
  for (let i = 0; i < 240 && (await kube.get('v1', 'Namespace', undefined, ns)); i++) await new Promise((r) => setTimeout(r, 250));
}

describe('differential: lading against kubectl and the API server, on the corpus', () => {
  for (const unit of units) {
    test(unit.name, { timeout: 600_000 }, async () => {
      const raw = unit.files.flatMap(readObjects);
      const ns =
        unit.namespace ??
        raw.find((o) => o.metadata?.namespace && isNamespaced(groupOf(o.apiVersion), o.kind))?.metadata?.namespace ??
        `d-${unit.name.slice(0, 55)}-${randomBytes(2).toString('hex')}`;
      const set = applySetRef(unit.name, ns);
      const base = inNamespace(raw, ns);
      const baseFile = writeObjects(base);
      const problems: string[] = [];
      if (!raw.some((o) => o.kind === 'Namespace' && o.metadata?.name === ns)) await ensureNamespace(ns);
      try {
        figures.units++;
        figures.objects += raw.length;
        // 1. lading applies the file as it is, and converges: diff 0, re-apply writes nothing.
        const first = await ladingApply(unit.files, unit.name, ns);
        assert.equal(first.code, 0, `lading apply ${unit.files.join(' ')}: ${first.stderr}`);
        // (Objects the cluster deletes by itself, such as Jobs with ttlSecondsAfterFinished: 0, are
        // created again by any apply: kubectl diff names them too, and only they may be written.)
        for (let i = 0; i < 2; i++) {
          const again = await ladingApply(unit.files, unit.name, ns);
          assert.equal(again.code, 0, again.stderr);
          assert.deepEqual(unexpectedWrites(again.writes, again.creates, set, collectedByCluster(base)), [], 'applying again writes and prunes nothing');
        }
        // 2. lading diff names what kubectl diff names (as lading's field manager, with lading's
        // label: nothing, but for objects the cluster deleted by itself), and kubectl's apply of the
        // same input, as kubectl itself, changes nothing on what lading applied.
        const [asLading, diff, asKubectl] = await settled(
          async () => [...(await bothDiffs(unit.files, unit, ns, set, base)), await kubectlDiff(kubectl, baseFile)] as const,
          ([k, l, kk]) => !!l.plan && !planFailed(l.plan) && fmt(changedIds(l.plan)) === fmt(k.changed) && fmt(kk.changed) === fmt(k.changed),
        );
        assert.ok(diff.plan && !planFailed(diff.plan), diff.refused);
        assert.equal(asLading.code <= 1, true, asLading.stderr);
        assert.equal(fmt(changedIds(diff.plan!)), fmt(asLading.changed), 'lading diff and kubectl diff after lading apply');
        assert.equal(fmt(asKubectl.changed), fmt(asLading.changed), `kubectl diff (as kubectl) ${asKubectl.stderr}`);
        // 3. Where the unit can live twice (only namespaced objects, no fixed namespace), kubectl
        // applies it beside lading's copy and the live objects are compared.
        const crds = customKinds(raw);
        const onlyNamespaced = raw.every((o) => crds.get(`${o.apiVersion}|${o.kind}`)?.namespaced ?? isNamespaced(groupOf(o.apiVersion), o.kind));
        if (onlyNamespaced && !unit.namespace && !raw.some((o) => o.metadata?.namespace)) {
          const twin = `${ns.slice(0, 55)}-k`;
          await ensureNamespace(twin);
          try {
            // As kubectl apply --applyset would: the members carry their set's label (without it,
            // the API server defaults a ReplicationController's labels from its template).
            const twinSet = applySetRef(unit.name, twin);
            const k = await kubectlApply(kubectl, writeObjects(inNamespace(raw, twin).map((o) => withMembership(o, twinSet))));
            assert.equal(k.code, 0, k.stderr);
            const ours = await liveMembers(set, raw, ns);
            for (const [key, o] of ours) {
              const info = await kube.discovery.lookup(o.apiVersion, o.kind);
              // Controllers annotate new objects a moment later (a Deployment's revision): let both settle.
              let [mine, theirs]: (KubeObject | undefined)[] = [o, undefined];
              for (let i = 0; i < 40; i++) {
                theirs = await kube.get(o.apiVersion, o.kind, info?.namespaced ? twin : undefined, o.metadata!.name!);
                mine = await kube.get(o.apiVersion, o.kind, info?.namespaced ? ns : undefined, o.metadata!.name!);
                if (theirs && mine && isDeepStrictEqual(comparableLive(mine, [APPLYSET.partOfLabel]), comparableLive(theirs, [APPLYSET.partOfLabel]))) break;
                await new Promise((r) => setTimeout(r, 250));
              }
              assert.ok(theirs && mine, `${key}: kubectl made no such object`);
              assert.deepEqual(
                comparableLive(mine!, [APPLYSET.partOfLabel]),
                comparableLive(theirs!, [APPLYSET.partOfLabel]),
                `${key}: lading's live object differs from kubectl's`,
              );
            }
            figures.comparedWithKubectlApply++;
          } finally {
            await removeNamespace(twin);
          }
        }
        // 4. Generated mutations: the same changes named as kubectl names them; applied, converged.
        for (const m of mutations(base, hash(unit.name), MUTATIONS_PER_UNIT, (o) => crds.get(`${o.apiVersion}|${o.kind}`)?.namespaced)) {
          figures.mutations++;
          const disagreement = await checkMutation(unit, m, baseFile, ns, set);
          if (disagreement) {
            problems.push(disagreement);
            continue;
          }
          figures.agreements++;
          const ours = await ladingDiff([writeObjects(inNamespace(m.objects, ns))], unit.name, ns);
          if (ours.refused || !ours.plan || planFailed(ours.plan)) continue; // both refuse: nothing to apply
          const notConverged = await applyAndConverge(unit, m, base, ns, set);
          if (notConverged) problems.push(notConverged);
          // (A Job the cluster deleted and the mutation created again has an immutable template.)
          const back = await ladingApply([baseFile], unit.name, ns, { forceReplace: true });
          assert.equal(back.code, 0, `back to the unit after ${m.description}: ${back.stderr}`);
        }
      } finally {
        figures.disagreements.push(...problems);
        await kubectlDelete(kubectl, [baseFile]);
        await removeNamespace(ns);
      }
      assert.deepEqual(problems, [], problems.join('\n'));
    });
  }
});

function hash(s: string): number {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}
