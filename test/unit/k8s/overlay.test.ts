import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TABLE_OVERLAY } from '../../../lib/k8s/model/overlay.js';
import { overlayFromOpenApiV3 } from '../../../lib/k8s/model/overlay-v3.js';

describe('overlays', () => {
  it('the table overlay knows the important enums and key defaults', () => {
    assert.deepEqual(TABLE_OVERLAY.enumOf('io.k8s.api.core.v1.Container', 'imagePullPolicy'), ['Always', 'IfNotPresent', 'Never']);
    assert.deepEqual(TABLE_OVERLAY.enumOf('io.k8s.api.core.v1.ServiceSpec', 'type'), ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
    assert.equal(TABLE_OVERLAY.defaultOf('io.k8s.api.core.v1.ContainerPort', 'protocol'), 'TCP');
    assert.equal(TABLE_OVERLAY.enumOf('io.k8s.api.core.v1.Container', 'image'), undefined);
  });

  it('an /openapi/v3 overlay reads enums (also of list items) and defaults, then falls back', () => {
    const overlay = overlayFromOpenApiV3(
      [
        {
          components: {
            schemas: {
              'io.k8s.api.core.v1.ContainerPort': {
                properties: { protocol: { default: 'TCP', enum: ['SCTP', 'TCP', 'UDP'] } },
              },
              'io.k8s.api.core.v1.PersistentVolumeClaimSpec': {
                properties: { accessModes: { items: { enum: ['ReadOnlyMany', 'ReadWriteOnce'] } } },
              },
            },
          },
        },
      ],
      TABLE_OVERLAY,
    );
    assert.deepEqual(overlay.enumOf('io.k8s.api.core.v1.ContainerPort', 'protocol'), ['SCTP', 'TCP', 'UDP']);
    assert.equal(overlay.defaultOf('io.k8s.api.core.v1.ContainerPort', 'protocol'), 'TCP');
    assert.deepEqual(overlay.enumOf('io.k8s.api.core.v1.PersistentVolumeClaimSpec', 'accessModes'), ['ReadOnlyMany', 'ReadWriteOnce']);
    assert.deepEqual(overlay.enumOf('io.k8s.api.core.v1.Container', 'imagePullPolicy'), ['Always', 'IfNotPresent', 'Never']);
  });
});
