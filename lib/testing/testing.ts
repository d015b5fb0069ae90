import type { Construct } from 'constructs';
import { App, type AppProps } from '../constructs/app.js';
import { loadModel } from '../k8s/index.js';
import type { KubeObject } from '../manifest/object.js';
import { type SynthResult, synthesize } from '../synth/synthesize.js';
import { formatGrouped } from '../validate/group.js';
import { LIBRARY_RULES, type RuleTables } from '../config/rule-tables.js';

export interface TestingSynthOptions {
  /** The rule tables (waves, policies) to synthesize with, e.g. `await projectRules()`; default the library's. */
  readonly rules?: Pick<RuleTables, 'waves'>;
  /** Kubernetes version whose schemas to validate with (default 1.36). */
  readonly kubeVersion?: string;
}

/** A synth that failed validation: every problem, as `lading synth` prints them. */
export class TestingSynthError extends Error {
  constructor(readonly result: SynthResult) {
    super(`synth failed: ${result.errors} error${result.errors === 1 ? '' : 's'}\n${formatGrouped(result.diagnostics).join('\n')}`);
    this.name = 'TestingSynthError';
  }
}

/**
 * Helpers for users' unit tests of their constructs (like cdk8s' `Testing`):
 * `const chart = new Chart(Testing.app(), 'shop'); new WebApp(chart, …); const objects = await Testing.synth(chart);`
 */
export const Testing = {
  /** A fresh App (an environment, organisation defaults) to build constructs under. */
  app(props: AppProps = {}): App {
    return new App(props);
  },

  /** Synthesizes and validates the tree under `scope` exactly as `lading synth` does (diagnostics included), without writing. */
  async synthResult(scope: Construct, options: TestingSynthOptions = {}): Promise<SynthResult> {
    const model = await loadModel(options.kubeVersion);
    return synthesize(scope, { model, waves: (options.rules ?? LIBRARY_RULES).waves });
  },

  /**
   * The objects `lading synth` would write for the tree under `scope`, in apply order; throws a
   * TestingSynthError naming every problem when one is an error (warnings do not fail).
   */
  async synth(scope: Construct, options: TestingSynthOptions = {}): Promise<KubeObject[]> {
    const result = await Testing.synthResult(scope, options);
    if (result.errors > 0) throw new TestingSynthError(result);
    return result.objects.map((o) => o.object);
  },
};
