import type { SetRule } from '../rule.js';
import { autoscalerTarget } from './autoscaler-target.js';
import { keyRefs } from './key-refs.js';
import type { WiringOptions } from './lookup.js';
import { networkPolicyPorts, networkPolicySelects } from './network-policy-pods.js';
import { serviceSelectsBatchPods } from './service-selects-batch-pods.js';
import { serviceSelectsPods } from './service-selects-pods.js';

export type { WiringOptions } from './lookup.js';
export { SECRET_SOURCES_ANNOTATION, secretSources } from './secret-keys.js';

/**
 * Cross-object checks of how objects are wired together. Synth passes `inputIsComplete: true`
 * (the app is the whole system); validate of files passes false (references may live in the cluster).
 * Mounts naming declared volumes and unique, valid names are API server rules (rules/).
 */
export function wiringRules(options: WiringOptions): SetRule[] {
  return [
    serviceSelectsPods(options),
    serviceSelectsBatchPods(),
    autoscalerTarget(options),
    keyRefs(options),
    networkPolicySelects(options),
    networkPolicyPorts(),
  ];
}
