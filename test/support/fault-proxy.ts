import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/**
 * A fault proxy on 127.0.0.1 between lading and the test control plane. Two layers:
 * - `tcp`: forwards bytes; can stall (accept, never answer; pooled connections go silent, as a
 *   half-open keep-alive socket does) and reset every connection.
 * - `http`: terminates TLS with its own certificate, re-originates each request to the API server
 *   (the client's Authorization header passes through), and injects faults into chosen requests:
 *   a status (429 with Retry-After, 500, 503), a reset before or after the server processed it, a stall.
 */

export type Fault =
  | { readonly status: number; readonly retryAfter?: number }
  /** Reset the client's connection without forwarding: the server never sees the request. */
  | { readonly reset: 'before' }
  /** Forward, let the server process it, then reset the client's connection: the outcome is unknown to the client. */
  | { readonly reset: 'after' }
  /** Never answer (the connection stays open). */
  | { readonly stall: true };

export interface FaultRule {
  readonly method?: string;
  /** The URL path (no query): a RegExp, or a substring. */
  readonly path?: RegExp | string;
  /** Only dry-runs (true) or only real requests (false); default both. */
  readonly dryRun?: boolean;
  /** The first matching request that gets the fault (1-based; default 1). */
  readonly nth?: number;
  /** How many matching requests from the nth on get it (default 1; Infinity: all). */
  readonly times?: number;
  readonly fault: Fault;
}

export interface ProxyLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** The fault injected, if any ("429", "reset:before", "stall", …). */
  readonly fault?: string;
}

export interface FaultProxy {
  readonly port: number;
  /** A kubeconfig like the upstream one whose clusters point at this proxy. */
  readonly kubeconfig: string;
  readonly log: ProxyLogEntry[];
  addRule(rule: FaultRule): void;
  clearRules(): void;
  /** tcp: new connections are held unanswered and open ones stop forwarding (until stall(false)). */
  stall(on?: boolean): void;
  /** Resets every open connection now. */
  resetAll(): void;
  close(): Promise<void>;
}

interface Upstream {
  readonly server: URL;
  readonly ca?: Buffer;
}

function readUpstream(kubeconfig: string): { config: Record<string, unknown>; upstream: Upstream } {
  const config = parse(readFileSync(kubeconfig, 'utf8')) as {
    clusters: { cluster: Record<string, string> }[];
    contexts: { name: string; context: { cluster: string } }[];
    'current-context': string;
  };
  const current = config.contexts.find((c) => c.name === config['current-context']);
  const cluster = (config.clusters as { name?: string; cluster: Record<string, string> }[]).find((c) => c.name === current?.context.cluster)!.cluster;
  const ca = cluster['certificate-authority-data']
    ? Buffer.from(cluster['certificate-authority-data'], 'base64')
    : cluster['certificate-authority']
      ? readFileSync(cluster['certificate-authority'])
      : undefined;
  return { config: config as unknown as Record<string, unknown>, upstream: { server: new URL(cluster.server!), ca } };
}

function writeKubeconfig(config: Record<string, unknown>, port: number, ca: Buffer | undefined): string {
  const copy = structuredClone(config) as { clusters: { cluster: Record<string, unknown> }[] };
  for (const c of copy.clusters) {
    c.cluster.server = `https://127.0.0.1:${port}`;
    delete c.cluster['certificate-authority'];
    if (ca) c.cluster['certificate-authority-data'] = ca.toString('base64');
  }
  const file = join(mkdtempSync(join(tmpdir(), 'lading-fault-proxy-')), 'kubeconfig');
  writeFileSync(file, stringify(copy));
  return file;
}

/** A self-signed certificate for 127.0.0.1 (its own CA), made with openssl. */
export function selfSignedCertificate(cn = 'lading-test-proxy'): { cert: Buffer; key: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'lading-cert-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${cn}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
}

class Rules {
  private readonly rules: { rule: FaultRule; matched: number }[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule, matched: 0 });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The fault for this request, counting it against every rule it matches. */
  pick(method: string, path: string, query: URLSearchParams): Fault | undefined {
    let chosen: Fault | undefined;
    for (const entry of this.rules) {
      const { rule } = entry;
      if (rule.method && rule.method !== method) continue;
      if (rule.dryRun !== undefined && rule.dryRun !== query.has('dryRun')) continue;
      if (rule.path !== undefined && !(typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path))) continue;
      entry.matched++;
      const first = rule.nth ?? 1;
      const last = first + (rule.times ?? 1) - 1;
      if (!chosen && entry.matched >= first && entry.matched <= last) chosen = rule.fault;
    }
    return chosen;
  }
}

