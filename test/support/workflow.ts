import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, run } from './cli.js';

/**
 * Runs a GitHub Actions workflow file's steps as a runner would, on this machine: `run:` steps
 * with bash (`-e`, as GitHub's default shell), `${{ … }}` expressions from a context, GITHUB_ENV
 * carried between steps, and the few `uses:` actions the examples use emulated. `npx lading` is
 * this checkout's lading; `gh` is a fake GitHub (comments, runs and artifacts in a state folder)
 * that answers `--jq` with the real jq, so the steps run unchanged.
 */
export interface WorkflowRun {
  readonly file: string;
  /** The project's folder (the checkout). */
  readonly cwd: string;
  /** Values of `${{ … }}`: secrets.X, github.token, github.event.pull_request.number, … */
  readonly context: Record<string, unknown>;
  /** GITHUB_SHA, GITHUB_REPOSITORY, and whatever else the runner sets. */
  readonly env: Record<string, string>;
  /** The fake GitHub's state (see fakeGitHub). */
  readonly github: FakeGitHub;
  /** This run's id (artifacts are filed under it). */
  readonly runId: number;
  readonly headSha: string;
}

export interface StepResult {
  readonly name: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface FakeGitHub {
  readonly dir: string;
  comments(): { id: number; issue: number; body: string }[];
  issues(): { number: number; state: string; title: string; body: string; labels: string[] }[];
  /** Which pull request a commit came from, and each pull request's head. */
  merged(sha: string, pr: number, head: string): void;
}

// A step's script, as GitHub's default shell runs it.
const bash = (script: string, cwd: string, env: Record<string, string>) =>
  run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env });

function lookup(context: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), context);
}

function expand(text: string, context: Record<string, unknown>): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, path: string) => String(lookup(context, path) ?? ''));
}

const FAKE_GH = `#!/usr/bin/env node
// A fake GitHub CLI for the workflow tests: the calls lading's example workflows make.
const fs = require('node:fs'), path = require('node:path'), cp = require('node:child_process');
const dir = process.env.FAKE_GH_STATE;
const file = path.join(dir, 'state.json');
const state = JSON.parse(fs.readFileSync(file, 'utf8'));
const save = () => fs.writeFileSync(file, JSON.stringify(state, null, 2));
const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const out = (value) => {
  const jq = flag('--jq');
  const text = JSON.stringify(value);
  if (!jq) return process.stdout.write(text + '\\n');
  const r = cp.spawnSync('jq', ['-r', jq], { input: text });
  process.stdout.write(r.stdout); process.stderr.write(r.stderr); process.exitCode = r.status;
};
if (args[0] === 'api') {
  const method = flag('--method') ?? 'GET';
  const p = args.slice(1).find((a, i, all) => !a.startsWith('-') && !['--method', '--jq', '-F', '-f'].includes(all[i - 1] ?? '') );
  // -f key=value and -F key=@file (or key=value), repeatable; keys ending in [] collect lists.
  const fields = {};
  args.forEach((a, i) => {
    if (a !== '-f' && a !== '-F') return;
    const kv = args[i + 1]; const k = kv.slice(0, kv.indexOf('=')); let v = kv.slice(kv.indexOf('=') + 1);
    if (a === '-F' && v.startsWith('@')) v = fs.readFileSync(v.slice(1), 'utf8');
    if (k.endsWith('[]')) (fields[k.slice(0, -2)] ??= []).push(v); else fields[k] = v;
  });
  const body = () => fields.body;
  const [route, search = ''] = (p ?? '').split('?');
  const query = new URLSearchParams(search);
  let m;
  if ((m = /^repos\\/[^/]+\\/[^/]+\\/issues\\/(\\d+)\\/comments$/.exec(route)) && method === 'GET') out(state.comments.filter((c) => c.issue === Number(m[1])));
  else if (m && method === 'POST') { state.comments.push({ id: state.next++, issue: Number(m[1]), body: body() }); save(); out({}); }
  else if ((m = /^repos\\/[^/]+\\/[^/]+\\/issues\\/comments\\/(\\d+)$/.exec(p)) && method === 'PATCH') { state.comments.find((c) => c.id === Number(m[1])).body = body(); save(); out({}); }
  else if (/^repos\\/[^/]+\\/[^/]+\\/issues$/.test(route) && method === 'GET') out(state.issues.filter((x) => x.state === (query.get('state') ?? 'open') && (!query.get('labels') || x.labels.includes(query.get('labels')))));
  else if (/^repos\\/[^/]+\\/[^/]+\\/issues$/.test(route) && method === 'POST') { state.issues.push({ number: state.next++, state: 'open', title: fields.title, body: fields.body, labels: fields.labels ?? [] }); save(); out({}); }
  else if ((m = /^repos\\/[^/]+\\/[^/]+\\/issues\\/(\\d+)$/.exec(route)) && method === 'PATCH') { Object.assign(state.issues.find((x) => x.number === Number(m[1])), fields); save(); out({}); }
  else if ((m = /^repos\\/[^/]+\\/[^/]+\\/commits\\/(\\w+)\\/pulls$/.exec(p))) out(state.merges[m[1]] ? [{ number: state.merges[m[1]].pr }] : []);
  else if ((m = /^repos\\/[^/]+\\/[^/]+\\/pulls\\/(\\d+)$/.exec(p))) out({ number: Number(m[1]), head: { sha: Object.values(state.merges).find((x) => x.pr === Number(m[1]))?.head } });
  else { process.stderr.write('fake gh: unknown api call ' + method + ' ' + p + '\\n'); process.exit(1); }
} else if (args[0] === 'run' && args[1] === 'list') {
  const runs = state.runs.filter((r) => r.workflow === flag('--workflow') && r.headSha === flag('--commit') && r.status === (flag('--status') ?? r.status)).sort((a, b) => b.id - a.id);
  out(runs.slice(0, Number(flag('--limit') ?? 20)).map((r) => ({ databaseId: r.id })));
} else if (args[0] === 'run' && args[1] === 'download') {
  const from = path.join(dir, 'artifacts', args[2], flag('--name'));
  if (!fs.existsSync(from)) { process.stderr.write('no artifact ' + flag('--name') + ' in run ' + args[2] + '\\n'); process.exit(1); }
  for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(flag('--dir') ?? '.', f));
} else { process.stderr.write('fake gh: unknown command ' + args.join(' ') + '\\n'); process.exit(1); }
`;

