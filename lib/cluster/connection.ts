import { readFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import { type CredentialSource, type ExecConfig, execCredentials, tokenFileCredentials } from './credentials.js';
import { type KubeconfigCluster, type KubeconfigUser, loadKubeconfig } from './kubeconfig.js';
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

/** Reads the kubeconfig the way kubectl does (KUBECONFIG, --kubeconfig, --context). */
export function connect(options: ConnectionOptions = {}, maxSockets = 32): Connection {
  const kc = loadKubeconfig(options.kubeconfig);
  if (options.context && !kc.contexts.has(options.context)) {
    const known = [...kc.contexts.keys()];
    throw new ConnectionError(`context "${options.context}" not found in the kubeconfig (contexts: ${known.join(', ') || 'none'})`);
  }
  const contextName = options.context ?? kc.currentContext;
  const context = contextName === undefined ? undefined : kc.contexts.get(contextName);
  if (!contextName || !context) {
    throw new ConnectionError('no current context in the kubeconfig: pass --context or set KUBECONFIG to a file with a current-context');
  }
  const cluster = kc.clusters.get(context.cluster);
  if (!cluster) throw new ConnectionError(`context "${contextName}" in the kubeconfig: no cluster named "${context.cluster}"`);
  const clusterName = `cluster "${cluster.name}" of context "${contextName}" in the kubeconfig`;
  let server: URL;
  try {
    server = new URL(cluster.server);
  } catch {
    throw new ConnectionError(`${clusterName}: server "${cluster.server}" is not a URL`);
  }
  if (server.protocol === 'http:' && !cluster.insecureSkipTlsVerify) {
    throw new ConnectionError(
      `${clusterName}: server ${server.origin} is plain HTTP, which would send credentials in clear text; use its https:// address (or set insecure-skip-tls-verify: true on the cluster to allow it)`,
    );
  }
  if (server.protocol !== 'http:' && server.protocol !== 'https:')
    throw new ConnectionError(`${clusterName}: server ${cluster.server}: expected an https:// URL`);

  const user = kc.users.get(context.user);
  const who = `user "${context.user}" of context "${contextName}" in the kubeconfig`;
  if (!user) throw new ConnectionError(`${who}: no such user in the kubeconfig`);
  const dynamic: CredentialSource | undefined = user.exec
    ? execCredentials(user.exec as ExecConfig, who)
    : user.tokenFile && !user.token
      ? tokenFileCredentials(user.tokenFile, who)
      : undefined;

  let base: Promise<https.RequestOptions> | undefined;
  // auth-provider (OIDC) tokens are refreshed by @kubernetes/client-node: asked on every request.
  const cacheable = !user.authProvider;
  const baseOptions = () =>
    base && cacheable
      ? base
      : (base = (user.authProvider ? authProviderOptions(cluster, user, contextName) : Promise.resolve(staticOptions(cluster, user))).catch((e: unknown) => {
          base = undefined;
          throw new ConnectionError(`${who}: ${(e as Error).message}`);
        }));

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

// A file named in the kubeconfig, else its base64 data: PEM text. (As a string: Node's agent names
// its connection pools by the CA, certificate and key, and decoded a Buffer of each on every request.)
function fileOrData(file: string | undefined, data: string | undefined): string | undefined {
  if (file) return readFileSync(file, 'utf8');
  return data ? Buffer.from(data, 'base64').toString('utf8') : undefined;
}

/** TLS material and static credentials of a kubeconfig entry (read once per run). */
export function staticOptions(cluster: KubeconfigCluster, user: KubeconfigUser): https.RequestOptions {
  const opts: https.RequestOptions = {};
  const headers: Record<string, string> = {};
  if (cluster.insecureSkipTlsVerify) opts.rejectUnauthorized = false;
  if (cluster.tlsServerName) opts.servername = cluster.tlsServerName;
  const ca = fileOrData(cluster.certificateAuthority, cluster.certificateAuthorityData);
  if (ca) opts.ca = ca;
  const cert = fileOrData(user.clientCertificate, user.clientCertificateData);
  if (cert) opts.cert = cert;
  const key = fileOrData(user.clientKey, user.clientKeyData);
  if (key) opts.key = key;
  if (user.as) headers['Impersonate-User'] = user.as;
  if (user.token) headers.Authorization = `Bearer ${user.token}`;
  if (user.username) opts.auth = `${user.username}:${user.password ?? ''}`;
  opts.headers = headers;
  return opts;
}

// The deprecated auth-provider plugins (oidc, azure, gcp) stay with @kubernetes/client-node,
// loaded only for such a user: importing it costs most of a second.
async function authProviderOptions(cluster: KubeconfigCluster, user: KubeconfigUser, context: string): Promise<https.RequestOptions> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.server,
        caFile: cluster.certificateAuthority,
        caData: cluster.certificateAuthorityData,
        skipTLSVerify: cluster.insecureSkipTlsVerify,
        tlsServerName: cluster.tlsServerName,
      },
    ],
    contexts: [{ name: context, cluster: cluster.name, user: user.name }],
    currentContext: context,
    users: [
      {
        name: user.name,
        authProvider: user.authProvider,
        token: user.token,
        certFile: user.clientCertificate,
        certData: user.clientCertificateData,
        keyFile: user.clientKey,
        keyData: user.clientKeyData,
        username: user.username,
        password: user.password,
        impersonateUser: user.as,
      },
    ],
  });
  const opts: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  return opts;
}
