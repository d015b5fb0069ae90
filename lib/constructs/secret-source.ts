import { readFileSync } from 'node:fs';
import { parse as parseDotenvText } from 'dotenv';
import { relative, resolve } from 'node:path';

/**
 * Where a Secret key's value comes from. Only this descriptor is written to dist/ (as the
 * annotation `lading.dev/secret-sources`); the value itself is read when applying.
 */
export type SecretSource =
  { readonly env: string } | { readonly file: string } | { readonly dotenv: string; readonly key: string } | { readonly literal: true; readonly value: string };

/** The value of the environment variable `name` (read at apply time, never at synth). */
export function fromEnv(name: string): SecretSource {
  return { env: name };
}

/** The contents of a file (path relative to the working directory where lading runs). */
export function fromFile(path: string): SecretSource {
  return { file: portable(path) };
}

/** The value of `key` in a dotenv file (path relative to the working directory). */
export function fromDotenv(file: string, key: string): SecretSource {
  return { dotenv: portable(file), key };
}

/** A value in the source code itself: for tests only (the literal-secret-source policy warns). */
export function literal(value: string): SecretSource {
  return { literal: true, value };
}

// Paths are kept relative so that dist/ is the same on every machine.
function portable(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel.split('\\').join('/');
}

/** The descriptor written to dist/: the source without any value. */
export function describeSource(s: SecretSource): Record<string, unknown> {
  if ('literal' in s) return { literal: true };
  return { ...s };
}

export class SecretSourceError extends Error {}

/**
 * Reads a source's value (for apply). A missing source is an error naming the key and the source.
 * Literal sources have no value in dist/: they resolve only from the construct itself. A file is
 * returned as its bytes (a Buffer: binary files such as keystores stay byte-exact).
 */
export function resolveSource(key: string, source: SecretSource | Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): string | Buffer {
  const s = source as Record<string, unknown>;
  if ('literal' in s) {
    if (typeof s.value === 'string') return s.value;
    throw new SecretSourceError(`key "${key}": a literal source has no value outside the app's code`);
  }
  if (typeof s.env === 'string') {
    const v = env[s.env];
    if (v === undefined) throw new SecretSourceError(`key "${key}": environment variable ${s.env} is not set`);
    return v;
  }
  if (typeof s.file === 'string') {
    try {
      return readFileSync(s.file);
    } catch {
      throw new SecretSourceError(`key "${key}": cannot read file ${s.file}`);
    }
  }
  if (typeof s.dotenv === 'string' && typeof s.key === 'string') {
    let text: string;
    try {
      text = readFileSync(s.dotenv, 'utf8');
    } catch {
      throw new SecretSourceError(`key "${key}": cannot read dotenv file ${s.dotenv}`);
    }
    const v = parseDotenv(text)[s.key];
    if (v === undefined) throw new SecretSourceError(`key "${key}": ${s.key} is not set in ${s.dotenv}`);
    return v;
  }
  throw new SecretSourceError(`key "${key}": unknown source ${JSON.stringify(s)}`);
}

/**
 * A dotenv file's variables, read by the `dotenv` library (quoted multi-line values such as PEM
 * keys, `export `, comments), so values match what every other dotenv tool reads.
 */
export function parseDotenv(text: string): Record<string, string> {
  return parseDotenvText(text);
}
