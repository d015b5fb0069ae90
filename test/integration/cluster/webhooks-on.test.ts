import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { usePrivateCluster, type TestCluster } from '../../support/cluster.js';
import { processTree, socketsOf, watchSockets } from '../../support/process-sockets.js';
import { assertWebhookMode, kubectlOf, launcherPid, refusalLog, refusedByProxy } from './egress-support.js';

// A private cluster with admission webhooks on (LADING_CLUSTER_WEBHOOKS=on): a webhook the test
// serves on 127.0.0.1 is called, and every other webhook is refused by the egress proxies, so a
// dead one fails closed (failurePolicy Fail) or is skipped (Ignore) without a packet leaving loopback.

let cluster: TestCluster;
let kubectl: ReturnType<typeof kubectlOf>;
let log: ReturnType<typeof refusalLog>;
let sockets: ReturnType<typeof watchSockets>;
let server: Server | undefined;
let certDir: string | undefined;
let webhookPort: number;
/** The names of the objects the local webhook was asked about. */
const reviewed: string[] = [];

const id = randomBytes(3).toString('hex');
const ns = `webhooks-${id}`;
const webhookConfig = `webhooks-${id}`;
const urlTarget = '198.51.100.9:443'; // a documentation address (RFC 5737)

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A self-signed certificate for 127.0.0.1 (kube-apiserver calls webhooks over TLS only). */
function selfSignedCert(dir: string): { key: string; cert: string } {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
}

/** Serves a validating webhook on 127.0.0.1 that denies ConfigMaps whose data has a key `deny`. */
async function serveLocalWebhook(tls: { key: string; cert: string }): Promise<number> {
  server = createServer(tls, (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const review = JSON.parse(body) as { request: { uid: string; name: string; object: { data?: Record<string, string> } } };
      reviewed.push(review.request.name);
      const deny = review.request.object.data?.deny !== undefined;
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          apiVersion: 'admission.k8s.io/v1',
          kind: 'AdmissionReview',
          response: { uid: review.request.uid, allowed: !deny, status: deny ? { code: 403, message: 'denied by the local test webhook' } : undefined },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A webhook for ConfigMaps of this namespace that carry the label hook=<name>. */
function webhook(name: string, clientConfig: object, failurePolicy: 'Fail' | 'Ignore') {
  return {
    name: `${name}.${webhookConfig}.lading.test`,
    clientConfig,
    rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['configmaps'] }],
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } },
    objectSelector: { matchLabels: { hook: name } },
    failurePolicy,
    sideEffects: 'None',
    admissionReviewVersions: ['v1'],
    timeoutSeconds: 5,
  };
}

const configMap = (name: string, hook: string, data: Record<string, string> = { a: 'b' }) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, labels: { hook } }, data });

before(async () => {
  if (!hasOpenssl()) return;
  certDir = mkdtempSync(join(tmpdir(), 'lading-webhook-'));
  const tls = selfSignedCert(certDir);
  const port = (webhookPort = await serveLocalWebhook(tls));

  cluster = await usePrivateCluster({ webhooks: true });
  assertWebhookMode(cluster, 'on');
  kubectl = kubectlOf(cluster);
  log = refusalLog(cluster);
  sockets = watchSockets(launcherPid(cluster));
  await kubectl.ok(['create', 'namespace', ns]);
  await kubectl.ok(
    ['apply', '-f', '-'],
    JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'validator', namespace: ns }, spec: { ports: [{ port: 443, targetPort: 8443 }] } }),
  );
  await kubectl.ok(
    ['apply', '-f', '-'],
    JSON.stringify({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: webhookConfig },
      webhooks: [
        webhook('service', { service: { namespace: ns, name: 'validator', path: '/validate', port: 443 } }, 'Fail'),
        webhook('url', { url: `https://${urlTarget}/validate` }, 'Ignore'),
        webhook('local', { url: `https://127.0.0.1:${port}/validate`, caBundle: Buffer.from(tls.cert).toString('base64') }, 'Fail'),
      ],
    }),
  );
});

after(async () => {
  sockets?.stop();
  server?.close();
  if (certDir) rmSync(certDir, { recursive: true, force: true });
  await cluster?.stop();
});

const skip = hasOpenssl() ? false : "openssl is not installed (it makes the local webhook's certificate)";

test('a webhook served on 127.0.0.1 is called through the controlplane egress', { skip }, async () => {
  await kubectl.ok(['create', '-f', '-'], configMap('local-allowed', 'local'));
  const denied = await kubectl.run(['create', '-f', '-'], configMap('local-denied', 'local', { deny: 'yes' }));
  assert.notEqual(denied.code, 0);
  assert.match(denied.stderr, /denied by the local test webhook/);
  assert.deepEqual(reviewed, ['local-allowed', 'local-denied']);
  // The tunnel is the launcher's (the egress proxy runs there); kube-apiserver holds no direct connection.
  const launcher = launcherPid(cluster);
  const toWebhook = socketsOf(processTree(launcher)).filter((s) => s.remote === `127.0.0.1:${webhookPort}`);
  assert.ok(toWebhook.length > 0, 'no connection of the cluster to the local webhook (kube-apiserver keeps it alive)');
  assert.deepEqual(
    toWebhook.map((s) => s.pid).filter((pid) => pid !== launcher),
    [],
  );
  assert.deepEqual(
    log.lines().filter((l) => l.target.startsWith('127.')),
    [],
  );
});

test('a webhook backed by a Service is refused, and with failurePolicy Fail it fails closed', { skip }, async () => {
  const blocked = await kubectl.run(['create', '-f', '-'], configMap('by-service', 'service'));
  assert.notEqual(blocked.code, 0, 'the dead webhook must reject the object (failurePolicy Fail)');
  assert.match(blocked.stderr, refusedByProxy);
  const ip = (await kubectl.ok(['-n', ns, 'get', 'service', 'validator', '-o', 'jsonpath={.spec.clusterIP}'])).trim();
  await log.waitFor('cluster', `${ip}:443`, 5_000);
});

test('a webhook URL off loopback is refused, and with failurePolicy Ignore creation goes on', { skip }, async () => {
  await kubectl.ok(['create', '-f', '-'], configMap('by-url', 'url'));
  await log.waitFor('controlplane', urlTarget, 5_000);
});

test('no process of the cluster held a socket off loopback while all this ran', { skip }, () => {
  const result = sockets.stop();
  assert.ok(result.samples >= 10, `only ${result.samples} samples`);
  assert.ok(result.socketsSeen > result.samples, `only ${result.socketsSeen} sockets seen in ${result.samples} samples`);
  assert.deepEqual(result.offLoopback, []);
});
