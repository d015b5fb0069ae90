import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { type Row, spread } from './table.js';
import { SIZES, runsFor } from './workload.js';

interface SideResult {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  objects?: number;
}

// Each side runs in its own process (clean heap, honest peak memory).
function side(script: string, apps: number): SideResult {
  // Flush the file system first: a previous run's thousands of files would otherwise be
  // journaled while this one writes, and the timing would measure the disk, not the tool.
  spawnSync('sync');
  const res = spawnSync(process.execPath, ['--import', 'tsx', script], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_APPS: String(apps) },
    maxBuffer: 1 << 26,
  });
  if (res.status !== 0) throw new Error(`${script} failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').at(-1)!) as SideResult;
}

const fmt = (xs: number[]) => {
  const s = spread(xs);
  return `${Math.round(s.median)} ms (${Math.round(s.min)}–${Math.round(s.max)})`;
};

/**
 * lading vs cdk8s-plus-33 on the same workload, alternating (A B B A …) so that both sides see the
 * same machine; per size the median and spread of wall and CPU time, the pairwise ratios, peak memory.
 */
export async function benchSynth(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const objects of SIZES) {
    const apps = objects / 4;
    const runs = runsFor(objects);
    console.log(`synth: ${apps} web apps (${objects} objects), lading and cdk8s-plus-33 alternating, ${runs} runs each …`);
    const lading: SideResult[] = [];
    const cdk8s: SideResult[] = [];
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? ['lading', 'cdk8s'] : ['cdk8s', 'lading'];
      for (const which of order) {
        if (which === 'lading') lading.push(side('bench/synth-lading.ts', apps));
        else cdk8s.push(side('bench/synth-cdk8s.ts', apps));
      }
    }
    rmSync('.cache/bench', { recursive: true, force: true });
    const wallRatios = lading.map((l, i) => cdk8s[i]!.ms / l.ms);
    const cpuRatios = lading.map((l, i) => cdk8s[i]!.cpuMs / l.cpuMs);
    console.log(
      `  lading  wall ${fmt(lading.map((r) => r.ms))}, cpu ${fmt(lading.map((r) => r.cpuMs))}, peak ${fmt(lading.map((r) => r.maxRssMb)).replaceAll('ms', 'MB')}`,
    );
    console.log(
      `  cdk8s   wall ${fmt(cdk8s.map((r) => r.ms))}, cpu ${fmt(cdk8s.map((r) => r.cpuMs))}, peak ${fmt(cdk8s.map((r) => r.maxRssMb)).replaceAll('ms', 'MB')}`,
    );
    const w = spread(wallRatios);
    const c = spread(cpuRatios);
    console.log(
      `  ratio (cdk8s / lading, pairwise) wall ${w.median.toFixed(2)}× (${w.min.toFixed(2)}–${w.max.toFixed(2)}), cpu ${c.median.toFixed(2)}× (${c.min.toFixed(2)}–${c.max.toFixed(2)})`,
    );
    const median = (rs: SideResult[], k: keyof SideResult) => spread(rs.map((r) => r[k] as number)).median;
    rows.push(
      {
        part: 'synth',
        what: `build + validate + write ${objects} objects, wall (median of ${runs})`,
        lading: median(lading, 'ms'),
        anchor: median(cdk8s, 'ms'),
        anchorName: 'cdk8s-plus-33',
        unit: 'ms',
      },
      {
        part: 'synth',
        what: `build + validate + write ${objects} objects, CPU (median of ${runs})`,
        lading: median(lading, 'cpuMs'),
        anchor: median(cdk8s, 'cpuMs'),
        anchorName: 'cdk8s-plus-33',
        unit: 'ms',
      },
      {
        part: 'synth',
        what: `peak memory (RSS), ${objects} objects`,
        lading: median(lading, 'maxRssMb'),
        anchor: median(cdk8s, 'maxRssMb'),
        anchorName: 'cdk8s-plus-33',
        unit: 'MB',
      },
    );
  }
  return rows;
}
