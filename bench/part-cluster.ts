import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../lib/manifest/object.js';
import { emitYamlStream } from '../lib/manifest/emit-yaml.js';
import { workloadObjects } from './manifests.js';
import type { Row } from './table.js';
import { WEB_APPS } from './workload.js';

interface Timed { ms: number; status: number | null; out: string }

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv): Timed {
  const start = performance.now();
  const res = spawnSync(cmd, args, { encoding: 'utf8', env, maxBuffer: 1 << 30 });
  return { ms: performance.now() - start, status: res.status, out: `${res.stdout}\n${res.stderr}`.slice(-2000) };
}

function must(t: Timed, what: string, ok: (number | null)[] = [0]): Timed {
  if (!ok.includes(t.status)) throw new Error(`${what} exited ${t.status}: ${t.out}`);
  return t;
}

function startCluster(): { kubeconfig: string; kubectl: string } {
  const up = spawnSync('bash', ['test/cluster/up.sh'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const last = up.stdout.trim().split('\n').at(-1) ?? '';
  if (up.status !== 0 || !last.startsWith('export KUBECONFIG=')) throw new Error(`test cluster did not start: ${up.stdout}`);
  const kubeconfig = last.slice('export KUBECONFIG='.length);
  const local = join(dirname(kubeconfig), 'kubectl');
  return { kubeconfig, kubectl: existsSync(local) ? local : 'kubectl' };
}

function write(objects: readonly KubeObject[], name: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-cluster-')), name);
  writeFileSync(file, emitYamlStream(objects));
  return file;
}

export async function benchCluster(parts: { diff: boolean; apply: boolean }): Promise<Row[]> {
  const { kubeconfig, kubectl } = startCluster();
  const env = { ...process.env, KUBECONFIG: kubeconfig, NO_COLOR: '1' };
  const k = (...args: string[]) => timed(kubectl, args, env);
  const lading = (...args: string[]) => timed(process.execPath, ['bin/lading.js', ...args], env);
  const suffix = randomBytes(3).toString('hex');
  const nsLading = `bench-lading-${suffix}`;
  const nsKubectl = `bench-kubectl-${suffix}`;
  const rows: Row[] = [];
  const n = WEB_APPS * 4;
  console.log(`cluster: ${n} objects, lading vs kubectl (${kubectl}) …`);
  must(k('create', 'namespace', nsLading), 'create namespace');
  must(k('create', 'namespace', nsKubectl), 'create namespace');
  try {
    const plain = (ns: string) => workloadObjects(WEB_APPS, ns);
    const changed = (ns: string) => workloadObjects(WEB_APPS, ns, (i) => (i % 10 < 4 ? '2.0.0' : `1.${i % 10}.0`));
    // Each tool applies the same manifests to its own namespace; the diffs then compare with what it applied.
    const first = must(lading('apply', '-f', write(plain(nsLading), 'bench.yaml'), '--name', 'bench', '--yes'), 'lading apply');
    const kFirst = must(k('apply', '--server-side', '-f', write(plain(nsKubectl), 'bench.yaml')), 'kubectl apply');
    if (parts.apply) {
      const again = must(lading('apply', '-f', write(plain(nsLading), 'bench.yaml'), '--name', 'bench', '--yes'), 'lading apply (no-op)');
      const kAgain = must(k('apply', '--server-side', '-f', write(plain(nsKubectl), 'bench.yaml')), 'kubectl apply (no-op)');
      rows.push(
        { part: 'apply', what: `first apply, ${n} objects`, lading: first.ms, anchor: kFirst.ms, anchorName: 'kubectl apply --server-side', unit: 'ms' },
        { part: 'apply', what: `no-op re-apply, ${n} objects`, lading: again.ms, anchor: kAgain.ms, anchorName: 'kubectl apply --server-side', unit: 'ms' },
      );
    }
    if (parts.diff) {
      const noop = must(lading('diff', '-f', write(plain(nsLading), 'bench.yaml'), '--name', 'bench'), 'lading diff (no-op)');
      const kNoop = must(k('diff', '--server-side', '-f', write(plain(nsKubectl), 'bench.yaml')), 'kubectl diff (no-op)');
      const ten = must(lading('diff', '-f', write(changed(nsLading), 'bench.yaml'), '--name', 'bench'), 'lading diff (10%)', [1]);
      const kTen = must(k('diff', '--server-side', '-f', write(changed(nsKubectl), 'bench.yaml')), 'kubectl diff (10%)', [1]);
      rows.push(
        { part: 'diff', what: `no-op diff, ${n} objects`, lading: noop.ms, anchor: kNoop.ms, anchorName: 'kubectl diff --server-side', unit: 'ms' },
        { part: 'diff', what: `diff with 10% of objects changed`, lading: ten.ms, anchor: kTen.ms, anchorName: 'kubectl diff --server-side', unit: 'ms' },
      );
    }
  } finally {
    k('delete', 'namespace', nsLading, nsKubectl, '--wait=false');
  }
  return rows;
}
