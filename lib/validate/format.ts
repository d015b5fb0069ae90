import { formatPath } from '../manifest/object.js';
import type { Diagnostic } from './diagnostic.js';

/** Where a diagnostic points: "file:line" for files, "file constructPath" for synthesized objects. */
export function formatLocation(d: Diagnostic): string {
  const { file, constructPath, lineOf } = d.origin;
  if (constructPath) return file ? `${file} ${constructPath}` : constructPath;
  if (file && lineOf) return `${file}:${lineOf(d.path)}`;
  return file ?? '<input>';
}

/** One line: `file:line kind/name: field.path: what is wrong, what was expected`. */
export function formatDiagnostic(d: Diagnostic): string {
  const level = d.severity === 'warning' ? 'warning: ' : '';
  return `${formatLocation(d)} ${d.object}: ${formatPath(d.path)}: ${level}${d.message}`;
}

/** The JSON form of a diagnostic (stable field names, for CI). */
export function diagnosticJson(d: Diagnostic) {
  return {
    severity: d.severity,
    rule: d.rule,
    file: d.origin.file ?? null,
    line: d.origin.lineOf && !d.origin.constructPath ? d.origin.lineOf(d.path) : null,
    constructPath: d.origin.constructPath ?? null,
    object: d.object,
    path: formatPath(d.path),
    message: d.message,
  };
}
