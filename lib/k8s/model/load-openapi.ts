// Read the committed OpenAPI data of one Kubernetes version (lib/k8s/openapi/): the v2
// definitions, and the /openapi/v3 documents fetched from a cluster of that version (when any).

import { readdir, readFile } from 'node:fs/promises';
import type { OpenApiDocument } from './openapi.js';
import { type Overlay, TABLE_OVERLAY } from './overlay.js';
import { type OpenApiV3Document, overlayFromOpenApiV3 } from './overlay-v3.js';

export function openApiPath(version: string): URL {
  return new URL(`../openapi/v${version}.json`, import.meta.url);
}

export async function loadOpenApi(version: string): Promise<OpenApiDocument> {
  return JSON.parse(await readFile(openApiPath(version), 'utf8')) as OpenApiDocument;
}

/** Where `npm run gen:openapi` writes the /openapi/v3 documents of a minor version. */
export function openApiV3Dir(version: string): URL {
  return new URL(`../openapi/v3/v${version}/`, import.meta.url);
}

/** The file of one group-version's document: "v1" -> core_v1.json, "apps/v1" -> apps_v1.json. */
export function openApiV3FileName(groupVersion: string): string {
  const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['core', groupVersion];
  return `${group}_${version}.json`;
}

/**
 * The committed /openapi/v3 documents of `version`, in file-name order; none when nothing was
 * fetched for it. A document of another Kubernetes version is an error (a stale copy).
 */
export async function loadOpenApiV3(version: string, dir: URL = openApiV3Dir(version)): Promise<OpenApiV3Document[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return Promise.all(
    files.map(async (file) => {
      const doc = JSON.parse(await readFile(new URL(file, dir), 'utf8')) as OpenApiV3Document;
      const served = doc.info?.version;
      if (served !== undefined && !new RegExp(`^v?${version.replace('.', '\\.')}(\\.|$)`).test(served)) {
        throw new Error(`${new URL(file, dir).pathname} is from Kubernetes ${served}, not ${version}: run npm run gen:openapi`);
      }
      return doc;
    }),
  );
}

/**
 * The overlay of `version`: enums and key defaults from its committed /openapi/v3 documents,
 * the tables (enums.ts, defaults.ts) for what those lack, or the tables alone without documents.
 */
export async function loadOverlay(version: string, dir?: URL): Promise<Overlay> {
  const documents = await loadOpenApiV3(version, dir);
  return documents.length > 0 ? overlayFromOpenApiV3(documents, TABLE_OVERLAY) : TABLE_OVERLAY;
}
