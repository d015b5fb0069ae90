import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { goFloat32String, resolvePlain } from '../../../lib/manifest/kubectl-scalars.ts';
import { emitYaml } from '../../../lib/manifest/emit-yaml.ts';
import { parseYamlStream } from '../../../lib/manifest/parse-yaml.ts';
import { parseYamlReference } from '../../../lib/manifest/parse-yaml-reference.ts';
import type { ParsedStream } from '../../../lib/manifest/source.ts';

/** kubectl refuses the document (its YAML-to-JSON conversion fails). */
const REFUSED = Symbol('refused');

// Recorded from kubectl 1.32.4 (`kubectl annotate --local -f x.yaml a=b -o json` of a ConfigMap
// whose data holds `k: <scalar>`, or `<scalar>: x` for keys), 2026-11-30. The last test re-runs
// the table through kubectl when it is on PATH.
const VALUES: [string, unknown][] = [
  ['0644', 420],
  ['0o17', 15],
  ['0O17', 15],
  ['0x1F', 31],
  ['0X1F', 31],
  ['-0x1F', -31],
  ['+0x1F', 31],
  ['1_000', 1000],
  ['1:30', '1:30'],
  ['190:20:30', '190:20:30'],
  ['yes', true],
  ['Yes', true],
  ['YES', true],
  ['y', true],
  ['Y', true],
  ['n', false],
  ['N', false],
  ['no', false],
  ['on', true],
  ['ON', true],
  ['off', false],
  ['Off', false],
  ['oN', 'oN'],
  ['~', null],
  ['null', null],
  ['Null', null],
  ['nUll', 'nUll'],
  ['', null],
  ['true', true],
  ['True', true],
  ['tRue', 'tRue'],
  ['.5', 0.5],
  ['.5_0', 0.5],
  ['._5', '._5'],
  ['1e3', 1000],
  ['1E3', 1000],
  ['1.5e3', 1500],
  ['1e400', '1e400'],
  ['08', 8],
  ['09', 9],
  ['0b101', 5],
  ['0B101', 5],
  ['0b-1', -1],
  ['-0b101', -5],
  ['+12', 12],
  ['-0', 0],
  ['0.', 0],
  ['1.', 1],
  ['-.5', -0.5],
  ['.inf', REFUSED as unknown],
  ['-.Inf', REFUSED as unknown],
  ['+.inf', REFUSED as unknown],
  ['.nan', REFUSED as unknown],
  ['2001-12-14', '2001-12-14'],
  ['2001-12-14T21:59:43.10-05:00', '2001-12-14T21:59:43.10-05:00'],
  ['0x_1F', 31],
  ['1__0', 10],
  ['_1', '_1'],
  ['1_', 1],
  ['0_x1F', 31],
  ['99999999999999999999', 100000000000000000000],
  ['18446744073709551615', 18446744073709552000],
  ['9223372036854775808', 9223372036854776000],
  ['-9223372036854775809', -9223372036854776000],
  ['0xFFFFFFFFFFFFFFFFFF', '0xFFFFFFFFFFFFFFFFFF'],
  ['0777777777777777777777777', 7.777777777777778e23],
  ['+1_0.5', 10.5],
  ['1_000.5', 1000.5],
  ['0.1e-2', 0.001],
  ['1.e5', 100000],
  ['.e5', '.e5'],
  ['inf', 'inf'],
  ['+inf', '+inf'],
  ['0o', '0o'],
  ['0x', '0x'],
  ['0b', '0b'],
  ['00', 0],
  ['-08', -8],
  ['1.5_5', 1.55],
  ['.5e3', 500],
  ['.5e1_0', 5000000000],
  ['+.nan', '+.nan'],
  ['0b+1', 1],
  ['1__000.5', 1000.5],
  ['-0.0', 0],
  ['+0', 0],
  ['0o_17', 15],
  ['0x1_F', 31],
  ['1_e3', 1000],
  ['1e_3', 1000],
];

