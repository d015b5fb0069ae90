import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile, readdir, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface DistChanges {
  readonly write: readonly string[];
  readonly remove: readonly string[];
  readonly unchanged: number;
}

// Every .yaml file below `outDir` (relative paths), or below the given sub-folders only.
async function existingYaml(outDir: string, folders: readonly string[] = ['']): Promise<string[]> {
  const files: string[] = [];
  for (const folder of folders) {
    const entries = await readdir(join(outDir, folder), { recursive: true }).catch(() => [] as string[]);
    for (const f of entries) if (f.endsWith('.yaml')) files.push(folder ? `${folder}/${f}` : f);
  }
  return files;
}

/**
 * What synth must change in `outDir` so that it holds exactly `files`. Stale .yaml files are
 * removed everywhere below it, or only below `onlyFolders` when synth ran for part of the apps.
 */
export async function planDist(
  outDir: string,
  files: ReadonlyMap<string, string>,
  onlyFolders?: readonly string[],
): Promise<DistChanges> {
  const existing = new Set(await existingYaml(outDir, onlyFolders));
  const write: string[] = [];
  let unchanged = 0;
  await Promise.all([...files].map(async ([rel, content]) => {
    const current = existing.has(rel) ? await readFile(join(outDir, rel), 'utf8').catch(() => undefined) : undefined;
    if (current === content) unchanged++;
    else write.push(rel);
  }));
  const remove = [...existing].filter((rel) => !files.has(rel)).sort();
  return { write: write.sort(), remove, unchanged };
}

/** Carries out a plan: writes changed files, removes stale ones and folders left empty. */
export async function applyDist(outDir: string, files: ReadonlyMap<string, string>, changes: DistChanges): Promise<void> {
  const dirs = new Set(changes.write.map((rel) => dirname(join(outDir, rel))));
  for (const d of dirs) mkdirSync(d, { recursive: true });
  // Sequential synchronous writes: on local disks several times faster than thousands of
  // concurrent writeFile calls queued on libuv's four threads.
  for (const rel of changes.write) writeFileSync(join(outDir, rel), files.get(rel)!);
  await Promise.all(changes.remove.map((rel) => rm(join(outDir, rel), { force: true })));
  const emptied = new Set(changes.remove.map((rel) => dirname(join(outDir, rel))));
  for (const d of emptied) {
    // rmdir only succeeds on an empty folder; walk up while folders empty out.
    for (let dir = d; dir.startsWith(outDir) && dir !== outDir; dir = dirname(dir)) {
      if (!(await rmdir(dir).then(() => true, () => false))) break;
    }
  }
}
