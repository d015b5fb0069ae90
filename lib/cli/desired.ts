import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { type KubeModel, loadModel } from '../k8s/index.js';
import { documentsOf } from '../manifest/documents.js';
import { isNamespaced } from '../k8s/scope.js';
import { groupOf, isKubeObject, type KubeObject } from '../manifest/object.js';
import { parseYamlStream } from '../manifest/parse-yaml.js';
import type { SynthResult } from '../synth/synthesize.js';
import type { Diagnostic } from '../validate/diagnostic.js';
import { formatGrouped } from '../validate/group.js';
import { validateObjects, type ValidationInput } from '../validate/validate.js';
import { expandLists } from '../validate/lists.js';
import type { DesiredInput } from '../plan/observe.js';
import { secretSources } from '../validate/wiring/secret-keys.js';
import { EXIT, UserError, appLoadRefused } from './errors.js';
import { readInputs } from './inputs.js';
import { appDefaults, rulesInForce } from './project-rules.js';

/** One application to diff or apply: its objects and the namespace of its inventory. */
export interface DesiredApp {
  readonly name: string;
  readonly env?: string;
  /** Where the app's ApplySet parent lives (the Chart's namespace, or the objects' common one). */
  readonly namespace?: string;
  readonly inputs: DesiredInput[];
}

export interface DesiredOptions {
  readonly files: readonly string[];
  /** --namespace: with -f, also where the inventory lives. */
  readonly namespace?: string;
  readonly name?: string;
  readonly env?: string;
  readonly appsDir?: string;
  /** Read the sources named by `lading.dev/secret-sources` annotations of -f input (--trust-secret-sources). */
  readonly trustSecretSources?: boolean;
}

export class InvalidInputError extends UserError {
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    count: number,
  ) {
    super(`${count} invalid object${count === 1 ? '' : 's'}: nothing was sent to the cluster`, EXIT.usage);
  }
}

/**
 * Where a -f application's inventory lives: --namespace, else the one namespace all its namespaced
 * objects name (lading's own dist/ folders), else the context's. Never a majority vote: the
 * set must not move when the input's mix of namespaces changes.
 */
function inventoryNamespace(objects: readonly KubeObject[], given: string | undefined): string | undefined {
  if (given) return given;
  const named = new Set<string | undefined>();
  for (const o of objects) {
    // A cluster-scoped object's namespace is ignored by the server, and here.
    if (isNamespaced(groupOf(o.apiVersion), o.kind)) named.add(o.metadata?.namespace);
  }
  const [only] = named;
  return named.size === 1 && only ? only : undefined;
}

/**
 * The application a file or folder is, by its name: lowercased, other characters than letters,
 * digits and '-' become '-' (an application name is a DNS label: it names the ApplySet).
 */
