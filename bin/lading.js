#!/usr/bin/env node
// @ts-check
// The command line. Kept in plain JavaScript so that `lading --help` loads nothing else. A command
// runs the bundle of lib/ that the installed package ships (build/cli-bundle/), or, in a source
// checkout (lib/ is there), one built on demand: nothing is ever written inside an installed package.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';

// package.json is the one place the version is written (lib reads it through lib/core/version.ts).
const VERSION = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

/** The CLI's runCommand and the URL of the module app files import as 'lading', bundled (or compiled). */
async function cli() {
  const { loadBundle } = await import('./bundle-load.js');
  if (existsSync(new URL('../lib/cli/run.ts', import.meta.url))) {
    const { ensureBundle } = await import('./bundle.js');
    return loadBundle(await ensureBundle(), true);
  }
  const bundle = new URL('../build/cli-bundle/', import.meta.url);
  if (existsSync(new URL('cli.cjs', bundle))) return loadBundle(fileURLToPath(bundle), false);
  const { runCommand } = await import(new URL('../build/cli/run.js', import.meta.url).href);
  return { runCommand, index: new URL('../build/index.js', import.meta.url).href };
}

/** Runs `lib/cli/<name>.ts` (bundled or compiled) with the parsed arguments; returns its exit code. */
async function run(name, ...args) {
  const { runCommand, index } = await cli();
  // App files loaded later resolve 'lading' to these very modules (lib/synth/app-loader.ts).
  globalThis.__LADING_BUNDLE__ = { index };
  try {
    return await runCommand(name, args);
  } finally {
    const { saveCodeCache } = await import('./bundle-load.js');
    saveCodeCache();
  }
}

const collect = (value, previous) => [...previous, value];

/** Examples shown at the end of a command's --help: [command line, what it does]. */
const examples = (lines) => `\nExamples:\n${lines.map(([cmd, what]) => `  $ ${cmd}\n      ${what}`).join('\n')}\n`;

const EXAMPLES = {
  validate: [
    ['lading validate k8s/', 'every *.yaml, *.yml and *.json under k8s/, against Kubernetes 1.36'],
    ['helm template ./chart | lading validate - --kube-version 1.33 -o json', 'a rendered chart from stdin, as JSON'],
  ],
  synth: [
    ['lading synth', 'apps/*.ts to dist/ (every environment the apps declare)'],
    ['lading synth --check', 'in CI: exit 1 when dist/ is not what apps/ synthesize'],
    ['lading synth --env prod --stdout', 'one YAML stream of the prod environment'],
  ],
  diff: [
    ['lading diff --env prod', 'what apply would change in the cluster, drift included'],
    ['lading diff --env prod --save-plan plan.json -o markdown > plan.md', 'in CI: save the plan for apply --plan, and a pull-request comment'],
    ['lading diff --env prod --drift-only -o markdown', 'only out-of-band changes, with who and when (exit 1 when there are any)'],
  ],
  status: [
    ['lading status --env prod', 'each object in sync, ready and without drift? and the last revision'],
    ['lading status --name shop --env prod -o json', 'one application, as JSON (exit 0 healthy, 1 not)'],
  ],
  apply: [
    ['lading apply --env dev --wait', 'show the plan, ask, apply in waves, wait until ready'],
    ['lading apply --plan plan.json --max-age 24h --prune --wait', 'in CI: apply exactly the reviewed plan, or refuse'],
    ['lading apply -f dist/prod --yes --prune --quiet', 'a GitOps dist/ folder, without the diff and the line per object'],
  ],
  rollback: [
    ['lading rollback --name shop --env prod --wait', 'back to the revision before the latest'],
    ['lading rollback --name shop --env prod --to 4 --dry-run', 'show what going back to revision 4 would change'],
  ],
  history: [
    ['lading history --name shop --env prod', 'the revisions of one application: who, when, commit'],
    ['lading history -n shop -o json', 'every revision recorded in namespace shop, as JSON'],
  ],
};

const COMMANDS = ['validate', 'synth', 'diff', 'status', 'apply', 'rollback', 'history', 'init', 'import'];

// Stands in for a command that is not run: every call on it is a no-op returning itself.
const skipped = new Proxy(() => skipped, { get: () => skipped });