/** A fake GitHub in `dir`, with `gh`, `npx` (lading of this checkout) and `npm` on a PATH folder of its own. */
export function fakeGitHub(dir: string): FakeGitHub & { bin: string } {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  mkdirSync(join(dir, 'artifacts'), { recursive: true });
  writeFileSync(join(dir, 'state.json'), JSON.stringify({ comments: [], issues: [], runs: [], merges: {}, next: 1 }));
  writeFileSync(join(bin, 'gh'), FAKE_GH);
  writeFileSync(
    join(bin, 'npx'),
    `#!/usr/bin/env bash\nif [ "$1" = lading ]; then shift; exec "${process.execPath}" "${join(ROOT, 'bin', 'lading.js')}" "$@"; fi\necho "fake npx: only lading" >&2; exit 1\n`,
  );
  writeFileSync(join(bin, 'npm'), '#!/usr/bin/env bash\n[ "$1" = ci ] && exit 0\necho "fake npm: only ci" >&2; exit 1\n');
  for (const f of ['gh', 'npx', 'npm']) chmodSync(join(bin, f), 0o755);
  const read = () => JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
  return {
    dir,
    bin,
    comments: () => read().comments,
    issues: () => read().issues,
    merged: (sha, pr, head) => {
      const s = read();
      s.merges[sha] = { pr, head };
      writeFileSync(join(dir, 'state.json'), JSON.stringify(s));
    },
  };
}

function recordRun(github: FakeGitHub, runId: number, workflow: string, headSha: string, status: string): void {
  const file = join(github.dir, 'state.json');
  const s = JSON.parse(readFileSync(file, 'utf8'));
  s.runs.push({ id: runId, workflow, headSha, status });
  writeFileSync(file, JSON.stringify(s));
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
}

/** Runs every job's steps in order; stops at the first failing step (as GitHub does, `if: always()` aside). */
export async function runWorkflow(w: WorkflowRun & { github: FakeGitHub & { bin: string } }): Promise<{ ok: boolean; steps: StepResult[] }> {
  const doc = parse(readFileSync(w.file, 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
  const runnerTemp = join(w.github.dir, `runner-${w.runId}`);
  mkdirSync(runnerTemp, { recursive: true });
  const githubEnv = join(runnerTemp, 'github-env');
  writeFileSync(githubEnv, '');
  const steps: StepResult[] = [];
  let failed = false;
  for (const job of Object.values(doc.jobs)) {
    for (const step of job.steps) {
      if (failed && !/always\(\)/.test(step.if ?? '')) continue;
      const name = step.name ?? step.uses ?? step.run ?? '';
      if (step.uses) {
        if (step.uses.startsWith('actions/upload-artifact')) {
          const to = join(w.github.dir, 'artifacts', String(w.runId), String(step.with?.name));
          mkdirSync(to, { recursive: true });
          const from = join(w.cwd, String(step.with?.path));
          if (!existsSync(from)) {
            steps.push({ name, code: 1, stdout: '', stderr: `no file ${from}` });
            failed = true;
            continue;
          }
          copyFileSync(from, join(to, basename(from)));
        }
        steps.push({ name, code: 0, stdout: '', stderr: '' }); // checkout, setup-node: the test's folder and Node are already there
        continue;
      }
      const carried = Object.fromEntries(
        readFileSync(githubEnv, 'utf8')
          .split('\n')
          .filter((l) => l.includes('='))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v), w.context)]));
      const env = {
        ...w.env,
        ...carried,
        ...stepEnv,
        GITHUB_ENV: githubEnv,
        RUNNER_TEMP: runnerTemp,
        FAKE_GH_STATE: w.github.dir,
        CI: 'true',
        PATH: `${w.github.bin}:${process.env.PATH}`,
      };
      const res = await bash(expand(step.run ?? '', w.context), w.cwd, env);
      steps.push({ name, ...res });
      if (res.code !== 0) failed = true;
    }
  }
  recordRun(w.github, w.runId, basename(w.file), w.headSha, failed ? 'failure' : 'success');
  return { ok: !failed, steps };
}

/** True when the machine has what the fake GitHub needs (jq answers `gh --jq`). */
export function hasJq(): boolean {
  return spawnSync('jq', ['--version']).status === 0;
}
