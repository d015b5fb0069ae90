import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type KubeObject, formatPath } from '../../../../lib/manifest/object.js';
import type { SetRule } from '../../../../lib/validate/rule.js';
import { autoscalerTarget } from '../../../../lib/validate/wiring/autoscaler-target.js';
import { keyRefs } from '../../../../lib/validate/wiring/key-refs.js';
import { serviceSelectsPods } from '../../../../lib/validate/wiring/service-selects-pods.js';
import { deployment, service, withPath } from '../../../support/objects.js';

const synth = { inputIsComplete: true };
const files = { inputIsComplete: false };

function issues(rule: SetRule, objects: KubeObject[]): string[] {
  return [...rule.checkSet(objects)].map((i) => `${i.severity === 'warning' ? 'warning ' : ''}#${i.index} ${formatPath(i.path)}: ${i.message}`);
}

const hpa = (target = 'web'): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, minReplicas: 2, maxReplicas: 5 },
});
const secret = (keys: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'default', annotations: { 'lading.dev/secret-sources': JSON.stringify(keys) } },
});
const configMap = (data: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'default' },
  data,
});
const withEnv = (env: unknown[], more: Record<string, unknown> = {}) =>
  deployment('web', { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }], env, ...more }] });

describe('service-selects-pods', () => {
  test('passes when the Service selects a workload and its target port is a container port', () => {
    assert.deepEqual(issues(serviceSelectsPods(synth), [deployment(), service()]), []);
  });
  test('fails when no workload has the selected labels (naming the Service and the labels)', () => {
    const [msg, ...rest] = issues(serviceSelectsPods(synth), [deployment(), service('web', { selector: { 'app.kubernetes.io/name': 'wbe' } })]);
    assert.deepEqual(rest, []);
    assert.equal(msg, '#1 spec.selector: service/web selects no pods: no workload in the input has pod labels {"app.kubernetes.io/name":"wbe"}');
  });
  test('for files, a Service whose pods are not in the input is not an error', () => {
    assert.deepEqual(issues(serviceSelectsPods(files), [service('web', { selector: { app: 'elsewhere' } })]), []);
  });
  test('at synth, a named targetPort that is not a container port is a warning (naming both ends)', () => {
    const [msg] = issues(serviceSelectsPods(synth), [deployment(), service('web', { ports: [{ port: 80, targetPort: 'web' }] })]);
    assert.equal(
      msg,
      'warning #1 spec.ports[0].targetPort: target port "web" of service/web is not a container port of deployment.apps/web (its ports: http=8080)',
    );
  });
  test('at synth, a numbered targetPort (or the port itself) that is not a container port is a warning', () => {
    assert.equal(issues(serviceSelectsPods(synth), [deployment(), service('web', { ports: [{ port: 80, targetPort: 9090 }] })]).length, 1);
    assert.match(
      issues(serviceSelectsPods(synth), [deployment(), service('web', { ports: [{ port: 80 }] })])[0]!,
      /^warning #1 spec\.ports\[0\]\.port: target port 80/,
    );
    assert.deepEqual(issues(serviceSelectsPods(synth), [deployment(), service('web', { ports: [{ port: 80, targetPort: 8080 }] })]), []);
  });
  test('for files, a targetPort no container declares is not reported (declaring ports is optional)', () => {
    // Argo CD's notifications controller listens on 9001 without declaring it; the API server accepts it.
    const undeclared = deployment('web', { containers: [{ name: 'web', image: 'nginx:1.27' }] });
    assert.deepEqual(issues(serviceSelectsPods(files), [undeclared, service('web', { ports: [{ port: 9001, targetPort: 9001 }] })]), []);
    assert.deepEqual(issues(serviceSelectsPods(files), [deployment(), service('web', { ports: [{ port: 80, targetPort: 'metrics' }] })]), []);
  });
  test('ExternalName Services and Services without a selector are not checked', () => {
    assert.deepEqual(issues(serviceSelectsPods(synth), [service('x', { type: 'ExternalName', externalName: 'a.example.com', selector: undefined })]), []);
    assert.deepEqual(issues(serviceSelectsPods(synth), [service('x', { selector: undefined })]), []);
  });
});

