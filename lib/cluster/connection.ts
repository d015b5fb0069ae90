import { readFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import { parse } from 'yaml';
// The package's public entry: an internal path (dist/config.js) is not part of its API.
import { KubeConfig } from '@kubernetes/client-node';
import { type CredentialSource, execCredentials, tokenFileCredentials } from './credentials.js';
import { ConnectionError } from '../core/errors.js';
import { proxyFor } from './proxy.js';

export { ConnectionError };

export interface ConnectionOptions {
  /** A kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, like kubectl). */
  readonly kubeconfig?: string;
  /** The context to use (default: the kubeconfig's current-context). */
  readonly context?: string;
  /** Where HTTPS_PROXY, NO_PROXY are read (default: process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

/** Where the API server is and how to authenticate to it, resolved from a kubeconfig. */
export interface Connection {
  readonly server: URL;
  readonly context: string;
  /** The context's namespace, or "default". */
  readonly namespace: string;
  readonly user: string;
  /** The proxy requests go through (kubeconfig proxy-url, or HTTPS_PROXY unless NO_PROXY). */
  readonly proxy?: URL;
  /** TLS material and auth headers for a request (exec plugins and token files refreshed as client-go does). */
  requestOptions(): Promise<https.RequestOptions>;
  /** After a 401: drops cached credentials; true when a retry may authenticate differently. */
  invalidateCredentials(): boolean;
  readonly agent: http.Agent;
  /** Closes the pooled idle connections (one stayed silent: the others may be half-open too). */
  dropIdleConnections(): void;
}

// The kubeconfig files kubectl would read, in merge order.
function kubeconfigFiles(options: ConnectionOptions): string[] {
  if (options.kubeconfig) return [options.kubeconfig];
  const env = process.env.KUBECONFIG;
  if (env) return env.split(delimiter).filter(Boolean);
  return [join(homedir(), '.kube', 'config')];
}

// The raw users[].user entry (client-node drops fields such as tokenFile); the first file that names the user wins.
function rawUser(files: readonly string[], name: string): Record<string, unknown> | undefined {
  for (const file of files) {
    try {
      const doc = parse(readFileSync(file, 'utf8')) as { users?: { name?: string; user?: Record<string, unknown> }[] } | null;
      const found = doc?.users?.find((u) => u.name === name)?.user;
      if (found) return found;
    } catch {
      // unreadable here: client-node already reported what matters
    }
  }
  return undefined;
}

/** Reads the kubeconfig the way kubectl does (KUBECONFIG, --kubeconfig, --context). */
export function connect(options: ConnectionOptions = {}, maxSockets = 32): Connection {
  const kc = new KubeConfig();
  try {
    if (options.kubeconfig) kc.loadFromFile(options.kubeconfig);
    else kc.loadFromDefault();
  } catch (e) {
    throw new ConnectionError(`cannot read kubeconfig ${options.kubeconfig ?? process.env.KUBECONFIG ?? '~/.kube/config'}: ${(e as Error).message}`);
  }
  if (options.context) {
    if (!kc.getContextObject(options.context)) {
      const known = kc.getContexts().map((c) => c.name);
      throw new ConnectionError(`context "${options.context}" not found in the kubeconfig (contexts: ${known.join(', ') || 'none'})`);
    }
    kc.setCurrentContext(options.context);
  }
  const contextName = kc.getCurrentContext();
  const context = kc.getContextObject(contextName);
  const cluster = kc.getCurrentCluster();
  if (!context || !cluster) {
    throw new ConnectionError('no current context in the kubeconfig: pass --context or set KUBECONFIG to a file with a current-context');
  }
  const clusterName = `cluster "${cluster.name}" of context "${contextName}" in the kubeconfig`;
  let server: URL;
  try {
    server = new URL(cluster.server);
  } catch {
    throw new ConnectionError(`${clusterName}: server "${cluster.server}" is not a URL`);
  }
  if (server.protocol === 'http:' && !cluster.skipTLSVerify) {
    throw new ConnectionError(
      `${clusterName}: server ${server.origin} is plain HTTP, which would send credentials in clear text; use its https:// address (or set insecure-skip-tls-verify: true on the cluster to allow it)`,
    );
  }
  if (server.protocol !== 'http:' && server.protocol !== 'https:')
    throw new ConnectionError(`${clusterName}: server ${cluster.server}: expected an https:// URL`);

  const user = kc.getCurrentUser();
  const who = `user "${context.user}" of context "${contextName}" in the kubeconfig`;
  if (!user) throw new ConnectionError(`${who}: no such user in the kubeconfig`);
  const raw = rawUser(kubeconfigFiles(options), user.name);
  const dynamic: CredentialSource | undefined = user.exec
    ? execCredentials(user.exec as never, who)
    : typeof raw?.tokenFile === 'string' && !user.token
      ? tokenFileCredentials(raw.tokenFile, who)
      : undefined;

  // TLS material (CA, client certificate) and static credentials: from client-node, once.
  const staticKc = new KubeConfig();
  staticKc.loadFromOptions({
    clusters: [cluster],
    contexts: [{ ...context, name: contextName }],
    currentContext: contextName,
    users: [dynamic ? { ...user, exec: undefined } : user],
  });
  let base: Promise<https.RequestOptions> | undefined;
  // client-node refreshes auth-provider (OIDC) tokens itself: asked on every request.
  const cacheable = !user.authProvider;
  const baseOptions = () =>
    base && cacheable
      ? base
      : (base = (async () => {
          const opts: https.RequestOptions = {};
          try {
            await staticKc.applyToHTTPSOptions(opts);
          } catch (e) {
            base = undefined;
            throw new ConnectionError(`${who}: ${(e as Error).message}`);
          }
          return opts;
        })());

  let proxy: URL | undefined;
  try {
    proxy = proxyFor(server, cluster.proxyUrl, options.env ?? process.env);
  } catch {
    throw new ConnectionError(`${clusterName}: proxy-url "${cluster.proxyUrl}" is not a URL`);
  }
  if (proxy && proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    throw new ConnectionError(`${clusterName}: proxy ${proxy.origin}: only http:// and https:// proxies are supported`);
  }
  const agentOptions = { keepAlive: true, maxSockets };
  const agent = proxy
    ? server.protocol === 'https:'
      ? new HttpsProxyAgent({ ...agentOptions, proxy })
      : new HttpProxyAgent({ ...agentOptions, proxy })
    : server.protocol === 'https:'
      ? new https.Agent(agentOptions)
      : new http.Agent(agentOptions);
  return {
    server,
    context: contextName,
    namespace: context.namespace ?? 'default',
    user: context.user,
    ...(proxy ? { proxy } : {}),
    agent,
    dropIdleConnections: () => {
      for (const sockets of Object.values(agent.freeSockets)) for (const s of sockets ?? []) s.destroy();
    },
    invalidateCredentials: () => {
      if (!dynamic) return false;
      dynamic.invalidate();
      return true;
    },
    requestOptions: async () => {
      const opts = await baseOptions();
      const headers = { ...(opts.headers as Record<string, string> | undefined) };
      if (!dynamic) return { ...opts, headers };
      const c = await dynamic.current();
      if (c.token) headers.Authorization = `Bearer ${c.token}`;
      return { ...opts, headers, ...(c.cert ? { cert: c.cert, key: c.key } : {}) };
    },
  };
}