const KEYS: [string, unknown][] = [
  ['1', '1'],
  ['1.5', '1.5'],
  ['0.123456789', '0.12345679'],
  ['yes', 'true'],
  ['on', 'true'],
  ['~', REFUSED as unknown],
  ['null', REFUSED as unknown],
  ['0644', '420'],
  ['1e3', '1000'],
  ['1e7', '1e+07'],
  ['1234567.0', '1.234567e+06'],
  ['123456.5', '123456.5'],
  ['0.00001', '1e-05'],
  ['.inf', '.inf'],
  ['.nan', '.nan'],
  ['true', 'true'],
  ['2001-12-14', '2001-12-14'],
  ['18446744073709551615', REFUSED as unknown],
  ['99999999999999999999', '1e+20'],
  ['"<<"', '<<'],
  ['-0', '0'],
  ['0.1', '0.1'],
];

const HEADER = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n';

/** Both entry points, fast (with fallback) and reference, must give the same value or error. */
function readBoth(text: string): ParsedStream {
  const fast = parseYamlStream(text);
  const reference = parseYamlReference(text);
  assert.deepEqual(fast.errors, reference.errors, 'errors');
  assert.deepEqual(
    fast.docs.map((d) => d.value),
    reference.docs.map((d) => d.value),
    'values',
  );
  return fast;
}

function valueOf(text: string): unknown {
  const r = readBoth(text);
  assert.deepEqual(r.errors, [], text);
  return r.docs[0]!.value;
}

function errorsOf(text: string): ParsedStream['errors'] {
  const r = readBoth(text);
  assert.equal(r.docs.length, 0, text);
  assert.ok(r.errors.length > 0, text);
  return r.errors;
}

describe('YAML as kubectl reads it (go-yaml v2, then JSON)', () => {
  it('plain scalars: YAML 1.1 words, Go number syntax (octal 0644, 0x, 0o, 0b, 1_000, 1e3), no sexagesimal', () => {
    for (const [text, want] of VALUES) {
      const doc = `k: ${text}\n`;
      if (want === REFUSED) {
        assert.equal(errorsOf(doc)[0]!.line, 1, text);
        assert.match(errorsOf(doc)[0]!.message, /JSON has no infinity or NaN/);
        continue;
      }
      assert.deepEqual(valueOf(doc), { k: want }, text);
      assert.deepEqual(resolvePlain(text), want, text);
      // Quoted, it is always the string.
      assert.deepEqual(valueOf(`k: "${text}"\n`), { k: text }, text);
    }
  });

  it('map keys become JSON keys as sigs.k8s.io/yaml makes them; null keys are refused', () => {
    for (const [text, want] of KEYS) {
      const doc = `${text}: x\n`;
      if (want === REFUSED) {
        assert.equal(errorsOf(doc)[0]!.line, 1, text);
        continue;
      }
      assert.deepEqual(valueOf(doc), { [want as string]: 'x' }, text);
    }
    assert.equal(goFloat32String(16777217), '1.6777216e+07');
  });

  it('a fast-path document gives the same values as the reference, in block and flow style', () => {
    const text = 'mode: 0644\nflags: [yes, off, 0x1F, 1_000, 1:30, ~]\nnested:\n  on: 1\n';
    assert.deepEqual(valueOf(text), { mode: 420, flags: [true, false, 31, 1000, '1:30', null], nested: { true: 1 } });
    assert.deepEqual(valueOf('{"defaultMode": 420, "a": [1e3, "0644"]}'), { defaultMode: 420, a: [1000, '0644'] });
  });

  it('<< merges as go-yaml v2 merges: in place, later writes win, earlier maps of a list win', () => {
    const text = 'base: &b {a: "2", b: "2"}\nm:\n  a: "1"\n  <<: [*b, {b: "3", c: "3"}]\n  c: "4"\nq:\n  "<<": literal\n';
    assert.deepEqual(valueOf(text), { base: { a: '2', b: '2' }, m: { a: '2', b: '2', c: '4' }, q: { '<<': 'literal' } });
    assert.deepEqual(valueOf('a: &a {x: 1}\nb:\n  <<: *a\n  y: 2\n'), { a: { x: 1 }, b: { x: 1, true: 2 } });
  });

  it('explicit tags: !!str keeps the text, !!int and !!float resolve, a mismatch is an error', () => {
    assert.deepEqual(valueOf('a: !!str 0644\nb: !!int "0644"\nc: !!float 1\nd: !custom 12\ne: !!binary aGk=\n'), {
      a: '0644',
      b: 420,
      c: 1,
      d: '12',
      e: 'hi',
    });
    assert.match(errorsOf('a: !!int abc\n')[0]!.message, /cannot decode !!str `abc` as a !!int/);
  });
});

