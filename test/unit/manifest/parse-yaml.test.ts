import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { parseYamlStream } from '../../../lib/manifest/parse-yaml.ts';
import { parseYamlReference } from '../../../lib/manifest/parse-yaml-reference.ts';
import { parseDocumentFast, splitDocuments, Unsupported } from '../../../lib/manifest/parse-yaml-fast.ts';
import { emitYaml } from '../../../lib/manifest/emit-yaml.ts';
import type { FieldPath, ParsedStream } from '../../../lib/manifest/source.ts';
import { CORPUS } from './yaml-corpus.ts';

/** Every path to a node of `value`, plus a few that do not exist. */
function allPaths(value: unknown, prefix: (string | number)[] = [], out: FieldPath[] = []): FieldPath[] {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((v, i) => allPaths(v, [...prefix, i], out));
    out.push([...prefix, value.length], [...prefix, 'x']);
  } else if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) allPaths((value as Record<string, unknown>)[k], [...prefix, k], out);
    out.push([...prefix, 'no-such-key'], [...prefix, 0]);
  } else {
    out.push([...prefix, 'below-scalar']);
  }
  return out;
}

/** Asserts that the fast entry point and the reference parser agree on everything. */
function assertSameAsReference(text: string, checkLines = true): ParsedStream {
  const got = parseYamlStream(text);
  const want = parseYamlReference(text);
  assert.deepEqual(got.errors, want.errors, 'errors');
  assert.deepEqual(
    got.docs.map((d) => [d.index, d.startLine, d.value]),
    want.docs.map((d) => [d.index, d.startLine, d.value]),
    'documents',
  );
  if (!checkLines) return got;
  got.docs.forEach((doc, i) => {
    for (const path of allPaths(doc.value)) {
      assert.equal(doc.lineOf(path), want.docs[i]!.lineOf(path), `line of ${JSON.stringify(path)}`);
    }
  });
  return got;
}

function usesFastPathOnly(text: string): boolean {
  text = text.replace(/\r\n/g, '\n'); // as parseYamlStream does
  const spans = splitDocuments(text);
  if (!spans) return false;
  try {
    for (const span of spans) parseDocumentFast(text, span, false);
    return true;
  } catch (e) {
    if (e instanceof Unsupported) return false;
    throw e;
  }
}

describe('parseYamlStream: handmade corpus', () => {
  for (const c of CORPUS) {
    it(c.name, () => {
      assertSameAsReference(c.text);
      if (c.fast) assert.ok(usesFastPathOnly(c.text), 'expected the fast path');
      else assert.ok(!usesFastPathOnly(c.text), 'expected a fallback');
    });
  }

  it('falls back per document and keeps line numbers', () => {
    const text = 'a: 1\n---\nb: &x 2\nc: *x\n---\nd:\n  e: 4\n';
    const r = parseYamlStream(text);
    assert.deepEqual(
      r.docs.map((d) => d.value),
      [{ a: 1 }, { b: 2, c: 2 }, { d: { e: 4 } }],
    );
    assert.equal(r.docs[1]!.lineOf(['c']), 4);
    assert.equal(r.docs[2]!.lineOf(['d', 'e']), 7);
  });

  it('reports duplicate keys on the line of the duplicate', () => {
    const r = parseYamlStream('a: 1\n---\nx:\n  y: 1\n  y: 2\n---\nb: 2\n');
    assert.deepEqual(r.errors, [{ line: 5, message: 'Map keys must be unique' }]);
    assert.deepEqual(
      r.docs.map((d) => [d.index, d.value]),
      [
        [0, { a: 1 }],
        [2, { b: 2 }],
      ],
    );
  });

  it('reports duplicate keys in JSON', () => {
    const r = parseYamlStream('{\n  "a": 1,\n  "a": 2\n}\n');
    assert.equal(r.docs.length, 0);
    assert.equal(r.errors[0]!.message, 'Map keys must be unique');
  });

  it('reads JSON with escaped quotes in keys and values', () => {
    assertSameAsReference('{"a\\"b": "c\\\\", "d": ["\\"", {"e\\\\": 1}]}');
  });
});

