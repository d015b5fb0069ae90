import { formatPath } from '../manifest/object.js';
import type { Diagnostic } from './diagnostic.js';
import { formatDiagnostic, formatLocation } from './format.js';

/**
 * Diagnostics as lines, the same problem of several objects (same rule, field path and message:
 * a mistake in a shared default, a policy every object breaks) on one line listing the objects,
 * where the first of them was.
 */
export function formatGrouped(diagnostics: readonly Diagnostic[]): string[] {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = [d.severity, d.rule, formatPath(d.path), d.message].join('\u0000');
    const group = groups.get(key);
    if (group) group.push(d);
    else groups.set(key, [d]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    if (group.length === 1) return formatDiagnostic(first);
    const level = first.severity === 'warning' ? 'warning: ' : '';
    return `${group.map((d) => `${formatLocation(d)} ${d.object}`).join(', ')}: ${formatPath(first.path)}: ${level}${first.message}`;
  });
}
