/**
 * client-go's client-side rate limit (a token bucket: `qps` tokens a second, at most `burst`
 * saved up), for measuring lading under kubectl's limits. lading itself sets none: its bound is
 * the number of requests in flight (--concurrency).
 */
export class TokenBucket {
  private tokens: number;
  private last = Date.now();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly qps: number,
    private readonly burst: number,
  ) {
    if (!(qps > 0) || !(burst >= 1)) throw new RangeError(`rate limit needs qps > 0 and burst >= 1 (got ${qps}, ${burst})`);
    this.tokens = burst;
  }

  /** Resolves when a request may be sent; callers are served in order. */
  take(): Promise<void> {
    this.queue = this.queue.then(() => this.next());
    return this.queue;
  }

  private async next(): Promise<void> {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    if (this.tokens < 1) {
      await new Promise((resolve) => setTimeout(resolve, ((1 - this.tokens) / this.qps) * 1000));
      this.tokens = 1;
      this.last = Date.now();
    }
    this.tokens -= 1;
  }
}

/** LADING_CLIENT_QPS and LADING_CLIENT_BURST (as kubectl's rest.Config QPS and Burst); none by default. */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): TokenBucket | undefined {
  const qps = Number(env.LADING_CLIENT_QPS);
  if (!env.LADING_CLIENT_QPS || !(qps > 0)) return undefined;
  const burst = Number(env.LADING_CLIENT_BURST ?? Math.max(1, Math.round(qps)));
  return new TokenBucket(qps, burst);
}
