// Its own module: every command's error handling names it, and load-apps.ts loads the constructs.

/** An app file that fails to load or run: the user's mistake, reported naming the file. */
export class AppLoadError extends Error {
  constructor(
    readonly file: string,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(`${file}: ${message}`);
  }
}
