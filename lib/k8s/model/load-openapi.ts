// Read the committed OpenAPI definitions of one Kubernetes version (lib/k8s/openapi/).

import { readFile } from 'node:fs/promises';
import type { OpenApiDocument } from './openapi.js';

export function openApiPath(version: string): URL {
  return new URL(`../openapi/v${version}.json`, import.meta.url);
}

export async function loadOpenApi(version: string): Promise<OpenApiDocument> {
  return JSON.parse(await readFile(openApiPath(version), 'utf8')) as OpenApiDocument;
}
