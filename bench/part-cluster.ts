import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parse } from 'yaml';
import type { KubeObject } from '../lib/manifest/object.js';
import { emitYamlStream } from '../lib/manifest/emit-yaml.js';
import { startFaultProxy } from '../test/support/fault-proxy.js';
import { workloadObjects } from './manifests.js';
import { type Row, spread } from './table.js';
import { WEB_APPS } from './workload.js';
import { waveIndex } from '../lib/synth/kind-order.js';

// kubectl's client limits (rest.Config QPS and Burst as kubectl sets them), for lading beside its own.
const KUBECTL_LIMITS = { LADING_CLIENT_QPS: '50', LADING_CLIENT_BURST: '300' };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Timed {
  ms: number;
  rssMb: number;
  status: number | null;
  out: string;
}

/** One tool of a scenario: how it is run on a namespace's manifests. */
interface Tool {
  readonly name: string;
  /** Which namespace's state it works on (tools sharing one run one after another in a round). */
  readonly ns: 'lading' | 'limited' | 'kubectl' | 'floor' | 'floorDryRun' | 'floorWaves';
  /** Its exit codes, when not the scenario's (a Go client reports no changes). */
  readonly exit?: number[];
  run(file: string, kubeconfig: string): Promise<Timed>;
}

// Each command runs under /usr/bin/time for its peak memory (the largest process: node, kubectl or
// the Go client). Asynchronously: the counting proxy serves from this process meanwhile.
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<Timed> {
  const start = performance.now();
  return new Promise((done, fail) => {
    const child = spawn('/usr/bin/time', ['-f', 'BENCH_MAXRSS_KB %M', cmd, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-100_000)));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-100_000)));
    child.on('error', fail);
    child.on('close', (status) => {
      const rss = /BENCH_MAXRSS_KB (\d+)/.exec(stderr)?.[1];
      done({ ms: performance.now() - start, rssMb: Number(rss ?? 0) / 1024, status, out: `${stdout}\n${stderr}`.slice(-2000) });
    });
    child.stdin.end(input ?? '');
  });
}

async function must(pending: Timed | Promise<Timed>, what: string, ok: (number | null)[] = [0]): Promise<Timed> {
  const t = await pending;
  if (!ok.includes(t.status)) throw new Error(`${what} exited ${t.status}: ${t.out}`);
  return t;
}

