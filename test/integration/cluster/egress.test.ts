import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { useCluster, type TestCluster } from '../../support/cluster.js';
import { watchSockets } from '../../support/process-sockets.js';
import { assertWebhookMode, kubectlOf, launcherPid, refusalLog, refusedByProxy } from './egress-support.js';

// The test control plane never dials out (test/cluster/README.md, "What the cluster refuses"):
// everything real manifests make kube-apiserver connect to (aggregated APIServices, conversion
// webhooks by Service or URL, proxies, kubelets) is refused by the egress proxies and logged, the
// admission webhooks are never called, and no process of the cluster holds a socket off loopback.

let cluster: TestCluster;
let kubectl: ReturnType<typeof kubectlOf>;
let log: ReturnType<typeof refusalLog>;
let sockets: ReturnType<typeof watchSockets>;

const id = randomBytes(3).toString('hex');
const ns = `egress-${id}`;
const aggregatedGroup = `agg-${id}.lading.test`;
const crdGroup = `crd-${id}.lading.test`;
const webhookConfig = `egress-${id}`;
/** Documentation addresses (RFC 5737): a URL webhook may name any address, none of them is dialled. */
const conversionUrlTarget = '203.0.113.7:8443';
const admissionUrlTarget = '198.51.100.9:443';

const yamlDocs = (...docs: object[]) => docs.map((d) => JSON.stringify(d)).join('\n---\n');
const openSchema = { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } };

function crd(plural: string, kind: string, clientConfig: object) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${crdGroup}` },
    spec: {
      group: crdGroup,
      scope: 'Namespaced',
      names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List` },
      versions: [
        { name: 'v1', served: true, storage: true, schema: openSchema },
        // v1 stays the preferred version (GA sorts before beta): a client listing every kind at its
        // preferred version never needs the dead webhook, so the CRDs disturb no one sharing the cluster.
        { name: 'v1beta1', served: true, storage: false, schema: openSchema },
      ],
      conversion: { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig } },
    },
  };
}

function service(name: string) {
  // No selector: the tests give endpoints by hand where a path needs them.
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { ports: [{ port: 443, targetPort: 8443 }] } };
}

async function clusterIP(name: string): Promise<string> {
  return (await kubectl.ok(['-n', ns, 'get', 'service', name, '-o', 'jsonpath={.spec.clusterIP}'])).trim();
}

before(async () => {
  cluster = await useCluster();
  assertWebhookMode(cluster, 'off');
  kubectl = kubectlOf(cluster);
  log = refusalLog(cluster);
  sockets = watchSockets(launcherPid(cluster));
  await kubectl.ok(['create', 'namespace', ns]);
  await kubectl.ok(['apply', '-f', '-'], yamlDocs(service('aggregated'), service('converter'), service('validator')));
});

after(async () => {
  sockets?.stop();
  if (!cluster) return;
  await kubectl.run(['delete', '--ignore-not-found', '--wait=false', 'apiservice', `v1alpha1.${aggregatedGroup}`]);
  await kubectl.run(['delete', '--ignore-not-found', '--wait=false', 'validatingwebhookconfiguration', webhookConfig]);
  await kubectl.run(['delete', '--ignore-not-found', '--wait=false', 'crd', `widgets.${crdGroup}`, `gadgets.${crdGroup}`]);
  await kubectl.run(['delete', 'namespace', ns, '--wait=false']);
  await cluster.stop();
});

test('an aggregated APIService backed by a Service is never reached: its availability check is refused', async () => {
  // Endpoints make the availability controller dial (without any it gives up before dialling).
  const endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'aggregated', namespace: ns },
    subsets: [{ addresses: [{ ip: '10.244.250.1' }], ports: [{ port: 8443 }] }],
  };
  const apiService = {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: `v1alpha1.${aggregatedGroup}` },
    spec: {
      group: aggregatedGroup,
      version: 'v1alpha1',
      service: { namespace: ns, name: 'aggregated', port: 443 },
      insecureSkipTLSVerify: true,
      groupPriorityMinimum: 1000,
      versionPriority: 15,
    },
  };
  await kubectl.ok(['apply', '-f', '-'], yamlDocs(endpoints, apiService));
  try {
    await log.waitFor('cluster', `${await clusterIP('aggregated')}:443`);
    const status = JSON.parse(await kubectl.ok(['get', 'apiservice', apiService.metadata.name, '-o', 'json'])) as {
      status?: { conditions?: Array<{ type: string; status: string; message?: string }> };
    };
    const available = status.status?.conditions?.find((c) => c.type === 'Available');
    assert.equal(available?.status, 'False', JSON.stringify(available));
    assert.match(available?.message ?? '', refusedByProxy);
  } finally {
    // An unavailable APIService makes discovery incomplete for everyone sharing the cluster.
    await kubectl.run(['delete', 'apiservice', apiService.metadata.name]);
  }
});

