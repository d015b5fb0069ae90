import { defaultsOf } from '../constructs/defaults.js';
import { displayName } from '../manifest/object.js';
import type { Diagnostic } from '../validate/diagnostic.js';
import { POLICIES, checkPolicies } from '../validate/policies/index.js';
import type { SynthObject } from './collect.js';

/** Policy findings of synthesized objects, with the policies in force for each object's Chart. */
export function policyDiagnostics(objects: readonly SynthObject[], sourceFile?: (o: SynthObject) => string | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  // The policies in force are a Chart's: its defaults are merged once, not once per object.
  const byChart = new Map<SynthObject['chart'], ReturnType<typeof defaultsOf>['policies']>();
  for (const o of objects) {
    if (!byChart.has(o.chart)) byChart.set(o.chart, defaultsOf(o.chart).policies);
    const policies = byChart.get(o.chart);
    if (policies === null) continue;
    for (const { policy, issue } of checkPolicies(o.object, policies ?? POLICIES)) {
      out.push({
        severity: policy.severity,
        rule: policy.id,
        object: displayName(o.object),
        origin: { file: sourceFile?.(o), constructPath: o.constructPath },
        path: issue.path,
        message: issue.message,
      });
    }
  }
  return out;
}