describe('inputs kubectl refuses are syntax errors with a line, never exceptions', () => {
  it('an alias to a missing anchor', () => {
    assert.deepEqual(errorsOf(`${HEADER}  a: *nope\n`), [{ line: 6, message: "unknown anchor 'nope' referenced" }]);
  });

  it('an anchor that contains its own alias', () => {
    assert.match(errorsOf('a: &x [1, *x]\n')[0]!.message, /contains itself/);
  });

  it('an alias bomb (billion laughs) is refused quickly, small aliasing is fine', () => {
    const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `a${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(',')}]`,
      );
    const start = performance.now();
    const errors = errorsOf(lines.join('\n') + '\n');
    assert.ok(performance.now() - start < 1000);
    assert.match(errors[0]!.message, /excessive aliasing/);
    assert.deepEqual(valueOf('a: &x {b: 1}\nc: [*x, *x]\n'), { a: { b: 1 }, c: [{ b: 1 }, { b: 1 }] });
  });

  it('thousands of nesting levels, block and flow, YAML and JSON', () => {
    // 10,001 is where kubectl stops; a block mapping that deep is quadratic text, so 1,000.
    for (const depth of [600, 10_001]) {
      const flow = 'a: ' + '['.repeat(depth) + ']'.repeat(depth) + '\n';
      const seq = '- '.repeat(depth) + 'x\n';
      const json = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      const block = Array.from({ length: Math.min(depth, 1000) }, (_, i) => ' '.repeat(i) + 'k:\n').join('');
      for (const text of [flow, seq, json, block]) {
        const r = parseYamlStream(text);
        assert.equal(r.docs.length, 0);
        assert.match(r.errors[0]!.message, /nesting deeper than 500 levels/);
        assert.ok(r.errors[0]!.line >= 1);
      }
    }
    assert.equal(parseYamlStream('a: ' + '['.repeat(400) + ']'.repeat(400) + '\n').errors.length, 0);
  });

  it('null and collection keys, a merge of a scalar, a lone surrogate escape', () => {
    assert.match(errorsOf('~: x\n')[0]!.message, /null map key/);
    assert.match(errorsOf('? [a]\n: 1\n')[0]!.message, /cannot be a map key/);
    assert.match(errorsOf('a:\n  <<: 1\n')[0]!.message, /map merge requires map/);
  });

  it('duplicate keys stay errors, also when they differ only in YAML (1 and "1")', () => {
    assert.deepEqual(errorsOf(`${HEADER}  "1": a\n  1: b\n`), [{ line: 7, message: 'Map keys must be unique' }]);
  });
});

/** kubectl on PATH (or LADING_TEST_KUBECTL), else undefined: the check below then skips. */
function findKubectl(): string | undefined {
  for (const candidate of [process.env.LADING_TEST_KUBECTL, 'kubectl']) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['version', '--client'], { stdio: 'ignore', timeout: 10_000 });
      return candidate;
    } catch {
      // not there
    }
  }
  return undefined;
}

