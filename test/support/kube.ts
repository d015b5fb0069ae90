import { randomBytes } from 'node:crypto';
import { KubeClient } from '../../lib/cluster/client.js';
import { connect } from '../../lib/cluster/connection.js';
import { Discovery } from '../../lib/cluster/discovery.js';
import { LiveCluster } from '../../lib/cluster/live-cluster.js';
import { getObject, serverSideApply } from '../../lib/cluster/objects.js';
import type { KubeObject } from '../../lib/manifest/object.js';

/** A client for test setup and assertions, talking to the test control plane. */
export function testClient(kubeconfig: string, context?: string) {
  const client = new KubeClient(connect({ kubeconfig, context }));
  const discovery = new Discovery(client);
  const info = async (o: { apiVersion: string; kind: string }) => {
    const found = await discovery.lookup(o.apiVersion, o.kind);
    if (!found) throw new Error(`not served: ${o.apiVersion} ${o.kind}`);
    return found;
  };
  return {
    client,
    discovery,
    /** Server-side apply as `manager` (default: as lading would). */
    async apply(o: KubeObject, manager = 'lading', force = false) {
      return serverSideApply(client, await info(o), o, { fieldManager: manager, force });
    },
    async get(apiVersion: string, kind: string, namespace: string | undefined, name: string) {
      return getObject(client, await info({ apiVersion, kind }), namespace, name);
    },
    async remove(apiVersion: string, kind: string, namespace: string | undefined, name: string) {
      return (
        (await new LiveCluster(client, discovery).delete(await info({ apiVersion, kind }), namespace, name, { propagationPolicy: 'Background' })) === 'deleted'
      );
    },
    /** A fresh namespace; returns its name. */
    async namespace(prefix: string) {
      const name = `${prefix}-${randomBytes(3).toString('hex')}`;
      await serverSideApply(
        client,
        await info({ apiVersion: 'v1', kind: 'Namespace' }),
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
        { fieldManager: 'test-setup' },
      );
      return name;
    },
  };
}
