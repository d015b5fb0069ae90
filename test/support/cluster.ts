import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real control plane of test/cluster/, as a test sees it. */
export interface TestCluster {
  /** Absolute path of a kubeconfig whose current context is `admin` (group system:masters). */
  readonly kubeconfig: string;
  /** kubectl built from the same Kubernetes version as the cluster. */
  readonly kubectlPath: string;
  /** The context of user `restricted`, bound to the built-in `view` ClusterRole only. */
  readonly restrictedContext: string;
  /** Stops the cluster if this process started it; otherwise does nothing. */
  stop(): Promise<void>;
}

const clusterDir = resolve(dirname(fileURLToPath(import.meta.url)), '../cluster');
/** Long enough for a cold build of Kubernetes on 2 cores, plus the start. */
const upTimeoutMs = 30 * 60_000;

let shared: Promise<TestCluster> | undefined;

/**
 * The test control plane. When LADING_TEST_KUBECONFIG is set (scripts/test.sh starts one
 * cluster per run with test/cluster/up.sh and exports it), that cluster is used and `stop` is a
 * no-op. Otherwise this process starts a private cluster in a temporary run directory (building
 * it first when needed) and `stop` stops it; it is also stopped when the process exits.
 */
export function useCluster(): Promise<TestCluster> {
  shared ??= connectOrStart();
  return shared;
}

/** Options of a private cluster (see test/cluster/README.md). */
export interface PrivateClusterOptions {
  /** Admission webhooks on (LADING_CLUSTER_WEBHOOKS=on), for a test that serves its webhook on 127.0.0.1. */
  webhooks?: boolean;
}

/**
 * A cluster of this process only, started with `options` even when LADING_TEST_KUBECONFIG names a
 * shared one: for a test that needs other cluster flags. `stop` stops it.
 */
export function usePrivateCluster(options: PrivateClusterOptions): Promise<TestCluster> {
  return startPrivateCluster({ LADING_CLUSTER_WEBHOOKS: options.webhooks ? 'on' : 'off' });
}

async function connectOrStart(): Promise<TestCluster> {
  const given = process.env.LADING_TEST_KUBECONFIG;
  if (given) {
    return { kubeconfig: resolve(given), kubectlPath: kubectlNextTo(resolve(given)), restrictedContext: 'restricted', stop: async () => {} };
  }
  return startPrivateCluster();
}

/** The kubectl link up.sh writes next to the kubeconfig; else LADING_TEST_KUBECTL; else PATH. */
function kubectlNextTo(kubeconfig: string): string {
  const link = join(dirname(kubeconfig), 'kubectl');
  if (existsSync(link)) return link;
  return process.env.LADING_TEST_KUBECTL ?? 'kubectl';
}

async function startPrivateCluster(clusterEnv: NodeJS.ProcessEnv = {}): Promise<TestCluster> {
  const runDir = mkdtempSync(join(tmpdir(), 'lading-cluster-'));
  const env = { ...process.env, ...clusterEnv, LADING_CLUSTER_RUN_DIR: runDir };
  const killOnExit = () => {
    // Last resort if the test never called stop(): the launcher stops its components itself.
    try {
      process.kill(Number(readFileSync(join(runDir, 'up.pid'), 'utf8')), 'SIGTERM');
    } catch {
      // not running
    }
  };
  process.once('exit', killOnExit);

  let stdout: string;
  try {
    stdout = await script('up.sh', env, upTimeoutMs);
  } catch (error) {
    await script('down.sh', env, 60_000).catch(() => '');
    process.removeListener('exit', killOnExit);
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  }
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  const prefix = 'export KUBECONFIG=';
  if (!last.startsWith(prefix)) throw new Error(`test/cluster/up.sh printed no ${prefix} line:\n${stdout}`);
  const kubeconfig = last.slice(prefix.length);

  let stopped: Promise<void> | undefined;
  return {
    kubeconfig,
    kubectlPath: kubectlNextTo(kubeconfig),
    restrictedContext: 'restricted',
    stop() {
      stopped ??= (async () => {
        await script('down.sh', env, 60_000);
        process.removeListener('exit', killOnExit);
        rmSync(runDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

/** Runs test/cluster/NAME with bash; resolves to its stdout; its stderr goes to ours. */
function script(name: string, env: NodeJS.ProcessEnv, timeout: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile('bash', [join(clusterDir, name)], { env, timeout, maxBuffer: 16 << 20 }, (error, stdout) => {
      if (error) reject(new Error(`test/cluster/${name} failed: ${error.message}`));
      else resolvePromise(stdout);
    });
    child.stderr?.pipe(process.stderr);
  });
}
