import { parseDuration } from '../core/duration.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../cluster/client.js';
import { type ClusterFlags, type ClusterSession, openSession } from './plan-apps.js';
import { UserError } from './errors.js';

/** The flags every command that talks to a cluster adds to ClusterFlags. */
export interface RequestFlags {
  /** kubectl's --request-timeout: "0" (no limit), "30s", "1m", or a whole number of seconds. */
  readonly requestTimeout?: string;
}

/** --request-timeout in ms (0: none); default 30s. */
export function requestTimeoutMs(flag: string | undefined): number {
  if (flag === undefined) return DEFAULT_REQUEST_TIMEOUT_MS;
  const ms = parseDuration(flag);
  if (ms === undefined) throw new UserError(`--request-timeout ${flag}: expected a duration such as 30s, 1m or 0 (no limit)`);
  return ms;
}

/** openSession, with the request timeout and (for apply) the signal that Ctrl-C aborts. */
export function openClusterSession(flags: ClusterFlags & RequestFlags, hooks: Parameters<typeof openSession>[1] = {}, signal?: AbortSignal): ClusterSession {
  const timeout = requestTimeoutMs(flags.requestTimeout);
  const session = openSession(flags, hooks);
  session.client.configure({ requestTimeoutMs: timeout, ...(signal ? { signal } : {}) });
  return session;
}