describe('the table against kubectl itself', () => {
  const kubectl = findKubectl();
  it('kubectl reads every value and key of the table as recorded (offline: annotate --local)', { skip: kubectl ? false : 'kubectl not on PATH' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'lading-yaml-'));
    try {
      const accepted = VALUES.filter(([, v]) => v !== REFUSED);
      const keys = KEYS.filter(([, v]) => v !== REFUSED);
      const text =
        HEADER +
        accepted.map(([t], i) => `  k${i}: ${t}\n`).join('') +
        '---\n' +
        HEADER.replace('name: x', 'name: x2') +
        keys.map(([t], i) => `  m${i}:\n    ${t}: ${i}\n`).join('');
      const file = join(dir, 'x.yaml');
      writeFileSync(file, text);
      const out = execFileSync(kubectl!, ['annotate', '--local', '-f', file, 'a=b', '-o', 'json'], { encoding: 'utf8', timeout: 30_000 });
      const [values, keyed] = out.split(/\n(?=\{)/).map((s) => JSON.parse(s) as { data: Record<string, unknown> });
      accepted.forEach(([t, want], i) => assert.deepEqual(values!.data[`k${i}`], want, t));
      keys.forEach(([t, want], i) => assert.deepEqual(keyed!.data[`m${i}`], { [want as string]: i }, t));
      // And lading reads the same stream the same way.
      const mine = parseYamlStream(text).docs.map((d) => (d.value as { data: unknown }).data);
      assert.deepEqual(mine, [values!.data, keyed!.data]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it(
    'kubectl reads what lading emits back unchanged: special characters, unicode, number-like strings, long keys, blocks',
    { skip: kubectl ? false : 'kubectl not on PATH' },
    () => {
      const chars = [
        ' ',
        '\n',
        '\t',
        ':',
        '#',
        '-',
        '?',
        '[',
        ']',
        '{',
        '}',
        ',',
        '&',
        '*',
        '!',
        '|',
        '>',
        "'",
        '"',
        '%',
        '@',
        '`',
        '\\',
        '.',
        '~',
        '<',
        'a',
        'Y',
        '0',
        'é',
        '😀',
        '\u0085',
        '\u2028',
        '\ufeff',
        '\x7f',
        '\x9f',
        '\r',
        '\x00',
      ];
      const str = fc.oneof(
        fc.string({ unit: fc.constantFrom(...chars), maxLength: 12 }),
        fc.string({ unit: 'binary', maxLength: 8 }),
        fc.tuple(fc.constantFrom('', '+', '-', '0', '0x', '0o', '0b', '.'), fc.stringMatching(/^[0-9_a-fA-F.eE:]{1,8}$/)).map(([a, b]) => a + b),
        fc.constantFrom(...VALUES.map(([t]) => t), '\n  indented', '\n\n x\n'),
      );
      const values = fc.sample(str, { numRuns: 300, seed: 11 });
      const keys = fc.sample(
        str.filter((s) => s !== ''),
        { numRuns: 150, seed: 12 },
      );
      const data = Object.fromEntries(values.map((v, i) => [`v${i}`, v]));
      const keyed = Object.fromEntries(keys.map((k, i) => [k, i]));
      const long = { [`${'q'.repeat(1100)}: #`]: '\n  x' };
      const dir = mkdtempSync(join(tmpdir(), 'lading-yaml-'));
      try {
        const file = join(dir, 'x.yaml');
        writeFileSync(file, emitYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data, keyed, long }));
        const out = JSON.parse(execFileSync(kubectl!, ['annotate', '--local', '-f', file, 'a=b', '-o', 'json'], { encoding: 'utf8', timeout: 30_000 }));
        assert.deepEqual(out.data, data);
        assert.deepEqual(out.keyed, keyed);
        assert.deepEqual(out.long, long);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
