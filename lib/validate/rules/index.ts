import type { ObjectRule, SetRule } from '../rule.js';
import { annotations, labels } from './labels.js';
import { autoscalerBounds } from './autoscaler.js';
import { cronSchedule } from './cron.js';
import { imageReference } from './images.js';
import { probePorts } from './probe-ports.js';
import { cronTimeZone } from './time-zone.js';
import { duplicateObject } from './duplicate-object.js';
import { envVarNames } from './env-names.js';
import { objectName } from './object-name.js';
import { podSpecNames } from './pod-spec.js';
import { ports } from './ports.js';
import { resourceRequestsWithinLimits } from './resources.js';
import { restartPolicy } from './restart-policy.js';
import { selectorMatchesTemplate } from './selector.js';
import { wiringRules } from '../wiring/index.js';

/** The checks the API server makes that a schema alone misses. Extend by passing your own list. */
export const API_SERVER_RULES: readonly ObjectRule[] = [
  objectName,
  labels,
  annotations,
  ports,
  podSpecNames,
  envVarNames,
  resourceRequestsWithinLimits,
  selectorMatchesTemplate,
  restartPolicy,
  cronSchedule,
  cronTimeZone,
  autoscalerBounds,
  imageReference,
  probePorts,
];

/** Cross-object rules for inputs that may reference objects in the cluster (`lading validate`). */
export const SET_RULES: readonly SetRule[] = [duplicateObject, ...wiringRules({ inputIsComplete: false })];

/** Cross-object rules for synth, where the input is the whole system: a dangling reference is an error. */
export const SYNTH_SET_RULES: readonly SetRule[] = [duplicateObject, ...wiringRules({ inputIsComplete: true })];
