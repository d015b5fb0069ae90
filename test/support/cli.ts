import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitYamlStream } from '../../lib/manifest/emit-yaml.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin', 'lading.js');

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: Record<string, string>;
  readonly input?: string;
  readonly cwd?: string;
  /** Killed after this long (default 10 minutes): a hung command fails its test instead of hanging the whole run. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** Runs a command to completion, as a user or CI would (no TTY). */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = '';
    let settled = false;
    const done = (code: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stdout, stderr: stderr + killed });
    };
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => {
      killed = `\n[test support: ${command} ${args.join(' ')} was killed after ${timeoutMs / 1000}s]\n`;
      child.kill('SIGKILL');
      // A grandchild may still hold the pipes open (npx's node): the result is given anyway.
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        done(null);
      }, 5_000).unref();
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => {
      settled = true;
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', done);
    // A command that exits without reading its input (a shell step) closes the pipe: not an error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** `lading ARGS` as a child process. */
export function lading(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return run(process.execPath, [BIN, ...args], options);
}

/** Writes objects as one YAML stream into a fresh temp directory; returns the file path. */
export function writeManifests(objects: readonly unknown[], name = 'app.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'lading-test-'));
  const file = join(dir, name);
  writeFileSync(file, emitYamlStream(objects));
  return file;
}

export { ROOT };
