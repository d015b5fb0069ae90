import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APPLYSET, applySetRef } from '../../../lib/core/applyset.js';
import { listObjects } from '../../../lib/cluster/objects.js';
import type { KubeObject } from '../../../lib/manifest/object.js';
import { type FaultProxy, type FaultRule, startFaultProxy } from '../../support/fault-proxy.js';
import { configMap, deployment, kube, kubeconfig, lading, namespace, service, uniqueNamespace, writeManifests } from '../apply/helpers.js';

// Faults injected between lading and the real control plane; every run must end within its
// timeout with a clear report, and the next run must converge.

async function members(ns: string, app: string): Promise<KubeObject[]> {
  const info = (await kube.discovery.lookup('v1', 'ConfigMap'))!;
  return listObjects(kube.client, info, ns, `${APPLYSET.partOfLabel}=${applySetRef(app, ns).id}`);
}

// Every object changes every round (an annotation), so that each round writes each of them.
function withRound(o: KubeObject, i: number): KubeObject {
  return { ...o, metadata: { ...o.metadata, annotations: { 'test.lading.dev/round': String(i) } } };
}

function timed<T>(task: Promise<T>): Promise<T & { ms: number }> {
  const start = Date.now();
  return task.then((r) => ({ ...r, ms: Date.now() - start }));
}

describe('a stalled API server', () => {
  let proxy: FaultProxy;
  before(async () => {
    proxy = await startFaultProxy(kubeconfig, 'tcp');
    proxy.stall();
  });
  after(() => proxy.close());

  test('diff fails with exit 2 within the default request timeout, saying it timed out and naming the server', async () => {
    const file = writeManifests([configMap('default', 'never', { a: '1' })]);
    const res = await timed(lading(['diff', '-f', file, '--kubeconfig', proxy.kubeconfig]));
    assert.equal(res.code, 2, res.stderr);
    assert.match(res.stderr, new RegExp(`timed out after 30s waiting for the API server https://127\\.0\\.0\\.1:${proxy.port} \\(context admin\\)`));
    assert.doesNotMatch(res.stderr, /internal error/);
    assert.ok(res.ms < 60_000, `took ${res.ms} ms`);
    console.log(`# figure: diff against a stalled server failed after ${(res.ms / 1000).toFixed(1)}s (default --request-timeout 30s)`);
  });

  test('apply with --request-timeout 2s fails with exit 2 (nothing written) within seconds', async () => {
    const file = writeManifests([configMap('default', 'never', { a: '1' })]);
    const res = await timed(lading(['apply', '-f', file, '--name', 'stalled', '--kubeconfig', proxy.kubeconfig, '--request-timeout', '2s']));
    assert.equal(res.code, 2, res.stderr);
    assert.match(res.stderr, /timed out after 2s/);
    assert.ok(res.ms < 15_000, `took ${res.ms} ms`);
  });
});

