import { App } from '../../../lib/constructs/app.js';
import { Chart, type ChartProps } from '../../../lib/constructs/chart.js';
import type { Defaults } from '../../../lib/constructs/defaults.js';
import { throwPropsProblems } from '../../../lib/constructs/props-report.js';
import { type KubeObject, displayName, formatPath } from '../../../lib/manifest/object.js';
import { canonicalize } from '../../../lib/manifest/canonical.js';
import { collectObjects } from '../../../lib/synth/collect.js';
import { emitYaml } from '../../../lib/manifest/emit-yaml.js';
import { API_SERVER_RULES, SYNTH_SET_RULES } from '../../../lib/validate/rules/index.js';
import { validateObjects } from '../../../lib/validate/validate.js';

// Construct tests check the API server and wiring rules without the schemas (loading the model
// takes a second per process); schema.test.ts validates every construct's output against them.
const NO_SCHEMAS = { version: 'test', schema: () => undefined, kinds: () => [] };

export interface Synthesized {
  readonly objects: KubeObject[];
  /** Every object as YAML documents, in construction order. */
  readonly yaml: string;
  /** Rule findings as "kind/name: path: message". */
  readonly problems: string[];
  find(kind: string, name?: string): KubeObject;
}

export function synth(build: (chart: Chart, app: App) => void, options: { app?: Defaults; chart?: ChartProps; env?: string } = {}): Synthesized {
  const app = new App({ defaults: options.app, env: options.env });
  const chart = new Chart(app, 'shop', options.chart);
  try {
    build(chart, app);
  } catch (e) {
    // Like lading synth: invalid props come first, an error they led to after them.
    throwPropsProblems(app, { cause: e });
    throw e;
  }
  const objects = collectObjects(app).map((o) => canonicalize(o.object) as KubeObject);
  const result = validateObjects(
    objects.map((value) => ({ value, origin: {} })),
    {
      catalog: NO_SCHEMAS,
      ignoreMissingSchemas: true,
      rules: API_SERVER_RULES,
      setRules: SYNTH_SET_RULES,
    },
  );
  return {
    objects,
    yaml: objects.map((o) => emitYaml(o)).join('---\n'),
    problems: result.diagnostics.map((d) => `${d.object}: ${formatPath(d.path)}: ${d.message}`),
    find(kind, name) {
      const o = objects.find((x) => x.kind === kind && (name === undefined || x.metadata?.name === name));
      if (!o) throw new Error(`no ${kind}${name ? `/${name}` : ''} among ${objects.map(displayName).join(', ')}`);
      return o;
    },
  };
}

/** The value at a dotted path ("spec.template.spec.containers.0.image"). */
export function at(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((cur, k) => (cur === null || typeof cur !== 'object' ? undefined : (cur as Record<string, unknown>)[k]), o);
}
