// An overlay read from a cluster's /openapi/v3 documents, whose schemas carry the field enums
// and defaults that the v2 definitions lack. Plug it into normalize() in place of the tables.

import type { Overlay } from './overlay.js';

interface V3Schema {
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly items?: V3Schema;
  readonly properties?: Readonly<Record<string, V3Schema>>;
}

/** One /openapi/v3/<group-version> document (only the parts read here). */
export interface OpenApiV3Document {
  /** The server's version (info.version), e.g. v1.36.3. */
  readonly info?: { readonly version?: string };
  readonly components?: { readonly schemas?: Readonly<Record<string, V3Schema>> };
}

export function overlayFromOpenApiV3(documents: Iterable<OpenApiV3Document>, fallback?: Overlay): Overlay {
  const schemas = new Map<string, Readonly<Record<string, V3Schema>>>();
  for (const doc of documents) {
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      if (schema.properties) schemas.set(name, schema.properties);
    }
  }
  const field = (definition: string, property: string) => schemas.get(definition)?.[property];
  return {
    enumOf: (definition, property) => {
      const s = field(definition, property);
      const values = s?.enum ?? s?.items?.enum;
      return values ? values.map(String) : fallback?.enumOf(definition, property);
    },
    // A default of "" or 0 is the zero value of a non-pointer Go field (openapi-gen writes one
    // for most required keys: a container's name, a port's number), not a value the API server
    // fills in: a missing key then stays missing, and is reported as required.
    defaultOf: (definition, property) => {
      const value = field(definition, property)?.default;
      return (typeof value === 'string' && value !== '') || (typeof value === 'number' && value !== 0) ? value : fallback?.defaultOf(definition, property);
    },
  };
}
