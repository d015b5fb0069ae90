import https from 'node:https';
import http from 'node:http';
// The config module alone: lading needs kubeconfig loading and auth, not the generated API clients.
import { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import { ClusterError } from './errors.js';

export interface ConnectionOptions {
  /** A kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, like kubectl). */
  readonly kubeconfig?: string;
  /** The context to use (default: the kubeconfig's current-context). */
  readonly context?: string;
}

/** Where the API server is and how to authenticate to it, resolved from a kubeconfig. */
export interface Connection {
  readonly server: URL;
  readonly context: string;
  /** The context's namespace, or "default". */
  readonly namespace: string;
  readonly user: string;
  /** TLS material and auth headers for a request (exec plugins and tokens refreshed by client-node). */
  requestOptions(): Promise<https.RequestOptions>;
  readonly agent: http.Agent;
  /** Closes the pooled idle connections (one stayed silent: the others may be half-open too). */
  dropIdleConnections(): void;
}

/** The kubeconfig does not lead to a usable connection: the user's to fix. */
export class ConnectionError extends ClusterError {}

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
  const server = new URL(cluster.server);
  const agentOptions = { keepAlive: true, maxSockets };
  const agent = server.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  // client-node caches credentials (tokens from exec plugins until they expire).
  let base: Promise<https.RequestOptions> | undefined;
  return {
    server,
    context: contextName,
    namespace: context.namespace ?? 'default',
    user: context.user,
    agent,
    dropIdleConnections: () => {
      for (const sockets of Object.values(agent.freeSockets)) for (const s of sockets ?? []) s.destroy();
    },
    requestOptions: async () => {
      base ??= (async () => {
        const opts: https.RequestOptions = {};
        await kc.applyToHTTPSOptions(opts);
        return opts;
      })();
      const opts = await base;
      return { ...opts, headers: { ...opts.headers } };
    },
  };
}
