import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../support/cli.js';
import { fakeGitHub, hasJq, runWorkflow, type StepResult } from '../../support/workflow.js';
import { kube, kubeconfig, lading, uniqueNamespace } from '../apply/helpers.js';

const EXAMPLES = join(ROOT, 'docs', 'examples', 'github-actions');

// An application like the README's: a namespace, config, a Secret read from the environment, a worker reading it.
const APP = (ns: string, logLevel: string) => `
import { type App, AppNamespace, Chart, Config, Credentials, Worker, fromEnv } from 'lading';
export const environments = ['prod'];
export default function shop(app: App): void {
  const chart = new Chart(app, 'shop', { namespace: '${ns}' });
  new AppNamespace(chart, '${ns}');
  const settings = new Config(chart, 'settings', { data: { LOG_LEVEL: '${logLevel}' } });
  const db = new Credentials(chart, 'db', { keys: { password: fromEnv('SHOP_DB_PASSWORD') } });
  new Worker(chart, 'worker', {
    image: 'ghcr.io/acme/shop-worker:1.0.0', replicas: 1, envFrom: [settings], env: { DB_PASSWORD: db.key('password') },
    resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
  });
}
`;

const show = (steps: readonly StepResult[]) => steps.map((s) => `--- ${s.name} (exit ${s.code})\n${s.stdout}${s.stderr}`).join('\n');

