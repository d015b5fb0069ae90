import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TestCluster } from '../../support/cluster.js';

// Helpers of the egress tests: kubectl with stdin, and the run directory's refusal log.

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export function kubectlOf(cluster: TestCluster) {
  const run = (args: string[], stdin?: string): Promise<Result> =>
    new Promise((resolve) => {
      const child = execFile(cluster.kubectlPath, ['--kubeconfig', cluster.kubeconfig, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
      child.stdin?.end(stdin ?? '');
    });
  const ok = async (args: string[], stdin?: string): Promise<string> => {
    const result = await run(args, stdin);
    assert.equal(result.code, 0, `kubectl ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  return { run, ok };
}

/** The error kube-apiserver returns when an egress proxy refused its connection. */
export const refusedByProxy =
  /proxy error from \S+egress-(cluster|controlplane)\.sock while dialing \S+, code 403: 403 Forbidden: the lading test cluster refuses egress/;

/** RUN_DIR/logs/egress-refused.log of the cluster (up.sh's run dir holds the kubeconfig). */
export function refusalLog(cluster: TestCluster) {
  const path = join(dirname(cluster.kubeconfig), 'logs', 'egress-refused.log');
  const lines = (): Array<{ time: Date; egress: string; target: string }> => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return [];
    }
    return text
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => {
        const [time = '', egress = '', target = ''] = l.split(' ');
        return { time: new Date(time), egress, target };
      });
  };
  return {
    path,
    lines,
    /** Waits until a refusal of `target` through `egress` is logged; returns that line. */
    async waitFor(egress: string, target: string | RegExp, timeoutMs = 60_000) {
      const matches = (t: string) => (typeof target === 'string' ? t === target : target.test(t));
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = lines().find((l) => l.egress === egress && matches(l.target));
        if (line) return line;
        if (Date.now() > deadline) assert.fail(`no refusal of ${egress} ${target} in ${path} after ${timeoutMs} ms:\n${readFileSync(path, 'utf8')}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
  };
}

/** Fails unless the cluster was started by an up.sh that knows the webhook mode, in mode `mode`. */
export function assertWebhookMode(cluster: TestCluster, mode: 'on' | 'off'): void {
  const file = join(dirname(cluster.kubeconfig), 'options');
  let options = '';
  try {
    options = readFileSync(file, 'utf8').trim();
  } catch {
    // an older up.sh wrote none
  }
  // "webhooks=off controllers=*": the webhook mode is one of up.sh's options.
  assert.equal(
    options.split(' ').find((o) => o.startsWith('webhooks=')),
    `webhooks=${mode}`,
    `${file}: this cluster was not started with webhooks ${mode} by the current test/cluster/up.sh; stop it (down.sh) and start it again`,
  );
}

/** The launcher's pid (up.sh writes it next to the kubeconfig); the components are its children. */
export function launcherPid(cluster: TestCluster): number {
  return Number(readFileSync(join(dirname(cluster.kubeconfig), 'up.pid'), 'utf8').trim());
}
