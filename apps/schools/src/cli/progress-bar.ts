/**
 * Progress display for command-line tools: a bar, human-readable sizes, durations and rates, and a
 * renderer that redraws one line in place on a terminal and prints a line every few seconds otherwise
 * (logs, CI, pipes). Plain Node only, so a tool using it starts fast.
 */

/** The text a stream needs to take; `isTTY` picks in-place redraws. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** `[██████░░░░]` for a fraction in [0, 1] (clamped; NaN counts as 0). */
export function renderBar(fraction: number, width = 30, chars: { full: string; empty: string } = { full: '█', empty: '░' }): string {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const full = Math.round(f * width);
  return `[${chars.full.repeat(full)}${chars.empty.repeat(width - full)}]`;
}

/** `42%` (floored, so 100% only when done). */
export function formatPercent(fraction: number): string {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  return `${Math.floor(f * 100)}%`;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → `1.5 KB` (powers of 1024, one decimal from KB up). */
export function formatBytes(bytes: number): string {
  let n = Math.max(0, bytes);
  let unit = 0;
  while (n >= 1024 && unit < UNITS.length - 1) {
    n /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(n)} B` : `${n.toFixed(1)} ${UNITS[unit]}`;
}

/** 65_000 → `1m 05s`; 4_200 → `4.2s`; 3_725_000 → `1h 02m`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const totalSeconds = Math.round(s);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const sec = totalSeconds % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(sec).padStart(2, '0')}s`;
}

/** 12345.6 → `12,346` */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-GB');
}

/**
 * A rate over a sliding window (the last `windowMs`), so the figure follows the current speed rather
 * than the average since the start.
 */
export class RateMeter {
  private samples: { at: number; value: number }[] = [];

  constructor(private readonly windowMs = 5000) {}

  /** Records the running total `value` at time `at` (ms). */
  add(at: number, value: number): void {
    this.samples.push({ at, value });
    // Keep one sample older than the window as the rate's start.
    while (this.samples.length > 2 && this.samples[1].at <= at - this.windowMs) this.samples.shift();
  }

  /** Units per second, or null until two samples span some time. */
  perSecond(): number | null {
    if (this.samples.length < 2) return null;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const span = last.at - first.at;
    return span > 0 ? ((last.value - first.value) * 1000) / span : null;
  }
}

export interface ProgressRendererOptions {
  /** Redraw in place (default: the stream's isTTY). */
  tty?: boolean;
  /** Without a TTY, print at most one line per this many ms (default 3000). */
  lineIntervalMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * Shows one changing status line. On a TTY each update redraws the line (`\r` + clear to end of line);
 * otherwise an update is printed as a new line only every `lineIntervalMs` (or when forced), so logs
 * stay readable.
 */
export class ProgressRenderer {
  private readonly tty: boolean;
  private readonly lineIntervalMs: number;
  private readonly now: () => number;
  private lastLineAt = -Infinity;
  private lastPrinted: string | null = null;
  private drawn = false;

  constructor(
    private readonly out: OutputStream,
    options: ProgressRendererOptions = {},
  ) {
    this.tty = options.tty ?? out.isTTY === true;
    this.lineIntervalMs = options.lineIntervalMs ?? 3000;
    this.now = options.now ?? Date.now;
  }

  get isTTY(): boolean {
    return this.tty;
  }

  /** Shows `text`; `force` prints it even within the interval (e.g. a phase change). */
  update(text: string, force = false): void {
    if (this.tty) {
      this.out.write(`\r${this.fit(text)}\x1b[K`);
      this.drawn = true;
      return;
    }
    const at = this.now();
    if (text === this.lastPrinted) return;
    if (!force && at - this.lastLineAt < this.lineIntervalMs) return;
    this.out.write(`${text}\n`);
    this.lastLineAt = at;
    this.lastPrinted = text;
  }

  /** One terminal row: a line that wrapped could not be redrawn in place. */
  private fit(text: string): string {
    const width = this.out.columns;
    return width && width > 1 && text.length >= width ? text.slice(0, width - 1) : text;
  }

  /** Ends the line: on a TTY shows `text` (or keeps the last) and moves to the next line; otherwise prints `text` if given. */
  done(text?: string): void {
    if (this.tty) {
      if (text !== undefined) this.out.write(`\r${this.fit(text)}\x1b[K\n`);
      else if (this.drawn) this.out.write('\n');
    } else if (text !== undefined) {
      this.out.write(`${text}\n`);
    }
    this.drawn = false;
    this.lastPrinted = null;
    this.lastLineAt = -Infinity;
  }
}
