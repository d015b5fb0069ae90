import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { lading } from '../../support/cli.js';

const FILES = ['.github/workflows/lading.yml', '.gitignore', 'apps/hello.ts', 'package.json', 'tsconfig.json'];

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

test('lading init DIR creates a repository whose example app synthesizes at once', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'lading-init-')), 'Shop Apps');
  const res = await lading(['init', dir]);
  assert.equal(res.code, 0, res.stderr);
  assert.match(res.stdout, /next: cd .* && npm install && npx lading synth/);
  assert.deepEqual(files(dir), FILES);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'shop-apps');
  assert.equal(pkg.type, 'module', 'apps are ES modules');
  assert.match(pkg.dependencies.lading, /^\^\d+\.\d+\.\d+$/);
  const tsconfig = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'));
  assert.equal(tsconfig.compilerOptions.strict, true);
  const workflow = parse(readFileSync(join(dir, '.github/workflows/lading.yml'), 'utf8'));
  assert.deepEqual(workflow.jobs.synth.steps.map((s: { run?: string }) => s.run).filter(Boolean), ['npm ci', 'npm run typecheck', 'npx lading synth --check']);

  const synth = await lading(['synth'], { cwd: dir });
  assert.equal(synth.code, 0, synth.stderr);
  assert.match(readFileSync(join(dir, 'dist/hello/05-deployment-web.yaml'), 'utf8'), /image: ghcr\.io\/nginxinc\/nginx-unprivileged:1\.27/);
});

test('lading init refuses to overwrite: one existing file, nothing written, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lading-init-'));
  mkdirSync(join(dir, 'apps'));
  writeFileSync(join(dir, 'apps', 'hello.ts'), '// mine\n');
  writeFileSync(join(dir, 'package.json'), '{}\n');
  const res = await lading(['init'], { cwd: dir });
  assert.equal(res.code, 2);
  assert.match(res.stderr, /^error: \.: not initialized, these files exist already \(nothing was written\): package\.json, apps\/hello\.ts\n$/);
  assert.deepEqual(files(dir), ['apps/hello.ts', 'package.json']);
  assert.equal(readFileSync(join(dir, 'apps', 'hello.ts'), 'utf8'), '// mine\n');
});

test('--lading sets the dependency (a tarball, a path, another range)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lading-init-'));
  assert.equal((await lading(['init', dir, '--lading', 'file:../lading-0.1.0.tgz'])).code, 0);
  assert.equal(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies.lading, 'file:../lading-0.1.0.tgz');
});
