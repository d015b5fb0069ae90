// @ts-check
// `npm run build` (and `prepack`): lib/ compiled to ESM JavaScript and .d.ts in build/, with the data
// files the compiled modules read next to themselves (OpenAPI documents, the field table).
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const LIB = join(ROOT, 'lib');
const OUT = join(ROOT, 'build');

rmSync(OUT, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
let copied = 0;
for (const entry of readdirSync(LIB, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
  const from = join(entry.parentPath, entry.name);
  cpSync(from, join(OUT, from.slice(LIB.length)));
  copied++;
}
// The CLI runs one bundle of lib/ (bin/bundle.js: the same options as a checkout's), not ~200
// compiled modules: each command starts in a fraction of the time. A bundled module that finds data
// files next to itself looks for them where its compiled twin in build/ is.
const { buildBundle } = await import('../bin/bundle.js');
const BUNDLE = join(OUT, 'cli-bundle');
const twin = (file) => `../${relative(LIB, file).split(sep).join('/').replace(/\.ts$/, '.js')}`;
await buildBundle({
  outdir: BUNDLE,
  metaUrl: (file) => `new URL(${JSON.stringify(twin(file))}, require('node:url').pathToFileURL(__filename)).href`,
});
process.stdout.write(`build/: lib/ compiled, ${copied} data files copied, CLI bundle in build/cli-bundle/\n`);
