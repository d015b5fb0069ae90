import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { useCluster, type TestCluster } from '../../support/cluster.js';

// The test control plane itself: real upstream components, simulated nodes.

let cluster: TestCluster;
const ns = `cluster-${randomBytes(3).toString('hex')}`;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function kubectl(args: string[], context?: string): Promise<Result> {
  const contextArgs = context ? ['--context', context] : [];
  return new Promise((resolve) => {
    execFile(cluster.kubectlPath, ['--kubeconfig', cluster.kubeconfig, ...contextArgs, '-n', ns, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function ok(args: string[]): Promise<string> {
  const result = await kubectl(args);
  assert.equal(result.code, 0, `kubectl ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

before(async () => {
  cluster = await useCluster();
  await ok(['create', 'namespace', ns]);
});

after(async () => {
  if (cluster) {
    await kubectl(['delete', 'namespace', ns, '--wait=false']);
    await cluster.stop();
  }
});

test('kubectl is of the cluster version and the admin context is current', async () => {
  const version = JSON.parse(await ok(['version', '-o', 'json'])) as { clientVersion: { gitVersion: string }; serverVersion: { gitVersion: string } };
  assert.equal(version.clientVersion.gitVersion, version.serverVersion.gitVersion);
  assert.match(version.serverVersion.gitVersion, /^v1\.\d+\.\d+$/);
  assert.equal((await ok(['config', 'current-context'])).trim(), 'admin');
});

test('a deployment rolls out on the simulated nodes', async () => {
  await ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
  await ok(['rollout', 'status', 'deployment/web', '--timeout=60s']);
  const pods = JSON.parse(await ok(['get', 'pods', '-l', 'app=web', '-o', 'json'])) as {
    items: Array<{ spec: { nodeName: string }; status: { phase: string; podIP: string } }>;
  };
  assert.equal(pods.items.length, 2);
  for (const pod of pods.items) {
    assert.equal(pod.status.phase, 'Running');
    assert.match(pod.spec.nodeName, /^sim-node-\d+$/);
    assert.ok(pod.status.podIP);
  }
});

test('the restricted context may read but not write', async () => {
  const read = await kubectl(['get', 'pods'], cluster.restrictedContext);
  assert.equal(read.code, 0, read.stderr);
  const write = await kubectl(['create', 'configmap', 'nope', '--from-literal=a=b'], cluster.restrictedContext);
  assert.notEqual(write.code, 0);
  assert.match(write.stderr, /forbidden/i);
});

test('a deployment with a bad image never becomes available', async () => {
  await ok(['create', 'deployment', 'broken', '--image=registry.invalid.example/bad-image:1']);
  const wait = await kubectl(['wait', '--for=condition=Available', 'deployment/broken', '--timeout=5s']);
  assert.notEqual(wait.code, 0, 'deployment/broken became Available');
  const reasons = await ok(['get', 'pods', '-l', 'app=broken', '-o', 'jsonpath={.items[*].status.containerStatuses[*].state.waiting.reason}']);
  assert.match(reasons, /ImagePullBackOff/);
  const events = await ok(['get', 'events', '--field-selector', 'reason=Failed', '-o', 'jsonpath={.items[*].message}']);
  assert.match(events, /Failed to pull image/);
});

test('a job completes; a job whose image contains fail-job fails', async () => {
  await ok(['create', 'job', 'done', '--image=busybox', '--', 'true']);
  await ok(['wait', '--for=condition=Complete', 'job/done', '--timeout=30s']);

  const dir = mkdtempSync(join(tmpdir(), 'lading-cluster-test-'));
  try {
    const file = join(dir, 'job.json');
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'fails' },
      spec: {
        backoffLimit: 0,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'example/fail-job:1' }] } },
      },
    };
    writeFileSync(file, JSON.stringify(job));
    await ok(['create', '-f', file]);
    await ok(['wait', '--for=condition=Failed', 'job/fails', '--timeout=30s']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
