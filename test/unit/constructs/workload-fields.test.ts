import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PropsError } from '../../../lib/constructs/props.js';
import { StatefulService } from '../../../lib/constructs/stateful-service.js';
import { VolumeClass } from '../../../lib/constructs/volume-class.js';
import { WebApp } from '../../../lib/constructs/web-app.js';
import { Worker } from '../../../lib/constructs/worker.js';
import { at, synth } from './synth-helper.js';

const image = 'ghcr.io/acme/shop-web:1.4.2';

test('strategy Recreate: no rolling update; rollingUpdate with it is an error', () => {
  const out = synth((chart) => {
    new WebApp(chart, 'db', { image, port: 3306, strategy: { type: 'Recreate' } });
    new Worker(chart, 'w', { image, strategy: { type: 'RollingUpdate' }, rollingUpdate: { maxSurge: 1 } });
  });
  assert.deepEqual(at(out.find('Deployment', 'db'), 'spec.strategy'), { type: 'Recreate' });
  assert.deepEqual(at(out.find('Deployment', 'w'), 'spec.strategy'), { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
  assert.throws(
    () => synth((chart) => new Worker(chart, 'w', { image, strategy: { type: 'Recreate' }, rollingUpdate: { maxSurge: 1 } })),
    (e: unknown) => e instanceof PropsError && /props\.rollingUpdate: rollingUpdate cannot be set with strategy Recreate/.test(e.message),
  );
});

test("lifecycle: the container's hooks", () => {
  const preStop = { exec: { command: ['/bin/sh', '-c', 'nodetool drain'] } };
  const out = synth((chart) => new Worker(chart, 'w', { image, lifecycle: { preStop } }));
  assert.deepEqual(at(out.find('Deployment'), 'spec.template.spec.containers.0.lifecycle'), { preStop });
});

test("StatefulService claims keep the name given (an existing StatefulSet's), or data, data-1...", () => {
  const out = synth((chart) => {
    new StatefulService(chart, 'cassandra', {
      image,
      port: 9042,
      portName: 'cql',
      storage: { '/var/lib/cassandra': { name: 'cassandra-data', size: '1Gi', storageClass: 'fast' } },
    });
    new StatefulService(chart, 'pg', { image, port: 5432, storage: { '/data': { size: '1Gi' }, '/wal': { size: '1Gi' } } });
  });
  const cassandra = out.find('StatefulSet', 'cassandra');
  assert.equal(at(cassandra, 'spec.volumeClaimTemplates.0.metadata.name'), 'cassandra-data');
  assert.equal(at(cassandra, 'spec.volumeClaimTemplates.0.spec.storageClassName'), 'fast');
  assert.deepEqual(at(cassandra, 'spec.template.spec.containers.0.volumeMounts'), [{ name: 'cassandra-data', mountPath: '/var/lib/cassandra' }]);
  assert.equal(at(cassandra, 'spec.template.spec.containers.0.ports.0.name'), 'cql');
  assert.deepEqual(
    (at(out.find('StatefulSet', 'pg'), 'spec.volumeClaimTemplates') as { metadata: { name: string } }[]).map((c) => c.metadata.name),
    ['data', 'data-1'],
  );
  assert.throws(
    () =>
      synth((chart) => new StatefulService(chart, 's', { image, port: 1, storage: { '/a': { name: 'x', size: '1Gi' }, '/b': { name: 'x', size: '1Gi' } } })),
    (e: unknown) => e instanceof PropsError && /props\.storage: two claims have the same name/.test(e.message),
  );
});

test('WebApp portName names the container port, the Service port, the probe and the Ingress backend', () => {
  const out = synth((chart) => new WebApp(chart, 'redis', { image, port: 6379, portName: 'redis', servicePort: 6379, ingress: { host: 'r.example.com' } }));
  assert.deepEqual(at(out.find('Deployment'), 'spec.template.spec.containers.0.ports'), [{ name: 'redis', containerPort: 6379 }]);
  assert.deepEqual(at(out.find('Service'), 'spec.ports'), [{ name: 'redis', port: 6379, targetPort: 'redis', protocol: 'TCP' }]);
  assert.equal(at(out.find('Deployment'), 'spec.template.spec.containers.0.readinessProbe.tcpSocket.port'), 'redis');
  assert.equal(at(out.find('Ingress'), 'spec.rules.0.http.paths.0.backend.service.port.name'), 'redis');
  assert.deepEqual(out.problems, []);
  assert.throws(
    () => synth((chart) => new WebApp(chart, 'w', { image, port: 1, portName: 'Not_A_Port' })),
    (e: unknown) => e instanceof PropsError && /props\.portName: expected a port name/.test(e.message),
  );
});

test('VolumeClass: a StorageClass, cluster-scoped, named by its props', () => {
  const out = synth(
    (chart) => {
      new VolumeClass(chart, 'fast', {
        provisioner: 'k8s.io/minikube-hostpath',
        parameters: { type: 'pd-ssd' },
        reclaimPolicy: 'Retain',
        volumeBindingMode: 'WaitForFirstConsumer',
        allowVolumeExpansion: true,
        isDefault: true,
      });
    },
    { chart: { namespace: 'shop' } },
  );
  const sc = out.find('StorageClass', 'fast');
  assert.equal(sc.apiVersion, 'storage.k8s.io/v1');
  assert.equal(sc.metadata?.namespace, undefined);
  assert.equal(sc.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'], 'true');
  assert.deepEqual(
    { p: sc.provisioner, params: sc.parameters, r: sc.reclaimPolicy, b: sc.volumeBindingMode, x: sc.allowVolumeExpansion },
    { p: 'k8s.io/minikube-hostpath', params: { type: 'pd-ssd' }, r: 'Retain', b: 'WaitForFirstConsumer', x: true },
  );
  assert.deepEqual(out.problems, []);
});
