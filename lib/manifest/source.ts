/** A parsed YAML/JSON document and where its parts came from, for error messages. */

export type FieldPath = readonly (string | number)[];

export interface SourceDoc {
  /** The document's value as plain JSON-like data (null for an empty document). */
  readonly value: unknown;
  /** 0-based position of the document in its stream. */
  readonly index: number;
  /** 1-based line where the document's content starts. */
  readonly startLine: number;
  /** 1-based line of the deepest node of `path` that exists in this document. */
  lineOf(path: FieldPath): number;
}

export interface SourceError {
  readonly line: number;
  readonly message: string;
}

export interface ParsedStream {
  readonly docs: SourceDoc[];
  /** Syntax errors and duplicate keys; a document with an error is not in `docs`. */
  readonly errors: SourceError[];
}
