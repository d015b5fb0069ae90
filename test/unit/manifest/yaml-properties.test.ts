/**
 * Differential property tests (fast-check) of lading's YAML emitter and parser against the
 * `yaml` library. Figures (runs, inputs) are in README's synth section; keep the file under ~5 s.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, stringify, type ToStringOptions, type DocumentOptions } from 'yaml';
import { emitYaml } from '../../../lib/manifest/emit-yaml.ts';
import { parseYamlStream } from '../../../lib/manifest/parse-yaml.ts';
import { parseYamlReference } from '../../../lib/manifest/parse-yaml-reference.ts';
import type { FieldPath, ParsedStream } from '../../../lib/manifest/source.ts';

/** Runs per property (README quotes these); LADING_PROPERTY_SCALE multiplies them for a longer hunt. */
const SCALE = Number(process.env.LADING_PROPERTY_SCALE ?? 1);
const RUNS = { emitter: 250 * SCALE, parser: 150 * SCALE, handChosen: 150 * SCALE, fuzz: 800 * SCALE };
// A fixed seed keeps `npm test` reproducible; LADING_PROPERTY_SEED explores others.
const SEED = Number(process.env.LADING_PROPERTY_SEED ?? 20261130);

// Strings a YAML writer must not leave plain: YAML 1.1 and 1.2 keywords and numbers, indicators.
const TRICKY = [
  'y',
  'Y',
  'n',
  'N',
  'yes',
  'Yes',
  'NO',
  'on',
  'On',
  'OFF',
  'off',
  'true',
  'False',
  'null',
  'Null',
  'NULL',
  '~',
  '',
  '.inf',
  '-.Inf',
  '+.INF',
  '.nan',
  '.NaN',
  '0644',
  '08',
  '0x1F',
  '0X1F',
  '0o17',
  '0b101',
  '0b-1',
  '1_000',
  '_1',
  '1:30',
  '190:20:30',
  '1e3',
  '1E3',
  '.5',
  '1.',
  '+12',
  '-0',
  '-0.0',
  '1e400',
  '2001-12-14',
  '2001-12-14T21:59:43Z',
  '<<',
  '=',
  '-',
  '?',
  ':',
  '- x',
  '? x',
  ': x',
  'a: b',
  'a:b',
  '#x',
  'a #b',
  'a#b',
  '[a]',
  '{a}',
  'a, b',
  '*a',
  '&a',
  '!a',
  '!!str',
  '|',
  '>',
  '%x',
  '@x',
  '`x',
  '"q"',
  "'q'",
  '---',
  '...',
  '--- x',
  'k8s.io/name',
  'nginx:1.25',
  '128Mi',
  '100m',
  'http://a.b/c?d=e#f',
  '\\',
  'tab\there',
  'x'.repeat(201),
];
const SPECIAL_CHARS = [
  ' ',
  ' ',
  '\n',
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
  '/',
  '.',
  '~',
  '<',
  '=',
  'a',
  'Y',
  '0',
  '1',
  'é',
  '日',
  '😀',
  '\u0085',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u00a0',
  '\x7f',
  '\x9f',
  '\r',
  '\x00',
  '\x1b',
  '\x08',
];

const spaces = fc.constantFrom('', ' ', '  ', '\n', ' \n', '\t');
const numberLike = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.tuple(fc.constantFrom('', '+', '-', '0', '0x', '0o', '0b', '.'), fc.stringMatching(/^[0-9_a-fA-F.eE:]{1,8}$/)).map(([a, b]) => a + b),
);
const text = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ unit: fc.constantFrom(...SPECIAL_CHARS), maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ maxLength: 16 }),
  numberLike,
  fc.tuple(spaces, fc.string({ maxLength: 8 }), spaces).map(([a, b, c]) => a + b + c),
  fc.array(fc.constantFrom('line', ' indented', '', '  deeper', 'a: b', '# c', '- x'), { minLength: 1, maxLength: 5 }).map((l) => l.join('\n')),
  fc.tuple(fc.constantFrom('\n', '\n\n', ''), fc.constantFrom(' x', '  y\nz', 'x'), fc.constantFrom('', '\n', '\n\n')).map((p) => p.join('')),
);
// Keys: the same strings, and keys longer than YAML's 1024-character limit on implicit keys.
const longKey = fc
  .tuple(fc.string({ unit: fc.constantFrom(...SPECIAL_CHARS), maxLength: 20 }), fc.integer({ min: 1000, max: 1100 }))
  .map(([s, n]) => s + 'k'.repeat(n));
