import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Row } from './table.js';
import { WEB_APPS } from './workload.js';

interface SideResult { ms: number; maxRssMb: number; objects?: number }

// Each side runs in its own process (clean heap, honest peak memory), best of `runs`.
function side(script: string, runs: number): SideResult {
  let best: SideResult | undefined;
  for (let i = 0; i < runs; i++) {
    // Flush the file system first: a previous run's thousands of deleted files would otherwise
    // be journaled while this one writes, and the timing would measure the disk, not the tool.
    spawnSync('sync');
    const res = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', env: process.env });
    if (res.status !== 0) throw new Error(`${script} failed: ${res.stderr}`);
    const r = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as SideResult;
    if (!best || r.ms < best.ms) best = r;
  }
  return best!;
}

export async function benchSynth(): Promise<Row[]> {
  console.log(`synth: ${WEB_APPS} web apps (${WEB_APPS * 4} objects), lading vs cdk8s-plus-33, best of 3 …`);
  const lading = side('bench/synth-lading.ts', 3);
  const cdk8s = side('bench/synth-cdk8s.ts', 3);
  rmSync('.cache/bench', { recursive: true, force: true });
  return [
    { part: 'synth', what: `build + validate + write ${WEB_APPS * 4} objects`, lading: lading.ms, anchor: cdk8s.ms, anchorName: 'cdk8s-plus-33', unit: 'ms' },
    { part: 'synth', what: 'peak memory (RSS)', lading: lading.maxRssMb, anchor: cdk8s.maxRssMb, anchorName: 'cdk8s-plus-33', unit: 'MB' },
  ];
}
