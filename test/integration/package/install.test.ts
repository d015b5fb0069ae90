// The package as a user installs it: `npm pack`, installed from the tarball into a fresh project
// with its own package.json; an app there is synthesized by the installed CLI and type-checked
// with strict consumer settings (skipLibCheck false). Needs the npm registry (for lading's own
// dependencies): skipped, saying so, when it is unreachable.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../support/cli.js';
import { installedVersion, npm, packLading, registryUnreachable } from '../../support/npm.js';

const unreachable = await registryUnreachable();
if (unreachable) process.stderr.write(`skipping the package tests: ${unreachable}\n`);

// The corpus is read where it is (beside the repository), never copied.
const CRDS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus/cert-manager/crds');

/** Strict consumer settings: lading's declarations must hold under them. */
const STRICT_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noImplicitOverride: true,
    noPropertyAccessFromIndexSignature: true,
    noImplicitReturns: true,
    types: ['node'],
  },
  include: ['apps', 'imports', 'lading.config.ts'],
};

const TS_APP = `import { type App, Chart, WebApp, type k8s } from 'lading';
export default function shop(app: App): void {
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  new WebApp(chart, 'web', { image: 'ghcr.io/acme/shop:1.4.2', port: 8080 });
  const port: k8s.ContainerPort = { containerPort: 8080 };
  void port;
}
`;
const JS_APP = `import { Chart, Worker } from 'lading';
/** @param {import('lading').App} app */
export default function jobs(app) {
  new Worker(new Chart(app, 'jobs', { namespace: 'jobs' }), 'worker', { image: 'ghcr.io/acme/worker:2.0.0' });
}
`;

// Classes made by `lading import` (cert-manager), typed at authoring and validated at synth.
const IMPORT_APP = `import { type App, Chart } from 'lading';
import { Certificate, Issuer } from '../imports/cert-manager.io.js';
export default function tls(app: App): void {
  const chart = new Chart(app, 'tls', { namespace: 'tls' });
  new Issuer(chart, 'selfsigned', { spec: { selfSigned: {} } });
  new Certificate(chart, 'web', { spec: { secretName: 'web-tls', dnsNames: ['web.example.com'], issuerRef: { name: 'selfsigned' } } });
}
`;
// A project config, typed by the package's declarations.
const CONFIG = `import { conditionReadiness, defineConfig } from 'lading';
export default defineConfig({
  readiness: [{ group: 'cert-manager.io', kind: 'Certificate', check: conditionReadiness('Ready') }],
  defaults: { labels: { team: 'payments' } },
});
`;