const key = fc.oneof({ weight: 8, arbitrary: text }, { weight: 1, arbitrary: longKey });
// JSON numbers: -0 is 0 in JSON.
const number = fc
  .oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1e21, 2 ** 53 + 2, 1e-7, 0.1, 420, -1.5))
  .map((n) => (n === 0 ? 0 : n));
const scalar = fc.oneof({ weight: 5, arbitrary: text }, number, fc.boolean(), fc.constant(null));

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
}));
/** A value wrapped in 20 to 120 levels of lists and maps. */
const deep = fc
  .tuple(fc.array(fc.boolean(), { minLength: 20, maxLength: 120 }), scalar)
  .map(([levels, leaf]) => levels.reduce<unknown>((inner, asList) => (asList ? [inner] : { k: inner }), leaf));
const document = fc.oneof({ weight: 6, arbitrary: fc.dictionary(key, value, { maxKeys: 6, noNullPrototype: true }) }, { weight: 1, arbitrary: deep }, value);

describe('emitYaml: every generated value reads back unchanged', () => {
  it('by the yaml library (YAML 1.2) and by lading (YAML 1.1 as kubectl reads it)', () => {
    fc.assert(
      fc.property(document, (doc) => {
        const yaml = emitYaml(doc);
        assert.deepEqual(parse(yaml, { uniqueKeys: true }), doc, yaml);
        const mine = parseYamlStream(yaml);
        assert.deepEqual(mine.errors, [], yaml);
        assert.deepEqual(mine.docs[0]?.value ?? null, doc, yaml);
      }),
      { numRuns: RUNS.emitter, seed: SEED },
    );
  });
});

/** Every path to a node of `value`. */
function allPaths(v: unknown, prefix: (string | number)[] = [], out: FieldPath[] = []): FieldPath[] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, [...prefix, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) allPaths((v as Record<string, unknown>)[k], [...prefix, k], out);
  return out;
}

/** The fast parser (with its per-document fallback) gives exactly what the reference gives. */
function assertAgrees(yaml: string, lines: boolean): ParsedStream {
  const got = parseYamlStream(yaml);
  const want = parseYamlReference(yaml);
  assert.deepEqual(got.errors, want.errors, `errors of ${JSON.stringify(yaml)}`);
  assert.deepEqual(
    got.docs.map((d) => d.value),
    want.docs.map((d) => d.value),
    `values of ${JSON.stringify(yaml)}`,
  );
  if (lines) {
    got.docs.forEach((d, i) => {
      for (const path of allPaths(d.value)) assert.equal(d.lineOf(path), want.docs[i]!.lineOf(path), JSON.stringify(path));
    });
  }
  return got;
}

