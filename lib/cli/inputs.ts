import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from './errors.js';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

export interface InputFile {
  /** The path as the user should see it ("-" is shown as <stdin>). */
  readonly name: string;
  readonly text: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function expand(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => {
    throw new UserError(`${path}: no such file or directory`);
  });
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(path, e.name);
    if (e.isDirectory()) files.push(...(await expand(full)));
    else if (MANIFEST_FILE.test(e.name)) files.push(full);
  }
  return files;
}

/** Reads files, directories (recursively: *.yaml, *.yml, *.json) and "-" for stdin, in order. */
export async function readInputs(paths: readonly string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const path of paths) {
    if (path === '-') {
      out.push({ name: '<stdin>', text: await readStdin() });
      continue;
    }
    for (const file of await expand(path)) {
      const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new UserError(`${file}: cannot read: ${e.code ?? e.message}`);
      });
      out.push({ name: file, text });
    }
  }
  return out;
}
