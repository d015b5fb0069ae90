import { isIP } from 'node:net';

/**
 * The proxy kubectl would use for `server`: the cluster's `proxy-url` (which overrides the
 * environment), else HTTPS_PROXY / HTTP_PROXY unless NO_PROXY matches. As Go's
 * http.ProxyFromEnvironment: localhost and loopback addresses are never proxied from the
 * environment; NO_PROXY holds hosts, domains (".example.com" or "example.com" match
 * subdomains too), IPs, CIDRs, optional ":port", or "*".
 */
export function proxyFor(server: URL, proxyUrl: string | undefined, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  if (proxyUrl) return new URL(proxyUrl);
  const fromEnv = server.protocol === 'https:' ? env.HTTPS_PROXY || env.https_proxy : env.HTTP_PROXY || env.http_proxy;
  if (!fromEnv) return undefined;
  const host = server.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || isLoopback(host)) return undefined;
  const port = server.port || (server.protocol === 'https:' ? '443' : '80');
  if (noProxyMatches(host, port, env.NO_PROXY ?? env.no_proxy ?? '')) return undefined;
  return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(fromEnv) ? fromEnv : `http://${fromEnv}`);
}

function isLoopback(host: string): boolean {
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1';
  return false;
}

export function noProxyMatches(host: string, port: string, noProxy: string): boolean {
  for (const raw of noProxy
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean)) {
    if (raw === '*') return true;
    let entry = raw;
    let entryPort: string | undefined;
    const m = /^(.*?):(\d+)$/.exec(entry);
    if (m && isIP(entry) !== 6) [entry, entryPort] = [m[1]!, m[2]!];
    if (entryPort && entryPort !== port) continue;
    if (entry.includes('/') && isIP(host) === 4 && inCidr(host, entry)) return true;
    if (isIP(entry)) {
      if (entry === host) return true;
      continue;
    }
    const domain = entry.startsWith('.') ? entry.slice(1) : entry.startsWith('*.') ? entry.slice(2) : entry;
    if (host === domain || host.endsWith(`.${domain}`)) return true;
  }
  return false;
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (isIP(base ?? '') !== 4 || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const toInt = (a: string) => a.split('.').reduce((n, o) => (n << 8) + Number(o), 0) >>> 0;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (toInt(ip) & mask) === (toInt(base!) & mask);
}
