import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { isRecord, type KubeObject } from '../../../lib/manifest/object.js';

/** The real manifests of ../shared/corpus beside the repository root. */
export const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus');

/** One input applied as one application: a file, or a folder whose files belong together. */
export interface Unit {
  readonly name: string;
  readonly files: readonly string[];
  /** Where its namespaced objects without a namespace go (a project's documented install namespace). */
  readonly namespace?: string;
  /** It registers webhooks or aggregated APIs: only for a cluster that refuses egress. */
  readonly dialsOut: boolean;
}

// Where a project tells users to install its manifests (data, not code paths per file).
const INSTALL_NAMESPACE: Readonly<Record<string, string>> = { 'argo-cd': 'argocd' };
const SHORT: Readonly<Record<string, string>> = { 'kubernetes-examples': 'ex' };
// Folders whose files are one unit (CRDs and the custom resources that use them).
const WHOLE_FOLDERS = new Set(['cert-manager']);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.(ya?ml|json)$/.test(entry) ? [path] : [];
    });
}

/** Objects of a file as kubectl reads it (YAML 1.1, merge keys), Lists expanded: the oracle's view. */
export function readObjects(file: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { version: '1.1', merge: true } as never)) {
    const value = doc.toJS() as unknown;
    if (!isRecord(value)) continue;
    if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) out.push(...(value.items as KubeObject[]));
    else out.push(value as KubeObject);
  }
  return out;
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 55)
    .replace(/-$/, '');
}

function dialsOut(objects: readonly KubeObject[]): boolean {
  return objects.some(
    (o) =>
      /WebhookConfiguration$/.test(o.kind) ||
      o.kind === 'APIService' ||
      (o.kind === 'CustomResourceDefinition' && isRecord(o.spec) && isRecord(o.spec.conversion) && o.spec.conversion.strategy === 'Webhook'),
  );
}

/** Every unit of the corpus, as its README defines them. */
export function corpusUnits(): Unit[] {
  if (!existsSync(CORPUS)) throw new Error(`the corpus is missing: ${CORPUS}`);
  const units: Unit[] = [];
  for (const project of readdirSync(CORPUS).sort()) {
    const dir = join(CORPUS, project);
    if (!statSync(dir).isDirectory()) continue;
    const files = yamlFiles(dir);
    const groups = WHOLE_FOLDERS.has(project) ? [files] : files.map((f) => [f]);
    for (const group of groups) {
      const name = WHOLE_FOLDERS.has(project) ? project : `${SHORT[project] ?? project}-${slug(relative(dir, group[0]!).replace(/\.(ya?ml|json)$/, ''))}`;
      units.push({
        name: slug(name),
        files: group,
        ...(INSTALL_NAMESPACE[project] ? { namespace: INSTALL_NAMESPACE[project] } : {}),
        dialsOut: dialsOut(group.flatMap(readObjects)),
      });
    }
  }
  return units;
}
