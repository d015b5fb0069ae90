import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { re2, translateRe2 } from '../../../lib/validate/re2.js';

const matches = (pattern: string, value: string) => {
  const re = re2(pattern);
  assert.ok(re instanceof RegExp, `${pattern}: ${String(re)}`);
  return re.test(value);
};

describe('RE2 patterns (CRD pattern:) in JavaScript', () => {
  test('escaped punctuation that u mode rejects: \\- \\_ \\@ \\: \\# \\/ inside and outside classes', () => {
    assert.ok(matches('^[a-z0-9\\-]+$', 'a-1'));
    assert.ok(!matches('^[a-z0-9\\-]+$', 'a_1'));
    assert.ok(matches('^\\_\\@\\:\\#x$', '_@:#x'));
    assert.ok(matches('^a\\-b$', 'a-b'));
    assert.ok(matches('^[^\\s/]+$', 'abc'));
  });
  test('flags at the start: (?i), (?s), (?is)', () => {
    assert.ok(matches('(?i)^get$', 'GET'));
    assert.ok(matches('(?s)^a.b$', 'a\nb'));
    assert.ok(!matches('^a.b$', 'a\nb'));
    assert.deepEqual(translateRe2('(?is)x'), { source: 'x', flags: 'is' });
  });
  test('RE2-only syntax: \\A \\z, \\Q…\\E, POSIX classes, (?P<name>), \\pL, a literal { or ]', () => {
    assert.ok(matches('\\Aab\\z', 'ab') && !matches('\\Aab\\z', 'xab'));
    assert.ok(matches('^\\Qa.b*\\E$', 'a.b*') && !matches('^\\Qa.b*\\E$', 'axb'));
    assert.ok(matches('^[[:alnum:]_-]+$', 'a_1-b') && !matches('^[[:alnum:]]+$', 'a b'));
    assert.ok(matches('^(?P<major>\\d+)\\.\\d+$', '1.2'));
    assert.ok(matches('^\\pL+$', 'héllo'));
    assert.ok(matches('^a{$', 'a{') && matches('^a{2}$', 'aa') && matches('^a]$', 'a]'));
  });
  test("Go's meaning where JavaScript's differs: \\s is ASCII whitespace, . matches \\r, \\x{…} is a code point", () => {
    assert.ok(!matches('^\\s$', '\u00a0') && matches('^\\s$', '\t'));
    assert.ok(matches('^\\S+$', 'a\u00a0b') && matches('^[\\s,]+$', ' ,\n'));
    assert.ok(matches('^a.b$', 'a\rb') && !matches('^a.b$', 'a\nb'));
    assert.ok(matches('^\\x{41}\\x{1F600}$', 'A😀'));
  });
  test('what JavaScript cannot express is an Error, not a throw: (?U), mid-pattern flags, bad syntax', () => {
    for (const p of ['(?U)a+', 'a(?i)b', '[', '(', 'a\\']) assert.ok(re2(p) instanceof Error, p);
  });
});
