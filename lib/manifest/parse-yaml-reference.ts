import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, type Node } from 'yaml';
import type { FieldPath, ParsedStream, SourceDoc, SourceError } from './source.js';

/**
 * Parses a YAML (or JSON) stream with the `yaml` library: complete YAML 1.2, exact positions.
 * It is the reference that the fast parser must agree with, and its fallback.
 */
export function parseYamlReference(text: string, lineOffset = 0): ParsedStream {
  const lineCounter = new LineCounter();
  const docs: SourceDoc[] = [];
  const errors: SourceError[] = [];
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + lineOffset;
  const parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const all = Array.isArray(parsed) ? parsed : [parsed];
  all.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) errors.push({ line: lineAt(e.pos[0]), message: cleanMessage(e.message) });
      return;
    }
    const root = doc.contents as Node | null;
    const start = root?.range?.[0] ?? doc.range[0];
    docs.push({
      value: doc.toJS({ maxAliasCount: 100 }) ?? null,
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
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
      next = pair?.value;
    } else if (isSeq(node) && typeof key === 'number') {
      next = node.items[key];
      const r = (next as Node | undefined)?.range;
      if (r) offset = r[0];
    }
    if (next === undefined || next === null) break;
    node = next;
  }
  return offset;
}

function cleanMessage(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
