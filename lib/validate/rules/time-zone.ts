import type { ObjectRule, RuleIssue } from '../rule.js';

// Node's time zones (ICU's copy of the IANA database), to tell a wrong case from an unknown name.
let known: Map<string, string> | undefined;
const KNOWN = () => (known ??= new Map((Intl.supportedValuesOf?.('timeZone') ?? []).map((z) => [z.toLowerCase(), z])));

/**
 * Why the API server rejects `timeZone` (it loads it with Go's time.LoadLocation from the IANA
 * database, case-sensitively), or undefined. Checked against Node's Intl (ICU's IANA data): a name
 * Intl does not know is an error. ICU and Go may disagree on a rare alias; the message says which
 * database was used.
 */
export function timeZoneError(timeZone: string): string | undefined {
  if (timeZone === '') return 'must be a time zone name or absent';
  if (timeZone.toLowerCase() === 'local') return 'must be an explicit IANA time zone (the controller\'s "Local" is not allowed)';
  // A canonical name as written is valid; the first Intl.DateTimeFormat costs ~50 ms (ICU data).
  if (KNOWN().get(timeZone.toLowerCase()) === timeZone) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return 'not a time zone of the IANA database (checked with Node\'s Intl), e.g. "Europe/Berlin" or "Etc/UTC"';
  }
  // Intl ignores case, the API server does not ("europe/berlin" is no file of the zoneinfo database).
  const lower = timeZone.toLowerCase();
  const cased = KNOWN().get(lower) ?? (resolved.toLowerCase() === lower ? resolved : undefined);
  if (cased && cased !== timeZone) return `time zone names are case-sensitive: did you mean "${cased}"?`;
  return undefined;
}

export const cronTimeZone: ObjectRule = {
  id: 'cron-time-zone',
  description: "a CronJob's timeZone is a name of the IANA time zone database",
  kinds: ['CronJob'],
  *check(o): Iterable<RuleIssue> {
    const timeZone = (o.spec as { timeZone?: unknown } | undefined)?.timeZone;
    if (typeof timeZone !== 'string') return;
    const bad = timeZoneError(timeZone);
    if (bad) yield { path: ['spec', 'timeZone'], message: `invalid time zone "${timeZone}": ${bad}` };
  },
};
