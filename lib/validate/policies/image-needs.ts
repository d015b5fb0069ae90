import { isRecord } from '../../manifest/object.js';
import { compareQuantities, parseQuantity } from '../quantity.js';
import type { Policy } from './policy.js';
import { containersOf, podSpecOf } from './containers.js';

/**
 * What a well-known image needs that lading's secure defaults take away. A heuristic: it knows
 * the upstream images by repository name, not what a given tag really does; extend or replace it
 * with `imageNeedsPolicyOf([...IMAGE_NEEDS, mine])`.
 */
export interface ImageNeeds {
  /** Repositories, as written in `image` without tag or digest ("docker.io/library/" is dropped: "redis" also matches "docker.io/library/redis"). */
  readonly repositories: readonly string[];
  /** Why, in a few words (shown in the warning). */
  readonly why: string;
  /** The image starts as root: `user` is a non-root uid it also runs as (undefined: it needs root). */
  readonly startsAsRoot?: { readonly user?: number };
  /** Paths it writes to (a read-only root filesystem breaks it unless a volume is mounted there). */
  readonly writes?: readonly string[];
  /** Capabilities it needs (dropped by `drop: [ALL]` unless added back). */
  readonly capabilities?: readonly string[];
  /** The memory limit below which it does not start or is killed. */
  readonly memory?: string;
}

const APACHE_PHP = {
  why: 'Apache starts as root to bind port 80, then switches to www-data',
  startsAsRoot: {},
  writes: ['/var/run/apache2', '/var/lock/apache2', '/tmp'],
  capabilities: ['NET_BIND_SERVICE', 'SETUID', 'SETGID'],
} as const;

