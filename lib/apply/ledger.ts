import type { ObjectState } from './progress.js';

/** The request fields the ledger reads (a RequestSpec). */
interface SentRequest {
  readonly method: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
}

const DONE: ReadonlySet<ObjectState> = new Set(['created', 'configured', 'replaced', 'pruned']);

/**
 * What an apply has written so far, from the requests it sent and the progress it reported:
 * after a failure it tells "nothing was written" from "some was, this was not".
 */
export class WriteLedger {
  private sent = 0;
  private readonly finished = new Map<string, ObjectState>();

  /** Sees every request (a dry-run or a read is not a write). */
  request(spec: SentRequest): void {
    if (spec.method !== 'GET' && spec.query?.dryRun === undefined) this.sent++;
  }

  /** Sees every progress update (the object's id as progress names it). */
  progress(id: string, state: ObjectState): void {
    if (DONE.has(state)) this.finished.set(id, state);
  }

  /** Writes sent, answered or not (the ApplySet parent and history records count too). */
  get writes(): number {
    return this.sent;
  }

  /** How many objects ended in each state, by apply's summary names. */
  counts(): { created: number; changed: number; replaced: number; pruned: number } {
    const states = [...this.finished.values()];
    const count = (s: ObjectState) => states.filter((x) => x === s).length;
    return { created: count('created'), changed: count('configured'), replaced: count('replaced'), pruned: count('pruned') };
  }

  /** The ids among `planned` that were not written or deleted. */
  notDone(planned: readonly string[]): string[] {
    return planned.filter((id) => !this.finished.has(id));
  }
}
