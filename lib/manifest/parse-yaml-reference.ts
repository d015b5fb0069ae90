import type { Node } from 'yaml';
import { yamlLibrary } from './yaml-library.js';
import type { FieldPath, ParsedStream, SourceDoc, SourceError } from './source.js';
import { decodeDocument, jsonKeyOfScalar, TOO_DEEP } from './yaml-value.js';

/**
 * Parses a YAML (or JSON) stream with the `yaml` library (complete syntax, exact positions) and
 * decodes values as kubectl does (yaml-value.ts: YAML 1.1 scalars, merge keys). It is the
 * reference that the fast parser must agree with, and its fallback.
 */
export function parseYamlReference(text: string, lineOffset = 0): ParsedStream {
  const lineCounter = new (yamlLibrary().LineCounter)();
  const docs: SourceDoc[] = [];
  const errors: SourceError[] = [];
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + lineOffset;
  // The failsafe schema leaves every scalar a string: yaml-value.ts resolves them as go-yaml v2.
  const parsed = yamlLibrary().parseAllDocuments(text, {
    lineCounter,
    schema: 'failsafe',
    version: '1.1',
    uniqueKeys: false,
    prettyErrors: false,
  });
  const all = Array.isArray(parsed) ? parsed : [parsed];
  all.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) errors.push({ line: lineAt(e.pos[0]), message: errorMessage(e.code, e.message) });
      return;
    }
    const decoded = decodeDocument(doc);
    if (decoded.problems.length > 0) {
      for (const p of decoded.problems) errors.push({ line: lineAt(p.offset), message: p.message });
      return;
    }
    const root = doc.contents as Node | null;
    const start = root?.range?.[0] ?? doc.range[0];
    docs.push({
      value: decoded.value,
      index,
      startLine: lineAt(start),
      lineOf: (path: FieldPath) => lineAt(deepestOffset(root, path) ?? start),
    });
  });
  return { docs, errors };
}

function deepestOffset(root: Node | null, path: FieldPath): number | undefined {
  let node: unknown = root;
  let offset = root?.range?.[0];
  for (const key of path) {
    let next: unknown;
    if (yamlLibrary().isMap(node)) {
      const pair = node.items.find((p) => yamlLibrary().isScalar(p.key) && jsonKeyOfScalar(p.key) === key);
      if (pair && yamlLibrary().isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
      next = pair?.value;
    } else if (yamlLibrary().isSeq(node) && typeof key === 'number') {
      next = node.items[key];
      const r = (next as Node | undefined)?.range;
      if (r) offset = r[0];
    }
    if (next === undefined || next === null) break;
    node = next;
  }
  return offset;
}

function errorMessage(code: string, message: string): string {
  // The composer is recursive: very deep nesting overflows its stack before our own limit.
  if (code === 'RESOURCE_EXHAUSTION') return TOO_DEEP;
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
