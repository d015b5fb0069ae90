import { PropsError } from '../constructs/props-report.js';
import { AppLoadError } from '../synth/load-apps.js';

/** Exit codes shared by every command (kubectl's conventions where it has them). */
export const EXIT = {
  ok: 0,
  /** validate: invalid input; diff: changes found; synth --check: dist/ out of date. */
  findings: 1,
  /** Usage errors, unreadable files, unreachable clusters. */
  usage: 2,
} as const;

/** A mistake of the user's (bad flag, missing file, invalid app): printed without a stack trace. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.usage) {
    super(message);
    this.name = 'UserError';
  }
}

/** An app file that fails to load or run is the user's mistake: one message, the file named. */
export function appLoadToUserError(e: unknown): never {
  if (e instanceof AppLoadError) {
    if (process.env.LADING_DEBUG && e.cause instanceof Error) process.stderr.write(`${e.cause.stack}\n`);
    throw new UserError(e.message, EXIT.findings);
  }
  if (e instanceof PropsError) throw new UserError(e.message, EXIT.findings);
  throw e;
}
