import type { FieldPath } from '../manifest/source.js';
import type { Severity } from './rule.js';

/** Where an object came from: a file (with lines) or a construct in an app. */
export interface ObjectOrigin {
  /** File path as the user gave it, or the app file for synthesized objects. */
  readonly file?: string;
  /** The construct path (App/Chart/Construct) for synthesized objects. */
  readonly constructPath?: string;
  /**
   * The unit the object belongs to (an application folder of dist/, with its environment):
   * cross-object rules (the same object twice, wiring) compare objects of one unit only.
   * Absent: the whole input is one unit.
   */
  readonly unit?: string;
  /** 1-based line of a field in the file, when the object was read from one. */
  lineOf?(path: FieldPath): number;
}

/** One problem, located as precisely as the input allows. */
export interface Diagnostic {
  readonly severity: Severity;
  readonly rule: string;
  /** "kind/name" of the object (kubectl style), or "document N" when it has none. */
  readonly object: string;
  readonly origin: ObjectOrigin;
  readonly path: FieldPath;
  readonly message: string;
}

/** One input of validation: a parsed document (usually a Kubernetes object) and where it came from. */
export interface ValidationInput {
  /** A parsed document: usually a Kubernetes object, but anything may come from a file. */
  readonly value: unknown;
  readonly origin: ObjectOrigin;
}