/** Every file under a directory with its size and mtime: to see that a run wrote nothing there. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .map((f) => {
      const st = statSync(join(dir, f));
      return `${f} ${st.size} ${st.mtimeMs}`;
    });
}

let project = '';
// The projects hold a node_modules each (about 150 MB): removed after the tests.
const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

before(
  async () => {
    if (unreachable) return;
    const tarball = await packLading();
    project = mkdtempSync(join(tmpdir(), 'lading-consumer-'));
    made.push(project, dirname(tarball));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const res = await npm(['install', '--prefer-offline', tarball, `typescript@${installedVersion('typescript')}`, '@types/node@20'], project);
    assert.equal(res.code, 0, res.stderr);
    mkdirSync(join(project, 'apps'));
    writeFileSync(join(project, 'apps', 'shop.ts'), TS_APP);
    writeFileSync(join(project, 'apps', 'jobs.js'), JS_APP);
    writeFileSync(join(project, 'apps', 'tls.ts'), IMPORT_APP);
    writeFileSync(join(project, 'lading.config.ts'), CONFIG);
    const imported = await run('npx', ['--no-install', 'lading', 'import', CRDS, '--group', 'cert-manager.io'], { cwd: project });
    assert.equal(imported.code, 0, imported.stderr);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(STRICT_TSCONFIG, null, 2));
  },
  { timeout: 10 * 60_000 },
);

test('the tarball holds compiled JavaScript and declarations, not the TypeScript sources', { skip: unreachable }, () => {
  const pkg = join(project, 'node_modules', 'lading');
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { exports: Record<string, Record<string, string>> };
  assert.equal(manifest.exports['.']!.types, './build/index.d.ts');
  const files = readdirSync(pkg, { recursive: true }).map(String);
  assert.ok(files.includes('build/index.js') && files.includes('build/index.d.ts') && files.includes('build/k8s/openapi/v1.36.json'));
  assert.deepEqual(
    files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')),
    [],
    'no .ts sources',
  );
});

test(
  'npx lading synth runs an installed TypeScript and a JavaScript app, writing nothing inside node_modules',
  { skip: unreachable, timeout: 120_000 },
  async () => {
    const pkg = join(project, 'node_modules', 'lading');
    const before = listing(pkg);
    const res = await run('npx', ['--no-install', 'lading', 'synth'], { cwd: project });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /of 3 applications \(jobs, shop, tls\)/);
    assert.match(readFileSync(join(project, 'dist', 'tls', '08-certificate-web.yaml'), 'utf8'), /kind: Certificate/);
    assert.match(readFileSync(join(project, 'dist', 'shop', '05-deployment-web.yaml'), 'utf8'), /team: payments/, 'lading.config.ts defaults');
    assert.match(readFileSync(join(project, 'dist', 'shop', '05-deployment-web.yaml'), 'utf8'), /image: ghcr\.io\/acme\/shop:1\.4\.2/);
    assert.match(readFileSync(join(project, 'dist', 'jobs', '05-deployment-worker.yaml'), 'utf8'), /image: ghcr\.io\/acme\/worker:2\.0\.0/);
    assert.deepEqual(listing(pkg), before, 'the installed package is unchanged (a read-only install works)');
  },
);

test('plain Node imports the package', { skip: unreachable }, async () => {
  const res = await run(process.execPath, ['--input-type=module', '-e', "const m = await import('lading'); console.log(typeof m.Chart, typeof m.WebApp)"], {
    cwd: project,
  });
  assert.equal(res.code, 0, res.stderr);
  assert.equal(res.stdout.trim(), 'function function');
});

test(
  'the apps, the imported classes and the config type-check against the declarations with strict settings and skipLibCheck false',
  { skip: unreachable, timeout: 300_000 },
  async () => {
    const res = await run('npx', ['--no-install', 'tsc', '-p', '.'], { cwd: project });
    assert.equal(res.code, 0, res.stdout + res.stderr);
  },
);

test('a CommonJS project is told what to change', { skip: unreachable }, async () => {
  const cjs = mkdtempSync(join(tmpdir(), 'lading-cjs-'));
  writeFileSync(join(cjs, 'package.json'), JSON.stringify({ name: 'cjs', private: true }));
  mkdirSync(join(cjs, 'apps'));
  writeFileSync(join(cjs, 'apps', 'shop.ts'), TS_APP);
  const res = await run(process.execPath, [join(project, 'node_modules', 'lading', 'bin', 'lading.js'), 'synth'], { cwd: cjs });
  assert.equal(res.code, 1, res.stderr);
  assert.match(
    res.stderr,
    /apps\/shop\.ts: would load as CommonJS \(.*package\.json has no "type": "module"\).*add "type": "module" to .*package\.json, or name the file \*\.mts/,
  );
});

test('lading init from the installed package: the new repository installs and synthesizes at once', { skip: unreachable, timeout: 600_000 }, async () => {
  const tarball = await packLading();
  const repo = join(mkdtempSync(join(tmpdir(), 'lading-init-')), 'my-apps');
  made.push(dirname(repo));
  const init = await run(process.execPath, [join(project, 'node_modules', 'lading', 'bin', 'lading.js'), 'init', repo, '--lading', `file:${tarball}`]);
  assert.equal(init.code, 0, init.stderr);
  const install = await npm(['install', '--prefer-offline'], repo);
  assert.equal(install.code, 0, install.stderr);
  const synth = await run('npx', ['--no-install', 'lading', 'synth'], { cwd: repo });
  assert.equal(synth.code, 0, synth.stderr);
  assert.match(synth.stdout, /of 1 application \(hello\)/);
  const check = await run('npm', ['run', '--silent', 'check'], { cwd: repo });
  assert.equal(check.code, 0, check.stdout + check.stderr);
});
