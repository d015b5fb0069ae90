// Start-up: `lading synth` of the example shop (apps/, 42 objects in dev + prod) as a whole process,
// the way a user runs it, beside Node's own start (`node -e 0`, the floor no CLI goes below).
// Warm: the CLI bundle and the compiled apps are cached (every run after the first). Cold apps: the
// compiled apps are removed first (the first run after editing an app, or after installing). Cold
// all: the CLI bundle of this checkout too (an installed package ships its bundle: never this case).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Row, spread } from './table.js';

interface Run {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

const APP_CACHE = join('node_modules', '.cache', 'lading-apps');
const CLI_CACHE = join('.cache', 'lading-cli');

// /usr/bin/time gives the child's CPU time and peak memory; the wall time is taken here.
function timed(args: string[]): Run {
  const start = performance.now();
  const res = spawnSync('/usr/bin/time', ['-f', '%U %S %M', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  const wallMs = performance.now() - start;
  if (res.status !== 0) throw new Error(`${args.join(' ')} failed: ${res.stderr}`);
  const [user, sys, rss] = res.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wallMs, cpuMs: (user! + sys!) * 1000, maxRssMb: rss! / 1024 };
}

const fmt = (xs: number[]) => {
  const s = spread(xs);
  return `${Math.round(s.median)} ms (${Math.round(s.min)}–${Math.round(s.max)})`;
};

export async function benchStart(): Promise<Row[]> {
  const runs = Number(process.env.BENCH_RUNS ?? 9);
  const out = mkdtempSync(join(tmpdir(), 'lading-bench-start-'));
  const synth = ['node', 'bin/lading.js', 'synth', '--out', out];
  const cases: [string, () => void, string[]][] = [
    ['node -e 0 (floor)', () => {}, ['node', '-e', '0']],
    ['lading --help', () => {}, ['node', 'bin/lading.js', '--help']],
    ['lading synth, warm', () => {}, synth],
    ['lading synth, cold apps', () => rmSync(APP_CACHE, { recursive: true, force: true }), synth],
    [
      'lading synth, cold all',
      () => {
        rmSync(APP_CACHE, { recursive: true, force: true });
        rmSync(CLI_CACHE, { recursive: true, force: true });
      },
      synth,
    ],
  ];
  console.log(`start: ${cases.length} cases interleaved, ${runs} runs each …`);
  timed(synth); // fills the caches the warm case relies on
  const results = new Map<string, Run[]>(cases.map(([name]) => [name, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, prepare, args] of cases) {
      prepare();
      results.get(name)!.push(timed(args));
    }
  }
  rmSync(out, { recursive: true, force: true });
  const rows: Row[] = [];
  for (const [name, rs] of results) {
    const wall = rs.map((r) => r.wallMs);
    const cpu = rs.map((r) => r.cpuMs);
    console.log(`  ${name.padEnd(26)} wall ${fmt(wall)}, CPU ${fmt(cpu)}, peak ${Math.round(spread(rs.map((r) => r.maxRssMb)).median)} MiB`);
    rows.push({ part: 'start', what: `${name}, wall (median of ${runs})`, lading: spread(wall).median, unit: 'ms' });
  }
  return rows;
}
