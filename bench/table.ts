export interface Row {
  readonly part: string;
  readonly what: string;
  readonly lading: number;
  /** The anchor's figure in the same unit, when there is one. */
  readonly anchor?: number;
  readonly anchorName?: string;
  readonly unit: 'ms' | 'obj/s' | 'MB' | 'lines';
  /** For ms, MB and lines lower is better (ratio anchor/lading); for obj/s higher is better. */
  readonly note?: string;
}

function fmt(v: number, unit: Row['unit']): string {
  if (unit === 'ms') return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
  if (unit === 'obj/s') return `${Math.round(v).toLocaleString('en-US')} obj/s`;
  if (unit === 'lines') return `${Math.round(v).toLocaleString('en-US')} lines`;
  return `${Math.round(v)} MB`;
}

export function ratio(r: Row): string {
  if (r.anchor === undefined) return '';
  const x = r.unit === 'obj/s' ? r.lading / r.anchor : r.anchor / r.lading;
  // Below 1: the anchor is faster (a floor); two digits keep it readable.
  return `${x < 1 ? x.toFixed(2) : x.toFixed(1)}×`;
}

export function printRows(rows: readonly Row[]): void {
  const lines = [
    ['part', 'measure', 'lading', 'anchor', 'ratio (anchor / lading)'],
    ...rows.map((r) => [
      r.part,
      r.what,
      fmt(r.lading, r.unit),
      r.anchor === undefined ? '' : `${fmt(r.anchor, r.unit)} (${r.anchorName})`,
      ratio(r) + (r.note ? ` ${r.note}` : ''),
    ]),
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  console.log('');
  for (const [i, l] of lines.entries()) {
    console.log('| ' + l.map((c, j) => c.padEnd(widths[j]!)).join(' | ') + ' |');
    if (i === 0) console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  }
}

/** Minimum, median and maximum of repeated measurements (the median is the figure to quote). */
export function spread(values: readonly number[]): { min: number; median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0] ?? NaN, median, max: sorted.at(-1) ?? NaN };
}
