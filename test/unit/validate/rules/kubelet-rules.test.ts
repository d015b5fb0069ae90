import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type KubeObject, formatPath } from '../../../../lib/manifest/object.js';
import type { ObjectRule } from '../../../../lib/validate/rule.js';
import { imageReferenceError } from '../../../../lib/validate/image-reference.js';
import { imageReference } from '../../../../lib/validate/rules/images.js';
import { API_SERVER_RULES } from '../../../../lib/validate/rules/index.js';
import { probePorts } from '../../../../lib/validate/rules/probe-ports.js';
import { cronTimeZone, timeZoneError } from '../../../../lib/validate/rules/time-zone.js';
import { deployment, withPath } from '../../../support/objects.js';

function issues(rule: ObjectRule, o: KubeObject): string[] {
  return [...rule.check(o)].map((i) => `${formatPath(i.path)}: ${i.message}`);
}

const CONTAINER = ['spec', 'template', 'spec', 'containers', 0];
const withContainer = (field: string, value: unknown) => withPath(deployment(), [...CONTAINER, field], value);

test('the new rules are in the API server table', () => {
  for (const rule of [imageReference, probePorts, cronTimeZone]) assert.ok(API_SERVER_RULES.includes(rule), rule.id);
});

describe('image-reference', () => {
  test('accepts what the kubelet parses', () => {
    for (const image of [
      'nginx',
      'nginx:1.27',
      'library/nginx',
      'ghcr.io/acme/orders:3.1.4',
      'localhost:5000/a/b:c',
      'Registry.Example.com:5000/a/b',
      '[::1]:5000/a:b',
      'a__b/c--d/e.f:Tag_1.0-rc',
      `registry.k8s.io/pause:3.10@sha256:${'a'.repeat(64)}`,
      `x@sha512:${'0'.repeat(128)}`,
    ])
      assert.equal(imageReferenceError(image), undefined, image);
    assert.deepEqual(issues(imageReference, deployment()), []);
  });
  test('rejects what it does not, saying why', () => {
    assert.equal(imageReferenceError('ghcr.io/acme/Orders:3.1.4'), 'repository name "acme/Orders" must be lowercase');
    assert.equal(imageReferenceError('Orders'), 'repository name "Orders" must be lowercase');
    assert.match(imageReferenceError('orders::3.1.4')!, /^invalid reference format: expected \[registry\/\]repository\[:tag\]\[@digest\]/);
    assert.match(imageReferenceError('a___b')!, /^invalid reference format/);
    assert.match(imageReferenceError('web-:1')!, /^invalid reference format/);
    assert.match(imageReferenceError(`x:${'t'.repeat(129)}`)!, /^invalid reference format/);
    assert.match(imageReferenceError(`x@md5:${'a'.repeat(32)}`)!, /unsupported digest algorithm "md5"/);
    assert.match(imageReferenceError(`x@sha256:${'A'.repeat(64)}`)!, /64 lowercase hexadecimal digits/);
    assert.match(imageReferenceError('a'.repeat(64))!, /image ID/);
    assert.match(imageReferenceError(' nginx')!, /whitespace/);
    assert.match(imageReferenceError(`x/${'a'.repeat(255)}`)!, /at most 255 characters/);
  });
  test('names the container field, in every container list', () => {
    assert.deepEqual(issues(imageReference, withContainer('image', 'orders::3.1.4')), [
      'spec.template.spec.containers[0].image: invalid image reference "orders::3.1.4": invalid reference format: expected [registry/]repository[:tag][@digest] such as "ghcr.io/acme/shop:1.4.2"',
    ]);
    const init = deployment('web', { initContainers: [{ name: 'init', image: 'Busybox' }] });
    assert.match(issues(imageReference, init)[0]!, /^spec\.template\.spec\.initContainers\[0\]\.image: .*"Busybox" must be lowercase/);
  });
});

describe('probe-ports', () => {
  test('a named port of the same container, or any number, passes', () => {
    assert.deepEqual(issues(probePorts, withContainer('readinessProbe', { httpGet: { path: '/', port: 'http' } })), []);
    // Declaring ports is optional: the kubelet probes a number as it is.
    assert.deepEqual(issues(probePorts, withContainer('livenessProbe', { tcpSocket: { port: 9090 } })), []);
    assert.deepEqual(issues(probePorts, withContainer('startupProbe', { grpc: { port: 9090 } })), []);
  });
  test('a name that the container does not declare fails, naming the container and its ports', () => {
    assert.deepEqual(issues(probePorts, withContainer('readinessProbe', { httpGet: { path: '/', port: 'htp' } })), [
      'spec.template.spec.containers[0].readinessProbe.httpGet.port: readinessProbe port "htp" is not a port of container "web" (its named ports: http): the kubelet finds a named port only in the probe\'s own container, so this probe always fails',
    ]);
  });
  test("another container's port name does not count (the kubelet looks in the probe's container only)", () => {
    const o = deployment('web', {
      containers: [
        { name: 'web', image: 'nginx:1.27', livenessProbe: { tcpSocket: { port: 'metrics' } } },
        { name: 'exporter', image: 'nginx:1.27', ports: [{ name: 'metrics', containerPort: 9090 }] },
      ],
    });
    assert.match(issues(probePorts, o)[0]!, /livenessProbe port "metrics" is not a port of container "web" \(it names no ports\)/);
  });
  test('a number as a string and an out-of-range number fail as the API server says', () => {
    assert.match(
      issues(probePorts, withContainer('readinessProbe', { httpGet: { port: '8080' } }))[0]!,
      /invalid port name "8080": .*write 8080 without quotes/,
    );
    assert.match(issues(probePorts, withContainer('readinessProbe', { tcpSocket: { port: 0 } }))[0]!, /must be a port number from 1 to 65535/);
  });
});

describe('cron-time-zone', () => {
  const cronJob = (timeZone: string): KubeObject => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly' },
    spec: {
      schedule: '0 3 * * *',
      timeZone,
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox:1' }] } } } },
    },
  });
  test('accepts IANA names and their links', () => {
    for (const tz of ['Europe/Berlin', 'UTC', 'Etc/UTC', 'America/Argentina/Buenos_Aires', 'Asia/Calcutta', 'Etc/GMT+5'])
      assert.equal(timeZoneError(tz), undefined, tz);
    assert.deepEqual(issues(cronTimeZone, cronJob('Europe/Berlin')), []);
  });
  test('rejects unknown names, a wrong case and Local', () => {
    assert.deepEqual(issues(cronTimeZone, cronJob('Europe/Berlim')), [
      'spec.timeZone: invalid time zone "Europe/Berlim": not a time zone of the IANA database (checked with Node\'s Intl), e.g. "Europe/Berlin" or "Etc/UTC"',
    ]);
    assert.match(timeZoneError('europe/berlin')!, /case-sensitive: did you mean "Europe\/Berlin"\?/);
    assert.match(timeZoneError('utc')!, /did you mean "UTC"/);
    assert.match(timeZoneError('Local')!, /explicit IANA time zone/);
    assert.match(timeZoneError('')!, /a time zone name or absent/);
  });
});