export function appNameOf(path: string): string {
  const base = basename(resolve(path === '-' ? '.' : path)).replace(/\.(ya?ml|json)$/, '');
  return base
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

// A GitOps dist/ folder holds one sub-folder per application (and per environment above that).
async function appFolders(dir: string, env: string | undefined): Promise<{ name: string; path: string }[] | undefined> {
  const root = env ? join(dir, env) : dir;
  const entries = await readdir(root, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return undefined;
  if (entries.some((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name))) return undefined;
  const folders = entries.filter((e) => e.isDirectory()).map((e) => ({ name: e.name, path: join(root, e.name) }));
  return folders.length ? folders : undefined;
}

async function fromFiles(options: DesiredOptions, model: KubeModel): Promise<DesiredApp[]> {
  const groups: { name: string; paths: string[] }[] = [];
  for (const path of options.files) {
    const info = path === '-' ? undefined : await stat(path).catch(() => undefined);
    if (path !== '-' && !info) throw new UserError(`${path}: no such file or directory`);
    const folders = info?.isDirectory() && !options.name ? await appFolders(path, options.env) : undefined;
    if (folders) groups.push(...folders.map((f) => ({ name: f.name, paths: [f.path] })));
    else groups.push({ name: options.name ?? appNameOf(path), paths: [path] });
  }
  // Files that name the same application are one application.
  const merged = new Map<string, string[]>();
  for (const g of groups) merged.set(g.name, [...(merged.get(g.name) ?? []), ...g.paths]);
  const apps: DesiredApp[] = [];
  const all: ValidationInput[] = [];
  const syntax: string[] = [];
  for (const [name, paths] of merged) {
    const inputs: ValidationInput[] = [];
    for (const file of await readInputs(paths)) {
      const parsed = documentsOf(file.name, parseYamlStream(file.text));
      // Each application is its own unit for cross-object rules (dist/dev and dist/prod hold the same objects).
      inputs.push(...expandLists(parsed.inputs).map((i) => ({ ...i, origin: { ...i.origin, unit: name } })));
      syntax.push(...parsed.errors.map((e) => `${e.file}:${e.line}: syntax error: ${e.message}`));
    }
    all.push(...inputs);
    const objects = inputs.map((i) => i.value).filter(isKubeObject);
    const desired = inputs
      .filter((i) => isKubeObject(i.value))
      .map((i) => trustedSources({ object: i.value as KubeObject, origin: i.origin }, options.trustSecretSources));
    apps.push({ name, env: options.env, namespace: inventoryNamespace(objects, options.namespace), inputs: desired });
  }
  if (syntax.length) throw new UserError(`${syntax.join('\n')}\nnothing was sent to the cluster`);
  const result = validateObjects(all, { catalog: model, ignoreMissingSchemas: true });
  if (result.errors) throw new InvalidInputError(result.diagnostics, result.errors);
  return apps;
}

/**
 * With --trust-secret-sources, a Secret's sources annotation (from a file anyone with write access
 * to it controls) may name what lading reads: an environment variable, a file. Without it the
 * annotation is only a list of keys (lib/apply/secret-values.ts).
 */
export function trustedSources(input: DesiredInput, trust: boolean | undefined): DesiredInput {
  if (!trust || input.object.kind !== 'Secret' || input.secretSources) return input;
  const declared = secretSources(input.object);
  return Object.keys(declared).length ? { ...input, secretSources: declared } : input;
}

async function fromApps(options: DesiredOptions, model: KubeModel): Promise<DesiredApp[]> {
  // Loaded here only: `-f` input never needs the synthesizer (nor the constructs it loads).
  const [{ findAppFiles, importApps, loadApps }, { CollectError }, { synthesize }] = await Promise.all([
    import('../synth/load-apps.js'),
    import('../synth/collect.js'),
    import('../synth/synthesize.js'),
  ]);
  const files = await findAppFiles(options.appsDir ?? 'apps').catch(appLoadRefused);
  const modules = await importApps(files).catch(appLoadRefused);
  const env = options.env;
  const declaring = modules.filter((m) => m.environments.length > 0);
  if (env === undefined && declaring.length) {
    throw new UserError(
      `${declaring.map((m) => m.file).join(', ')} declare${declaring.length === 1 ? 's' : ''} environments (${[...new Set(declaring.flatMap((m) => m.environments))].join(', ')}): pass --env`,
    );
  }
  const apps: DesiredApp[] = [];
  {
    const active = modules.filter((m) => env === undefined || m.environments.length === 0 || m.environments.includes(env));
    const rules = await rulesInForce();
    const loaded = await loadApps(active, env, { defaults: appDefaults(rules) }).catch(appLoadRefused);
    let result: SynthResult;
    try {
      result = synthesize(loaded.app, { model, sourceFile: (o) => loaded.fileOf(o.chart), waves: rules.waves, validate: { ignoreMissingSchemas: true } });
    } catch (e) {
      // An app that cannot be collected is refused like one that fails to load: exit 2.
      throw e instanceof CollectError ? new UserError(e.message, EXIT.usage) : e;
    }
    if (result.errors) throw new InvalidInputError(result.diagnostics, result.errors);
    const byApp = new Map<string, DesiredApp>();
    const constructs = new Map(loaded.app.node.findAll().map((c) => [c.node.path, c]));
    for (const o of result.objects) {
      const app = byApp.get(o.app) ?? { name: o.app, env, namespace: o.chart.namespace, inputs: [] };
      // A Secret construct keeps its sources (literal values too) for apply; dist/ never does.
      const owner = constructs.get(o.constructPath)?.node.scope as { sources?: unknown } | undefined;
      const secretSources = o.object.kind === 'Secret' && owner && typeof owner.sources === 'object' ? (owner.sources as Record<string, unknown>) : undefined;
      app.inputs.push({
        object: o.object,
        origin: { file: loaded.fileOf(o.chart), constructPath: o.constructPath },
        ...(secretSources ? { secretSources } : {}),
      });
      byApp.set(o.app, app);
    }
    apps.push(...[...byApp.values()].filter((a) => !options.name || a.name === options.name));
  }
  if (options.name && apps.length === 0) throw new UserError(`--name ${options.name}: no application of that name in ${options.appsDir ?? 'apps'}/`);
  return apps;
}

/** The applications to diff or apply: from -f manifests, else synthesized from apps/ in memory. Validated. */
export async function loadDesired(options: DesiredOptions): Promise<DesiredApp[]> {
  const model = await loadModel();
  return options.files.length ? fromFiles(options, model) : fromApps(options, model);
}

/** The input flags diff, apply and rollback share. */
export interface InputFlags {
  readonly filename?: readonly string[];
  readonly namespace?: string;
  readonly name?: string;
  readonly env?: string;
  readonly appsDir?: string;
  readonly trustSecretSources?: boolean;
}

/**
 * loadDesired for a command: invalid input is reported (every diagnostic, one line each, on
 * `err`) and refused; an empty input is refused naming the command.
 */
export async function loadDesiredOrReport(flags: InputFlags, command: string, err: { write(s: string): unknown }): Promise<DesiredApp[]> {
  let apps: DesiredApp[];
  try {
    apps = await loadDesired({
      files: flags.filename ?? [],
      name: flags.name,
      env: flags.env,
      appsDir: flags.appsDir,
      namespace: flags.namespace,
      trustSecretSources: flags.trustSecretSources,
    });
  } catch (e) {
    if (e instanceof InvalidInputError) for (const line of formatGrouped(e.diagnostics)) err.write(line + '\n');
    throw e;
  }
  if (apps.length === 0) throw new UserError(`nothing to ${command}: no objects in the input`);
  // An empty application would plan to prune all of its set: refuse it, as kubectl does.
  const empty = apps.filter((a) => a.inputs.length === 0);
  if (empty.length) throw new UserError(`nothing to ${command}: no objects in the input of ${empty.map((a) => a.name).join(', ')}`);
  return apps;
}