test('a CRD conversion webhook is refused, by Service (cluster egress) and by URL (controlplane egress)', async () => {
  await kubectl.ok(
    ['apply', '-f', '-'],
    yamlDocs(
      crd('widgets', 'Widget', { service: { namespace: ns, name: 'converter', path: '/convert', port: 443 } }),
      crd('gadgets', 'Gadget', { url: `https://${conversionUrlTarget}/convert` }),
    ),
  );
  await kubectl.ok(['wait', '--for=condition=Established', `crd/widgets.${crdGroup}`, `crd/gadgets.${crdGroup}`, '--timeout=60s']);
  for (const kind of ['Widget', 'Gadget']) {
    // Created at the storage version: no conversion, so creation works.
    await kubectl.ok(['-n', ns, 'create', '-f', '-'], JSON.stringify({ apiVersion: `${crdGroup}/v1`, kind, metadata: { name: 'one' } }));
    // Read at the other version: kube-apiserver calls the conversion webhook, and is refused.
    const read = await kubectl.run(['-n', ns, 'get', `${kind.toLowerCase()}s.v1beta1.${crdGroup}`, 'one', '-o', 'json']);
    assert.notEqual(read.code, 0, `reading a ${kind} at v1beta1 needs the conversion webhook`);
    assert.match(read.stderr, refusedByProxy);
  }
  await log.waitFor('cluster', `${await clusterIP('converter')}:443`, 5_000);
  await log.waitFor('controlplane', conversionUrlTarget, 5_000);
});

test('admission webhooks are off: a dead webhook with failurePolicy Fail never blocks and is never called', async () => {
  const webhook = (name: string, clientConfig: object) => ({
    name: `${name}.${webhookConfig}.lading.test`,
    clientConfig,
    rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['configmaps'] }],
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } }, // only this test's namespace
    failurePolicy: 'Fail',
    sideEffects: 'None',
    admissionReviewVersions: ['v1'],
    timeoutSeconds: 5,
  });
  await kubectl.ok(
    ['apply', '-f', '-'],
    JSON.stringify({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: webhookConfig },
      webhooks: [
        webhook('service', { service: { namespace: ns, name: 'validator', path: '/validate', port: 443 } }),
        webhook('url', { url: `https://${admissionUrlTarget}/validate` }),
      ],
    }),
  );
  const validatorTarget = `${await clusterIP('validator')}:443`;
  for (let i = 0; i < 3; i++) {
    await kubectl.ok(['-n', ns, 'create', 'configmap', `guarded-${i}`, '--from-literal=a=b']);
  }
  await kubectl.ok(['-n', ns, 'label', 'configmap', 'guarded-0', 'updated=yes']);
  const called = log.lines().filter((l) => l.target === validatorTarget || l.target === admissionUrlTarget);
  assert.deepEqual(called, [], 'the admission webhooks were called although webhook admission is off');
});

test('kubelet connections (logs), the pod proxy and the service proxy are refused', async () => {
  await kubectl.ok(['-n', ns, 'run', 'sleeper', '--image=busybox', '--labels=app=sleeper']);
  await kubectl.ok(['-n', ns, 'wait', '--for=condition=Ready', 'pod/sleeper', '--timeout=60s']);
  const logs = await kubectl.run(['-n', ns, 'logs', 'sleeper']);
  assert.notEqual(logs.code, 0);
  assert.match(logs.stderr, refusedByProxy);
  const pod = JSON.parse(await kubectl.ok(['-n', ns, 'get', 'pod', 'sleeper', '-o', 'json'])) as {
    spec: { nodeName: string };
    status: { hostIP: string; podIP: string };
  };
  await log.waitFor('cluster', new RegExp(`^(${pod.spec.nodeName}|${pod.status.hostIP.replaceAll('.', '\\.')}):10250$`), 5_000);

  const proxied = await kubectl.run(['get', '--raw', `/api/v1/namespaces/${ns}/pods/sleeper:8080/proxy/`]);
  assert.notEqual(proxied.code, 0);
  assert.match(proxied.stderr, refusedByProxy);
  await log.waitFor('cluster', `${pod.status.podIP}:8080`, 5_000);

  // The service proxy dials a ready pod behind the Service (it proxies to pods only).
  const web = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: ns },
    spec: { selector: { app: 'sleeper' }, ports: [{ port: 80, targetPort: 9090 }] },
  };
  await kubectl.ok(['apply', '-f', '-'], JSON.stringify(web));
  await kubectl.ok(['-n', ns, 'wait', '--for=jsonpath={.subsets[0].addresses[0].ip}', 'endpoints/web', '--timeout=60s']);
  const viaService = await kubectl.run(['get', '--raw', `/api/v1/namespaces/${ns}/services/web:80/proxy/`]);
  assert.notEqual(viaService.code, 0);
  assert.match(viaService.stderr, refusedByProxy);
  await log.waitFor('cluster', `${pod.status.podIP}:9090`, 5_000);
});

test('no process of the cluster held a socket off loopback while all this ran', () => {
  const result = sockets.stop();
  // Not vacuous: the components talk to each other and to etcd over loopback all the time.
  assert.ok(result.samples >= 10, `only ${result.samples} samples`);
  assert.ok(result.socketsSeen > result.samples, `only ${result.socketsSeen} sockets seen in ${result.samples} samples`);
  assert.deepEqual(result.offLoopback, []);
});
