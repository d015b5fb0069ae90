import type { KubeObject } from '../manifest/object.js';
import type { ApplicationChart } from './collect.js';

/**
 * Adds the chart's namespace (to namespaced kinds that set none) and its labels (object's win).
 * A cluster-scoped object loses the chart's namespace: cdk8s constructs set it on every object.
 */
export function applyChartDefaults(object: KubeObject, chart: ApplicationChart, namespaced: boolean): KubeObject {
  const meta = object.metadata ?? {};
  const labels = Object.keys(chart.labels).length ? { ...chart.labels, ...meta.labels } : meta.labels;
  const namespace = namespaced ? (meta.namespace ?? chart.namespace) : meta.namespace === chart.namespace ? undefined : meta.namespace;
  if (labels === meta.labels && namespace === meta.namespace) return object;
  const { namespace: _dropped, ...rest } = meta;
  return { ...object, metadata: { ...rest, ...(namespace !== undefined ? { namespace } : {}), labels } };
}
