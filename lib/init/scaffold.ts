import { basename } from 'node:path';
import { ladingPackage } from './package-info.js';

/** One file `lading init` writes, relative to the new repository's root. */
export interface ScaffoldFile {
  readonly path: string;
  readonly content: string;
}

export interface ScaffoldOptions {
  /** The repository's directory (its name becomes the package name). */
  readonly dir: string;
  /** The lading dependency of package.json (default: ^ this version). */
  readonly lading?: string;
}

/** A package name npm accepts, from a directory name. */
function packageName(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[-]+$/g, '');
  return name || 'kubernetes-apps';
}

const EXAMPLE_APP = `// One file per application: its default export adds Charts to the App (README of lading).
import { type App, Chart, WebApp } from 'lading';

export default function hello(app: App): void {
  const chart = new Chart(app, 'hello', { namespace: 'hello' });
  new WebApp(chart, 'web', {
    image: 'ghcr.io/nginxinc/nginx-unprivileged:1.27',
    port: 8080,
  });
}
`;

const GITHUB_WORKFLOW = `# Checks on every push that the apps type-check and that the committed dist/ is what they synthesize.
name: lading
on: [push, pull_request]
jobs:
  synth:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npm run typecheck
      - run: npx lading synth --check
`;

/** The files of a new repository that installs (`npm install`) and synthesizes (`npx lading synth`) at once. */
export function scaffold(options: ScaffoldOptions): ScaffoldFile[] {
  const own = ladingPackage();
  const dev = own.devDependencies ?? {};
  const pkg = {
    name: packageName(options.dir),
    private: true,
    type: 'module',
    scripts: {
      synth: 'lading synth',
      check: 'tsc --noEmit -p . && lading synth --check',
      typecheck: 'tsc --noEmit -p .',
      diff: 'lading diff',
    },
    dependencies: { lading: options.lading ?? `^${own.version}` },
    devDependencies: { '@types/node': dev['@types/node'] ?? '^20.0.0', typescript: dev.typescript ?? '^5.9.0' },
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: ['node'],
    },
    include: ['apps', 'lading.config.ts'],
  };
  return [
    { path: 'package.json', content: `${JSON.stringify(pkg, null, 2)}\n` },
    { path: 'tsconfig.json', content: `${JSON.stringify(tsconfig, null, 2)}\n` },
    { path: '.gitignore', content: 'node_modules/\n' },
    { path: 'apps/hello.ts', content: EXAMPLE_APP },
    { path: '.github/workflows/lading.yml', content: GITHUB_WORKFLOW },
  ];
}
