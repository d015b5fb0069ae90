import { resolve } from 'node:path';
import { type KubeModel, loadModel } from '../k8s/index.js';
import { type AppModule, findAppFiles, importApps, loadApps } from '../synth/load-apps.js';
import { CollectError } from '../synth/collect.js';
import { type SynthResult, synthesize } from '../synth/synthesize.js';
import { applyDist, DistPathError, MANIFEST_FILE, planDist, unsafePath } from '../synth/write-dist.js';
import { formatGrouped } from '../validate/group.js';
import { EXIT, UserError, appLoadToUserError } from './errors.js';
import { appDefaults, rulesInForce } from './project-rules.js';

export interface SynthFlags {
  readonly out: string;
  readonly env?: string;
  readonly app: readonly string[];
  readonly appsDir: string;
  readonly stdout?: boolean;
  readonly check?: boolean;
}

/** One synthesis: the apps that run in one environment (undefined: apps that declare none). */
interface SynthRun {
  readonly env: string | undefined;
  readonly modules: readonly AppModule[];
}

/** Without --env: each app once per environment it declares, or once if it declares none. */
function planRuns(modules: readonly AppModule[], env: string | undefined): SynthRun[] {
  const envs = env !== undefined ? [env] : [...new Set(modules.flatMap((m) => m.environments))].sort();
  const runs: SynthRun[] = [];
  const plain = modules.filter((m) => m.environments.length === 0);
  if (plain.length) runs.push({ env: env, modules: plain });
  for (const e of envs) {
    const declaring = modules.filter((m) => m.environments.includes(e));
    if (declaring.length) runs.push({ env: e, modules: declaring });
  }
  if (env !== undefined && !modules.some((m) => m.environments.includes(env))) {
    const known = [...new Set(modules.flatMap((m) => m.environments))];
    throw new UserError(`--env ${env}: no app declares this environment${known.length ? ` (declared: ${known.join(', ')})` : ''}`);
  }
  return runs;
}

async function synthRun(run: SynthRun, model: KubeModel): Promise<SynthResult & { prefix: string }> {
  const rules = await rulesInForce();
  const loaded = await loadApps(run.modules, run.env, { defaults: appDefaults(rules) }).catch(appLoadToUserError);
  try {
    const result = synthesize(loaded.app, { model, sourceFile: (o) => loaded.fileOf(o.chart), waves: rules.waves });
    const prefix = run.env !== undefined && run.modules.some((m) => m.environments.length) ? `${run.env}/` : '';
    return { ...result, prefix };
  } catch (e) {
    if (e instanceof CollectError) throw new UserError(e.message, EXIT.findings);
    throw e;
  }
}

/** `lading synth`: apps/*.ts → validated YAML in dist/; nothing is written when anything is invalid. */
export async function runSynth(flags: SynthFlags): Promise<number> {
  const files = flags.app.length ? [...flags.app] : await findAppFiles(flags.appsDir).catch(appLoadToUserError);
  if (files.length === 0) throw new UserError(`no app files in ${flags.appsDir}/ (expected one .ts file per application)`);
  const [model, modules] = await Promise.all([loadModel(), importApps(files).catch(appLoadToUserError)]);
  const results = [];
  for (const run of planRuns(modules, flags.env)) results.push(await synthRun(run, model));

  let errors = 0;
  for (const r of results) {
    for (const line of formatGrouped(r.diagnostics)) process.stderr.write((r.prefix ? `[${r.prefix.slice(0, -1)}] ` : '') + line + '\n');
    errors += r.errors;
  }
  if (errors > 0) {
    process.stderr.write(`synth failed: ${errors} error${errors === 1 ? '' : 's'}; nothing was written\n`);
    return EXIT.findings;
  }
  const objects = results.flatMap((r) => r.objects.map((o) => ({ ...o, file: r.prefix + o.file })));
  if (flags.stdout) {
    process.stdout.write(objects.map((o) => o.yaml).join('---\n'));
    return EXIT.ok;
  }
  const escaping = objects.flatMap((o) => {
    const why = unsafePath(o.file);
    return why
      ? [
          `${o.constructPath} ${o.object.kind.toLowerCase()}/${o.object.metadata?.name ?? ''}: its file ${flags.out}/${o.file} ${why}: it would leave ${flags.out}/; rename the object or its kind`,
        ]
      : [];
  });
  if (escaping.length) {
    for (const e of escaping) process.stderr.write(`${e}\n`);
    process.stderr.write(`synth failed: ${escaping.length} error${escaping.length === 1 ? '' : 's'}; nothing was written\n`);
    return EXIT.findings;
  }
  const out = new Map(objects.map((o) => [o.file, o.yaml]));
  const folders = flags.app.length
    ? [...new Set(objects.map((o) => o.file.slice(0, o.file.lastIndexOf('/'))))]
    : flags.env !== undefined
      ? [...new Set(results.map((r) => r.prefix.slice(0, -1)))].filter(Boolean)
      : undefined;
  const changes = await planDist(resolve(flags.out), out, folders?.length ? folders : undefined).catch((e: unknown) => {
    if (e instanceof DistPathError) throw new UserError(e.message, EXIT.findings);
    throw e;
  });
  const changed = changes.write.length + changes.remove.length + (changes.manifestChanged ? 1 : 0);
  if (flags.check) {
    for (const f of changes.write) process.stdout.write(`out of date: ${flags.out}/${f}\n`);
    for (const f of changes.remove) process.stdout.write(`stale: ${flags.out}/${f}\n`);
    if (changes.manifestChanged) process.stdout.write(`out of date: ${flags.out}/${MANIFEST_FILE} (the record of the files synth wrote)\n`);
    process.stdout.write(changed ? `${flags.out}/ is out of date: run lading synth\n` : `${flags.out}/ is up to date (${out.size} objects)\n`);
    return changed ? EXIT.findings : EXIT.ok;
  }
  await applyDist(resolve(flags.out), out, changes);
  if (!changes.recorded)
    process.stdout.write(
      `note: no ${flags.out}/${MANIFEST_FILE} yet: synth removed nothing it did not write in this run (remove stale files by hand once); from now on it records what it writes and removes only those\n`,
    );
  const apps = [...new Set(objects.map((o) => o.file.slice(0, o.file.lastIndexOf('/'))))];
  process.stdout.write(
    `synthesized ${out.size} objects of ${apps.length} application${apps.length === 1 ? '' : 's'} (${apps.join(', ')}) into ${flags.out}/: ` +
      `${changes.write.length} written, ${changes.remove.length} removed, ${changes.unchanged} unchanged\n`,
  );
  return EXIT.ok;
}
