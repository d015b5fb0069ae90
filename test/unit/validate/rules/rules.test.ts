import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ObjectRule } from '../../../../lib/validate/rule.js';
import type { KubeObject } from '../../../../lib/manifest/object.js';
import { formatPath } from '../../../../lib/manifest/object.js';
import { objectName } from '../../../../lib/validate/rules/object-name.js';
import { annotations, labels } from '../../../../lib/validate/rules/labels.js';
import { ports } from '../../../../lib/validate/rules/ports.js';
import { podSpecNames } from '../../../../lib/validate/rules/pod-spec.js';
import { resourceRequestsWithinLimits } from '../../../../lib/validate/rules/resources.js';
import { selectorMatchesTemplate } from '../../../../lib/validate/rules/selector.js';
import { restartPolicy } from '../../../../lib/validate/rules/restart-policy.js';
import { cronError, cronSchedule } from '../../../../lib/validate/rules/cron.js';
import { autoscalerBounds } from '../../../../lib/validate/rules/autoscaler.js';
import { duplicateObject } from '../../../../lib/validate/rules/duplicate-object.js';
import { deployment, service, withPath } from '../../../support/objects.js';

/** "path: message" for every issue a rule finds. */
function issues(rule: ObjectRule, o: KubeObject): string[] {
  return [...rule.check(o)].map((i) => `${formatPath(i.path)}: ${i.message}`);
}

function cronJob(schedule: string, restart: string | null = 'OnFailure'): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly' },
    spec: {
      schedule,
      jobTemplate: { spec: { template: { spec: { restartPolicy: restart ?? undefined, containers: [{ name: 'job', image: 'busybox:1' }] } } } },
    },
  };
}

function hpa(min: number | undefined, max: number): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: min, maxReplicas: max },
  };
}

describe('object-name', () => {
  test('accepts a DNS subdomain name', () => assert.deepEqual(issues(objectName, deployment('web.v2')), []));
  test('rejects uppercase and underscores, naming the field', () => {
    const [msg] = issues(objectName, deployment('Web_App'));
    assert.match(msg!, /^metadata\.name: invalid name "Web_App": must be a DNS-1123 subdomain/);
  });
  test('a Service name must be a DNS-1035 label (no dots, starts with a letter)', () => {
    assert.deepEqual(issues(objectName, service('web')), []);
    assert.match(issues(objectName, service('1web'))[0]!, /DNS-1035 label/);
  });
  test('a CronJob name is at most 52 characters', () => {
    assert.deepEqual(issues(objectName, cronJob('@daily')), []);
    const long = withPath(cronJob('@daily'), ['metadata', 'name'], 'a'.repeat(53));
    assert.match(issues(objectName, long)[0]!, /at most|no more than 52/);
  });
  test('a missing name is required unless generateName is set', () => {
    const unnamed = withPath(deployment(), ['metadata'], {});
    assert.match(issues(objectName, unnamed)[0]!, /^metadata\.name: required/);
    assert.deepEqual(issues(objectName, withPath(deployment(), ['metadata'], { generateName: 'web-' })), []);
  });
  test('the namespace must be a DNS label', () => {
    assert.match(issues(objectName, withPath(deployment(), ['metadata', 'namespace'], 'My.NS'))[0]!, /^metadata\.namespace: invalid namespace/);
  });
});

describe('labels', () => {
  test('accepts recommended labels', () => assert.deepEqual(issues(labels, deployment()), []));
  test('rejects an underscore-leading value and a bad key, in metadata and in the pod template', () => {
    const bad = withPath(deployment(), ['metadata', 'labels'], { 'app.kubernetes.io/name': '_web', 'bad key': 'x' });
    const found = issues(labels, bad);
    assert.ok(
      found.some((m) => m.startsWith('metadata.labels["app.kubernetes.io/name"]: invalid label value "_web"')),
      found.join('\n'),
    );
    assert.ok(found.some((m) => m.includes('invalid label key "bad key"')));
    const tmpl = withPath(deployment(), ['spec', 'template', 'metadata', 'labels'], { tier: 'x'.repeat(64) });
    assert.match(issues(labels, tmpl).join('\n'), /spec\.template\.metadata\.labels\.tier: invalid label value .* no more than 63/);
  });
});

describe('annotations', () => {
  test('accepts qualified keys with any value', () => {
    assert.deepEqual(issues(annotations, withPath(deployment(), ['metadata', 'annotations'], { 'example.com/note': 'any value: at all' })), []);
  });
  test('rejects a key with spaces and more than 256 KiB in total', () => {
    assert.match(issues(annotations, withPath(deployment(), ['metadata', 'annotations'], { 'a b': 'x' }))[0]!, /invalid annotation key "a b"/);
    assert.match(issues(annotations, withPath(deployment(), ['metadata', 'annotations'], { big: 'x'.repeat(262145) }))[0]!, /at most 262144/);
  });
});

