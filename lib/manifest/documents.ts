import { isRecord } from './object.js';
import type { FieldPath, ParsedStream, SourceError } from './source.js';

/** One document of a file and where it stands (what validation takes as an input). */
export interface FileDocument {
  readonly value: unknown;
  readonly origin: { readonly file: string; lineOf(path: FieldPath): number };
}

export interface FileInputs {
  readonly inputs: FileDocument[];
  readonly errors: (SourceError & { readonly file: string })[];
}

/**
 * Turns the documents of one file into validation inputs: empty documents are dropped,
 * `kind: List` is expanded into its items (each keeping its own line numbers).
 */
export function documentsOf(file: string, parsed: ParsedStream): FileInputs {
  const inputs: FileDocument[] = [];
  for (const doc of parsed.docs) {
    if (doc.value === null || doc.value === undefined) continue;
    if (isList(doc.value)) {
      doc.value.items.forEach((item, i) => {
        inputs.push({ value: item, origin: { file, lineOf: (path) => doc.lineOf(['items', i, ...path]) } });
      });
      continue;
    }
    inputs.push({ value: doc.value, origin: { file, lineOf: (path) => doc.lineOf(path) } });
  }
  return { inputs, errors: parsed.errors.map((e) => ({ ...e, file })) };
}

function isList(v: unknown): v is { items: unknown[] } {
  return isRecord(v) && v.kind === 'List' && typeof v.apiVersion === 'string' && Array.isArray(v.items);
}
