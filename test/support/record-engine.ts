// Records the engine runs of test/support/engine-scenarios.ts against a real control plane into
// test/fixtures/recorded/NAME.json (the unit tests replay them). Run against the test cluster:
//   LADING_TEST_KUBECONFIG=path node --import tsx test/support/record-engine.ts [NAME...]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LiveCluster } from '../../lib/cluster/live-cluster.js';
import { KubeClient } from '../../lib/cluster/client.js';
import { connect } from '../../lib/cluster/connection.js';
import { SCENARIOS } from './engine-scenarios.js';
import { RecordingCluster } from './recorded-cluster.js';

const kubeconfig = process.env.LADING_TEST_KUBECONFIG;
if (!kubeconfig) throw new Error('LADING_TEST_KUBECONFIG names the kubeconfig of the test cluster');
const out = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/recorded');
const only = process.argv.slice(2);

for (const s of SCENARIOS.filter((x) => !only.length || only.includes(x.name))) {
  const live = new LiveCluster(new KubeClient(connect({ kubeconfig })));
  await s.setup(live);
  // A fresh discovery for the recording: every lookup it needs is asked (and kept).
  const recorder = new RecordingCluster(new LiveCluster(new KubeClient(connect({ kubeconfig }))));
  const outcome = await s.run(recorder, s.between ? () => s.between!(live) : undefined);
  recorder.save(join(out, `${s.name}.json`), s.scenario);
  console.log(
    `${s.name}: ${recorder.calls.length} calls; plan ${JSON.stringify(outcome.plan.counts)}; ${JSON.stringify({ ...outcome.result, error: outcome.error })}`,
  );
}