describe('ports', () => {
  test('accepts valid container and service ports', () => {
    assert.deepEqual(issues(ports, deployment()), []);
    assert.deepEqual(issues(ports, service()), []);
  });
  test('rejects a container port out of range and a too-long port name', () => {
    const bad = withPath(deployment(), ['spec', 'template', 'spec', 'containers', 0, 'ports'], [{ name: 'a-very-long-port-name', containerPort: 70000 }]);
    const found = issues(ports, bad);
    assert.ok(found.includes('spec.template.spec.containers[0].ports[0].containerPort: must be a port number from 1 to 65535 (got 70000)'), found.join('\n'));
    assert.ok(found.some((m) => m.startsWith('spec.template.spec.containers[0].ports[0].name: invalid port name')));
  });
  test('a Service with two ports must name both', () => {
    const bad = service('web', { ports: [{ port: 80 }, { port: 443, name: 'https' }] });
    assert.deepEqual(issues(ports, bad), ['spec.ports[0].name: required: a Service with more than one port must name each port']);
  });
});

describe('pod-spec-names', () => {
  test('accepts mounts of declared volumes', () => {
    const ok = deployment('web', {
      volumes: [{ name: 'data', emptyDir: {} }],
      containers: [{ name: 'web', image: 'x:1', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
    });
    assert.deepEqual(issues(podSpecNames, ok), []);
  });
  test('rejects a mount of an undeclared volume and a bad container name', () => {
    const bad = deployment('web', { containers: [{ name: 'Web', image: 'x:1', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] });
    const found = issues(podSpecNames, bad);
    assert.ok(found.some((m) => m.startsWith('spec.template.spec.containers[0].name: invalid container name "Web"')));
    assert.ok(found.some((m) => m.startsWith('spec.template.spec.containers[0].volumeMounts[0].name: volume "data" not found')));
  });
});

describe('resource-requests-within-limits', () => {
  const withResources = (requests: object, limits: object) =>
    deployment('web', { containers: [{ name: 'web', image: 'x:1', resources: { requests, limits } }] });
  test('accepts requests at or below limits across units', () => {
    assert.deepEqual(issues(resourceRequestsWithinLimits, withResources({ cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '1024Mi' })), []);
  });
  test('rejects a request above its limit', () => {
    assert.match(
      issues(resourceRequestsWithinLimits, withResources({ memory: '2Gi' }, { memory: '1Gi' }))[0]!,
      /requests\.memory: request 2Gi is larger than the limit 1Gi/,
    );
  });
});

describe('selector-matches-template', () => {
  test('accepts a selector matching the template', () => assert.deepEqual(issues(selectorMatchesTemplate, deployment()), []));
  test('matchExpressions are evaluated', () => {
    const o = withPath(deployment(), ['spec', 'selector'], { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['web'] }] });
    assert.deepEqual(issues(selectorMatchesTemplate, o), []);
  });
  test('rejects a selector that does not match, and a missing one', () => {
    const o = withPath(deployment(), ['spec', 'selector'], { matchLabels: { app: 'other' } });
    assert.match(issues(selectorMatchesTemplate, o)[0]!, /^spec\.selector: selector does not match the pod template labels/);
    const none = withPath(deployment(), ['spec', 'selector'], undefined);
    assert.match(issues(selectorMatchesTemplate, none)[0]!, /^spec\.selector: required/);
  });
});

describe('restart-policy', () => {
  test('a Deployment allows Always only', () => {
    assert.deepEqual(issues(restartPolicy, deployment('web', { restartPolicy: 'Always' })), []);
    assert.match(issues(restartPolicy, deployment('web', { restartPolicy: 'Never' }))[0]!, /"Never" is not allowed for a Deployment: expected Always/);
  });
  test('a CronJob needs OnFailure or Never', () => {
    assert.deepEqual(issues(restartPolicy, cronJob('@daily', 'Never')), []);
    assert.match(issues(restartPolicy, cronJob('@daily', null))[0]!, /required for a CronJob/);
  });
});

describe('cron-schedule', () => {
  test('accepts standard schedules, names, steps and descriptors', () => {
    for (const s of ['0 3 * * *', '*/15 * * * 1-5', '0 0 1 jan,jul sun', '@hourly', '@every 1h30m']) assert.equal(cronError(s), undefined, s);
  });
  test('rejects wrong field counts, ranges and time zones', () => {
    assert.match(cronError('0 3 * *')!, /expected 5 fields/);
    assert.match(cronError('61 * * * *')!, /minute "61" must be from 0 to 59/);
    assert.match(cronError('TZ=UTC 0 3 * * *')!, /spec\.timeZone/);
    assert.match(issues(cronSchedule, cronJob('every day'))[0]!, /^spec\.schedule: invalid schedule "every day"/);
  });
});

describe('autoscaler-bounds', () => {
  test('accepts min <= max', () => assert.deepEqual(issues(autoscalerBounds, hpa(2, 10)), []));
  test('rejects min > max and min < 1', () => {
    assert.match(issues(autoscalerBounds, hpa(5, 3))[0]!, /minReplicas 5 is greater than maxReplicas 3/);
    assert.match(issues(autoscalerBounds, hpa(0, 3))[0]!, /^spec\.minReplicas: must be at least 1/);
  });
});

describe('duplicate-object', () => {
  test('the same name in two namespaces is fine', () => {
    assert.deepEqual([...duplicateObject.checkSet([deployment(), withPath(deployment(), ['metadata', 'namespace'], 'other')])], []);
  });
  test('the same object twice is reported on the second', () => {
    const [issue] = [...duplicateObject.checkSet([deployment(), service(), deployment()])];
    assert.equal(issue!.index, 2);
    assert.match(issue!.message, /deployment\.apps\/web in namespace default is defined twice \(first as object #1\)/);
  });
});
