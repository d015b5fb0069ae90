import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Outcome, SCENARIOS } from './engine-scenarios.js';
import { ReplayCluster } from './recorded-cluster.js';

const recorded = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/recorded');

/** Runs a recorded scenario of the engine against its recording; what it sent is in `cluster.sent`. */
export async function replay(name: string): Promise<{ outcome: Outcome; cluster: ReplayCluster }> {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario) throw new Error(`no scenario ${name}`);
  const cluster = ReplayCluster.load(join(recorded, `${name}.json`));
  return { outcome: await scenario.run(cluster), cluster };
}
