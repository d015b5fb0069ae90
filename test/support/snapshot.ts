import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Compares `actual` with the committed file `__snapshots__/<name>` next to the test file
 * (`testUrl` = the test's import.meta.url). UPDATE_SNAPSHOTS=1 writes it instead.
 */
export function assertSnapshot(testUrl: string, name: string, actual: string): void {
  const file = join(dirname(fileURLToPath(testUrl)), '__snapshots__', name);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) assert.fail(`no snapshot ${file}: run with UPDATE_SNAPSHOTS=1 to write it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `snapshot ${name} differs (UPDATE_SNAPSHOTS=1 rewrites it after review)`);
}
