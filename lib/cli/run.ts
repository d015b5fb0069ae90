import { ClusterError } from '../core/errors.js';
import { EXIT, UserError } from './errors.js';

type Command = (...args: never[]) => Promise<number>;

/** Exit code of a bug in lading itself (never of a user's mistake). */
const INTERNAL_ERROR = EXIT.internal;

// Command name → module and export; imported on demand.
const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: async () => (await import('./validate.js')).runValidate as Command,
  synth: async () => (await import('./synth.js')).runSynth as Command,
  diff: async () => (await import('./diff.js')).runDiff as Command,
  apply: async () => (await import('./apply-command.js')).runApply as Command,
  rollback: async () => (await import('./rollback.js')).runRollback as Command,
  history: async () => (await import('./history.js')).runHistory as Command,
  status: async () => (await import('./status.js')).runStatus as Command,
  init: async () => (await import('./init.js')).runInit as Command,
  import: async () => (await import('./import.js')).runImport as Command,
};

/** Runs one command; a user's mistake is printed as one message, never as a stack trace. */
export async function runCommand(name: string, args: unknown[]): Promise<number> {
  try {
    const command = await COMMANDS[name]!();
    return await command(...(args as never[]));
  } catch (e) {
    // The user's mistakes and the environment's problems (timeouts, credentials, Ctrl-C): one line.
    if (e instanceof UserError || e instanceof ClusterError) {
      process.stderr.write(`error: ${e.message}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    process.stderr.write(`internal error: ${err.message}\n`);
    process.stderr.write(process.env.LADING_DEBUG ? `${err.stack}\n` : '(set LADING_DEBUG=1 for a stack trace, and please report it)\n');
    return INTERNAL_ERROR;
  }
}
