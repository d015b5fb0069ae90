import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { scaffold } from '../init/scaffold.js';
import { EXIT, UserError } from './errors.js';

export interface InitFlags {
  /** The lading dependency written into package.json (a version range, a path, a tarball). */
  readonly lading?: string;
}

/** `lading init [DIR]`: a new repository of apps; refuses to overwrite anything. */
export async function runInit(dirArg: string | undefined, flags: InitFlags): Promise<number> {
  const dir = resolve(dirArg ?? '.');
  const files = scaffold({ dir, lading: flags.lading });
  const existing = files.filter((f) => existsSync(join(dir, f.path))).map((f) => f.path);
  if (existing.length) {
    throw new UserError(`${dirArg ?? '.'}: not initialized, these files exist already (nothing was written): ${existing.join(', ')}`);
  }
  for (const file of files) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    // 'wx': a file that appeared since the check above is not overwritten either.
    writeFileSync(target, file.content, { flag: 'wx' });
  }
  const near = relative(process.cwd(), dir);
  const shown = near === '' ? '.' : near.startsWith('..') ? dir : near;
  process.stdout.write(`created ${files.map((f) => f.path).join(', ')} in ${shown}\n`);
  process.stdout.write(`next: ${shown === '.' ? '' : `cd ${shown} && `}npm install && npx lading synth\n`);
  // They need a cluster's credentials as repository secrets: a new repository starts with the checks only.
  process.stdout.write(
    'then, for a plan on each pull request and an apply of the reviewed plan on merge: node_modules/lading/docs/examples/github-actions/ (copy to .github/workflows/)\n',
  );
  return EXIT.ok;
}
