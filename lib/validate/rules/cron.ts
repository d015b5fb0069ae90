import type { ObjectRule, RuleIssue } from '../rule.js';
import { GO_DURATION_SOURCE } from '../../core/duration.js';

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

// The five fields of the standard cron syntax the CronJob controller parses.
const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const EVERY = new RegExp(`^@every ${GO_DURATION_SOURCE}$`);

function parseValue(text: string, field: CronField): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const i = field.names?.indexOf(text.toLowerCase()) ?? -1;
  return i >= 0 ? i + field.min : undefined;
}

function checkField(text: string, field: CronField): string | undefined {
  for (const part of text.split(',')) {
    const [range, step, extra] = part.split('/');
    if (extra !== undefined || range === undefined || range === '') return `"${part}" is not a valid ${field.name}`;
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return `step "${step}" of the ${field.name} must be a positive number`;
    if (range === '*' || range === '?') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `"${range}" is not a valid ${field.name} range`;
    const values = bounds.map((b) => parseValue(b, field));
    for (const [i, v] of values.entries()) {
      if (v === undefined || v < field.min || v > field.max) {
        return `${field.name} "${bounds[i]}" must be from ${field.min} to ${field.max}${field.names ? ` or a name (${field.names[0]}-${field.names.at(-1)})` : ''}`;
      }
    }
    if (values.length === 2 && values[0]! > values[1]!) return `${field.name} range "${range}" ends before it starts`;
  }
  return undefined;
}

/** Why `schedule` is not a valid CronJob schedule, or undefined when it is. */
export function cronError(schedule: string): string | undefined {
  const s = schedule.trim();
  if (/^(CRON_)?TZ=/.test(s)) return 'a time zone in the schedule is not allowed: use spec.timeZone';
  if (s.startsWith('@')) {
    return DESCRIPTORS.has(s) || EVERY.test(s)
      ? undefined
      : `unknown descriptor "${s}" (expected @hourly, @daily, @weekly, @monthly, @yearly or @every <duration>)`;
  }
  const parts = s.split(/\s+/);
  if (parts.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`;
  for (const [i, part] of parts.entries()) {
    const bad = checkField(part, FIELDS[i]!);
    if (bad) return bad;
  }
  return undefined;
}

export const cronSchedule: ObjectRule = {
  id: 'cron-schedule',
  description: "a CronJob's schedule is valid cron syntax",
  kinds: ['CronJob'],
  *check(o): Iterable<RuleIssue> {
    const schedule = (o.spec as { schedule?: unknown } | undefined)?.schedule;
    if (typeof schedule !== 'string') return;
    const bad = cronError(schedule);
    if (bad) yield { path: ['spec', 'schedule'], message: `invalid schedule "${schedule}": ${bad}` };
  },
};
