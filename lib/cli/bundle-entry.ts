// The CLI bundle's one entry (bin/bundle.js): the commands, and lading's public API, which app files
// import as 'lading' from the same bundle (one class of each construct for apps and synthesizer).
export { runCommand } from './run.js';

/**
 * lading's API, initialized on first use: only commands that load app or config files need the
 * constructs (and their props schemas), and initializing them cost every other command its start.
 * The bundler turns this require into the module's lazy initializer.
 */
export function index(): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- bundle-only: a lazy initializer, not a Node require
  return require('../index.js') as Record<string, unknown>;
}
