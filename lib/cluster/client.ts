import https from 'node:https';
import http from 'node:http';
import { setMaxListeners } from 'node:events';
import { ApiError } from '../core/api-error.js';
import type { Connection } from './connection.js';
import { ClusterError, RequestAbortedError, RequestTimeoutError } from '../core/errors.js';
import { BROKEN_CODES, type Failure, NOT_SENT_CODES, retryable, retryAfterMs, retryDelayMs } from './retry.js';
import { Semaphore } from '../core/semaphore.js';
import { sleep } from '../core/sleep.js';
import { type TokenBucket, rateLimitFromEnv } from './rate-limit.js';

export interface RequestSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly accept?: string;
  /** Safe to send again when its outcome is unknown (default: lib/cluster/retry.ts decides). */
  readonly idempotent?: boolean;
}

export interface Response<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: http.IncomingHttpHeaders;
}

/** 30s: a finite default (kubectl has none), so a stalled server fails a run instead of hanging it. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface ClientLimits {
  /** How long one attempt may take, connect to last byte (ms); 0: no limit. Default 30s. */
  readonly requestTimeoutMs?: number;
  /** Aborted: no retry, no new attempt; reads in flight are dropped (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** No request runs past this time (ms since the epoch): a wait's --timeout. */
  readonly deadline?: number;
}

export interface ClientOptions extends ClientLimits {
  /** Requests in flight at once. Default 16. */
  readonly concurrency?: number;
  /** Attempts for a transient failure (429, 5xx, connection reset). Default 5. */
  readonly attempts?: number;
  /** Counts every request sent, by method (benchmarks and the no-op-writes check read it). */
  readonly onRequest?: (spec: RequestSpec) => void;
}

// What every scope of one client shares: the concurrency bound and the request count.
interface Shared {
  readonly limit: Semaphore;
  readonly attempts: number;
  readonly onRequest?: (spec: RequestSpec) => void;
  /** A client-side rate limit (benchmarks only: LADING_CLIENT_QPS). */
  readonly rate?: TokenBucket;
  requests: number;
}

/** Failure of one attempt: what the retry rules see, and the error to throw if not retried. */
class AttemptError extends Error {
  constructor(
    readonly failure: Failure | undefined,
    readonly error: Error,
  ) {
    super(error.message);
  }
}

/**
 * The one way lading talks to an API server: bounded concurrency, keep-alive connections, a
 * timeout on every attempt, retries (bounded, backoff, Retry-After) only where sending again is
 * safe, and an AbortSignal that stops them at once.
 */
export class KubeClient {
  private readonly shared: Shared;
  private limits: ClientLimits;

  constructor(
    readonly connection: Connection,
    options: ClientOptions = {},
    shared?: Shared,
  ) {
    this.shared = shared ?? {
      limit: new Semaphore(options.concurrency ?? 16),
      attempts: options.attempts ?? 5,
      onRequest: options.onRequest,
      rate: rateLimitFromEnv(),
      requests: 0,
    };
    this.limits = { requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, signal: options.signal, deadline: options.deadline };
    this.allowListeners(this.limits.signal);
  }

  /** Requests sent (every attempt), by this client and its scopes. */
  get requests(): number {
    return this.shared.requests;
  }

  /** Changes this client's limits (the command line sets --request-timeout and Ctrl-C after the session opened). */
  configure(limits: ClientLimits): void {
    this.limits = { ...this.limits, ...limits };
    this.allowListeners(this.limits.signal);
  }

  // Every request in flight (bounded by the semaphore) and every retry pause listens to the one
  // signal, and removes its listener when done: Node's default warning at 11 listeners is noise here.
  private allowListeners(signal: AbortSignal | undefined): void {
    if (signal) setMaxListeners(0, signal);
  }

  /** The same client (same connections, same concurrency bound) with a deadline or signal of its own. */
  scoped(limits: ClientLimits): KubeClient {
    const signals = [this.limits.signal, limits.signal].filter((s): s is AbortSignal => !!s);
    const deadlines = [this.limits.deadline, limits.deadline].filter((d): d is number => d !== undefined);
    return new KubeClient(
      this.connection,
      {
        requestTimeoutMs: limits.requestTimeoutMs ?? this.limits.requestTimeoutMs,
        signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
        deadline: deadlines.length ? Math.min(...deadlines) : undefined,
      },
      this.shared,
    );
  }

