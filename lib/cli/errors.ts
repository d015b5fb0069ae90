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
