import type { KubeObject } from '../manifest/object.js';
import type { ObjectOrigin } from '../validate/diagnostic.js';

export type Category = 'create' | 'change' | 'unchanged' | 'replace' | 'prune' | 'error';

export const CATEGORIES: readonly Category[] = ['create', 'change', 'replace', 'prune', 'unchanged', 'error'];

/** A field of one of our objects that another field manager set: not in our manifest, or changed. */
export interface Drift {
  /** Readable field path, e.g. spec.template.spec.containers[name=web].env[name=DEBUG]. */
  readonly path: string;
  readonly manager: string;
  readonly operation: string;
  /** When that manager last wrote, as the server recorded it. */
  readonly time?: string;
}

/** Fields another manager owns that our apply would change (an apply without --force-conflicts fails). */
export interface Conflict {
  readonly path: string;
  readonly manager: string;
}

export interface ObjectPlan {
  readonly category: Category;
  /** kubectl-style "kind.group/name". */
  readonly id: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly origin?: ObjectOrigin;
  /** The object lading would send (server-side apply body); absent for prune. */
  readonly desired?: KubeObject;
  /** Live object (as read), absent for create. Holds secret values: never render it unmasked. */
  readonly live?: KubeObject;
  /** Normalized and masked YAML of the live object and of the result, for rendering ('' when unchanged). */
  readonly before: string;
  readonly after: string;
  readonly drift: readonly Drift[];
  readonly conflicts: readonly Conflict[];
  /** Why the object is replaced or failed (server message, masked). */
  readonly reason?: string;
  /** True when the result was proven from the live object without a dry-run request. */
  readonly provenUnchanged?: boolean;
  /** The old shared field manager whose fields are renamed to the application's before the apply. */
  readonly migrateFrom?: string;
  /** The id of another ApplySet the live object belongs to: applying it would take it over. */
  readonly otherSet?: string;
  /** For a prune: what it deletes beyond the object (a namespace's contents, ...); needs consent. */
  readonly danger?: string;
  /** Set by `apply --plan`: the live resourceVersion the reviewed plan saw; the write or delete carries it as a precondition. */
  readonly precondition?: { readonly resourceVersion: string };
  /** A create whose namesake is being deleted (deletionTimestamp): apply waits until it is gone, then creates it. */
  readonly awaitsDeletion?: boolean;
}

export interface Plan {
  readonly objects: readonly ObjectPlan[];
  readonly counts: Readonly<Record<Category, number>>;
}
