import { lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { readFile, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';

/**
 * The record of the files synth wrote, kept in the output folder (commit it with them): synth
 * removes only files listed there, never a `kustomization.yaml` or a workflow it did not write.
 */
export const MANIFEST_FILE = '.lading-files';
const MANIFEST_HEADER = '# Files written by `lading synth` (it removes only these when their objects are gone). Do not edit.\n';

export interface DistChanges {
  readonly write: readonly string[];
  readonly remove: readonly string[];
  readonly unchanged: number;
  /** The record after the change, and whether it differs from the one on disk. */
  readonly manifest: readonly string[];
  readonly manifestChanged: boolean;
  /** False on a first run (no record yet): nothing was removed. */
  readonly recorded: boolean;
}

export class DistPathError extends Error {}

// A file synth writes: `[env/]app/NN-kind-name[.ns].yaml`. A record line of any other shape
// (a hand-edited record naming .github/workflows/x.yaml) is ignored, never removed.
const WRITTEN = /^(?:[^/]+\/)?[^/]+\/\d{2}-[^/]+\.yaml$/;

/** Why a relative path would leave the output folder (`..`, absolute, empty parts), else undefined. */
export function unsafePath(rel: string): string | undefined {
  if (rel.includes('\\') || rel.includes('\0')) return 'holds "\\" or a NUL character';
  if (rel.startsWith('/')) return 'is absolute';
  const parts = rel.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return 'holds an empty, "." or ".." part (a kind or name with "/" or "..")';
  return undefined;
}

/**
 * Throws when writing or removing `rel` would go through a symbolic link (a link to a folder
 * outside, or a file that is a link): synth writes only regular files inside the output folder.
 * `seen` remembers each path's answer across calls: true (a link), false (not one), null (missing).
 */
function assertNoLink(outDir: string, rel: string, seen: Map<string, boolean | null>): void {
  const parts = rel.split('/');
  let path = outDir;
  for (let i = 0; i < parts.length; i++) {
    // The parts are safe names (unsafePath): join only normalizes the output folder, once.
    path = i === 0 ? join(outDir, parts[0]!) : path + sep + parts[i]!;
    let link = seen.get(path);
    if (link === undefined) {
      // No exception for a missing path: a first synth of 4,000 objects asks 4,000 times.
      const info = lstatSync(path, { throwIfNoEntry: false });
      link = info ? info.isSymbolicLink() : null;
      seen.set(path, link);
    }
    if (link === null) return; // does not exist yet: nothing below it does either
    if (link)
      throw new DistPathError(
        `${join(outDir, rel)}: ${path} is a symbolic link: synth writes only regular files inside its output folder and never follows a link; remove it`,
      );
  }
}

async function readManifest(outDir: string): Promise<string[] | undefined> {
  let text: string;
  try {
    text = await readFile(join(outDir, MANIFEST_FILE), 'utf8');
  } catch {
    return undefined;
  }
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

export function manifestText(files: readonly string[]): string {
  return (
    MANIFEST_HEADER +
    [...files]
      .sort()
      .map((f) => `${f}\n`)
      .join('')
  );
}

function listing(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * What synth must change in `outDir` so that it holds `files`. Stale files are those synth wrote
 * before (its record, `.lading-files`) whose objects are gone, everywhere or only below
 * `onlyFolders` when synth ran for part of the apps; with no record yet nothing is removed.
 */
export async function planDist(outDir: string, files: ReadonlyMap<string, string>, onlyFolders?: readonly string[]): Promise<DistChanges> {
  for (const rel of files.keys()) {
    const why = unsafePath(rel);
    if (why) throw new DistPathError(`${rel}: this file name ${why}: it would leave ${outDir}`);
  }
  const seen = new Map<string, boolean | null>();
  for (const rel of files.keys()) assertNoLink(outDir, rel, seen);
  const previous = await readManifest(outDir);
  const recorded = previous ?? [];
  const inScope = (rel: string) => !onlyFolders || onlyFolders.some((f) => rel.startsWith(`${f}/`));
  const ours = recorded.filter((rel) => WRITTEN.test(rel) && !unsafePath(rel));
  const write: string[] = [];
  let unchanged = 0;
  // Files are read back only where their folder holds them (a first synth reads none).
  const present = new Map<string, Set<string>>();
  const exists = (rel: string) => {
    const dir = dirname(rel);
    let names = present.get(dir);
    if (!names) present.set(dir, (names = new Set(listing(join(outDir, dir)))));
    return names.has(basename(rel));
  };
  const toCompare: string[] = [];
  for (const rel of files.keys()) {
    if (exists(rel)) toCompare.push(rel);
    else write.push(rel);
  }
  await Promise.all(
    toCompare.map(async (rel) => {
      const current = await readFile(join(outDir, rel), 'utf8').catch(() => undefined);
      if (current === files.get(rel)) unchanged++;
      else write.push(rel);
    }),
  );
  const candidates = ours.filter((rel) => inScope(rel) && !files.has(rel));
  const remove: string[] = [];
  for (const rel of candidates) {
    assertNoLink(outDir, rel, seen);
    try {
      if (lstatSync(join(outDir, rel)).isFile()) remove.push(rel);
    } catch {
      // already gone
    }
  }
  const manifest = [...new Set([...ours.filter((rel) => !inScope(rel)), ...files.keys()])].sort();
  const current = await readFile(join(outDir, MANIFEST_FILE), 'utf8').catch(() => undefined);
  return {
    write: write.sort(),
    remove: remove.sort(),
    unchanged,
    manifest,
    manifestChanged: current !== manifestText(manifest),
    recorded: previous !== undefined,
  };
}

/** Carries out a plan: writes changed files, removes stale ones and folders left empty, updates the record. */
export async function applyDist(outDir: string, files: ReadonlyMap<string, string>, changes: DistChanges): Promise<void> {
  const paths = changes.write.map((rel) => join(outDir, rel));
  mkdirSync(outDir, { recursive: true });
  for (const d of new Set(paths.map(dirname))) mkdirSync(d, { recursive: true });
  // Sequential synchronous writes: on local disks several times faster than thousands of
  // concurrent writeFile calls queued on libuv's four threads.
  changes.write.forEach((rel, i) => writeFileSync(paths[i]!, files.get(rel)!));
  await Promise.all(changes.remove.map((rel) => rm(join(outDir, rel), { force: true })));
  if (changes.manifestChanged) writeFileSync(join(outDir, MANIFEST_FILE), manifestText(changes.manifest));
  const emptied = new Set(changes.remove.map((rel) => dirname(join(outDir, rel))));
  for (const d of emptied) {
    // rmdir only succeeds on an empty folder; walk up while folders empty out.
    for (let dir = d; dir.startsWith(outDir) && dir !== outDir; dir = dirname(dir)) {
      if (
        !(await rmdir(dir).then(
          () => true,
          () => false,
        ))
      )
        break;
    }
  }
}
