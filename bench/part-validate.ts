import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { emitYamlStream } from '../lib/manifest/emit-yaml.js';
import { workloadObjects } from './manifests.js';
import type { Row } from './table.js';
import { WEB_APPS } from './workload.js';

/** `lading validate` on one large multi-document file, in-process (parse + schema + rules), best of 5. */
export async function benchValidate(): Promise<Row[]> {
  const objects = workloadObjects(WEB_APPS * 5, 'bench');
  const file = join(mkdtempSync(join(tmpdir(), 'bench-validate-')), 'big.yaml');
  writeFileSync(file, emitYamlStream(objects));
  console.log(`validate: one file of ${objects.length} objects …`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'bench/validate-inprocess.ts', file], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`validate bench failed: ${res.stderr}`);
  const { ms, cpuMs, objects: n } = JSON.parse(res.stdout.trim()) as { ms: number; cpuMs: number; objects: number };
  // The whole command too, as a user runs it (process start and module loading included).
  const t0 = performance.now();
  const cli = spawnSync(process.execPath, ['bin/lading.js', 'validate', file], { encoding: 'utf8' });
  const cliMs = performance.now() - t0;
  if (cli.status !== 0) throw new Error(`lading validate failed: ${cli.stdout}${cli.stderr}`);
  return [
    { part: 'validate', what: `throughput, one core (${n} objects, parse + schema + rules)`, lading: (n / ms) * 1000, unit: 'obj/s' },
    { part: 'validate', what: 'throughput per CPU second (process CPU time: steady on a shared machine)', lading: (n / cpuMs) * 1000, unit: 'obj/s' },
    { part: 'validate', what: `\`lading validate big.yaml\` wall time (${n} objects)`, lading: cliMs, unit: 'ms' },
  ];
}