describe('autoscaler-target', () => {
  test('passes when the target exists without replicas', () => {
    assert.deepEqual(issues(autoscalerTarget(synth), [withPath(deployment(), ['spec', 'replicas'], undefined), hpa()]), []);
  });
  test('warns on the workload when it sets replicas (naming the autoscaler): the API server accepts it', () => {
    const [msg] = issues(autoscalerTarget(synth), [deployment(), hpa()]);
    assert.equal(
      msg,
      'warning #0 spec.replicas: deployment.apps/web is scaled by horizontalpodautoscaler.autoscaling/web but sets replicas (2): remove it, or an apply by another tool resets what the autoscaler chose',
    );
    assert.match(issues(autoscalerTarget(files), [deployment(), hpa()])[0]!, /^warning #0 spec\.replicas/);
  });
  test('fails at synth when the target is not in the input; not for files', () => {
    assert.deepEqual(issues(autoscalerTarget(synth), [hpa('api')]), [
      '#0 spec.scaleTargetRef.name: horizontalpodautoscaler.autoscaling/web scales Deployment "api", which is not in the input',
    ]);
    assert.deepEqual(issues(autoscalerTarget(files), [hpa('api')]), []);
  });
});

describe('key-refs', () => {
  const secretEnv = (key: string, optional?: boolean) => [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key, optional } } }];
  test('passes when the Secret declares the key in its sources annotation', () => {
    assert.deepEqual(issues(keyRefs(synth), [secret({ password: { env: 'X' } }), withEnv(secretEnv('password'))]), []);
  });
  test('fails at synth when the Secret has no such key (naming the container, the env var and the Secret); warns for files, which the API server accepts', () => {
    const [msg] = issues(keyRefs(synth), [secret({ password: { env: 'X' } }), withEnv(secretEnv('pasword'))]);
    assert.equal(
      msg,
      '#1 spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef: container "web" env DB_PASSWORD reads key "pasword" of secret/db, which has no such key (keys: password)',
    );
    const [warning] = issues(keyRefs(files), [secret({ password: { env: 'X' } }), withEnv(secretEnv('pasword'))]);
    assert.match(warning!, /^warning #1 .*reads key "pasword" of secret\/db, which has no such key/);
  });
  test('a missing Secret is an error at synth, not for files; optional references are skipped', () => {
    assert.match(issues(keyRefs(synth), [withEnv(secretEnv('password'))])[0]!, /reads secret\/db, which is not in the input/);
    assert.deepEqual(issues(keyRefs(files), [withEnv(secretEnv('password'))]), []);
    assert.deepEqual(issues(keyRefs(synth), [withEnv(secretEnv('password', true))]), []);
  });
  test('keys the control plane fills in exist: token of a service-account-token Secret; not of an Opaque one', () => {
    const token = (type: string): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Secret',
      type,
      metadata: { name: 'db', namespace: 'default', annotations: { 'kubernetes.io/service-account.name': 'web' } },
    });
    assert.deepEqual(issues(keyRefs(files), [token('kubernetes.io/service-account-token'), withEnv(secretEnv('token'))]), []);
    assert.deepEqual(issues(keyRefs(files), [token('kubernetes.io/service-account-token'), withEnv(secretEnv('ca.crt'))]), []);
    assert.match(
      issues(keyRefs(files), [token('Opaque'), withEnv(secretEnv('token'))])[0]!,
      /reads key "token" of secret\/db, which has no such key \(keys: none\)/,
    );
    assert.match(issues(keyRefs(files), [token('kubernetes.io/service-account-token'), withEnv(secretEnv('tokne'))])[0]!, /keys: ca\.crt, namespace, token/);
  });
  test('configMapKeyRef, envFrom and volume items are checked', () => {
    const env = [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'settings', key: 'B' } } }];
    assert.match(issues(keyRefs(synth), [configMap({ A: '1' }), withEnv(env)])[0]!, /reads key "B" of configmap\/settings, which has no such key \(keys: A\)/);
    assert.match(
      issues(keyRefs(synth), [withEnv([], { envFrom: [{ configMapRef: { name: 'nope' } }] })])[0]!,
      /envFrom reads configmap\/nope, which is not in the input/,
    );
    const volumes = deployment('web', { volumes: [{ name: 'cfg', configMap: { name: 'settings', items: [{ key: 'missing', path: 'x' }] } }] });
    assert.match(issues(keyRefs(synth), [configMap({ A: '1' }), volumes])[0]!, /volume "cfg" reads key "missing" of configmap\/settings/);
  });
});

describe('what the set rules of one input share', () => {
  test('pod templates and the object index are found once per input array, and each input has its own', async () => {
    const { objectIndex, podTemplates } = await import('../../../../lib/validate/wiring/lookup.js');
    const one = [deployment('web'), service('web')];
    assert.equal(podTemplates(one), podTemplates(one));
    assert.equal(objectIndex(one), objectIndex(one));
    const other = [deployment('api')];
    assert.notEqual(podTemplates(other), podTemplates(one));
    assert.deepEqual(
      podTemplates(other).map((t) => t.object.metadata?.name),
      ['api'],
    );
    assert.equal(objectIndex(other).find('Deployment', 'web', other[0]!), undefined);
    assert.equal(objectIndex(one).find('Deployment', 'web', one[1]!)?.index, 0);
  });
  test('every rule of a unit reports as when it runs alone', () => {
    const objects = [deployment('web'), service('web'), hpa('gone'), service('lost', { selector: { app: 'none' } })];
    const alone = [serviceSelectsPods(synth), autoscalerTarget(synth), keyRefs(synth)].map((rule) => issues(rule, [...objects]));
    const together = [serviceSelectsPods(synth), autoscalerTarget(synth), keyRefs(synth)].map((rule) => issues(rule, objects));
    assert.deepEqual(together, alone);
    assert.ok(together.flat().length >= 2);
  });
});