// A TCP reset (RST) of the connection under a TLS socket; a plain close where that is not possible.
function reset(socket: net.Socket): void {
  const raw = (socket as net.Socket & { _parent?: net.Socket })._parent ?? socket;
  try {
    raw.resetAndDestroy();
  } catch {
    socket.destroy();
  }
  socket.destroy();
}

function faultName(f: Fault): string {
  return 'status' in f ? String(f.status) : 'reset' in f ? `reset:${f.reset}` : 'stall';
}

/** Starts a fault proxy in front of the cluster of `kubeconfig` (its current context). */
export async function startFaultProxy(kubeconfig: string, mode: 'tcp' | 'http'): Promise<FaultProxy> {
  const { config, upstream } = readUpstream(kubeconfig);
  const log: ProxyLogEntry[] = [];
  const rules = new Rules();
  const sockets = new Set<net.Socket>();
  let stalled = false;
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  };

  let server: net.Server;
  let ca: Buffer | undefined = upstream.ca;
  if (mode === 'tcp') {
    const pairs = new Map<net.Socket, net.Socket>();
    server = net.createServer((client) => {
      track(client);
      if (stalled) return; // accepted, never answered
      const up = net.connect(Number(upstream.server.port || 443), upstream.server.hostname);
      track(up);
      pairs.set(client, up);
      client.pipe(up);
      up.pipe(client);
      client.on('close', () => up.destroy());
      up.on('close', () => client.destroy());
    });
    const stall = (on = true) => {
      stalled = on;
      // Open connections stop forwarding either way: to the client they look alive and silent.
      for (const [client, up] of pairs) {
        if (on) {
          client.unpipe(up);
          up.unpipe(client);
          client.pause();
          up.pause();
        } else {
          client.pipe(up);
          up.pipe(client);
        }
      }
    };
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy(server, (server.address() as net.AddressInfo).port, stall);
  }

  const tls = selfSignedCertificate();
  ca = tls.cert;
  const agent = new https.Agent({ keepAlive: true, ca: upstream.ca });
  const httpsServer = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://proxy');
    const fault = stalled ? ({ stall: true } as const) : rules.pick(req.method ?? 'GET', url.pathname, url.searchParams);
    log.push({ method: req.method ?? 'GET', path: url.pathname, query: url.search, ...(fault ? { fault: faultName(fault) } : {}) });
    if (fault && 'stall' in fault) return;
    if (fault && 'reset' in fault && fault.reset === 'before') {
      reset(req.socket);
      return;
    }
    if (fault && 'status' in fault) {
      req.resume();
      const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      const reason = fault.status === 429 ? 'TooManyRequests' : fault.status === 503 ? 'ServiceUnavailable' : 'InternalError';
      res.writeHead(fault.status, headers).end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason,
          code: fault.status,
          message: `injected by the fault proxy: ${fault.status}`,
        }),
      );
      return;
    }
    const headers = { ...req.headers };
    delete headers.host;
    delete headers.connection;
    const forward = https.request(
      { host: upstream.server.hostname, port: upstream.server.port || 443, method: req.method, path: req.url, headers, agent },
      (up) => {
        if (fault && 'reset' in fault) {
          // Processed upstream; the client never learns the outcome.
          up.resume();
          up.on('end', () => reset(req.socket));
          return;
        }
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`fault proxy: upstream error ${e.message}`);
    });
    req.pipe(forward);
  });
  httpsServer.on('secureConnection', (s) => track(s));
  httpsServer.on('tlsClientError', () => undefined);
  server = httpsServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return proxy(server, (server.address() as net.AddressInfo).port, (on = true) => {
    stalled = on;
  });

  function proxy(s: net.Server, port: number, stall: (on?: boolean) => void): FaultProxy {
    // Whatever a test forgets, the proxy never keeps its process alive.
    s.unref();
    return {
      port,
      kubeconfig: writeKubeconfig(config, port, ca),
      log,
      addRule: (rule) => rules.add(rule),
      clearRules: () => rules.clear(),
      stall,
      resetAll: () => {
        for (const socket of sockets) reset(socket);
      },
      close: async () => {
        for (const socket of sockets) socket.destroy();
        // net.Server's own close: the HTTP server's close first closes idle connections and can throw
        // over a socket reset by hand, before it stops listening; a proxy left listening kept the test
        // file's process alive for ever (a CI run that never ended).
        await new Promise<void>((resolve) => {
          net.Server.prototype.close.call(s, () => resolve());
          setTimeout(resolve, 5_000).unref(); // a connection it does not track (mid-handshake) ends with its client
        });
      },
    };
  }
}
