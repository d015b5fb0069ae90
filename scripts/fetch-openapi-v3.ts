// npm run gen:openapi: fetch the test cluster's /openapi/v3 documents of the built-in API groups
// and commit them, trimmed to what the generator reads, under lib/k8s/openapi/v3/v<minor>/.
//
// Usage: tsx scripts/fetch-openapi-v3.ts [--kubeconfig FILE] [--context NAME] [--out DIR]
// Without --kubeconfig it starts (or reuses) the test cluster with test/cluster/up.sh.
// The output depends only on what the server serves: no timestamps, keys sorted, so fetching
// twice from the same Kubernetes version writes the same bytes.

import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubeClient } from '../lib/cluster/client.js';
import { connect } from '../lib/cluster/connection.js';
import { openApiV3Dir, openApiV3FileName } from '../lib/k8s/model/load-openapi.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Schema keywords kept; everything else (descriptions, examples, titles) is dropped. */
const KEEP = new Set([
  'type',
  'format',
  'enum',
  'default',
  'required',
  'nullable',
  'properties',
  'additionalProperties',
  'items',
  'allOf',
  'oneOf',
  'anyOf',
  'not',
  '$ref',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'pattern',
  'uniqueItems',
]);
/** Keywords whose value is a map of name -> schema. */
const SCHEMA_MAPS = new Set(['properties']);
/** Keywords whose value is a schema, or a list of schemas. */
const SCHEMAS = new Set(['additionalProperties', 'items', 'not']);
const SCHEMA_LISTS = new Set(['allOf', 'oneOf', 'anyOf']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys sorted at every level (arrays keep their order: enum and required are as served). */
function sorted(value: Json): Json {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort()) out[key] = sorted(value[key]);
  return out;
}

/** A schema without what the generator does not read. */
export function trimSchema(schema: Json): Json {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!KEEP.has(key) && !key.startsWith('x-kubernetes-')) continue;
    if (SCHEMA_MAPS.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimSchema(v)]));
    } else if (SCHEMAS.has(key)) {
      out[key] = trimSchema(value);
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map(trimSchema);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** One served document, trimmed: its info (the server's version) and its component schemas. */
export function trimDocument(doc: { info?: Json; components?: { schemas?: Record<string, Json> } }): Json {
  const schemas = doc.components?.schemas ?? {};
  return sorted({
    info: doc.info ?? null,
    components: { schemas: Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, trimSchema(s)])) },
  });
}

interface ApiService {
  spec?: { group?: string; version?: string; service?: unknown };
}
interface Crd {
  spec: { group: string; versions: { name: string }[] };
}

function parse<T>(body: unknown): T {
  return (typeof body === 'string' ? JSON.parse(body) : body) as T;
}

