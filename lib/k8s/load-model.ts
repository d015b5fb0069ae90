// loadModel: the generated modules for the pinned version, a runtime build for the others.
// Both are imported or built on first use, so `lading --help` pays for neither.

import { generatedFields } from './fields.js';
import type { KubeModel } from './kube-model.js';
import { createModel } from './kube-model.js';
import { DEFAULT_KUBE_VERSION, SUPPORTED_KUBE_VERSIONS } from './versions.js';

const cache = new Map<string, Promise<KubeModel>>();

/** "1.33", "v1.33" and "1.33.2" all mean 1.33. */
export function normalizeKubeVersion(version: string): string {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  const minor = m ? `${Number(m[1])}.${Number(m[2])}` : version;
  if (!SUPPORTED_KUBE_VERSIONS.includes(minor)) {
    throw new Error(`unsupported Kubernetes version "${version}": expected one of ${SUPPORTED_KUBE_VERSIONS.join(', ')}`);
  }
  return minor;
}

/** The model of a supported version (default: the pinned one); rejects an unsupported one. */
export async function loadModel(version: string = DEFAULT_KUBE_VERSION): Promise<KubeModel> {
  const minor = normalizeKubeVersion(version);
  let model = cache.get(minor);
  if (!model) {
    model = minor === DEFAULT_KUBE_VERSION ? loadGenerated() : buildAtRuntime(minor);
    cache.set(minor, model);
    model.catch(() => cache.delete(minor));
  }
  return model;
}

async function loadGenerated(): Promise<KubeModel> {
  const [schemas, checks, catalog, { fastSchemas }] = await Promise.all([
    import('./generated/schemas.js'),
    import('./generated/checks.js'),
    import('./generated/catalog.js'),
    import('./model/fast-path.js'),
  ]);
  return createModel({
    version: catalog.VERSION,
    kinds: catalog.KINDS,
    fields: generatedFields,
    // Each definition is built on first use (of ~800, a run needs the few its kinds reach).
    schemaOf: fastSchemas(
      (definition) => schemas.definitions[definition]?.(),
      (definition) => checks.definitions[definition]?.(),
      (definition) => Object.hasOwn(checks.definitions, definition),
    ),
  });
}

async function buildAtRuntime(version: string): Promise<KubeModel> {
  const [{ loadOpenApi, loadOverlay }, { normalize }, { buildDefinitions }, { fieldTable, kindTuples }, zodBuilders, checkBuilders, { fastSchemas }] =
    await Promise.all([
      import('./model/load-openapi.js'),
      import('./model/normalize.js'),
      import('./model/build.js'),
      import('./model/catalog.js'),
      import('./model/primitives.js'),
      import('./model/checks.js'),
      import('./model/fast-path.js'),
    ]);
  // The same overlay as the generator's: /openapi/v3 enums when committed for this version.
  const [doc, overlay] = await Promise.all([loadOpenApi(version), loadOverlay(version)]);
  const ir = normalize(version, doc, overlay);
  // zod objects for ~800 definitions are built on the first schema request, not on load.
  let schemas: ReturnType<typeof buildDefinitions<import('zod').ZodType>> | undefined;
  let checks: ReturnType<typeof buildDefinitions<import('./model/checks.js').Check>> | undefined;
  let fields: ReturnType<typeof fieldTable> | undefined;
  const ids = new Set(ir.definitions.map((d) => d.id));
  return createModel({
    version,
    kinds: kindTuples(ir),
    fields: () => (fields ??= fieldTable(ir)),
    schemaOf: fastSchemas(
      (definition) => (schemas ??= buildDefinitions(ir, zodBuilders)).get(definition),
      (definition) => (checks ??= buildDefinitions(ir, checkBuilders)).get(definition),
      (definition) => ids.has(definition),
    ),
  });
}
