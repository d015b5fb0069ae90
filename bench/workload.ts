/** The benchmark workload: N web apps, each a Deployment + Service + Secret + HPA. */
export const WEB_APPS = Number(process.env.BENCH_APPS ?? 1000);
export const NAMESPACE = 'bench';

/** Sizes (objects) of the synth and validate benchmarks: BENCH_SIZES=4000,12000,40000 (default: 4 × BENCH_APPS). */
export const SIZES = (process.env.BENCH_SIZES ?? String(WEB_APPS * 4)).split(',').map((s) => Number(s.trim()));

/** Runs per size: fewer for the large ones (BENCH_RUNS overrides). */
export function runsFor(objects: number): number {
  return Number(process.env.BENCH_RUNS ?? (objects <= 4000 ? 5 : objects <= 12_000 ? 3 : 2));
}

export function appName(i: number): string {
  return `web-${String(i).padStart(4, '0')}`;
}
