import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readinessRule } from '../../../lib/apply/readiness.js';
import type { KubeObject } from '../../../lib/manifest/object.js';

const check = (o: KubeObject, related: KubeObject[] = []) => readinessRule(o)!.check(o, related);

function deployment(status: Record<string, unknown>, generation = 2, replicas = 2): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', generation }, spec: { replicas }, status };
}
const progressing = (reason: string, status = 'True') => ({ conditions: [{ type: 'Progressing', status, reason }] });

describe('readiness rules', () => {
  test('Deployment: observed generation, updated and available replicas, NewReplicaSetAvailable', () => {
    assert.equal(check(deployment({ observedGeneration: 1, updatedReplicas: 2, availableReplicas: 2, replicas: 2 })).state, 'waiting');
    assert.equal(
      check(deployment({ observedGeneration: 2, updatedReplicas: 1, availableReplicas: 2, replicas: 3, ...progressing('ReplicaSetUpdated') })).message,
      '1/2 replicas updated',
    );
    assert.match(
      check(deployment({ observedGeneration: 2, updatedReplicas: 2, availableReplicas: 2, replicas: 3, ...progressing('ReplicaSetUpdated') })).message,
      /old replica/,
    );
    assert.equal(
      check(deployment({ observedGeneration: 2, updatedReplicas: 2, availableReplicas: 2, replicas: 2, ...progressing('ReplicaSetUpdated') })).state,
      'waiting',
    );
    assert.equal(
      check(deployment({ observedGeneration: 2, updatedReplicas: 2, availableReplicas: 2, replicas: 2, ...progressing('NewReplicaSetAvailable') })).state,
      'ready',
    );
    assert.equal(check(deployment({ observedGeneration: 2, ...progressing('ProgressDeadlineExceeded', 'False') })).state, 'failed');
  });

  test('Job: Complete is ready, Failed is failed at once', () => {
    const job = (conditions: unknown[]): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, status: { conditions } });
    assert.equal(check(job([{ type: 'Complete', status: 'True' }])).state, 'ready');
    assert.equal(check(job([{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }])).state, 'failed');
    assert.equal(check(job([])).state, 'waiting');
  });

  test('Service: cluster IP, ready endpoints when it selects pods, LoadBalancer ingress', () => {
    const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec,
      status,
    });
    assert.equal(check(svc({ clusterIP: '10.0.0.1' })).state, 'ready');
    assert.equal(check(svc({ clusterIP: '10.0.0.1', selector: { a: 'b' } })).state, 'waiting');
    const slice = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', endpoints: [{ conditions: { ready: true } }] } as KubeObject;
    assert.equal(check(svc({ clusterIP: '10.0.0.1', selector: { a: 'b' } }), [slice]).state, 'ready');
    assert.equal(check(svc({ type: 'LoadBalancer', clusterIP: '10.0.0.1' })).message, 'waiting for a load balancer address');
    assert.equal(readinessRule({ apiVersion: 'v1', kind: 'Service' })!.related!(svc({}))?.labelSelector, 'kubernetes.io/service-name=s');
  });

  test('PVC Bound, CRD Established, Namespace Active, StatefulSet, DaemonSet', () => {
    assert.equal(check({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', status: { phase: 'Bound' } }).state, 'ready');
    assert.equal(check({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', status: { phase: 'Pending' } }).state, 'waiting');
    assert.equal(
      check({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', status: { conditions: [{ type: 'Established', status: 'True' }] } })
        .state,
      'ready',
    );
    assert.equal(
      check({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', status: { conditions: [{ type: 'NamesAccepted', status: 'False' }] } })
        .state,
      'failed',
    );
    assert.equal(check({ apiVersion: 'v1', kind: 'Namespace', status: { phase: 'Active' } }).state, 'ready');
    const sts = (status: Record<string, unknown>): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { generation: 1 },
      spec: { replicas: 2 },
      status: { observedGeneration: 1, ...status },
    });
    assert.equal(check(sts({ readyReplicas: 2, updatedReplicas: 2, currentRevision: 'a', updateRevision: 'a' })).state, 'ready');
    assert.equal(check(sts({ readyReplicas: 2, updatedReplicas: 2, currentRevision: 'a', updateRevision: 'b' })).state, 'waiting');
    const ds: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { generation: 1 },
      status: { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 2 },
    };
    assert.equal(check(ds).message, '2/3 pods available');
  });

  test('kinds without a rule have none (ready once applied); users add rules to the table', () => {
    assert.equal(readinessRule({ apiVersion: 'v1', kind: 'ConfigMap' }), undefined);
    const custom = [{ group: 'example.com', kind: 'Widget', check: () => ({ state: 'ready' as const, message: 'ok' }) }];
    assert.equal(readinessRule({ apiVersion: 'example.com/v1', kind: 'Widget' }, custom)?.kind, 'Widget');
  });
});