describe('faults at chosen points of an apply: each run reports, the next converges', () => {
  const ns = uniqueNamespace('faults');
  const app = 'faulty';
  let proxy: FaultProxy;
  before(async () => {
    proxy = await startFaultProxy(kubeconfig, 'http');
  });
  after(() => proxy.close());

  // Round i: every ConfigMap changes; the set of ConfigMaps alternates so that prune has work.
  const desired = (i: number): KubeObject[] => [
    namespace(ns),
    ...['a', 'b', 'c', i % 2 ? 'odd' : 'even'].map((n) => configMap(ns, `cm-${n}`, { round: String(i) })),
    withRound(service(ns, 'web'), i),
    withRound(deployment(ns, 'web', 'nginx:1.27', { replicas: 1 }), i),
  ];
  const cm = `/api/v1/namespaces/${ns}/configmaps`;
  // expect: what the faulted run must end with (else: exit 0 through retries, or a clear report).
  const points: { name: string; rule: (i: number) => FaultRule; args?: string[]; expect?: { code: number; stderr: RegExp } }[] = [
    { name: '429 Retry-After on discovery', rule: () => ({ method: 'GET', path: /^\/apis$/, fault: { status: 429, retryAfter: 1 } }) },
    { name: '503 on the LIST of live objects', rule: () => ({ method: 'GET', path: new RegExp(`^${cm}$`), fault: { status: 503 } }) },
    {
      name: 'reset after the server processed a ConfigMap write (answer lost)',
      rule: () => ({ method: 'PATCH', path: /\/configmaps\/cm-a$/, nth: 2, fault: { reset: 'after' } }),
    },
    {
      name: '500 on every write of the config wave from the 2nd on',
      rule: () => ({ method: 'PATCH', path: /\/configmaps\/cm-/, dryRun: false, nth: 2, times: Infinity, fault: { status: 500 } }),
      expect: { code: 1, stderr: /not done \(a re-run applies them\): .*deployment\.apps\/web/ },
    },
    {
      name: 'connection reset before every write of a ConfigMap',
      rule: () => ({ method: 'PATCH', path: /\/configmaps\/cm-b$/, dryRun: false, times: Infinity, fault: { reset: 'before' } }),
      expect: { code: 1, stderr: /configmap\/cm-b -n .*ECONNRESET[^]*not done/ },
    },
    {
      name: 'stall on the Deployment write',
      rule: () => ({ method: 'PATCH', path: /\/deployments\/web$/, dryRun: false, times: Infinity, fault: { stall: true } }),
      args: ['--request-timeout', '3s'],
      expect: { code: 1, stderr: /deployment\.apps\/web -n .*timed out after 3s/ },
    },
    {
      name: '503 on every prune DELETE',
      rule: () => ({ method: 'DELETE', path: /\/configmaps\/cm-/, times: Infinity, fault: { status: 503 } }),
      expect: { code: 1, stderr: /not done \(a re-run applies them\): configmap\/cm-(odd|even)/ },
    },
    { name: 'reset after the prune DELETE was processed', rule: () => ({ method: 'DELETE', path: /\/configmaps\/cm-/, fault: { reset: 'after' } }) },
    { name: '429 on the history record', rule: () => ({ method: 'PATCH', path: /\/secrets\/lading-history-/, fault: { status: 429, retryAfter: 1 } }) },
    { name: '503 on every read of the history after the writes', rule: () => ({ method: 'GET', path: /\/secrets$/, times: Infinity, fault: { status: 503 } }) },
    {
      name: 'reset before the server-side apply dry-runs',
      rule: () => ({ method: 'PATCH', path: /\/services\/web$/, dryRun: true, times: 2, fault: { reset: 'before' } }),
      expect: { code: 0, stderr: /^$/ },
    },
    {
      name: 'stall on the readiness poll of --wait',
      rule: () => ({ method: 'GET', path: /\/deployments\/web$/, nth: 2, times: Infinity, fault: { stall: true } }),
      args: ['--wait', '--timeout', '4s'],
    },
  ];
  const figures = { injected: 0, faultedRunsOk: 0, faultedRunsReported: 0, converged: 0 };

  test('setup: a first apply through the proxy', async () => {
    const res = await lading(['apply', '-f', writeManifests(desired(0)), '--name', app, '--prune', '--kubeconfig', proxy.kubeconfig]);
    assert.equal(res.code, 0, res.stderr);
  });

  points.forEach((point, index) => {
    const round = index + 1;
    test(`fault ${round}: ${point.name}`, async () => {
      const file = writeManifests(desired(round));
      proxy.clearRules();
      proxy.addRule(point.rule(round));
      const logStart = proxy.log.length;
      const faulted = await timed(lading(['apply', '-f', file, '--name', app, '--prune', '--kubeconfig', proxy.kubeconfig, ...(point.args ?? [])]));
      proxy.clearRules();
      const hits = proxy.log.slice(logStart).filter((e) => e.fault).length;
      figures.injected += hits;
      assert.ok(
        hits > 0,
        `the fault was injected (log: ${proxy.log
          .slice(logStart)
          .map((e) => `${e.method} ${e.path}`)
          .join(', ')})`,
      );
      assert.doesNotMatch(faulted.stderr, /internal error/);
      assert.ok(faulted.ms < 90_000, `ended within its timeouts (${faulted.ms} ms)`);
      if (point.expect) {
        assert.equal(faulted.code, point.expect.code, faulted.stderr);
        assert.match(faulted.stderr, point.expect.stderr);
      }
      if (faulted.code === 0) figures.faultedRunsOk++;
      else {
        figures.faultedRunsReported++;
        assert.ok([1, 2].includes(faulted.code), `exit ${faulted.code}: ${faulted.stderr}`);
        assert.match(faulted.stderr, /error: /);
        // After a write, exit 1 says what is not done; before any write, exit 2 says nothing was changed.
        if (faulted.code === 1 && !/not ready/.test(faulted.stderr))
          assert.match(faulted.stderr, /not done \(a re-run applies them\)|ApplySet parent|revision/, faulted.stderr);
      }

      const rerun = await lading(['apply', '-f', file, '--name', app, '--prune', '--kubeconfig', proxy.kubeconfig]);
      assert.equal(rerun.code, 0, `${point.name}: the next run converges\n${rerun.stderr}`);
      const live = await members(ns, app);
      const names = live.map((o) => o.metadata!.name!).sort();
      assert.deepEqual(names, ['cm-a', 'cm-b', 'cm-c', round % 2 ? 'cm-odd' : 'cm-even'].sort(), 'nothing lost, nothing left over');
      for (const o of live) assert.equal((o.data as Record<string, string>).round, String(round));
      const noop = await lading(['apply', '-f', file, '--name', app, '--prune', '--kubeconfig', proxy.kubeconfig]);
      assert.match(noop.stdout, /nothing to apply: the cluster matches/, noop.stderr);
      figures.converged++;
      console.log(`# fault ${round} (${point.name}): ${hits} injected, exit ${faulted.code} after ${(faulted.ms / 1000).toFixed(1)}s; the next run converged`);
    });
  });

  test('figures', () => {
    console.log(
      `# figure: ${points.length} fault points, ${figures.injected} faults injected; ${figures.faultedRunsOk} faulted runs succeeded through retries, ${figures.faultedRunsReported} reported a failure; ${figures.converged}/${points.length} next runs converged`,
    );
  });
});
