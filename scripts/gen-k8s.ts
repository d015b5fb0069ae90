// npm run gen: generate lib/k8s/generated/ from lib/k8s/openapi/v<DEFAULT>.json, with the enums
// and list-map key defaults of the committed /openapi/v3 documents (lib/k8s/openapi/v3/v<DEFAULT>/,
// written by npm run gen:openapi) and the tables enums.ts / defaults.ts for what those lack.
// Reads committed files only: the same checkout always generates the same bytes.
// Usage: tsx scripts/gen-k8s.ts [--out DIR]   (DIR defaults to lib/k8s/generated)

import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_KUBE_VERSION } from '../lib/k8s/versions.js';
import { loadOpenApi, loadOverlay } from '../lib/k8s/model/load-openapi.js';
import { normalize } from '../lib/k8s/model/normalize.js';
import { emitCatalog, emitFields } from './gen/emit-catalog.js';
import { emitChecks, emitSchemas } from './gen/emit-schemas.js';
import { emitTypes } from './gen/emit-types.js';

const DEFAULT_OUT = fileURLToPath(new URL('../lib/k8s/generated', import.meta.url));

export interface GenerateOptions {
  /** Where the /openapi/v3 documents are (default: lib/k8s/openapi/v3/v<DEFAULT>/). */
  readonly openApiV3Dir?: URL;
}

export async function generate(outDir: string = DEFAULT_OUT, options: GenerateOptions = {}): Promise<string[]> {
  const [doc, overlay] = await Promise.all([loadOpenApi(DEFAULT_KUBE_VERSION), loadOverlay(DEFAULT_KUBE_VERSION, options.openApiV3Dir)]);
  const model = normalize(DEFAULT_KUBE_VERSION, doc, overlay);
  const files: Record<string, string> = {
    'types.ts': emitTypes(model),
    'schemas.ts': emitSchemas(model),
    'checks.ts': emitChecks(model),
    'catalog.ts': emitCatalog(model),
    'fields.json': emitFields(model),
  };
  await mkdir(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(outDir, name), text);
  return Object.keys(files).map((name) => join(outDir, name));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const out = i === -1 ? undefined : resolve(process.argv[i + 1] ?? '');
  for (const file of await generate(out)) console.log(`wrote ${file}`);
}
