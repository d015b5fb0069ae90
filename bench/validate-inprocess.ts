import { readFileSync } from 'node:fs';
import { loadModel } from '../lib/k8s/index.js';
import { documentsOf } from '../lib/manifest/documents.js';
import { parseYamlStream } from '../lib/manifest/parse-yaml.js';
import { validateObjects } from '../lib/validate/validate.js';

const file = process.argv[2]!;
const runs = Number(process.argv[3] ?? 5);
const text = readFileSync(file, 'utf8');
const model = await loadModel();
const ms: number[] = [];
const cpuMs: number[] = [];
let objects = 0;
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const { inputs } = documentsOf(file, parseYamlStream(text));
  const result = validateObjects(inputs, { catalog: model });
  if (result.errors) throw new Error('benchmark input should be valid');
  ms.push(performance.now() - start);
  // CPU time of this process: what the run costs on one core even when other processes share it.
  const used = process.cpuUsage(cpu);
  cpuMs.push((used.user + used.system) / 1000);
  objects = result.objects;
}
process.stdout.write(JSON.stringify({ ms, cpuMs, objects, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