function buildProgram(setExit) {
  // A command line that names a command gets only that command built (building the options of all
  // of them is a noticeable part of a small command's start); help and errors get them all.
  const only = COMMANDS.includes(process.argv[2] ?? '') ? process.argv[2] : undefined;
  const command = (name) => (only && name !== only ? skipped : program.command(name));
  const program = new Command('lading')
    .description('Compile TypeScript constructs to validated Kubernetes YAML, diff it against the live cluster, apply it safely.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride()
    .addHelpText(
      'after',
      examples([
        ['lading synth && lading diff --env dev', 'compile apps/ to dist/, then see what would change in the cluster'],
        ['lading apply --env dev --wait', 'apply it, and wait until ready'],
        ['lading <command> --help', 'every command has its own examples'],
      ]),
    );

  command('validate')
    .description("Validate Kubernetes YAML or JSON: the pinned Kubernetes version's schemas plus the API server's rules")
    .argument('<paths...>', 'files, directories (recursively: *.yaml, *.yml, *.json) or - for stdin')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--no-strict', 'report unknown fields as warnings instead of errors')
    .option('--ignore-missing-schemas', 'accept kinds with no schema and no CRD among the inputs')
    .option('--kube-version <X.Y>', 'Kubernetes version whose schemas to use (1.32 to 1.36; default 1.36)')
    .addHelpText('after', examples(EXAMPLES.validate))
    .action(async (paths, o) => setExit(await run('validate', paths, o)));

  command('synth')
    .description('Synthesize apps/*.ts into validated, deterministic YAML in dist/')
    .option('--out <dir>', 'output directory', 'dist')
    .option('--env <name>', 'environment to synthesize (given to every app)')
    .option('--app <file>', 'synthesize only this app file (repeatable)', collect, [])
    .option('--apps-dir <dir>', 'directory of the apps', 'apps')
    .option('--stdout', 'print one YAML stream instead of writing files')
    .option('--check', 'write nothing; exit 1 when the output directory differs from what synth would write')
    .addHelpText('after', examples(EXAMPLES.synth))
    .action(async (o) => setExit(await run('synth', o)));

  const clusterOptions = (cmd) =>
    cmd
      .option('-f, --filename <path>', 'manifests to use instead of apps/ (file, directory, or - for stdin; repeatable)', collect, [])
      .option('--name <app>', 'the application (its inventory); default: every app, or the directory name with -f')
      .option('--env <name>', 'environment of the apps to synthesize')
      .option('--apps-dir <dir>', 'directory of the apps', 'apps')
      .option('-n, --namespace <ns>', "namespace for namespaced objects that set none (default: the context's)")
      .option('--context <name>', 'kubeconfig context to use')
      .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
      .option('--concurrency <n>', 'requests in flight at once', '16')
      .option(
        '--trust-secret-sources',
        'read the environment variables and files that lading.dev/secret-sources annotations of -f input (or of a history record) name; without it only the app definitions name sources',
      )
      .option('--request-timeout <duration>', 'how long one request to the API server may take (e.g. 30s, 1m; 0: no limit)', '30s');

  clusterOptions(
    command('diff').description(
      'Show what apply would change in the live cluster (server-side apply dry-run), drift included, secrets masked. Exit 0: no changes, 1: changes, 2: error',
    ),
  )
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('-v, --verbose', 'also list unchanged objects')
    .option('--save-plan <file>', 'also write the plan to this file (mode 0600, no secret value) for lading apply --plan')
    .option('--drift-only', 'list only out-of-band changes (fields other managers set or took over, who and when); exit 1 when there are any')
    .addHelpText('after', examples(EXAMPLES.diff))
    .action(async (o) => setExit(await run('diff', o)));

  clusterOptions(
    command('status').description(
      'Per application: each object in sync or not, ready or not (the readiness table), drifted fields, and the last revision (who, when, commit). Exit 0: all in sync, ready and without drift; 1: otherwise; 2: error',
    ),
  )
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', examples(EXAMPLES.status))
    .action(async (o) => setExit(await run('status', o)));

  const applyOptions = (cmd) =>
    clusterOptions(cmd)
      .option('--prune', 'delete objects of this application (its ApplySet) that are no longer desired')
      .option('--wait', 'wait until every object is ready (readiness per kind)')
      .option('--timeout <duration>', 'how long --wait waits, e.g. 90s, 5m', '5m')
      .option('-y, --yes', 'do not ask for confirmation (never asked without a TTY)')
      .option('--dry-run', 'show the plan and stop')
      .option('--force-conflicts', 'take ownership of fields other field managers own')
      .option('--force-replace', 'delete and re-create objects whose immutable fields change')
      .option('--adopt', "take over objects that are members of another application's ApplySet")
      .option(
        '--confirm-prune',
        'with --prune, also delete Namespaces, CRDs, PersistentVolumeClaims and PersistentVolumes (shown in the plan with what they take with them)',
      )
      .option('--lock-timeout <duration>', 'how long to wait for another apply or rollback of the same application (e.g. 1m; 0: do not wait)', '1m')
      .option('-q, --quiet', 'print no diff and no line per object: the summaries, warnings and errors only');

  applyOptions(
    command('apply').description(
      'Show the plan, then apply it with server-side apply: in waves, with prune and wait. Exit 0: applied (and ready), 1: a write failed, not ready, or declined, 2: refused (nothing written), 130: interrupted',
    ),
  )
    .option('--plan <file>', 'apply exactly this plan (lading diff --save-plan): refused when the inputs or any planned object changed since')
    .option('--max-age <duration>', 'with --plan: refuse a plan older than this (e.g. 30m, 24h)')
    .addHelpText('after', examples(EXAMPLES.apply))
    .action(async (o) => setExit(await run('apply', o)));

  applyOptions(
    command('rollback')
      .description('Re-apply an earlier revision of an application (default: the one before the latest), through the same path as apply')
      .option('--to <revision>', 'the revision to go back to (see lading history)')
      .option(
        '--trust-history',
        "apply objects of the record that reach beyond the application's namespace or grant permissions (cluster-scoped kinds, other namespaces, RBAC) and differ from the live cluster; its policy errors become warnings",
      )
      .addHelpText('after', examples(EXAMPLES.rollback)),
  ).action(async (o) => setExit(await run('rollback', o)));

  command('history')
    .description('List the revisions applied to the cluster, per application (who, when, commit)')
    .option('--name <app>', 'only this application')
    .option('--env <name>', 'only this environment')
    .option('-n, --namespace <ns>', 'only this namespace (default: every namespace you may list)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)')
    .option('--request-timeout <duration>', 'how long one request to the API server may take (e.g. 30s, 1m; 0: no limit)', '30s')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', examples(EXAMPLES.history))
    .action(async (o) => setExit(await run('history', o)));

  command('init')
    .description(
      'Create a repository of apps that installs and synthesizes at once: package.json, tsconfig.json, apps/hello.ts, .gitignore, a CI workflow (never overwrites a file)',
    )
    .argument('[dir]', 'directory of the new repository (created if missing)', '.')
    .option('--lading <spec>', 'the lading dependency written into package.json (default: ^ this version; a path or tarball works too)')
    .action(async (dir, o) => setExit(await run('init', dir, o)));

  command('import')
    .description(
      'Turn CustomResourceDefinitions into typed construct classes (TypeScript, one module per API group, props checked with zod, objects validated against the CRD at synth)',
    )
    .argument('[paths...]', 'CRD files or directories (recursively: *.yaml, *.yml, *.json), or - for stdin')
    .option('--out <dir>', 'directory of the generated modules', 'imports')
    .option('--from-cluster', "import the live cluster's CRDs instead of files")
    .option('--group <group>', 'only this API group (repeatable)', collect, [])
    .option('--context <name>', 'kubeconfig context to use (with --from-cluster)')
    .option('--kubeconfig <file>', 'kubeconfig file (with --from-cluster; default: $KUBECONFIG, then ~/.kube/config)')
    .option('--request-timeout <duration>', 'how long one request to the API server may take (e.g. 30s, 1m; 0: no limit)', '30s')
    .action(async (paths, o) => setExit(await run('import', paths, o)));

  return program;
}

let exitCode = 0;
try {
  await buildProgram((code) => {
    exitCode = code;
  }).parseAsync(process.argv.slice(2), { from: 'user' });
} catch (e) {
  // --help and --version end with a "success" CommanderError; usage errors exit 2.
  exitCode = e instanceof CommanderError ? (e.exitCode === 0 ? 0 : 2) : 3;
  if (!(e instanceof CommanderError)) process.stderr.write(`internal error: ${e?.stack ?? e}\n`);
}
process.exitCode = exitCode;
