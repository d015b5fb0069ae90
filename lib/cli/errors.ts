import { PropsError } from '../constructs/props-report.js';
import { AppLoadError } from '../synth/app-load-error.js';

/** Exit codes shared by every command (kubectl's conventions where it has them). */
export const EXIT = {
  ok: 0,
  /** validate: invalid input; diff: changes found; synth --check: dist/ out of date. */
  findings: 1,
  /** Usage errors, unreadable files, unreachable clusters, timeouts, bad credentials. */
  usage: 2,
  /** A bug in lading itself (never a user's mistake or the environment). */
  internal: 3,
  /** Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;

/** A mistake of the user's (bad flag, missing file, invalid app): printed without a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * An app file that fails to load or run is the user's mistake: one message, the file named.
 * synth exits 1 (like invalid objects); diff and apply exit 2 (invalid input: 1 would mean
 * "changes" or "failed after writing").
 */
export function appLoadToUserError(e: unknown, exitCode: number = EXIT.findings): never {
  if (e instanceof AppLoadError) {
    if (process.env.LADING_DEBUG && e.cause instanceof Error) process.stderr.write(`${e.cause.stack}\n`);
    throw new UserError(e.message, exitCode);
  }
  if (e instanceof PropsError) throw new UserError(e.message, EXIT.findings);
  throw e;
}

/** appLoadToUserError for diff, apply and rollback: exit 2. */
export const appLoadRefused = (e: unknown): never => appLoadToUserError(e, EXIT.usage);
