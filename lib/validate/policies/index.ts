import { hostPathPolicy } from './host-path.js';
import { imageNeedsPolicy } from './image-needs.js';
import { imageTagPolicy } from './image-tag.js';
import { literalSecretPolicy } from './literal-secret.js';
import type { Policy } from './policy.js';
import { privilegedPolicy } from './privileged.js';
import { readinessProbePolicy } from './readiness-probe.js';
import { resourcesPolicy } from './resources.js';
import { runAsRootPolicy } from './run-as-root.js';
import { secretValuesPolicy } from './secret-values.js';

export { type Policy, type PolicyFinding, SKIP_POLICIES_ANNOTATION, checkPolicies } from './policy.js';

/** The policies synth checks unless the App or a Chart sets `defaults.policies`. */
export const POLICIES: readonly Policy[] = [
  imageTagPolicy,
  resourcesPolicy,
  readinessProbePolicy,
  privilegedPolicy,
  runAsRootPolicy,
  hostPathPolicy,
  literalSecretPolicy,
  secretValuesPolicy,
  imageNeedsPolicy,
];

export { IMAGE_NEEDS, type ImageNeeds, imageNeedsPolicyOf } from './image-needs.js';
export {
  hostPathPolicy,
  imageNeedsPolicy,
  imageTagPolicy,
  literalSecretPolicy,
  privilegedPolicy,
  readinessProbePolicy,
  resourcesPolicy,
  runAsRootPolicy,
  secretValuesPolicy,
};
