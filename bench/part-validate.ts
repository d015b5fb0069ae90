import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { emitYamlStream } from '../lib/manifest/emit-yaml.js';
import { workloadObjects } from './manifests.js';
import { type Row, spread } from './table.js';
import { SIZES, runsFor } from './workload.js';

/** `lading validate` on one large multi-document file per size: in-process (parse + schema + rules) and as a command. */
export async function benchValidate(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const size of SIZES) {
    const objects = workloadObjects(size / 4, 'bench');
    const file = join(mkdtempSync(join(tmpdir(), 'bench-validate-')), 'big.yaml');
    writeFileSync(file, emitYamlStream(objects));
    const runs = runsFor(size);
    console.log(`validate: one file of ${objects.length} objects, ${runs} runs in one process, ${runs} runs of the command …`);
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'bench/validate-inprocess.ts', file, String(runs)], { encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`validate bench failed: ${res.stderr}`);
    const r = JSON.parse(res.stdout.trim()) as { ms: number[]; cpuMs: number[]; objects: number; maxRssMb: number };
    // The whole command too, as a user runs it (process start and module loading included).
    const cli: number[] = [];
    const cliRss: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const run = spawnSync('/usr/bin/time', ['-f', 'BENCH_MAXRSS_KB %M', process.execPath, 'bin/lading.js', 'validate', file], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      cli.push(performance.now() - t0);
      if (run.status !== 0) throw new Error(`lading validate failed: ${run.stdout}${run.stderr}`);
      cliRss.push(Number(/BENCH_MAXRSS_KB (\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024);
    }
    const ms = spread(r.ms);
    const cpu = spread(r.cpuMs);
    const wall = spread(cli);
    console.log(
      `  in process: ${Math.round(ms.median)} ms (${Math.round(ms.min)}–${Math.round(ms.max)}), cpu ${Math.round(cpu.median)} ms; command: ${Math.round(wall.median)} ms (${Math.round(wall.min)}–${Math.round(wall.max)}), peak ${Math.round(spread(cliRss).median)} MB`,
    );
    rows.push(
      {
        part: 'validate',
        what: `throughput, one core (${r.objects} objects, parse + schema + rules, median of ${runs})`,
        lading: (r.objects / ms.median) * 1000,
        unit: 'obj/s',
      },
      { part: 'validate', what: `throughput per CPU second (${r.objects} objects)`, lading: (r.objects / cpu.median) * 1000, unit: 'obj/s' },
      { part: 'validate', what: `\`lading validate big.yaml\` wall time (${r.objects} objects, median of ${runs})`, lading: wall.median, unit: 'ms' },
      { part: 'validate', what: `\`lading validate big.yaml\` peak memory (${r.objects} objects)`, lading: spread(cliRss).median, unit: 'MB' },
    );
  }
  return rows;
}
