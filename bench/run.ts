// `npm run bench [-- PART...]`: lading side by side with its anchor in the same run, as ratios.
// Parts: synth (vs cdk8s-plus-33), validate (objects/s), diff and apply (vs kubectl, against the
// local control plane of test/cluster), lines (the example shop in lading, cdk8s-plus-33 and raw YAML),
// start (`lading synth` of the example shop as a whole process, warm and cold, beside `node -e 0`).
// BENCH_APPS scales the workload (default 1000 apps = 4000 objects).
import { cpus } from 'node:os';
import { benchSynth } from './part-synth.js';
import { benchValidate } from './part-validate.js';
import { benchCluster } from './part-cluster.js';
import { benchLines } from './part-lines.js';
import { benchStart } from './part-start.js';
import type { Row } from './table.js';
import { printRows } from './table.js';

const parts = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const wanted = (p: string) => parts.length === 0 || parts.includes(p);
const rows: Row[] = [];

console.log(`lading benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
if (wanted('synth')) rows.push(...(await benchSynth()));
if (wanted('validate')) rows.push(...(await benchValidate()));
if (wanted('lines')) rows.push(...(await benchLines()));
if (wanted('start')) rows.push(...(await benchStart()));
if (wanted('diff') || wanted('apply')) rows.push(...(await benchCluster({ diff: wanted('diff'), apply: wanted('apply') })));
printRows(rows);
