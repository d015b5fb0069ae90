import { checkRecord } from '../apply/history-check.js';
import type { Revision } from '../apply/history.js';
import { listRevisions } from '../apply/history-store.js';
import { EXIT } from './errors.js';
import { type ClusterFlags, clusterFailure } from './plan-apps.js';
import { openClusterSession, type RequestFlags } from './session.js';

export interface HistoryFlags extends ClusterFlags, RequestFlags {
  readonly name?: string;
  readonly env?: string;
  readonly output?: 'text' | 'json';
  /** Look in every namespace (the default when --namespace is not given). */
  readonly allNamespaces?: boolean;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/** A revision, and why its record cannot be rolled back to (none when it can). */
export type ListedRevision = Revision & { readonly problems?: readonly string[] };

export function renderHistory(revisions: readonly ListedRevision[]): string {
  if (!revisions.length) return 'no revisions recorded\n';
  const rows = [['APP', 'ENV', 'NAMESPACE', 'REVISION', 'APPLIED', 'BY', 'COMMIT', 'STATUS', 'CHANGES']];
  for (const r of revisions) {
    rows.push([
      r.app,
      r.env ?? '-',
      r.set.namespace,
      String(r.revision),
      r.appliedAt.replace(/\.\d+Z$/, 'Z'),
      r.appliedBy ?? '-',
      r.commit ? r.commit.slice(0, 12) : '-',
      r.problems?.length ? `unusable: ${r.problems[0]}` : r.status + (r.rollbackOf !== undefined ? ` (rollback to ${r.rollbackOf})` : ''),
      r.summary,
    ]);
  }
  return table(rows);
}

/** `lading history`: the recorded revisions of each application (or of one). */
export async function runHistory(flags: HistoryFlags): Promise<number> {
  const session = openClusterSession(flags);
  let revisions: ListedRevision[];
  try {
    // Records are untrusted input: each is checked as rollback would, and one that fails says why.
    revisions = (
      await listRevisions(session.cluster, { namespace: flags.namespace, fallbackNamespace: session.defaultNamespace, app: flags.name, env: flags.env })
    ).map(({ revision, object }) => {
      const { problems } = checkRecord(object, { app: revision.app, env: revision.env, namespace: revision.set.namespace });
      return problems.length ? { ...revision, problems } : revision;
    });
  } catch (e) {
    throw clusterFailure(e, session);
  }
  process.stdout.write(flags.output === 'json' ? JSON.stringify({ revisions }, null, 2) + '\n' : renderHistory(revisions));
  return EXIT.ok;
}
