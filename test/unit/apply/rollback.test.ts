import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applySetRef } from '../../../lib/core/applyset.js';
import type { Revision } from '../../../lib/apply/history.js';
import { renderHistory } from '../../../lib/cli/history.js';
import { pickRevision } from '../../../lib/cli/rollback.js';

const set = applySetRef('shop', 'shop');
const rev = (revision: number, extra: Partial<Revision> = {}): Revision => ({
  revision,
  app: 'shop',
  set,
  recordName: `lading-history-shop-${revision}`,
  appliedAt: `2024-01-0${revision}T00:00:00.000Z`,
  summary: 's',
  status: 'ready',
  ...extra,
});

test('rollback goes to the revision before the latest, or to --to', () => {
  assert.equal(pickRevision([rev(3), rev(1), rev(2)], undefined).revision, 2);
  assert.equal(pickRevision([rev(1), rev(2), rev(3)], '1').revision, 1);
  assert.throws(() => pickRevision([rev(1), rev(2)], '7'), /--to 7: no such revision \(recorded: 1, 2\)/);
  assert.throws(() => pickRevision([rev(1)], undefined), /nothing to roll back to/);
  assert.throws(() => pickRevision([rev(1), rev(2, { app: 'other', set: applySetRef('other', 'shop') })], undefined), /choose one with --name/);
});

test('history renders a table with who, when, commit and what a rollback went back to', () => {
  const text = renderHistory([rev(1, { appliedBy: 'octo', commit: '0123456789abcdef' }), rev(2, { rollbackOf: 1 })]);
  const [header, first, second] = text.trimEnd().split('\n');
  assert.match(header!, /^APP\s+ENV\s+NAMESPACE\s+REVISION\s+APPLIED\s+BY\s+COMMIT\s+STATUS\s+CHANGES$/);
  assert.match(first!, /shop\s+-\s+shop\s+1\s+2024-01-01T00:00:00Z\s+octo\s+0123456789ab\s+ready\s+s/);
  assert.match(second!, /ready \(rollback to 1\)/);
  assert.equal(renderHistory([]), 'no revisions recorded\n');
});

test('history marks a record that rollback would refuse, with the reason', () => {
  const text = renderHistory([{ ...rev(1), problems: ['holds no objects: an empty rollback would leave nothing of the application'] }, rev(2)]);
  assert.match(text, /1\s+2024-01-01T00:00:00Z.*unusable: holds no objects/);
  assert.match(text.split('\n')[2]!, /ready/);
});
