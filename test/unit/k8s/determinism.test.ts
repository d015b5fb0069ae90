// `npm run gen` is deterministic and the committed output is what it produces.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { generate } from '../../../scripts/gen-k8s.js';

const committed = join(import.meta.dirname, '../../../lib/k8s/generated');

describe('npm run gen', () => {
  it('writes the committed files, byte for byte, twice in a row', async () => {
    const first = await generate(mkdtempSync(join(tmpdir(), 'lading-gen-a-')));
    const second = await generate(mkdtempSync(join(tmpdir(), 'lading-gen-b-')));
    assert.deepEqual(
      first.map((f) => basename(f)),
      ['types.ts', 'schemas.ts', 'checks.ts', 'catalog.ts', 'fields.json'],
    );
    for (let i = 0; i < first.length; i++) {
      const text = readFileSync(first[i], 'utf8');
      assert.equal(text, readFileSync(second[i], 'utf8'), `${basename(first[i])} differs between two runs`);
      assert.ok(
        text === readFileSync(join(committed, basename(first[i])), 'utf8'),
        `lib/k8s/generated/${basename(first[i])} is stale: run npm run gen and commit`,
      );
    }
  });
});
