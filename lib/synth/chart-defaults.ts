import type { Chart } from '../constructs/chart.js';
import type { KubeObject } from '../manifest/object.js';

/** Adds the chart's namespace (to namespaced kinds that set none) and its labels (object's win). */
export function applyChartDefaults(object: KubeObject, chart: Chart, namespaced: boolean): KubeObject {
  const meta = object.metadata ?? {};
  const labels = Object.keys(chart.labels).length ? { ...chart.labels, ...meta.labels } : meta.labels;
  const namespace = namespaced ? (meta.namespace ?? chart.namespace) : meta.namespace;
  if (labels === meta.labels && namespace === meta.namespace) return object;
  return { ...object, metadata: { ...meta, namespace, labels } };
}
