import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Credentials } from '../../../lib/constructs/credentials.js';
import { CronTask } from '../../../lib/constructs/cron-task.js';
import { LIBRARY_DEFAULTS } from '../../../lib/constructs/defaults.js';
import { PropsError } from '../../../lib/constructs/props.js';
import { fromEnv } from '../../../lib/constructs/secret-source.js';
import { StatefulService } from '../../../lib/constructs/stateful-service.js';
import { Task } from '../../../lib/constructs/task.js';
import { VolumeClaim } from '../../../lib/constructs/volume-claim.js';
import { WebApp } from '../../../lib/constructs/web-app.js';
import { at, synth } from './synth-helper.js';

const image = 'ghcr.io/acme/shop-web:1.4.2';
const container = (out: ReturnType<typeof synth>, kind = 'Deployment', name?: string) =>
  at(out.find(kind, name), 'spec.template.spec.containers.0') as Record<string, unknown>;

describe('defaults merge field by field', () => {
  test('a partial securityContext keeps every other default; null removes one field; false removes all', () => {
    const out = synth((chart) => {
      new WebApp(chart, 'a', { image, port: 8080, securityContext: { runAsUser: 1000 } });
      new WebApp(chart, 'b', { image, port: 8080, securityContext: { readOnlyRootFilesystem: null, capabilities: { add: ['NET_BIND_SERVICE'] } } });
      new WebApp(chart, 'c', { image, port: 8080, securityContext: false, podSecurityContext: { runAsUser: 1000 } });
    });
    assert.deepEqual(container(out, 'Deployment', 'a').securityContext, {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      runAsUser: 1000,
    });
    assert.deepEqual(container(out, 'Deployment', 'b').securityContext, {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
    });
    assert.equal(container(out, 'Deployment', 'c').securityContext, undefined);
    assert.deepEqual(at(out.find('Deployment', 'c'), 'spec.template.spec.securityContext'), { seccompProfile: { type: 'RuntimeDefault' }, runAsUser: 1000 });
  });

  test('library ← organisation ← chart ← props, each level field by field', () => {
    const out = synth(
      (chart) => {
        new WebApp(chart, 'a', { image, port: 8080 });
        new WebApp(chart, 'b', { image, port: 8080, securityContext: { runAsNonRoot: null } });
      },
      {
        app: { securityContext: { runAsUser: 1000 }, resources: { limits: { memory: '1Gi' } } },
        chart: { defaults: { securityContext: { readOnlyRootFilesystem: null }, resources: { requests: { cpu: '50m' } } } },
      },
    );
    assert.deepEqual(container(out, 'Deployment', 'a').securityContext, {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      runAsUser: 1000,
    });
    assert.deepEqual(container(out, 'Deployment', 'a').resources, { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '1Gi' } });
    assert.deepEqual(container(out, 'Deployment', 'b').securityContext, { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsUser: 1000 });
  });

  test('a level removes a default with null; the next level can set it again', () => {
    const out = synth((chart) => new WebApp(chart, 'a', { image, port: 8080 }), {
      app: { securityContext: null },
      chart: { defaults: { securityContext: { runAsNonRoot: true } } },
    });
    assert.deepEqual(container(out).securityContext, { runAsNonRoot: true });
  });

  test('a budget with minAvailable replaces the default maxUnavailable', () => {
    const out = synth((chart) => new WebApp(chart, 'a', { image, port: 8080, disruptionBudget: { minAvailable: 1 } }));
    assert.deepEqual(at(out.find('PodDisruptionBudget'), 'spec.minAvailable'), 1);
    assert.equal(at(out.find('PodDisruptionBudget'), 'spec.maxUnavailable'), undefined);
  });
});

