import type { KubeObject } from '../../manifest/object.js';
import type { ObjectRule, RuleIssue, Severity } from '../rule.js';

/**
 * A policy: an organisation's rule about objects that are valid for the API server but unwise.
 * Policies are data: extend the list (`[...POLICIES, mine]`) or change a severity
 * (`{ ...imageTag, severity: 'warning' }`), and give it to the App or a Chart as `defaults.policies`.
 */
export interface Policy extends ObjectRule {
  readonly severity: Severity;
}

/** Per-object opt-out: `lading.dev/skip-policies: "image-tag,run-as-root"` (or "*" for all). */
export const SKIP_POLICIES_ANNOTATION = 'lading.dev/skip-policies';

export function skippedPolicies(o: KubeObject): Set<string> {
  const raw = o.metadata?.annotations?.[SKIP_POLICIES_ANNOTATION] ?? '';
  return new Set(
    raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

export interface PolicyFinding {
  readonly policy: Policy;
  readonly issue: RuleIssue;
}

/** Runs the policies that apply to `o` and that it does not opt out of. */
export function checkPolicies(o: KubeObject, policies: readonly Policy[]): PolicyFinding[] {
  const skip = skippedPolicies(o);
  if (skip.has('*')) return [];
  const out: PolicyFinding[] = [];
  for (const policy of policies) {
    if (skip.has(policy.id) || (policy.kinds && !policy.kinds.includes(o.kind))) continue;
    for (const issue of policy.check(o)) out.push({ policy, issue });
  }
  return out;
}