  async request<T = unknown>(spec: RequestSpec): Promise<Response<T>> {
    return this.shared.limit.run(async () => {
      let reauthenticated = false;
      for (let attempt = 1; ; attempt++) {
        this.checkLimits(spec);
        let failure: Failure;
        let error: Error;
        try {
          const res = await this.send<T>(spec);
          if (res.status < 400) return res;
          // Expired credentials (an exec plugin's token, a rotated token file): refreshed once, as client-go.
          if (res.status === 401 && !reauthenticated && this.connection.invalidateCredentials()) {
            reauthenticated = true;
            attempt--;
            continue;
          }
          failure = { kind: 'status', status: res.status };
          error = toApiError(res, spec);
          if (!this.mayRetry(spec, failure, attempt)) return res;
          await this.pause(retryDelayMs(retryAfterMs(res.headers['retry-after']), attempt), spec, error);
        } catch (e) {
          if (!(e instanceof AttemptError)) throw e;
          if (!e.failure || !this.mayRetry(spec, e.failure, attempt)) throw e.error;
          if (e.failure.kind === 'stale-timeout') this.connection.dropIdleConnections();
          await this.pause(retryDelayMs(undefined, attempt), spec, e.error);
        }
      }
    });
  }

  /** Like request, but a non-2xx answer throws an ApiError. */
  async call<T = unknown>(spec: RequestSpec): Promise<T> {
    const res = await this.request<T>(spec);
    if (res.status >= 200 && res.status < 300) return res.body;
    throw toApiError(res, spec);
  }

  private mayRetry(spec: RequestSpec, failure: Failure, attempt: number): boolean {
    return attempt < this.shared.attempts && !this.limits.signal?.aborted && retryable(spec, failure);
  }

  private describe(spec: RequestSpec): string {
    return `${spec.method} ${spec.path}`;
  }

  private server(): string {
    return `the API server ${this.connection.server.origin} (context ${this.connection.context})`;
  }

  private checkLimits(spec: RequestSpec): void {
    if (this.limits.signal?.aborted) throw new RequestAbortedError(`interrupted: ${this.describe(spec)} not sent`);
    if (this.limits.deadline !== undefined && Date.now() >= this.limits.deadline) throw this.deadlineError(spec);
  }

  private deadlineError(spec: RequestSpec): RequestTimeoutError {
    return new RequestTimeoutError(`${this.describe(spec)}: timed out: no answer from ${this.server()} before the deadline (--timeout)`);
  }

  // Sleeps before a retry unless the deadline would pass first or the run is interrupted.
  private async pause(ms: number, spec: RequestSpec, last: Error): Promise<void> {
    if (this.limits.deadline !== undefined && Date.now() + ms >= this.limits.deadline) throw last;
    await sleep(ms, this.limits.signal);
    if (this.limits.signal?.aborted) throw new RequestAbortedError(`interrupted: ${this.describe(spec)} not retried`);
  }

