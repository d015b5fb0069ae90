import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, parseAllDocuments } from 'yaml';
import fc from 'fast-check';
import { canonicalize } from '../../../lib/manifest/canonical.js';
import { emitCanonicalYaml, emitYaml, emitYamlStream, isPlainSafe } from '../../../lib/manifest/emit-yaml.js';
import { parseYamlStream } from '../../../lib/manifest/parse-yaml.js';

/** What kubectl would read (lading reads YAML as kubectl does). */
function readAsKubectl(yaml: string): unknown {
  const r = parseYamlStream(yaml);
  assert.deepEqual(r.errors, [], yaml);
  return r.docs[0]?.value;
}

describe('emitYaml', () => {
  test("kubectl style: sequences at their key's indentation, name first kept as given", () => {
    const out = emitYaml({ spec: { containers: [{ name: 'web', ports: [{ containerPort: 80 }] }] } });
    assert.equal(out, 'spec:\n  containers:\n  - name: web\n    ports:\n    - containerPort: 80\n');
  });
  test('strings that YAML 1.1 or 1.2 would read as something else are quoted', () => {
    for (const s of [
      'true',
      'yes',
      'No',
      'on',
      'y',
      'null',
      '~',
      '1',
      '1.0',
      '1e3',
      '0x1F',
      '0o17',
      '0b-1',
      '0644',
      '1_000',
      '1:20',
      '2001-12-14',
      '',
      ' lead',
      'a: b',
      '#x',
      '- x',
      '*ref',
      '&a',
      '!tag',
      '%x',
      '@x',
      '`x',
      '{a}',
      '[a]',
      'a #b',
      'trail ',
      '--- x',
      '... x',
      '<<',
    ]) {
      assert.equal(isPlainSafe(s), false, s);
      assert.deepEqual(parse(emitYaml({ v: s })), { v: s }, s);
      assert.deepEqual(readAsKubectl(emitYaml({ [s]: s })), { [s]: s }, s);
    }
  });
  test('quantities, images, paths and flags stay plain', () => {
    for (const s of ['128Mi', '500m', '1.5Gi', 'nginx:1.27.3', 'ghcr.io/acme/web:1.4.2', '/healthz', '--port=8080', 'app.kubernetes.io/name']) {
      assert.equal(isPlainSafe(s), true, s);
    }
  });
  test('multi-line strings become literal blocks that read back exactly, trailing newlines included', () => {
    for (const s of ['a\nb\n', 'a\nb', 'a\n\n', '  indented\nx\n', 'line\n\n\nlast\n']) {
      const out = emitYaml({ data: { 'file.txt': s } });
      assert.match(out, /file\.txt: \|/);
      assert.deepEqual(parse(out), { data: { 'file.txt': s } }, JSON.stringify(s));
    }
  });
  test('a block whose first line is empty and the next indented keeps its indentation indicator', () => {
    for (const s of ['\n  indented', '\n\n   x\ny\n', '\n x\n\n']) {
      for (const doc of [{ k: s }, [s], { l: [{ k: s }] }, s]) {
        const out = emitYaml(doc);
        assert.match(out, /\|2/, out);
        assert.deepEqual(parse(out), doc, out);
        assert.deepEqual(readAsKubectl(out), doc, out);
      }
    }
  });
  test('keys over 1000 characters are explicit keys (`? key`), in maps and list items', () => {
    const long = 'k'.repeat(1100);
    for (const doc of [{ [long]: 'v', b: 1 }, [{ [long]: { c: [1] }, d: [] }], { a: { [`"${long}\n`]: [1, 2] } }]) {
      const out = emitYaml(doc);
      assert.match(out, /\? /, out);
      assert.deepEqual(parse(out), doc);
      assert.deepEqual(readAsKubectl(out), doc);
    }
  });
  test('characters YAML 1.1 refuses raw or reads as line breaks are escaped', () => {
    const s = 'nel\u0085ls\u2028ps\u2029bom\ufeffdel\x7fc1\x9f';
    const out = emitYaml({ s });
    assert.doesNotMatch(out, /[\u0085\u2028\u2029\ufeff\x7f\x9f]/);
    assert.deepEqual(parse(out), { s });
    assert.deepEqual(readAsKubectl(out), { s });
  });
  test('text a block cannot hold exactly (trailing spaces, tabs, CR) is double-quoted', () => {
    for (const s of ['a \nb', 'a\r\nb', 'tab\there\n']) assert.deepEqual(parse(emitYaml({ s })), { s });
  });
  test('empty collections, null, numbers and booleans', () => {
    const value = { a: [], b: {}, c: null, d: 0, e: -1.5, f: false, g: [[1, 2], []], h: [{}] };
    assert.deepEqual(parse(emitYaml(value)), value);
  });
  test('a stream of documents separated by ---', () => {
    const docs = parseAllDocuments(emitYamlStream([{ a: 1 }, { b: 2 }]));
    assert.deepEqual(
      (docs as { toJS(): unknown }[]).map((d) => d.toJS()),
      [{ a: 1 }, { b: 2 }],
    );
  });
  test('non-finite numbers are refused rather than written wrong', () => {
    assert.throws(() => emitYaml({ n: Number.NaN }), /non-finite/);
  });
});

describe('emitCanonicalYaml', () => {
  // synth writes emitCanonicalYaml(object): it must be byte for byte what the copy gives.
  const outcome = (emit: () => string) => {
    try {
      return emit();
    } catch (e) {
      return `throws ${(e as Error).message}`;
    }
  };
  const same = (doc: unknown) =>
    assert.equal(
      outcome(() => emitCanonicalYaml(doc)),
      outcome(() => emitYaml(canonicalize(doc))),
      JSON.stringify(doc),
    );
  test('is emitYaml of the canonical copy: key order, undefined values left out, emptied mappings', () => {
    same({ spec: { z: 1, name: 'n', namespace: 'x', a: [{ image: 'x', name: 'web' }] }, metadata: { labels: {}, name: 'n' }, kind: 'K', apiVersion: 'v1' });
    same({ a: { b: undefined }, c: [undefined, { d: undefined }, [], {}, [[]]], e: undefined, kind: 'K', name: 'top-level name is not leading' });
    same({ metadata: { name: undefined, namespace: 'ns' }, Z: 1, _: 2, 'a b': 3, B: { kind: 1, apiVersion: 2, name: 3 } });
    for (const doc of [{}, { a: undefined }, [], [{ b: undefined }], 'text', 1, null, undefined, [{ name: 'n', a: 1 }], { f: () => 1 }]) same(doc);
  });
  test('agrees with canonicalize on generated documents', () => {
    const key = fc.constantFrom('apiVersion', 'kind', 'metadata', 'name', 'namespace', 'a', 'B', 'z', '_x', 'é', 'a b');
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const { doc } = fc.letrec((tie) => ({
      doc: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('map')),
      list: fc.array(tie('doc'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('doc'), { maxKeys: 6 }),
    }));
    fc.assert(fc.property(doc, same), { numRuns: 300, seed: 20261201 });
  });
});
