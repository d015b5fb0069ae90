import { defaultsOf } from '../constructs/defaults.js';
import { displayName } from '../manifest/object.js';
import type { Diagnostic } from '../validate/diagnostic.js';
import { POLICIES, checkPolicies } from '../validate/policies/index.js';
import type { SynthObject } from './collect.js';

/** Policy findings of synthesized objects, with the policies in force for each object's Chart. */
export function policyDiagnostics(objects: readonly SynthObject[], sourceFile?: (o: SynthObject) => string | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const o of objects) {
    const policies = defaultsOf(o.chart).policies;
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