/** The images known to the `image-needs` policy (documented in docs/constructs.md, Policies). */
export const IMAGE_NEEDS: readonly ImageNeeds[] = [
  {
    repositories: ['redis', 'registry.k8s.io/redis'],
    why: 'the entrypoint starts as root and switches to the redis user (999)',
    startsAsRoot: { user: 999 },
    writes: ['/data'],
  },
  {
    repositories: ['gcr.io/google_samples/gb-redisslave', 'gcr.io/google-samples/gb-redis-follower'],
    why: 'a Redis image that runs as root',
    startsAsRoot: {},
    writes: ['/data'],
  },
  {
    repositories: ['mysql', 'mariadb'],
    why: 'the entrypoint starts as root and switches to the mysql user (999)',
    startsAsRoot: { user: 999 },
    writes: ['/var/lib/mysql', '/var/run/mysqld', '/tmp'],
    memory: '512Mi',
  },
  {
    repositories: ['postgres'],
    why: 'the entrypoint starts as root and switches to the postgres user (999)',
    startsAsRoot: { user: 999 },
    writes: ['/var/lib/postgresql/data', '/var/run/postgresql'],
  },
  { repositories: ['wordpress'], ...APACHE_PHP, writes: ['/var/www/html', ...APACHE_PHP.writes] },
  { repositories: ['gcr.io/google-samples/gb-frontend', 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend'], ...APACHE_PHP },
  { repositories: ['httpd', 'php'], ...APACHE_PHP },
  {
    repositories: ['nginx'],
    why: 'the master process starts as root to bind port 80, workers run as nginx',
    startsAsRoot: {},
    writes: ['/var/cache/nginx', '/var/run', '/tmp'],
    capabilities: ['NET_BIND_SERVICE', 'SETUID', 'SETGID', 'CHOWN'],
  },
  {
    repositories: ['cassandra', 'gcr.io/google-samples/cassandra'],
    why: 'it starts as root, writes its configuration at start and locks its memory',
    startsAsRoot: {},
    writes: ['/var/lib/cassandra', '/etc/cassandra', '/var/log/cassandra', '/tmp'],
    capabilities: ['IPC_LOCK'],
    memory: '1Gi',
  },
];

/** The repository of an image reference: no tag, no digest, no "docker.io/library/". */
export function imageRepository(image: string): string {
  let repo = image.split('@')[0]!;
  const slash = repo.lastIndexOf('/');
  const colon = repo.lastIndexOf(':');
  if (colon > slash) repo = repo.slice(0, colon);
  return repo.replace(/^(docker\.io|index\.docker\.io)\//, '').replace(/^library\//, '');
}

const record = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

function covered(path: string, mounts: readonly string[]): boolean {
  return mounts.some((m) => path === m || path.startsWith(m.endsWith('/') ? m : `${m}/`));
}

/** The `image-needs` policy over a table of images (IMAGE_NEEDS by default). */
export function imageNeedsPolicyOf(table: readonly ImageNeeds[] = IMAGE_NEEDS): Policy {
  const byRepository = new Map(table.flatMap((n) => n.repositories.map((r) => [r, n] as const)));
  return {
    id: 'image-needs',
    description: "a well-known image is not given what it needs and lading's defaults take away (root, a writable filesystem, capabilities, memory)",
    severity: 'warning',
    *check(o) {
      const pod = record(podSpecOf(o)?.spec);
      const podSc = record(pod.securityContext);
      for (const { container, path } of containersOf(o)) {
        const image = typeof container.image === 'string' ? container.image : '';
        const needs = byRepository.get(imageRepository(image));
        if (!needs) continue;
        const sc = record(container.securityContext);
        const what = `image "${image}" (${needs.why})`;
        const user = sc.runAsUser ?? podSc.runAsUser;
        if (needs.startsAsRoot && (sc.runAsNonRoot ?? podSc.runAsNonRoot) === true && user === undefined) {
          const fix =
            needs.startsAsRoot.user === undefined
              ? 'set securityContext: { runAsNonRoot: null } (it needs root; the run-as-root policy then wants an opt-out)'
              : `set securityContext: { runAsUser: ${needs.startsAsRoot.user} } (its own user), or runAsNonRoot: null`;
          yield {
            path: [...path, 'securityContext', 'runAsNonRoot'],
            message: `${what} starts as root: with runAsNonRoot the kubelet will not start it; ${fix}`,
          };
        }
        if (sc.readOnlyRootFilesystem === true && needs.writes) {
          const mounts = (Array.isArray(container.volumeMounts) ? container.volumeMounts : []).map((m) => String(record(m).mountPath ?? ''));
          const unwritable = needs.writes.filter((w) => !covered(w, mounts));
          if (unwritable.length) {
            yield {
              path: [...path, 'securityContext', 'readOnlyRootFilesystem'],
              message: `${what} writes to ${unwritable.join(', ')}: the root filesystem is read-only; mount a volume there (mounts: { '${unwritable[0]}': PodVolume.emptyDir('${unwritable[0]!.split('/').filter(Boolean).join('-')}') }) or set securityContext: { readOnlyRootFilesystem: null }`,
            };
          }
        }
        const caps = record(sc.capabilities);
        const dropped = new Set((Array.isArray(caps.drop) ? caps.drop : []).map(String));
        const added = new Set((Array.isArray(caps.add) ? caps.add : []).map(String));
        const missing = (needs.capabilities ?? []).filter((c) => (dropped.has('ALL') || dropped.has(c)) && !added.has(c));
        if (missing.length) {
          yield {
            path: [...path, 'securityContext', 'capabilities'],
            message: `${what} needs ${missing.join(', ')}, dropped: set securityContext: { capabilities: { add: [${missing.map((c) => `'${c}'`).join(', ')}] } }`,
          };
        }
        const limit = parseQuantity(record(record(container.resources).limits).memory);
        const least = needs.memory ? parseQuantity(needs.memory) : undefined;
        if (limit && least && compareQuantities(limit, least) < 0) {
          yield {
            path: [...path, 'resources', 'limits', 'memory'],
            message: `${what} needs at least ${needs.memory} of memory: set resources: { limits: { memory: '${needs.memory}' } } (and requests to match)`,
          };
        }
      }
    },
  };
}

/** The policy with the built-in table. */
export const imageNeedsPolicy: Policy = imageNeedsPolicyOf();
