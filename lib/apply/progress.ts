/** Where progress goes: stdout, or a buffer in tests. */
export interface ProgressSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * A sink that scrubs every line before it is written: the wait phase quotes events and
 * conditions, which may echo a secret value (a failed mount, a bad env value).
 */
export function scrubbedSink(sink: ProgressSink, scrub: (text: string) => string): ProgressSink {
  return { write: (text: string) => sink.write(scrub(text)), isTTY: sink.isTTY };
}

export type ObjectState = 'applying' | 'created' | 'configured' | 'replaced' | 'deleting' | 'pruned' | 'waiting' | 'ready' | 'failed' | 'interrupted';

const MARK: Record<ObjectState, string> = {
  applying: '…',
  created: '+',
  configured: '~',
  replaced: '±',
  deleting: '…',
  pruned: '-',
  waiting: '…',
  ready: '✓',
  failed: '✗',
  interrupted: '!',
};
const ACTIVE = new Set<ObjectState>(['applying', 'deleting', 'waiting']);

export function formatElapsed(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.floor(ms / 60_000)}m${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

/** One object's progress line: "✓ deployment.apps/web -n shop  ready (4.1s): 2/2 replicas available". */
export function progressLine(id: string, state: ObjectState, message: string | undefined, elapsedMs: number): string {
  return `${MARK[state]} ${id}  ${state} (${formatElapsed(elapsedMs)})${message ? `: ${message}` : ''}`;
}

const MAX_LIVE_LINES = 20;

/** The objects in flight as a TTY shows them: a table (object, state, elapsed, reason), aligned. */
export function liveTable(entries: readonly { id: string; state: ObjectState; message?: string; elapsedMs: number }[]): string[] {
  const rows = [
    ['OBJECT', 'STATE', 'ELAPSED', 'REASON'],
    ...entries.map((e) => [`${MARK[e.state]} ${e.id}`, e.state, formatElapsed(e.elapsedMs), e.message ?? '']),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * Progress of an apply. Finished objects get one permanent line each (plain lines in CI); in a
 * TTY the objects still in flight are redrawn below them, one line each with elapsed time.
 */
export class Progress {
  private readonly active = new Map<string, { state: ObjectState; message?: string; started: number }>();
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: ((id: string, state: ObjectState) => void)[] = [];

  /** `quiet` (--quiet): no line per object and no live display; log() lines (summaries) still go out. */
  constructor(
    private readonly sink: ProgressSink,
    private readonly now: () => number = Date.now,
    private readonly options: { readonly quiet?: boolean } = {},
  ) {
    if (sink.isTTY && !options.quiet) {
      this.timer = setInterval(() => this.redraw(), 250);
      this.timer.unref();
    }
  }

  /** A line above the live display (a heading, a summary). */
  log(line: string): void {
    this.clear();
    this.sink.write(line + '\n');
    this.draw();
  }

  /** Sees every update (apply's ledger of what was written). */
  listen(listener: (id: string, state: ObjectState) => void): void {
    this.listeners.push(listener);
  }

  /** `since`: when the object's step began (default: its first update). */
  update(id: string, state: ObjectState, message?: string, since?: number): void {
    for (const l of this.listeners) l(id, state);
    if (this.options.quiet) return;
    const entry = this.active.get(id);
    const started = entry?.started ?? since ?? this.now();
    if (ACTIVE.has(state)) {
      const changed = !entry || entry.state !== state || entry.message !== message;
      this.active.set(id, { state, message, started });
      // In CI only changes of state are printed, so that a long wait is not a wall of lines.
      if (!this.sink.isTTY && changed && state === 'waiting' && entry?.state !== state)
        this.sink.write(progressLine(id, state, message, this.now() - started) + '\n');
      else if (this.sink.isTTY) this.redraw();
      return;
    }
    this.active.delete(id);
    this.log(progressLine(id, state, message, this.now() - started));
  }

  /** The message of an object still in flight (what it waits for), for a final report. */
  pending(): { id: string; state: ObjectState; message?: string }[] {
    return [...this.active].map(([id, e]) => ({ id, state: e.state, message: e.message }));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
    this.active.clear();
  }

  private redraw(): void {
    this.clear();
    this.draw();
  }

  private clear(): void {
    if (!this.sink.isTTY || this.drawn === 0) return;
    this.sink.write(`\x1b[${this.drawn}A\x1b[J`);
    this.drawn = 0;
  }

  private draw(): void {
    if (!this.sink.isTTY || this.active.size === 0) return;
    const now = this.now();
    const entries = [...this.active];
    const lines = liveTable(entries.slice(0, MAX_LIVE_LINES).map(([id, e]) => ({ id, state: e.state, message: e.message, elapsedMs: now - e.started })));
    if (entries.length > MAX_LIVE_LINES) lines.push(`… and ${entries.length - MAX_LIVE_LINES} more in flight`);
    const width = (process.stdout.columns ?? 120) - 1;
    this.sink.write(lines.map((l) => (l.length > width ? l.slice(0, width - 1) + '…' : l)).join('\n') + '\n');
    this.drawn = lines.length;
  }
}
