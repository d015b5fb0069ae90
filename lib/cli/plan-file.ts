import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseSavedPlan, type SavedPlan } from '../plan/saved-plan.js';
import { UserError } from './errors.js';

/**
 * Writes a saved plan readable by its owner only (0600), atomically: a temporary file next to
 * it, then a rename, so a reader never sees half a plan and a failed run leaves the old one.
 */
export async function writePlanFile(file: string, plan: SavedPlan): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(plan, null, 2) + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new UserError(`--save-plan ${file}: cannot write it: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Reads a plan made by `lading diff --save-plan`; a missing or malformed file is the user's mistake (exit 2). */
export async function readPlanFile(file: string): Promise<SavedPlan> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UserError(`--plan ${file}: cannot read it: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return parseSavedPlan(text, file);
  } catch (e) {
    throw new UserError((e as Error).message);
  }
}
