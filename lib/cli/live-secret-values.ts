import { applySetRef, LEGACY_MANAGER } from '../core/applyset.js';
import { keepLiveSecretData } from '../apply/rollback-secrets.js';
import { liveSecrets } from '../apply/history-store.js';
import type { DesiredInput } from '../plan/observe.js';
import { isRecord } from '../manifest/object.js';
import { secretSources } from '../validate/wiring/secret-keys.js';
import type { DesiredApp } from './desired.js';
import { type ClusterFlags, clusterFailure, openSession } from './plan-apps.js';

// A Secret of -f input whose keys are named only by its sources annotation (untrusted) and lack values.
function needsLiveValues(input: DesiredInput): boolean {
  const o = input.object;
  if (o.kind !== 'Secret' || o.apiVersion !== 'v1' || input.secretSources) return false;
  const declared = Object.keys(secretSources(o));
  const data = isRecord(o.data) ? o.data : {};
  return declared.some((k) => !(k in data));
}

/**
 * Secrets of -f input (a GitOps dist/) carry only their shape and a sources annotation, which
 * lading does not trust by default. Their declared keys keep the values of the live Secret (the
 * keys lading owns), so that an apply of dist/ changes what changed and never empties or re-reads a Secret;
 * a key with no live value then needs a trusted source (lib/apply/secret-values.ts says which).
 */
export async function withLiveSecretValues(apps: readonly DesiredApp[], flags: ClusterFlags): Promise<DesiredApp[]> {
  if (!apps.some((a) => a.inputs.some(needsLiveValues))) return [...apps];
  const session = openSession(flags);
  return Promise.all(
    apps.map(async (app) => {
      const wanted = app.inputs.filter(needsLiveValues);
      if (!wanted.length) return app;
      // Objects without a namespace go to the session's default; the set lives in the app's namespace.
      const namespace = session.defaultNamespace;
      const managers = [applySetRef(app.name, app.namespace ?? namespace, app.env).manager, LEGACY_MANAGER];
      const live = await liveSecrets(
        session.cluster,
        wanted.map((i) => i.object),
        namespace,
      ).catch((e: unknown) => {
        throw clusterFailure(e, session);
      });
      return {
        ...app,
        inputs: app.inputs.map((input) => {
          if (!needsLiveValues(input)) return input;
          // Only declared keys: a key dropped from the input is dropped from the cluster, as the input says.
          const declared = new Set(Object.keys(secretSources(input.object)));
          const [kept] = keepLiveSecretData([input.object], live, managers, namespace);
          const liveData = Object.entries(isRecord(kept!.data) ? kept!.data : {}).filter(([k]) => declared.has(k));
          const data = { ...Object.fromEntries(liveData), ...(isRecord(input.object.data) ? input.object.data : {}) };
          return { ...input, object: Object.keys(data).length ? { ...input.object, data } : input.object };
        }),
      };
    }),
  );
}