describe(
  'the example GitHub Actions workflows, run as written against the shared cluster',
  { skip: hasJq() ? false : 'jq is not installed (the fake gh answers --jq with it)' },
  () => {
    test('pull request: synth --check, saved plan, one comment updated on each push; merge: apply --plan of that plan, with --wait', async () => {
      const ns = uniqueNamespace('ci-shop');
      const project = mkdtempSync(join(tmpdir(), 'lading-ci-'));
      mkdirSync(join(project, 'apps'));
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
      const github = fakeGitHub(mkdtempSync(join(tmpdir(), 'lading-gh-')));
      const context = {
        secrets: { KUBECONFIG: readFileSync(kubeconfig, 'utf8'), SHOP_DB_PASSWORD: 'ci-secret-value-1' },
        github: { token: 'fake', event: { pull_request: { number: 7 } } },
      };
      const env = { GITHUB_REPOSITORY: 'acme/shop', LADING_DEBUG: '' };
      // The branch as committed: apps/ and the dist/ synthesized from it.
      const commit = async (logLevel: string) => {
        writeFileSync(join(project, 'apps', 'shop.ts'), APP(ns, logLevel));
        const synth = await lading(['synth'], { cwd: project });
        assert.equal(synth.code, 0, synth.stderr);
      };

      await commit('info');
      const first = await runWorkflow({
        file: join(EXAMPLES, 'lading-plan.yaml'),
        cwd: project,
        context,
        env: { ...env, GITHUB_SHA: 'head1' },
        github,
        runId: 101,
        headSha: 'head1',
      });
      assert.ok(first.ok, show(first.steps));
      assert.equal(github.comments().length, 1);
      assert.match(github.comments()[0]!.body, /^<!-- lading-plan -->\n## lading diff/);
      assert.match(github.comments()[0]!.body, /<b>create<\/b> <code>deployment\.apps\/worker<\/code>/);

      // A second push to the pull request: the comment is updated, not duplicated.
      await commit('debug');
      const second = await runWorkflow({
        file: join(EXAMPLES, 'lading-plan.yaml'),
        cwd: project,
        context,
        env: { ...env, GITHUB_SHA: 'head2' },
        github,
        runId: 102,
        headSha: 'head2',
      });
      assert.ok(second.ok, show(second.steps));
      assert.equal(github.comments().length, 1);
      assert.match(github.comments()[0]!.body, /LOG_LEVEL: debug/);
      assert.match(github.comments()[0]!.body, /plan of head2/);
      for (const c of github.comments()) assert.doesNotMatch(c.body, /ci-secret-value-1|Y2ktc2VjcmV0LXZhbHVlLTE/);

      // Merged: the apply workflow fetches run 102's plan (the pull request's head) and applies it.
      github.merged('merge1', 7, 'head2');
      const applied = await runWorkflow({
        file: join(EXAMPLES, 'lading-apply.yaml'),
        cwd: project,
        context,
        env: { ...env, GITHUB_SHA: 'merge1' },
        github,
        runId: 201,
        headSha: 'merge1',
      });
      assert.ok(applied.ok, show(applied.steps));
      const apply = applied.steps.find((s) => s.name === 'Apply the reviewed plan')!;
      assert.match(apply.stdout, /ready/);
      assert.equal(((await kube.get('v1', 'ConfigMap', ns, 'settings'))?.data as Record<string, string>).LOG_LEVEL, 'debug');
      const status = applied.steps.find((s) => s.name === 'Status')!;
      assert.equal(status.code, 0, status.stdout + status.stderr);

      // A merge whose inputs are not the reviewed ones is refused by the same workflow, nothing written.
      await commit('warn');
      github.merged('merge2', 7, 'head2');
      const refused = await runWorkflow({
        file: join(EXAMPLES, 'lading-apply.yaml'),
        cwd: project,
        context,
        env: { ...env, GITHUB_SHA: 'merge2' },
        github,
        runId: 202,
        headSha: 'merge2',
      });
      assert.equal(refused.ok, false);
      const step = refused.steps.find((s) => s.name === 'Apply the reviewed plan')!;
      assert.equal(step.code, 2, show(refused.steps));
      assert.match(step.stderr, /the inputs differ from the plan's/);
      assert.equal(((await kube.get('v1', 'ConfigMap', ns, 'settings'))?.data as Record<string, string>).LOG_LEVEL, 'debug');
    });

    test('scheduled drift report: one issue opened, updated while the drift lasts, closed when it is gone', async () => {
      const ns = uniqueNamespace('ci-drift');
      const project = mkdtempSync(join(tmpdir(), 'lading-ci-'));
      mkdirSync(join(project, 'apps'));
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
      writeFileSync(join(project, 'apps', 'shop.ts'), APP(ns, 'info'));
      const github = fakeGitHub(mkdtempSync(join(tmpdir(), 'lading-gh-')));
      const context = { secrets: { KUBECONFIG: readFileSync(kubeconfig, 'utf8'), SHOP_DB_PASSWORD: 'ci-secret-value-2' }, github: { token: 'fake' } };
      const env = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'main1', SHOP_DB_PASSWORD: 'ci-secret-value-2', KUBECONFIG: kubeconfig };
      const applied = await lading(['apply', '--env', 'prod', '--yes'], { cwd: project, env });
      assert.equal(applied.code, 0, applied.stderr);
      const drift = (runId: number) => runWorkflow({ file: join(EXAMPLES, 'lading-drift.yaml'), cwd: project, context, env, github, runId, headSha: 'main1' });

      const clean = await drift(301);
      assert.ok(clean.ok, show(clean.steps));
      assert.deepEqual(github.issues(), []);

      const edited = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: ns, labels: { hotfix: 'by-hand' } } };
      await kube.apply(edited, 'kubectl-edit');
      for (const runId of [302, 303]) {
        const found = await drift(runId);
        assert.ok(found.ok, show(found.steps));
        assert.equal(github.issues().length, 1);
        assert.equal(github.issues()[0]!.state, 'open');
        assert.deepEqual(github.issues()[0]!.labels, ['lading-drift']);
        assert.match(github.issues()[0]!.body, /`configmap\/settings` in `[^`]+` \| `metadata\.labels\.hotfix` \| `kubectl-edit` \| Apply \| \d{4}-/);
      }

      await kube.apply({ ...edited, metadata: { ...edited.metadata, labels: {} } }, 'kubectl-edit');
      const gone = await drift(304);
      assert.ok(gone.ok, show(gone.steps));
      assert.equal(github.issues()[0]!.state, 'closed');
      assert.match(github.issues()[0]!.body, /No drift/);
    });
  },
);
