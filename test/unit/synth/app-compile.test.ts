import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledApps } from '../../../lib/synth/app-compile.js';

/** A project folder with a node_modules (the package root), a stand-in for 'lading', and app files. */
function project(files: Record<string, string>): { dir: string; index: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lading-app-compile-'));
  mkdirSync(join(dir, 'node_modules'));
  const index = join(dir, 'lading-index.mjs');
  writeFileSync(index, 'export const marker = "the lading bundle";\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, index: pathToFileURL(index).href };
}

const helper = `export const seen: string[] = [];\nexport const here = import.meta.url;\n`;
const appText = (name: string) =>
  `import { marker } from 'lading';\nimport { seen, here } from './_lib/helper.js';\nimport { dirname, join } from 'node:path';\n` +
  `seen.push('${name}');\nexport const info = { marker, seen, here, me: import.meta.url, dir: import.meta.dirname, joined: join('a', 'b') };\n` +
  `export default function app(): void {}\n`;

test('app files compile to native modules: one instance of a shared helper, their own import.meta, lading resolved to the bundle', async () => {
  const { dir, index } = project({ 'apps/a.ts': appText('a'), 'apps/b.ts': appText('b'), 'apps/_lib/helper.ts': helper });
  const files = [join(dir, 'apps/a.ts'), join(dir, 'apps/b.ts')];
  const urls = await compiledApps(files, index);
  assert.ok(urls, 'compiled');
  assert.ok(
    fileURLToPath(urls.get(files[0]!)!).startsWith(join(dir, 'node_modules', '.cache')),
    'beside the package root: bare imports resolve as from the sources',
  );
  const a = (await import(urls.get(files[0]!)!)) as { info: Record<string, unknown> };
  const b = (await import(urls.get(files[1]!)!)) as { info: Record<string, unknown> };
  assert.equal(a.info.marker, 'the lading bundle');
  assert.deepEqual(b.info.seen, ['a', 'b'], 'the helper is one module for both apps');
  assert.equal(a.info.here, pathToFileURL(join(dir, 'apps/_lib/helper.ts')).href);
  assert.equal(a.info.me, pathToFileURL(files[0]!).href);
  assert.equal(b.info.dir, join(dir, 'apps'));
  assert.equal(a.info.joined, join('a', 'b'));
});

test('a second run reuses the compiled modules; a changed source is compiled again', async () => {
  const { dir, index } = project({ 'apps/a.ts': appText('a'), 'apps/_lib/helper.ts': helper });
  const files = [join(dir, 'apps/a.ts')];
  const first = await compiledApps(files, index);
  const again = await compiledApps(files, index);
  assert.equal(again?.get(files[0]!), first?.get(files[0]!));
  const helperFile = join(dir, 'apps/_lib/helper.ts');
  writeFileSync(helperFile, helper.replace('seen: string[] = []', 'seen: string[] = ["changed"]'));
  utimesSync(helperFile, new Date(), new Date(Date.now() + 5_000));
  const changed = await compiledApps(files, index);
  assert.notEqual(changed?.get(files[0]!), first?.get(files[0]!));
  assert.match(readFileSync(fileURLToPath(changed!.get(files[0]!)!), 'utf8'), /"changed"/);
});

test('what would load differently compiled is left to the TypeScript loader', async () => {
  const computed = project({ 'apps/a.ts': `const name = './x.js';\nawait import(name);\nexport default () => {};\n` });
  assert.equal(await compiledApps([join(computed.dir, 'apps/a.ts')], computed.index), undefined, 'a computed dynamic import');
  const syntax = project({ 'apps/a.ts': `export default () => {;\n` });
  assert.equal(await compiledApps([join(syntax.dir, 'apps/a.ts')], syntax.index), undefined, 'a syntax error (tsx reports it)');
  const paths = project({
    'apps/a.ts': `import x from '@app/x';\nexport default () => x;\n`,
    'tsconfig.json': '{"compilerOptions":{"paths":{"@app/*":["./src/*"]}}}',
  });
  assert.equal(await compiledApps([join(paths.dir, 'apps/a.ts')], paths.index), undefined, 'tsconfig paths');
  // No node_modules above the apps: a package import would not resolve from the cache directory.
  const bare = mkdtempSync(join(tmpdir(), 'lading-app-compile-'));
  writeFileSync(join(bare, 'a.ts'), `import { Chart } from 'cdk8s';\nexport default () => Chart;\n`);
  const above = [tmpdir(), dirname(tmpdir()), '/'].some((d) => existsSync(join(d, 'node_modules')));
  if (!above) assert.equal(await compiledApps([join(bare, 'a.ts')], computed.index), undefined, 'a package without node_modules');
});
