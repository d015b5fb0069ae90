/** The benchmark workload: N web apps, each a Deployment + Service + Secret + HPA. */
export const WEB_APPS = Number(process.env.BENCH_APPS ?? 1000);
export const NAMESPACE = 'bench';

export function appName(i: number): string {
  return `web-${String(i).padStart(4, '0')}`;
}
