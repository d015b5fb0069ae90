import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { ConnectionError } from '../core/errors.js';
import { parseYamlStream } from '../manifest/parse-yaml.js';

/** A kubeconfig's clusters[].cluster, paths made absolute against the file that holds it. */
export interface KubeconfigCluster {
  readonly name: string;
  readonly server: string;
  readonly certificateAuthority?: string;
  readonly certificateAuthorityData?: string;
  readonly insecureSkipTlsVerify: boolean;
  readonly tlsServerName?: string;
  readonly proxyUrl?: string;
}

/** A kubeconfig's users[].user (the fields lading reads), paths made absolute. */
export interface KubeconfigUser {
  readonly name: string;
  readonly token?: string;
  readonly tokenFile?: string;
  readonly clientCertificate?: string;
  readonly clientCertificateData?: string;
  readonly clientKey?: string;
  readonly clientKeyData?: string;
  readonly username?: string;
  readonly password?: string;
  /** Impersonation (`as`). */
  readonly as?: string;
  readonly exec?: Record<string, unknown>;
  readonly authProvider?: Record<string, unknown>;
  /** The entry as written (auth-provider users are handed to @kubernetes/client-node whole). */
  readonly raw: Record<string, unknown>;
}

export interface KubeconfigContext {
  readonly name: string;
  readonly cluster: string;
  readonly user: string;
  readonly namespace?: string;
}

/** The merged kubeconfig, as kubectl merges its files: the first file to name an entry wins. */
export interface Kubeconfig {
  readonly files: readonly string[];
  readonly currentContext?: string;
  readonly clusters: ReadonlyMap<string, KubeconfigCluster>;
  readonly users: ReadonlyMap<string, KubeconfigUser>;
  readonly contexts: ReadonlyMap<string, KubeconfigContext>;
}

/** The kubeconfig files kubectl would read, in merge order (--kubeconfig, else $KUBECONFIG, else ~/.kube/config). */
export function kubeconfigFiles(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  if (explicit) return [explicit];
  const list = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  if (list.length) return list;
  return [join(env.HOME || homedir(), '.kube', 'config')];
}

type Entry = Record<string, unknown>;
const record = (v: unknown): Entry | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Entry) : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

// A relative path in a kubeconfig is relative to that file's folder (client-go's ResolvePaths).
function absolute(dir: string, path: unknown): string | undefined {
  const p = text(path);
  return p === undefined ? undefined : isAbsolute(p) ? p : join(dir, p);
}

function named(list: unknown, section: string, file: string): [string, Entry][] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new ConnectionError(`cannot read kubeconfig ${file}: ${section} is not a list`);
  return list.map((item, i) => {
    const e = record(item);
    const name = e && text(e.name);
    if (!e || name === undefined) throw new ConnectionError(`cannot read kubeconfig ${file}: ${section}[${i}].name is missing`);
    return [name, e];
  });
}

// Read as client-go reads it (YAML 1.1 scalars, as manifests are read; the first document only),
// with lading's own reader: loading the `yaml` library cost every cluster command ~90 ms of start-up.
// One difference, kept from before: a duplicate key is refused, where client-go lets the last win.
function readYaml(text: string): unknown {
  const { docs, errors } = parseYamlStream(text);
  if (errors[0]) throw new Error(`line ${errors[0].line}: ${errors[0].message}`);
  return docs[0]?.value;
}

/**
 * Reads and merges the kubeconfig files as kubectl does: a missing file in $KUBECONFIG is
 * skipped, an explicit --kubeconfig must exist; entries and current-context: the first wins.
 */
