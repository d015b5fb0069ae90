import https from 'node:https';
import http from 'node:http';
import type { Connection } from './connection.js';
import { Semaphore } from './semaphore.js';

export interface RequestSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly accept?: string;
}

export interface Response<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: http.IncomingHttpHeaders;
}

/** A Kubernetes API error (a metav1.Status body), with what the server said. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly details: unknown,
    readonly request: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ClientOptions {
  /** Requests in flight at once. Default 16. */
  readonly concurrency?: number;
  /** Attempts for a transient failure (429, 5xx, connection reset). Default 5. */
  readonly attempts?: number;
  /** Counts every request sent, by method (benchmarks and the no-op-writes check read it). */
  readonly onRequest?: (spec: RequestSpec) => void;
}

const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504]);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The one way lading talks to an API server: bounded concurrency, keep-alive connections,
 * 429 Retry-After honoured and transient errors retried with exponential backoff.
 */
export class KubeClient {
  private readonly limit: Semaphore;
  private readonly attempts: number;
  requests = 0;

  constructor(readonly connection: Connection, private readonly options: ClientOptions = {}) {
    this.limit = new Semaphore(options.concurrency ?? 16);
    this.attempts = options.attempts ?? 5;
  }

  async request<T = unknown>(spec: RequestSpec): Promise<Response<T>> {
    return this.limit.run(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await this.send<T>(spec);
          if (TRANSIENT_STATUS.has(res.status) && attempt < this.attempts) {
            await sleep(retryDelay(res.headers['retry-after'], attempt));
            continue;
          }
          return res;
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (!code || !TRANSIENT_CODES.has(code) || attempt >= this.attempts) throw e;
          await sleep(retryDelay(undefined, attempt));
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

  private async send<T>(spec: RequestSpec): Promise<Response<T>> {
    this.requests++;
    this.options.onRequest?.(spec);
    const url = new URL(spec.path, this.connection.server);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const base = await this.connection.requestOptions();
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
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<Response<T>>((resolve, reject) => {
      const req = transport.request(url, { ...base, method: spec.method, headers, agent: this.connection.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
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
        });
      });
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }
}

function retryDelay(retryAfter: string | string[] | undefined, attempt: number): number {
  const seconds = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  if (Number.isFinite(seconds) && seconds > 0) return Math.min(seconds, 30) * 1000;
  return Math.min(100 * 2 ** (attempt - 1), 5000) * (0.5 + Math.random() / 2);
}

export function toApiError(res: Response, spec: RequestSpec): ApiError {
  const body = res.body as { message?: string; reason?: string; details?: unknown } | string;
  const message = typeof body === 'object' && body?.message ? body.message : `HTTP ${res.status}${typeof body === 'string' && body ? `: ${body.slice(0, 200)}` : ''}`;
  const reason = typeof body === 'object' && body?.reason ? body.reason : String(res.status);
  return new ApiError(res.status, reason, message, typeof body === 'object' ? body?.details : undefined, `${spec.method} ${spec.path}`);
}