function kubeconfigOfTestCluster(): string {
  const out = execFileSync('bash', [join(ROOT, 'test/cluster/up.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const last = out.trim().split('\n').pop() ?? '';
  const m = /^export KUBECONFIG=(.+)$/.exec(last);
  if (!m) throw new Error(`test/cluster/up.sh did not print a KUBECONFIG line (got "${last}")`);
  return m[1];
}

export async function fetchOpenApiV3(client: KubeClient): Promise<{ gitVersion: string; minor: string; documents: Map<string, Json> }> {
  const version = await client.call<{ gitVersion: string; major: string; minor: string }>({ method: 'GET', path: '/version' });
  const minor = `${Number(version.major)}.${Number(version.minor.replace(/\D+$/, ''))}`;
  const index = parse<{ paths: Record<string, { serverRelativeURL: string }> }>(await client.call({ method: 'GET', path: '/openapi/v3' }));

  // Built-in group-versions: neither proxied to another server (an APIService with a backing
  // service) nor served from a CustomResourceDefinition.
  const apiServices = parse<{ items: ApiService[] }>(await client.call({ method: 'GET', path: '/apis/apiregistration.k8s.io/v1/apiservices' }));
  const aggregated = new Set(apiServices.items.filter((a) => a.spec?.service).map((a) => `${a.spec?.group ?? ''}/${a.spec?.version ?? ''}`));
  const crds = parse<{ items: Crd[] }>(await client.call({ method: 'GET', path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions' }));
  const fromCrds = new Set(crds.items.flatMap((c) => c.spec.versions.map((v) => `${c.spec.group}/${v.name}`)));

  const documents = new Map<string, Json>();
  for (const path of Object.keys(index.paths).sort()) {
    const m = /^(?:api\/(v\d\w*)|apis\/([^/]+)\/([^/]+))$/.exec(path);
    if (!m) continue; // /openapi/v3/api, /apis, /apis/<group>, /version, openid...
    const [group, ver] = m[1] ? ['', m[1]] : [m[2], m[3]];
    const key = `${group}/${ver}`;
    if (aggregated.has(key) || fromCrds.has(key)) {
      console.error(`skip ${path} (${fromCrds.has(key) ? 'custom resource' : 'aggregated'})`);
      continue;
    }
    const doc = parse<Parameters<typeof trimDocument>[0]>(await client.call({ method: 'GET', path: index.paths[path].serverRelativeURL }));
    documents.set(group ? `${group}/${ver}` : ver, trimDocument(doc));
  }
  return { gitVersion: version.gitVersion, minor, documents };
}

function sourceText(gitVersion: string, groupVersions: string[]): string {
  return [
    `# /openapi/v3 of Kubernetes ${gitVersion} (data)`,
    '',
    `Fetched by \`npm run gen:openapi\` (scripts/fetch-openapi-v3.ts) from the test control plane`,
    `(test/cluster/, kube-apiserver ${gitVersion}): \`GET /openapi/v3\`, then the document of every`,
    'built-in group-version it lists (aggregated APIs and custom resources skipped). Each file keeps',
    "the document's `info` and its `components.schemas`, without descriptions: types, formats, enums,",
    'defaults, required and the x-kubernetes-* extensions. Keys are sorted; no timestamps, so a',
    'fetch from the same version writes the same bytes.',
    '',
    '`npm run gen` reads these files (never the network) for the enums and list-map key defaults',
    'that the v2 definitions lack; `lib/k8s/enums.ts` and `defaults.ts` fill in what they lack.',
    '',
    'Group-versions:',
    '',
    ...groupVersions.map((gv) => `- \`${gv}\` → \`${openApiV3FileName(gv)}\``),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const kubeconfig = arg('--kubeconfig') ?? kubeconfigOfTestCluster();
  const client = new KubeClient(connect({ kubeconfig, context: arg('--context') }));
  const { gitVersion, minor, documents } = await fetchOpenApiV3(client);
  if (documents.size === 0) throw new Error('the server listed no built-in group-version under /openapi/v3');
  const outArg = arg('--out');
  const out = outArg ? resolve(outArg) : fileURLToPath(openApiV3Dir(minor));
  await mkdir(out, { recursive: true });
  // Replace the previous fetch: a group-version the server no longer serves disappears.
  for (const f of await readdir(out)) if (f.endsWith('.json')) await rm(join(out, f));
  let bytes = 0;
  for (const [gv, doc] of documents) {
    const text = `${JSON.stringify(doc, null, 1)}\n`;
    bytes += Buffer.byteLength(text);
    await writeFile(join(out, openApiV3FileName(gv)), text);
  }
  await writeFile(join(out, 'SOURCE.md'), sourceText(gitVersion, [...documents.keys()]));
  console.log(`wrote ${documents.size} documents of ${gitVersion} (${Math.round(bytes / 1024)} KiB) to ${out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await main();
    process.exit(0); // keep-alive sockets of the client would hold the process open
  } catch (e) {
    console.error(`gen:openapi: ${(e as Error).message}`);
    process.exit(1);
  }
}