function startCluster(): { kubeconfig: string; kubectl: string } {
  // The team's shared cluster (test/support/cluster.ts) when one is named; else a private one.
  if (process.env.LADING_TEST_KUBECONFIG) {
    const kubeconfig = resolve(process.env.LADING_TEST_KUBECONFIG);
    const local = join(dirname(kubeconfig), 'kubectl');
    return { kubeconfig, kubectl: process.env.LADING_TEST_KUBECTL ?? (existsSync(local) ? local : 'kubectl') };
  }
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

const RESOURCES: Record<string, string> = {
  Secret: '/api/v1/namespaces/NS/secrets',
  Service: '/api/v1/namespaces/NS/services',
  Deployment: '/apis/apps/v1/namespaces/NS/deployments',
  HorizontalPodAutoscaler: '/apis/autoscaling/v2/namespaces/NS/horizontalpodautoscalers',
};

/**
 * The minimal Go client (test/cluster/ssa-bench): the API server's own server-side-apply
 * throughput. With `dryRunFirst` it sends every object as a dry-run first, then writes them: what
 * an all-or-nothing apply costs the server at the least (lading's guarantee, without lading).
 */
// The API path of the collection an object of the workload belongs to.
const collectionPath = (o: KubeObject) => RESOURCES[o.kind]!.replace('NS', o.metadata!.namespace!);

function ssaBench(): string {
  const binary = resolve('.cache/bench/ssa-bench');
  mkdirSync(dirname(binary), { recursive: true });
  const built = spawnSync('go', ['build', '-o', binary, './ssa-bench'], { cwd: 'test/cluster', encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`go build ssa-bench: ${built.stderr}`);
  return binary;
}

// The Go client's arguments for the cluster of `config` (its CA written beside `file`).
function goClientArgs(file: string, config: string): string[] {
  const k = parse(readFileSync(config, 'utf8')) as { clusters: { cluster: Record<string, string> }[]; users: { name: string; user: { token?: string } }[] };
  const cluster = k.clusters[0]!.cluster;
  const ca = join(dirname(file), 'ca.pem');
  writeFileSync(ca, Buffer.from(cluster['certificate-authority-data']!, 'base64'));
  return ['-server', cluster.server!, '-ca-file', ca, '-token', k.users.find((u) => u.name === 'admin')!.user.token!, '-concurrency', '64'];
}

// The Go client's one-line report; a failed request fails the benchmark.
function goReport(t: Timed): void {
  const line = t.out
    .trim()
    .split('\n')
    .find((l) => l.startsWith('{'));
  const r = JSON.parse(line ?? '{}') as { failed?: number; firstError?: string };
  if (r.failed) throw new Error(`ssa-bench: ${r.failed} failed: ${r.firstError}`);
}

/**
 * The floor of a no-op diff (test/cluster/ssa-bench -list): one LIST of each kind in lading's
 * namespace, all at once, each answer decoded. No discovery, no input to read, no comparison.
 */
function listFloor(): Tool {
  const binary = ssaBench();
  return {
    name: 'Go client: one LIST per kind, decoded (floor)',
    ns: 'lading',
    exit: [0],
    async run(file, config) {
      const given = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as KubeObject[];
      const paths = new Set(given.map(collectionPath));
      const t = await timed(binary, [...goClientArgs(file, config), '-list'], process.env, [...paths].map((path) => JSON.stringify({ path })).join('\n'));
      goReport(t);
      return t;
    },
  };
}

function ssaFloor(dryRunFirst = false, inWaves = false): Tool {
  const binary = ssaBench();
  return {
    name: inWaves
      ? "Go client, 64 in flight, dry-run all then write, kind by kind in lading's wave order"
      : dryRunFirst
        ? 'Go client, 64 in flight, dry-run all then write (floor of all-or-nothing)'
        : 'Go client, 64 in flight (floor)',
    ns: inWaves ? 'floorWaves' : dryRunFirst ? 'floorDryRun' : 'floor',
    async run(file, config) {
      const given = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as KubeObject[];
      // The file's order mixes kinds (each app's Secret, Service, Deployment, HPA); in waves, every
      // Deployment comes after every Service, as lading sends them. The order alone halved the time here.
      const wave = waveIndex();
      const objects = inWaves ? [...given].sort((a, b) => wave(a.kind, false) - wave(b.kind, false)) : given;
      const lines = objects.map((o) => JSON.stringify({ path: `${collectionPath(o)}/${o.metadata!.name}`, body: o })).join('\n');
      const args = goClientArgs(file, config);
      const passes = dryRunFirst ? [[...args, '-dry-run'], args] : [args];
      const total: Timed = { ms: 0, rssMb: 0, status: 0, out: '' };
      for (const pass of passes) {
        const t = await timed(binary, pass, process.env, lines);
        goReport(t);
        Object.assign(total, { ms: total.ms + t.ms, rssMb: Math.max(total.rssMb, t.rssMb), status: t.status, out: t.out });
      }
      return total;
    },
  };
}

interface Scenario {
  readonly name: string;
  readonly tools: readonly Tool[];
  readonly changed?: boolean;
  readonly exit: number[];
}

export async function benchCluster(parts: { diff: boolean; apply: boolean }): Promise<Row[]> {
  const { kubeconfig, kubectl } = startCluster();
  const n = WEB_APPS * 4;
  const env = (config: string, extra: Record<string, string> = {}) => ({ ...process.env, KUBECONFIG: config, NO_COLOR: '1', ...extra });
  const k = (...args: string[]) => timed(kubectl, args, env(kubeconfig));
  const lading = (limited: boolean, verb: 'apply' | 'diff'): Tool => ({
    name: limited ? 'lading, QPS 50 burst 300' : 'lading',
    ns: limited ? 'limited' : 'lading',
    run: (file, config) =>
      timed(
        process.execPath,
        ['bin/lading.js', verb, '-f', file, '--name', 'bench', ...(verb === 'apply' ? ['--yes'] : [])],
        env(config, limited ? KUBECTL_LIMITS : {}),
      ),
  });
  const kube = (verb: 'apply' | 'diff', concurrency?: number): Tool => ({
    name: `kubectl ${verb} --server-side${concurrency ? ` --concurrency=${concurrency}` : ''}`,
    ns: 'kubectl',
    run: (file, config) => timed(kubectl, [verb, '--server-side', ...(concurrency ? [`--concurrency=${concurrency}`] : []), '-f', file], env(config)),
  });
  const scenarios: Scenario[] = [];
  if (parts.apply) {
    scenarios.push(
      {
        name: `first apply, ${n} objects`,
        tools: [lading(false, 'apply'), kube('apply'), lading(true, 'apply'), ssaFloor(), ssaFloor(true), ssaFloor(true, true)],
        exit: [0],
      },
      { name: `no-op apply, ${n} objects`, tools: [lading(false, 'apply'), kube('apply'), lading(true, 'apply')], exit: [0] },
    );
  } else {
    // Every namespace a diff reads is applied first (lading's own limits too).
    scenarios.push({ name: `first apply, ${n} objects`, tools: [lading(false, 'apply'), kube('apply'), lading(true, 'apply')], exit: [0] });
  }
  if (parts.diff) {
    const diffs = [lading(false, 'diff'), kube('diff'), kube('diff', 16), lading(true, 'diff'), listFloor()];
    scenarios.push(
      { name: `no-op diff, ${n} objects`, tools: diffs, exit: [0] },
      { name: `diff, 10 % of ${n} objects changed`, tools: diffs, changed: true, exit: [1] },
    );
  }

  // Round 0 counts requests through the fault proxy (HTTP mode logs every request); the timed rounds go direct.
  const proxy = await startFaultProxy(kubeconfig, 'http');
  const figures = new Map<string, { ms: number[]; rssMb: number[]; requests?: number }>();
  console.log(`cluster: ${n} objects, lading vs kubectl (${kubectl}); 1 counting round through a proxy, ${ROUNDS} timed rounds …`);
  try {
    for (let round = 0; round <= ROUNDS; round++) {
      const counting = round === 0;
      const suffix = randomBytes(3).toString('hex');
      const ns = {
        lading: `bench-lading-${suffix}`,
        limited: `bench-limited-${suffix}`,
        kubectl: `bench-kubectl-${suffix}`,
        floor: `bench-floor-${suffix}`,
        floorDryRun: `bench-floor-dry-${suffix}`,
        floorWaves: `bench-floor-waves-${suffix}`,
      };
      const used = new Set(scenarios.flatMap((s) => s.tools.map((t) => t.ns)));
      const names = [...used].map((key) => ns[key]);
      // Others share the cluster: an interrupted run deletes its namespaces on the way out too.
      const cleanUp = () => {
        spawnSync(kubectl, ['delete', 'namespace', '--ignore-not-found', '--wait=false', ...names], { env: env(kubeconfig), stdio: 'ignore' });
        process.exit(130);
      };
      process.once('SIGINT', cleanUp).once('SIGTERM', cleanUp);
      for (const key of used) await must(k('create', 'namespace', ns[key]), 'create namespace');
      try {
        for (const s of scenarios) {
          for (const tool of s.tools) {
            const namespace = ns[tool.ns];
            const objects = s.changed
              ? workloadObjects(WEB_APPS, namespace, (i) => (i % 10 < 4 ? '2.0.0' : `1.${i % 10}.0`))
              : workloadObjects(WEB_APPS, namespace);
            const file = write(objects, 'bench.yaml');
            writeFileSync(`${file}.json`, JSON.stringify(objects));
            const before = proxy.log.length;
            const t = await must(tool.run(file, counting ? proxy.kubeconfig : kubeconfig), `${s.name}: ${tool.name}`, tool.exit ?? s.exit);
            const key = `${s.name}\0${tool.name}`;
            const f = figures.get(key) ?? { ms: [], rssMb: [] };
            if (counting) f.requests = proxy.log.length - before;
            else {
              f.ms.push(t.ms);
              f.rssMb.push(t.rssMb);
            }
            figures.set(key, f);
            console.log(
              `  ${counting ? 'count' : `round ${round}`}: ${s.name}: ${tool.name}: ${counting ? `${f.requests} requests` : `${Math.round(t.ms)} ms, ${Math.round(t.rssMb)} MB`}`,
            );
          }
        }
      } finally {
        // Waited for, so that the next round starts on a quiet control plane.
        await k('delete', 'namespace', ...names, '--timeout=600s');
        process.off('SIGINT', cleanUp).off('SIGTERM', cleanUp);
      }
    }
  } finally {
    await proxy.close();
  }

  // The detailed table: every tool of every scenario, median and spread of the timed rounds.
  console.log('');
  console.log(`| scenario | tool | median | min–max (${ROUNDS} runs) | peak memory | requests |`);
  console.log('|---|---|---:|---:|---:|---:|');
  for (const s of scenarios) {
    for (const tool of s.tools) {
      const f = figures.get(`${s.name}\0${tool.name}`)!;
      const ms = spread(f.ms);
      console.log(
        `| ${s.name} | ${tool.name} | ${(ms.median / 1000).toFixed(2)} s | ${(ms.min / 1000).toFixed(2)}–${(ms.max / 1000).toFixed(2)} s | ${Math.round(spread(f.rssMb).median)} MB | ${f.requests ?? ''} |`,
      );
    }
  }
  const median = (scenario: Scenario, tool: Tool) => spread(figures.get(`${scenario.name}\0${tool.name}`)!.ms).median;
  return scenarios
    .filter((s) => parts.apply || !s.name.startsWith('first apply'))
    .flatMap((s) =>
      s.tools.slice(1).map((anchor) => ({
        part: s.name.includes('diff') ? 'diff' : 'apply',
        what: `${s.name} (median of ${ROUNDS})`,
        lading: median(s, s.tools[0]!),
        anchor: median(s, anchor),
        anchorName: anchor.name,
        unit: 'ms' as const,
      })),
    );
}
