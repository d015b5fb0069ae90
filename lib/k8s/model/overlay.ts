// Facts about fields that the OpenAPI v2 definitions lack: allowed values and key defaults.
// The normaliser asks an overlay instead of reading tables directly, so that an overlay built
// from a live cluster's /openapi/v3 (which carries enums and defaults) can replace the tables.

import { KEY_DEFAULTS } from '../defaults.js';
import { FIELD_ENUMS } from '../enums.js';

export interface Overlay {
  /** Allowed values of a string field (or of each item of a list of strings). */
  enumOf(definition: string, property: string): readonly string[] | undefined;
  /** The value the API server gives a field when it is absent. */
  defaultOf(definition: string, property: string): string | number | undefined;
}

/** The overlay of the committed tables (lib/k8s/enums.ts, lib/k8s/defaults.ts). */
export const TABLE_OVERLAY: Overlay = {
  enumOf: (definition, property) => FIELD_ENUMS[definition]?.[property],
  defaultOf: (definition, property) => KEY_DEFAULTS[definition]?.[property],
};

export const NO_OVERLAY: Overlay = { enumOf: () => undefined, defaultOf: () => undefined };