export function loadKubeconfig(explicit?: string, env: NodeJS.ProcessEnv = process.env): Kubeconfig {
  const files = kubeconfigFiles(explicit, env);
  const clusters = new Map<string, KubeconfigCluster>();
  const users = new Map<string, KubeconfigUser>();
  const contexts = new Map<string, KubeconfigContext>();
  let currentContext: string | undefined;
  const read: string[] = [];
  for (const file of files) {
    if (!explicit && !existsSync(file)) continue;
    let doc: Entry | undefined;
    try {
      const parsed = readYaml(readFileSync(file, 'utf8'));
      doc = parsed === null || parsed === undefined ? {} : record(parsed);
    } catch (e) {
      throw new ConnectionError(`cannot read kubeconfig ${file}: ${(e as Error).message}`);
    }
    if (!doc) throw new ConnectionError(`cannot read kubeconfig ${file}: not a kubeconfig (expected a mapping with clusters, contexts and users)`);
    read.push(file);
    const dir = dirname(file);
    currentContext ??= text(doc['current-context']);
    for (const [name, e] of named(doc.clusters, 'clusters', file)) {
      if (clusters.has(name)) continue;
      const c = record(e.cluster);
      const server = c && text(c.server);
      if (!c || server === undefined) throw new ConnectionError(`cannot read kubeconfig ${file}: clusters "${name}": cluster.server is missing`);
      clusters.set(name, {
        name,
        server: server.replace(/\/$/, ''),
        certificateAuthority: absolute(dir, c['certificate-authority']),
        certificateAuthorityData: text(c['certificate-authority-data']),
        insecureSkipTlsVerify: c['insecure-skip-tls-verify'] === true,
        tlsServerName: text(c['tls-server-name']),
        proxyUrl: text(c['proxy-url']),
      });
    }
    for (const [name, e] of named(doc.users, 'users', file)) {
      if (users.has(name)) continue;
      const u = record(e.user) ?? {};
      users.set(name, {
        name,
        token: text(u.token),
        tokenFile: absolute(dir, u.tokenFile ?? u['token-file']),
        clientCertificate: absolute(dir, u['client-certificate']),
        clientCertificateData: text(u['client-certificate-data']),
        clientKey: absolute(dir, u['client-key']),
        clientKeyData: text(u['client-key-data']),
        username: text(u.username),
        password: typeof u.password === 'string' ? u.password : undefined,
        as: text(u.as),
        exec: record(u.exec),
        authProvider: record(u['auth-provider']),
        raw: u,
      });
    }
    for (const [name, e] of named(doc.contexts, 'contexts', file)) {
      if (contexts.has(name)) continue;
      const c = record(e.context) ?? {};
      contexts.set(name, { name, cluster: text(c.cluster) ?? '', user: text(c.user) ?? '', namespace: text(c.namespace) });
    }
  }
  if (!read.length && !explicit) {
    const inCluster = inClusterConfig(env);
    if (inCluster) return inCluster;
    throw new ConnectionError(`cannot read kubeconfig ${files.join(delimiter)}: no such file (set KUBECONFIG or pass --kubeconfig)`);
  }
  return { files: read, currentContext, clusters, users, contexts };
}

const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

// No kubeconfig, inside a pod: its service account, as client-go's in-cluster config.
function inClusterConfig(env: NodeJS.ProcessEnv): Kubeconfig | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  const tokenFile = join(SERVICE_ACCOUNT, 'token');
  if (!host || !port || !existsSync(tokenFile)) return undefined;
  const namespaceFile = join(SERVICE_ACCOUNT, 'namespace');
  const namespace = existsSync(namespaceFile) ? readFileSync(namespaceFile, 'utf8').trim() || undefined : undefined;
  const name = 'in-cluster';
  return {
    files: [],
    currentContext: name,
    clusters: new Map([
      [
        name,
        {
          name,
          server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
          certificateAuthority: join(SERVICE_ACCOUNT, 'ca.crt'),
          insecureSkipTlsVerify: false,
        },
      ],
    ]),
    users: new Map([[name, { name, tokenFile, raw: {} }]]),
    contexts: new Map([[name, { name, cluster: name, user: name, namespace }]]),
  };
}