/** Seeded PRNG (mulberry32), so failures are reproducible. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRICKY = [
  'yes',
  'no',
  'on',
  'off',
  'true',
  'False',
  'null',
  '~',
  '',
  ' ',
  ' lead',
  'trail ',
  '1.0',
  '1e3',
  '0x1F',
  '0o7',
  '007',
  '-1',
  '.5',
  '.inf',
  '.nan',
  'a: b',
  'a:b',
  '#x',
  'a #b',
  'a#b',
  '-x',
  '- x',
  '? x',
  ': x',
  '[a]',
  '{a}',
  'a, b',
  '*a',
  '&a',
  '!a',
  '|',
  '>',
  '%x',
  '@x',
  '`x',
  '"q"',
  "'q'",
  'multi\nline',
  'multi\nline\n',
  'two\n\n',
  '\nlead',
  ' indented\nnext',
  'tab\there',
  'back\\slash',
  'é',
  '😀',
  'x'.repeat(120),
  'long words '.repeat(12),
  'k8s.io/name',
  'nginx:1.25',
  '100m',
  '128Mi',
  'http://a.b/c?d=e#f',
  '---',
  '...',
  'a\n  b\n c\n',
];

function randomValue(rand: () => number, depth: number): unknown {
  const r = rand();
  if (depth > 0 && r < 0.3) {
    const n = Math.floor(rand() * 4);
    const obj: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) obj[randomKey(rand)] = randomValue(rand, depth - 1);
    return obj;
  }
  if (depth > 0 && r < 0.5) {
    return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth - 1));
  }
  if (r < 0.6) return Math.floor(rand() * 2000) - 1000;
  if (r < 0.65) return Math.round(rand() * 1e6) / 1000;
  if (r < 0.7) return rand() < 0.5;
  if (r < 0.73) return null;
  return TRICKY[Math.floor(rand() * TRICKY.length)];
}

function randomKey(rand: () => number): string {
  const r = rand();
  if (r < 0.6) return ['name', 'spec', 'app.kubernetes.io/name', 'a-b', 'x_y', 'k'][Math.floor(rand() * 6)]!;
  const s = TRICKY[Math.floor(rand() * TRICKY.length)]!;
  return s.includes('\n') ? 'key' : s;
}

describe('parseYamlStream: generated documents', () => {
  it('agrees with the reference on documents from yaml.stringify and emitYaml; most stay on the fast path', () => {
    const rand = prng(42);
    let fastCount = 0;
    const cases = 150; // × 6 emitter variants = 900 documents
    for (let i = 0; i < cases; i++) {
      const root: Record<string, unknown> = {};
      for (let k = 0; k < 4; k++) root[randomKey(rand)] = randomValue(rand, 3);
      const texts = [
        emitYaml(root),
        stringify(root),
        stringify(root, { indentSeq: false }),
        stringify(root, { lineWidth: 20, minContentWidth: 0 }),
        stringify(root, { defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN', indent: 4 }),
        stringify(root, { collectionStyle: 'flow', lineWidth: 0 }),
      ];
      const stream = texts.join('---\n');
      if (usesFastPathOnly(stream)) fastCount++;
      // Comparing with the reference (slow) on a sample keeps the test fast; line checks on a
      // smaller one. yaml.stringify writes YAML 1.2 (`yes` plain), which kubectl reads otherwise:
      // only emitYaml's document must read back as `root` (yaml-properties.test.ts goes further).
      if (i % 5 === 0) assertSameAsReference(stream, i % 15 === 0);
      else parseYamlStream(stream);
      assert.deepEqual(parseYamlStream(texts[0]!).docs[0]!.value, root);
    }
    // Most generated documents must stay on the fast path, or the test proves little.
    assert.ok(fastCount > cases * 0.2, `only ${fastCount} of ${cases} streams were fully fast`);
  });
});
