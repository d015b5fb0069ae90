const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "90s", "5m", "1m30s", "500ms", or a plain number of seconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== t) return undefined;
  return parts.reduce((ms, p) => ms + Number(p[1]) * UNITS[p[2]!]!, 0);
}

/** A Go duration as time.ParseDuration reads it ("1h30m", "90s", "500ms"; not "0"), as regex source. */
export const GO_DURATION_SOURCE = '(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|ms|s|m|h))+';
