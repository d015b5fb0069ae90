import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ClusterError } from '../core/errors.js';
import { CrdImportError } from '../import/crd-kinds.js';
import { className } from '../import/emit-module.js';
import { importCrds } from '../import/import-crds.js';
import { documentsOf } from '../manifest/documents.js';
import { isKubeObject, type KubeObject } from '../manifest/object.js';
import { parseYamlStream } from '../manifest/parse-yaml.js';
import { expandLists } from '../validate/lists.js';
import { EXIT, UserError } from './errors.js';
import { readInputs } from './inputs.js';
import { openClusterSession } from './session.js';

export interface ImportFlags {
  readonly out: string;
  readonly fromCluster?: boolean;
  readonly group: readonly string[];
  readonly context?: string;
  readonly kubeconfig?: string;
  readonly requestTimeout?: string;
}

interface Source {
  readonly objects: readonly KubeObject[];
  readonly where: (o: KubeObject) => string;
  readonly name: string;
}

async function fromFiles(paths: readonly string[]): Promise<Source> {
  const objects: KubeObject[] = [];
  const files = new Map<KubeObject, string>();
  for (const file of await readInputs(paths)) {
    const parsed = documentsOf(file.name, parseYamlStream(file.text));
    if (parsed.errors.length) throw new UserError(parsed.errors.map((e) => `${e.file}:${e.line}: syntax error: ${e.message}`).join('\n'));
    for (const input of expandLists(parsed.inputs)) {
      if (!isKubeObject(input.value)) continue;
      objects.push(input.value);
      files.set(input.value, file.name);
    }
  }
  return { objects, where: (o) => files.get(o) ?? '', name: paths.join(', ') };
}

async function fromCluster(flags: ImportFlags): Promise<Source> {
  const session = openClusterSession({ context: flags.context, kubeconfig: flags.kubeconfig, requestTimeout: flags.requestTimeout });
  try {
    const res = await session.client.request<{ items?: KubeObject[] }>({ method: 'GET', path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions' });
    const objects = (res.body.items ?? []).map((o) => ({ ...o, apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' }));
    return { objects, where: (o) => `customresourcedefinition ${o.metadata?.name ?? ''}`, name: `the CRDs of context ${session.connection.context}` };
  } catch (e) {
    if (e instanceof ClusterError) throw new UserError(e.message);
    throw new UserError(`cannot list CustomResourceDefinitions: ${(e as Error).message}`);
  }
}

/** `lading import`: CRDs (files, or the live cluster's) become typed construct classes, one module per API group. */
export async function runImport(paths: readonly string[], flags: ImportFlags): Promise<number> {
  if (!flags.fromCluster && paths.length === 0) throw new UserError('nothing to import: pass CRD files or directories, or --from-cluster');
  if (flags.fromCluster && paths.length) throw new UserError('pass either CRD files or --from-cluster, not both');
  const source = flags.fromCluster ? await fromCluster(flags) : await fromFiles(paths);
  let modules;
  try {
    modules = importCrds(source.objects, source.where, source.name);
  } catch (e) {
    if (e instanceof CrdImportError) throw new UserError(e.message);
    throw e;
  }
  if (flags.group.length) modules = modules.filter((m) => flags.group.includes(m.group));
  if (modules.length === 0) {
    throw new UserError(`no CustomResourceDefinition in ${source.name}${flags.group.length ? ` of group ${flags.group.join(', ')}` : ''}`);
  }
  mkdirSync(flags.out, { recursive: true });
  for (const m of modules) {
    const file = join(flags.out, m.file);
    writeFileSync(file, m.source);
    const classes = m.kinds.map((k) => `${className(k)} (${k.group}/${k.version})`);
    process.stdout.write(`${relative(process.cwd(), file) || file}: ${classes.join(', ')}\n`);
  }
  return EXIT.ok;
}
