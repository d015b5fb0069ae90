import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConfigFile, loadConfig } from '../../../lib/config/load-config.js';
import { ConfigError } from '../../../lib/config/resolve-config.js';
import { POLICIES } from '../../../lib/validate/policies/index.js';
import { lading } from '../../support/cli.js';

const CONFIG = `import { type LadingConfig, defineConfig, conditionReadiness } from 'lading';
export default defineConfig({
  waves: [{ name: 'services', kinds: ['ConfigMap'] }],
  readiness: [{ group: 'cert-manager.io', kind: 'Certificate', check: conditionReadiness('Ready') }],
  policies: (library) => library.filter((p) => p.id !== 'image-tag'),
  defaults: { labels: { team: 'payments' } },
}) satisfies LadingConfig;
`;

const APP = `import { type App, ApiObject, Chart, WebApp } from 'lading';
export default function shop(app: App): void {
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  new WebApp(chart, 'web', { image: 'ghcr.io/acme/shop:latest', port: 8080 });
  new ApiObject(chart, 'cfg', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } });
}
`;

function project(config?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lading-config-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  mkdirSync(join(dir, 'apps'));
  writeFileSync(join(dir, 'apps', 'shop.ts'), APP);
  if (config !== undefined) writeFileSync(join(dir, 'lading.config.ts'), config);
  return dir;
}

test('the config is found in the working directory or above it, up to the project root', () => {
  const dir = project(CONFIG);
  mkdirSync(join(dir, 'apps', 'deep'));
  assert.equal(findConfigFile(join(dir, 'apps', 'deep')), join(dir, 'lading.config.ts'));
  assert.equal(findConfigFile(project()), undefined, 'not looked for above the project root (package.json)');
});

test('a TypeScript config is loaded and applied to the library tables', async () => {
  const rules = await loadConfig(join(project(CONFIG), 'lading.config.ts'));
  assert.deepEqual(
    rules.policies.map((p) => p.id),
    POLICIES.map((p) => p.id).filter((id) => id !== 'image-tag'),
  );
  assert.ok(rules.waves.find((w) => w.name === 'services')!.kinds.includes('ConfigMap'));
  assert.equal(rules.readiness[0]!.kind, 'Certificate');
  assert.deepEqual(rules.defaults, { labels: { team: 'payments' } });
});

test('a config without a default export is named', async () => {
  const dir = project('export const waves = [];\n');
  await assert.rejects(
    loadConfig(join(dir, 'lading.config.ts')),
    (e: unknown) => e instanceof ConfigError && /lading\.config\.ts: expected a default export: export default defineConfig/.test(e.message),
  );
});

test('lading synth uses the project config: waves, policies and organisation defaults', async () => {
  const dir = project(CONFIG);
  const res = await lading(['synth'], { cwd: dir });
  assert.equal(res.code, 0, res.stderr);
  const files = readdirSync(join(dir, 'dist', 'shop')).sort();
  const prefix = (kind: string) => files.find((f) => f.includes(`-${kind}-`))!.slice(0, 2);
  assert.equal(prefix('configmap'), prefix('service'), `the ConfigMap is in the services wave: ${files.join(', ')}`);
  assert.match(
    readFileSync(
      join(
        dir,
        'dist',
        'shop',
        files.find((f) => f.includes('-deployment-'))!,
      ),
      'utf8',
    ),
    /team: payments/,
  );

  const without = project();
  const strict = await lading(['synth'], { cwd: without });
  assert.equal(strict.code, 1, 'without the config, image-tag still applies');
  assert.match(strict.stderr, /uses the tag "latest"/);
});

test('a mistake in the config: exit 2, the file and the field named, nothing written', async () => {
  const dir = project(`export default { waves: [{ name: 'x', kinds: ['A'] }], coOwners: [{ description: 'x', path: '^spec' }] };\n`);
  const res = await lading(['synth'], { cwd: dir });
  assert.equal(res.code, 2);
  assert.match(res.stderr, /^error: lading\.config\.ts: coOwners\[0\]\.path: expected a regular expression/);
  assert.deepEqual(readdirSync(dir).sort(), ['apps', 'lading.config.ts', 'package.json']);
});