  // One attempt, bounded by the request timeout and the deadline.
  private async send<T>(spec: RequestSpec): Promise<Response<T>> {
    // Host and port from the server URL, the path and query as a string: a URL object per request
    // (its searchParams serialized again on each read) cost more than the rest of the request.
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) query.set(k, v);
    const search = query.toString();
    const server = this.connection.server;
    const base = await this.connection.requestOptions().catch((e: unknown) => {
      throw e instanceof ClusterError ? e : new ClusterError(`credentials for ${this.server()}: ${(e as Error).message}`);
    });
    await this.shared.rate?.take();
    this.shared.requests++;
    this.shared.onRequest?.(spec);
    const payload = spec.body === undefined ? undefined : Buffer.from(typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body));
    const headers: http.OutgoingHttpHeaders = {
      ...(base.headers as http.OutgoingHttpHeaders),
      accept: spec.accept ?? 'application/json',
      'user-agent': 'lading',
    };
    if (payload) {
      headers['content-type'] = spec.contentType ?? 'application/json';
      headers['content-length'] = payload.length;
    }
    const configured = this.limits.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const untilDeadline = this.limits.deadline === undefined ? Infinity : this.limits.deadline - Date.now();
    const timeoutMs = Math.min(configured > 0 ? configured : Infinity, untilDeadline);
    const byDeadline = untilDeadline < (configured > 0 ? configured : Infinity);
    const transport = server.protocol === 'https:' ? https : http;
    const signal = this.limits.signal;
    return new Promise<Response<T>>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const fail = (e: Error) => finish(() => reject(this.attemptError(e, spec, req.reusedSocket)));
      const target = {
        protocol: server.protocol,
        hostname: server.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: server.port || undefined,
        path: search ? `${spec.path}?${search}` : spec.path,
      };
      const req = transport.request({ ...base, ...target, method: spec.method, headers, agent: this.connection.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', fail);
        res.on('close', () => {
          if (!res.complete) fail(Object.assign(new Error('the connection closed before the whole answer arrived'), { code: 'ECONNRESET' }));
        });
        res.on('end', () =>
          finish(() => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            if ((res.headers['content-type'] ?? '').includes('json') && text) {
              try {
                body = JSON.parse(text);
              } catch {
                body = text;
              }
            }
            resolve({ status: res.statusCode ?? 0, body: body as T, headers: res.headers });
          }),
        );
      });
      // Writes in flight finish (their outcome would be unknown otherwise); reads stop at once.
      const onAbort = () => {
        if (spec.method === 'GET') req.destroy(new RequestAbortedError(`interrupted: ${this.describe(spec)} dropped`));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (Number.isFinite(timeoutMs)) {
        timer = setTimeout(
          () => {
            const seconds = Math.round(configured / 100) / 10;
            req.destroy(
              byDeadline
                ? this.deadlineError(spec)
                : new RequestTimeoutError(
                    `${this.describe(spec)}: timed out after ${seconds}s waiting for ${this.server()} to answer (--request-timeout; 0 disables it)`,
                  ),
            );
          },
          Math.max(timeoutMs, 0),
        );
      }
      req.on('error', fail);
      if (payload) req.write(payload);
      req.end();
    });
  }

  private attemptError(e: Error, spec: RequestSpec, reused: boolean): AttemptError {
    if (e instanceof RequestAbortedError) return new AttemptError(undefined, e);
    if (e instanceof RequestTimeoutError) {
      // A keep-alive connection that a load balancer dropped silently never answers: try a fresh one.
      return new AttemptError(reused && !this.deadlinePassed() ? { kind: 'stale-timeout' } : undefined, e);
    }
    const code = (e as NodeJS.ErrnoException).code ?? '';
    // Transport failures (refused, reset, TLS, proxy) are the environment's: one line naming the server.
    const via = this.connection.proxy ? ` through the proxy ${this.connection.proxy.origin}` : '';
    const error = new ClusterError(
      `${this.describe(spec)}: cannot reach ${this.server()}${via}: ${e.message}${code && !e.message.includes(code) ? ` (${code})` : ''}`,
    );
    if (NOT_SENT_CODES.has(code)) return new AttemptError({ kind: 'not-sent', code }, error);
    if (BROKEN_CODES.has(code) || code === 'ERR_STREAM_PREMATURE_CLOSE') return new AttemptError({ kind: 'broken', code }, error);
    return new AttemptError(undefined, error);
  }

  private deadlinePassed(): boolean {
    return this.limits.deadline !== undefined && Date.now() >= this.limits.deadline;
  }
}

export { ApiError };

export function toApiError(res: Response, spec: RequestSpec): ApiError {
  const body = res.body as { message?: string; reason?: string; details?: unknown } | string;
  const message =
    typeof body === 'object' && body?.message ? body.message : `HTTP ${res.status}${typeof body === 'string' && body ? `: ${body.slice(0, 200)}` : ''}`;
  const reason = typeof body === 'object' && body?.reason ? body.reason : String(res.status);
  return new ApiError(res.status, reason, message, typeof body === 'object' ? body?.details : undefined, `${spec.method} ${spec.path}`);
}