// Writer styles of the yaml library: YAML 1.1 and 1.2 output, flow, quotes, folding, indents.
const STYLES: (DocumentOptions & ToStringOptions)[] = [
  {},
  { version: '1.1' },
  { indentSeq: false },
  { lineWidth: 20, minContentWidth: 0 },
  { defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN', indent: 4 },
  { defaultStringType: 'QUOTE_DOUBLE', doubleQuotedAsJSON: true },
  { collectionStyle: 'flow', lineWidth: 0 },
  { blockQuote: 'folded', lineWidth: 30 },
  { blockQuote: 'literal', version: '1.1', indent: 3 },
];

describe('parseYamlStream agrees with the reference (yaml library syntax, kubectl values)', () => {
  it('on documents the yaml library writes from generated values, in assorted styles', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(document, fc.constantFrom(...STYLES)), { minLength: 1, maxLength: 3 }), fc.boolean(), (docs, lines) => {
        assertAgrees(docs.map(([doc, style]) => stringify(doc, style)).join('---\n'), lines);
      }),
      { numRuns: RUNS.parser, seed: SEED },
    );
  });

  it('on hand-chosen YAML 1.1 scalars, keys, anchors and merges in block and flow positions', () => {
    const scalar11 = fc.constantFrom(...TRICKY.filter((s) => !/[\n\t"'#:[\]{},&*!|>%@`?]|^[-\s]|\s$/.test(s)), '0644', 'yes', 'on', '0x1F');
    const fragment = fc.oneof(
      fc.tuple(scalar11, scalar11).map(([k, v]) => `${k}: ${v}\n`),
      fc.tuple(scalar11, scalar11).map(([k, v]) => `m:\n  ${k}: ${v}\n`),
      fc.array(scalar11, { maxLength: 4 }).map((items) => `l: [${items.join(', ')}]\n`),
      fc.array(scalar11, { minLength: 1, maxLength: 4 }).map((items) => `s:\n${items.map((i) => `- ${i}\n`).join('')}`),
      fc.tuple(scalar11, scalar11).map(([k, v]) => `f: {${k}: ${v}}\n`),
      fc.constantFrom(
        'b: &b {x: 1, y: 2}\nm:\n  x: 0\n  <<: *b\n',
        'b: &b\n  x: 1\nc: &c {z: 3}\nm:\n  <<: [*b, *c]\n  z: 4\n',
        'a: &a 0644\nb: *a\n',
        'a: *missing\n',
        'm:\n  <<: 1\n',
        'a: .inf\n',
        'x: !!int "0644"\ny: !!str 0644\n',
        '~: 1\n',
        'dup: 1\ndup: 2\n',
      ),
    );
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 5 }), fc.boolean(), (parts, lines) => {
        // Fragments may repeat a key: that is a duplicate-key error on both sides.
        assertAgrees(parts.join(''), lines);
      }),
      { numRuns: RUNS.handChosen, seed: SEED },
    );
  });
});

describe('parseYamlStream never throws', () => {
  it('on fuzzed text (YAML tokens and mutated documents): a value or errors with a line, as the reference', () => {
    const token = fc.constantFrom(
      'a',
      'b',
      'k: ',
      'v',
      '- ',
      '  ',
      '    ',
      '\n',
      '\n',
      '\n  ',
      '[',
      ']',
      '{',
      '}',
      ', ',
      '"',
      "'",
      '&a ',
      '*a',
      '*b',
      '&b ',
      '<<: ',
      '? ',
      ': ',
      ':',
      '|',
      '|2-',
      '>+',
      '#',
      ' # c',
      '---\n',
      '...\n',
      '!!int ',
      '!!binary ',
      '!x ',
      '\t',
      '0644',
      'yes',
      '~',
      '.inf',
      '1e3',
      '\\',
      '\\u00',
      '%YAML 1.1\n',
      '\r\n',
      '\u2028',
      '\ufeff',
      '😀',
      'é',
      '{"a": 1}',
      '-',
    );
    const tokens = fc.array(token, { maxLength: 40 }).map((t) => t.join(''));
    const mutated = fc.tuple(document, fc.nat(), fc.nat(), token).map(([doc, at, len, insert]) => {
      const yaml = emitYaml(doc);
      const i = at % (yaml.length + 1);
      return yaml.slice(0, i) + insert + yaml.slice(i + (len % 4));
    });
    fc.assert(
      fc.property(fc.oneof(tokens, mutated), (yaml) => {
        const r = assertAgrees(yaml, false);
        for (const e of r.errors) assert.ok(Number.isInteger(e.line) && e.line >= 1, JSON.stringify(e));
        for (const d of r.docs) assert.doesNotThrow(() => JSON.stringify(d.value));
        assert.ok(!/NaN|Infinity/.test(JSON.stringify(r.docs.map((d) => d.value)) ?? '') || /NaN|Infinity/.test(yaml));
      }),
      { numRuns: RUNS.fuzz, seed: SEED },
    );
  });
});