describe('every construct default is in the defaults table', () => {
  test('the library values are the ones constructs use', () => {
    const out = synth((chart) => {
      new WebApp(chart, 'web', { image, port: 8080, autoscale: { max: 5 } });
      new StatefulService(chart, 'db', { image, port: 5432, storage: { '/data': { size: '1Gi' } } });
      new CronTask(chart, 'nightly', { image, schedule: '0 3 * * *' });
      new Credentials(chart, 'ext', { keys: { k: fromEnv('K') }, delivery: { externalSecret: { store: 'vault' } } });
    });
    assert.deepEqual(at(out.find('Service', 'web'), 'spec.ports.0'), { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' });
    assert.equal(at(out.find('HorizontalPodAutoscaler'), 'spec.minReplicas'), 2);
    assert.equal(at(out.find('HorizontalPodAutoscaler'), 'spec.metrics.0.resource.target.averageUtilization'), 80);
    assert.equal(at(out.find('StatefulSet'), 'spec.replicas'), 1);
    assert.equal(at(out.find('StatefulSet'), 'spec.template.spec.containers.0.ports.0.name'), 'tcp');
    assert.deepEqual(at(out.find('StatefulSet'), 'spec.volumeClaimTemplates.0.spec.accessModes'), ['ReadWriteOnce']);
    const cron = out.find('CronJob');
    assert.equal(at(cron, 'spec.concurrencyPolicy'), 'Forbid');
    assert.equal(at(cron, 'spec.jobTemplate.spec.backoffLimit'), 3);
    assert.equal(at(cron, 'spec.jobTemplate.spec.ttlSecondsAfterFinished'), 86400);
    assert.equal(at(cron, 'spec.jobTemplate.spec.template.spec.restartPolicy'), 'Never');
    assert.equal(at(out.find('ExternalSecret'), 'spec.refreshInterval'), '1h');
    assert.equal(at(out.find('ExternalSecret'), 'spec.secretStoreRef.kind'), 'SecretStore');
    assert.equal(LIBRARY_DEFAULTS.webApp.servicePort, 80);
  });

  test('an organisation changes them; props still win', () => {
    const out = synth(
      (chart) => {
        new WebApp(chart, 'web', { image, port: 8080, autoscale: { max: 5 } });
        new WebApp(chart, 'api', { image, port: 8080, servicePort: 9000, portName: 'api' });
        new StatefulService(chart, 'db', { image, port: 5432, storage: { '/data': { size: '1Gi' } } });
        new Task(chart, 'once', { image });
        new CronTask(chart, 'nightly', { image, schedule: '0 3 * * *', concurrencyPolicy: 'Replace' });
        new Credentials(chart, 'ext', { keys: { k: fromEnv('K') }, delivery: { externalSecret: { store: 'vault' } } });
        new VolumeClaim(chart, 'shared', { size: '1Gi' });
      },
      {
        app: {
          webApp: { servicePort: 8080, portName: 'web', autoscale: { min: 3, cpuPercent: null } },
          statefulService: { replicas: 3, portName: 'main' },
          task: { backoffLimit: 0, ttlSecondsAfterFinished: null, restartPolicy: 'OnFailure' },
          cronTask: { concurrencyPolicy: 'Allow' },
          externalSecret: { refreshInterval: '15m', storeKind: 'ClusterSecretStore' },
          claim: { accessModes: ['ReadWriteOncePod'] },
        },
      },
    );
    assert.deepEqual(at(out.find('Service', 'web'), 'spec.ports.0'), { name: 'web', port: 8080, targetPort: 'web', protocol: 'TCP' });
    assert.deepEqual(at(out.find('Service', 'api'), 'spec.ports.0'), { name: 'api', port: 9000, targetPort: 'api', protocol: 'TCP' });
    assert.equal(at(out.find('Deployment', 'api'), 'spec.template.spec.containers.0.readinessProbe.tcpSocket.port'), 'api');
    assert.equal(at(out.find('HorizontalPodAutoscaler'), 'spec.minReplicas'), 3);
    assert.equal(at(out.find('HorizontalPodAutoscaler'), 'spec.metrics'), undefined, 'cpuPercent: null: no default metric');
    assert.equal(at(out.find('StatefulSet'), 'spec.replicas'), 3);
    assert.equal(at(out.find('Service', 'db'), 'spec.ports.0.name'), 'main');
    assert.equal(at(out.find('Job'), 'spec.backoffLimit'), 0);
    assert.equal(at(out.find('Job'), 'spec.ttlSecondsAfterFinished'), undefined);
    assert.equal(at(out.find('Job'), 'spec.template.spec.restartPolicy'), 'OnFailure');
    assert.equal(at(out.find('CronJob'), 'spec.concurrencyPolicy'), 'Replace');
    assert.deepEqual(at(out.find('ExternalSecret'), 'spec.secretStoreRef'), { name: 'vault', kind: 'ClusterSecretStore' });
    assert.equal(at(out.find('ExternalSecret'), 'spec.refreshInterval'), '15m');
    assert.deepEqual(at(out.find('PersistentVolumeClaim', 'shared'), 'spec.accessModes'), ['ReadWriteOncePod']);
  });

  test('a typo in a level of defaults names the level and the closest key', () => {
    assert.throws(
      () => synth(() => {}, { chart: { defaults: { webApp: { servicePrt: 80 } } as never } }),
      (e: unknown) => {
        assert.ok(e instanceof PropsError);
        assert.match(e.message, /props\.defaults\.webApp\.servicePrt: unknown prop: did you mean "servicePort"\?/);
        return true;
      },
    );
  });
});
