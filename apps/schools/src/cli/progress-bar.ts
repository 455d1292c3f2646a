import cliProgress from 'cli-progress';

/**
 * Progress display for command-line tools. On a terminal the line is drawn and redrawn in place by
 * cli-progress (cursor, clearing, throttled redraws, the bar itself); otherwise (logs, CI, pipes) a
 * line is printed when the text changes, at most every few seconds, so logs stay readable:
 * cli-progress's own non-TTY mode prints on a timer whether or not anything changed. Sizes, durations,
 * counts and rates over a sliding window are formatted here.
 */
/** The text a stream needs to take; `isTTY` picks in-place redraws. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
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

/** What the line shows: `label`, then a bar with the percentage when `fraction` is given, then `stats`. */
export interface ProgressState {
  label: string;
  /** Done, from 0 to 1; null for a line without a bar (waiting, say). */
  fraction?: number | null;
  stats?: string;
}

const BAR = { barCompleteChar: '█', barIncompleteChar: '░', barsize: 30 } as const;

/** `42%` (floored, so 100% only when done; clamped, NaN counts as 0). */
export function formatPercent(fraction: number): string {
  return `${Math.floor(clamp(fraction) * 100)}%`;
}

function clamp(fraction: number): number {
  return Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
}

/** The line's text; `bar` draws the bar for a fraction (cli-progress's on a terminal). */
export function progressText(state: ProgressState, bar: (fraction: number) => string): string {
  const parts = [state.label];
  if (state.fraction !== undefined && state.fraction !== null) {
    parts.push(`[${bar(clamp(state.fraction))}] ${formatPercent(state.fraction).padStart(4)}`);
  }
  if (state.stats) parts.push(state.stats);
  return parts.join(' ');
}

/** The bar as cli-progress draws it, for lines printed without it. */
const plainBar = (fraction: number) =>
  cliProgress.Format.BarFormat(fraction, {
    ...BAR,
    barCompleteString: BAR.barCompleteChar.repeat(BAR.barsize),
    barIncompleteString: BAR.barIncompleteChar.repeat(BAR.barsize),
    barGlue: '',
  });

/**
 * Shows one changing status line. On a TTY it is a cli-progress bar whose format is our line, cut to
 * the terminal's width (a line that wrapped could not be redrawn in place); otherwise an update is
 * printed as a new line only every `lineIntervalMs` (or when forced), and never twice the same.
 */
export class ProgressRenderer {
  private readonly tty: boolean;
  private readonly lineIntervalMs: number;
  private readonly now: () => number;
  private lastLineAt = -Infinity;
  private lastPrinted: string | null = null;
  private bar: cliProgress.SingleBar | null = null;

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

  /** Shows `state`; `force` prints it even within the interval (e.g. a phase change). */
  update(state: ProgressState, force = false): void {
    if (this.tty) {
      const value = clamp(state.fraction ?? 0);
      if (!this.bar) {
        this.bar = new cliProgress.SingleBar({
          ...BAR,
          stream: this.out as NodeJS.WritableStream,
          format: (options, params, payload: { state: ProgressState }) => {
            const text = progressText(payload.state, (f) => cliProgress.Format.BarFormat(f, options));
            return params.maxWidth > 1 && text.length >= params.maxWidth ? text.slice(0, params.maxWidth - 1) : text;
          },
          linewrap: true, // no escape codes to switch wrapping off: the line is cut to fit instead
          hideCursor: false,
          gracefulExit: false,
          fps: 10,
        });
        this.bar.start(1, value, { state });
      } else {
        this.bar.update(value, { state });
      }
      return;
    }
    const text = progressText(state, plainBar);
    const at = this.now();
    if (text === this.lastPrinted) return;
    if (!force && at - this.lastLineAt < this.lineIntervalMs) return;
    this.out.write(`${text}\n`);
    this.lastLineAt = at;
    this.lastPrinted = text;
  }

  /** Ends the line: shows `state` if given (else keeps the last) and moves to the next line. */
  done(state?: ProgressState): void {
    if (this.bar) {
      if (state) this.bar.update(clamp(state.fraction ?? 0), { state });
      this.bar.stop(); // draws the last state and ends the line
      this.bar = null;
    } else if (this.tty && state) {
      this.update(state);
      this.done();
    } else if (!this.tty && state) {
      this.out.write(`${progressText(state, plainBar)}\n`);
    }
    this.lastPrinted = null;
    this.lastLineAt = -Infinity;
  }
}
