import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, type RunResult, run } from './cli.js';

/** npm's CLI (npm-cli.js next to the running node, or `npm` on PATH). */
export function npm(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  return run('npm', ['--no-audit', '--no-fund', '--loglevel=error', ...args], { cwd, env });
}

/** Why the npm registry cannot be used from here, or undefined when it answers. */
export function registryUnreachable(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('npm', ['ping'], { timeout: 20_000 }, (error, _stdout, stderr) =>
      resolve(error ? `the npm registry is unreachable (npm ping: ${(stderr || error.message).trim().split('\n').pop()})` : undefined),
    );
  });
}

let packed: Promise<string> | undefined;

/** `npm pack` of this repository (its prepack builds build/), once per process: the tarball's path. */
export function packLading(): Promise<string> {
  packed ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lading-pack-'));
    const res = await npm(['pack', '--json', '--pack-destination', dir], ROOT);
    if (res.code !== 0) throw new Error(`npm pack failed:\n${res.stderr}`);
    const [info] = JSON.parse(res.stdout.slice(res.stdout.indexOf('['))) as { filename: string }[];
    return join(dir, info!.filename);
  })();
  return packed;
}

/** The version of a package installed in this repository (to install the same one elsewhere). */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}
