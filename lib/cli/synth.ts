import { resolve } from 'node:path';
import { loadModel } from '../k8s/index.js';
import { AppLoadError, findAppFiles, loadApps } from '../synth/load-apps.js';
import { OrphanObjectsError } from '../synth/collect.js';
import { synthesize } from '../synth/synthesize.js';
import { applyDist, planDist } from '../synth/write-dist.js';
import { formatDiagnostic } from '../validate/format.js';
import { EXIT, UserError } from './errors.js';

export interface SynthFlags {
  readonly out: string;
  readonly env?: string;
  readonly app: readonly string[];
  readonly appsDir: string;
  readonly stdout?: boolean;
  readonly check?: boolean;
}

/** `lading synth`: apps/*.ts → validated YAML in dist/, nothing written when anything is invalid. */
export async function runSynth(flags: SynthFlags): Promise<number> {
  const files = flags.app.length ? [...flags.app] : await findAppFiles(flags.appsDir).catch(toUserError);
  if (files.length === 0) throw new UserError(`no app files in ${flags.appsDir}/ (expected one .ts file per application)`);
  const [model, loaded] = await Promise.all([loadModel(), loadApps(files, flags.env).catch(toUserError)]);
  let result;
  try {
    result = synthesize(loaded.app, { model, sourceFile: (o) => loaded.fileOf(o.chart) });
  } catch (e) {
    if (e instanceof OrphanObjectsError) throw new UserError(e.message, EXIT.findings);
    throw e;
  }
  for (const d of result.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
  if (result.errors > 0) {
    process.stderr.write(`synth failed: ${result.errors} error${result.errors === 1 ? '' : 's'} in ${files.join(', ')}; nothing was written\n`);
    return EXIT.findings;
  }
  if (flags.stdout) {
    process.stdout.write(result.objects.map((o) => o.yaml).join('---\n'));
    return EXIT.ok;
  }
  const out = new Map(result.objects.map((o) => [o.file, o.yaml]));
  const apps = [...new Set(result.objects.map((o) => o.app))];
  const changes = await planDist(resolve(flags.out), out, flags.app.length ? apps : undefined);
  const changed = changes.write.length + changes.remove.length;
  if (flags.check) {
    for (const f of changes.write) process.stdout.write(`out of date: ${flags.out}/${f}\n`);
    for (const f of changes.remove) process.stdout.write(`stale: ${flags.out}/${f}\n`);
    process.stdout.write(changed ? `${flags.out}/ is out of date: run lading synth\n` : `${flags.out}/ is up to date (${out.size} objects)\n`);
    return changed ? EXIT.findings : EXIT.ok;
  }
  await applyDist(resolve(flags.out), out, changes);
  process.stdout.write(
    `synthesized ${out.size} objects of ${apps.length} application${apps.length === 1 ? '' : 's'} (${apps.join(', ')}) into ${flags.out}/: `
    + `${changes.write.length} written, ${changes.remove.length} removed, ${changes.unchanged} unchanged\n`,
  );
  return EXIT.ok;
}

function toUserError(e: unknown): never {
  if (e instanceof AppLoadError) {
    if (process.env.LADING_DEBUG && e.cause instanceof Error) process.stderr.write(`${e.cause.stack}\n`);
    throw new UserError(e.message, EXIT.findings);
  }
  throw e;
}
