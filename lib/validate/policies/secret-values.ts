import { isRecord } from '../../manifest/object.js';
import type { Policy } from './policy.js';

/**
 * A Secret brought in with values (`Include` of existing YAML, an `ApiObject`) would put them in
 * plain text into dist/ and `--stdout`. The fix is the `Secret` construct, whose values come from
 * sources at apply time; opting out (`lading.dev/skip-policies: secret-values`) is explicit.
 */
export const secretValuesPolicy: Policy = {
  id: 'secret-values',
  description: 'Secrets hold no values in dist/ (use the Credentials construct with sources)',
  severity: 'error',
  kinds: ['Secret'],
  *check(o) {
    if (o.apiVersion !== 'v1') return;
    for (const field of ['data', 'stringData'] as const) {
      const values = o[field];
      if (!isRecord(values) || Object.keys(values).length === 0) continue;
      yield {
        path: [field],
        message: `holds ${Object.keys(values).length === 1 ? 'a secret value' : 'secret values'} (${Object.keys(values).sort().join(', ')}) that synth would write in plain text to dist/: declare it with new Credentials(chart, id, { keys: { k: fromEnv('K') } }) (or fromFile, fromDotenv) so that values are read at apply time, or opt out on this object with the annotation lading.dev/skip-policies: secret-values`,
      };
    }
  },
};
