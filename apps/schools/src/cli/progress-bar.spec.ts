import { describe, expect, it } from '@jest/globals';
import { formatBytes, formatCount, formatDuration, formatPercent, ProgressRenderer, progressText, RateMeter } from './progress-bar';

class Capture {
  text = '';
  constructor(
    readonly isTTY?: boolean,
    readonly columns?: number,
  ) {}
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

describe('progress bar', () => {
  it('shows a label, a bar of the fraction done (clamped to [0, 1]) with its percentage, and figures', () => {
    const bar = (f: number) => `${f}`;
    expect(progressText({ label: 'Importing', fraction: 0.5, stats: ' 12 rows' }, bar)).toBe('Importing [0.5]  50%  12 rows');
    expect(progressText({ label: 'Importing', fraction: 1.7 }, bar)).toBe('Importing [1] 100%');
    expect(progressText({ label: 'Importing', fraction: -1 }, bar)).toBe('Importing [0]   0%');
    expect(progressText({ label: 'Importing', fraction: NaN }, bar)).toBe('Importing [0]   0%');
    expect(progressText({ label: 'Queued…' }, bar)).toBe('Queued…');
  });

  it('formats percentages, sizes, durations and counts', () => {
    expect(formatPercent(0.999)).toBe('99%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(Infinity)).toBe('0%');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(45 * 1024 * 1024)).toBe('45.0 MB');
    expect(formatDuration(4_200)).toBe('4.2s');
    expect(formatDuration(65_000)).toBe('1m 05s');
    expect(formatDuration(3_725_000)).toBe('1h 02m');
    expect(formatCount(50_123.4)).toBe('50,123');
  });

  it('measures a rate over a sliding window', () => {
    const meter = new RateMeter(1000);
    expect(meter.perSecond()).toBeNull();
    meter.add(0, 0);
    expect(meter.perSecond()).toBeNull();
    meter.add(500, 100);
    expect(meter.perSecond()).toBe(200);
    // Slower later: the window forgets the fast start.
    meter.add(1500, 150);
    meter.add(2500, 200);
    meter.add(3500, 250);
    expect(meter.perSecond()).toBe(50);
  });

  it('redraws one line in place on a terminal (cli-progress), cut to its width, and ends it', () => {
    const out = new Capture(true, 20);
    const bar = new ProgressRenderer(out);
    expect(bar.isTTY).toBe(true);
    bar.update({ label: 'first' });
    bar.update({ label: 'second, which is far too long for the terminal' }, true);
    bar.done();
    const CURSOR_TO_START = '\x1b[1G';
    expect(out.text).toContain(`${CURSOR_TO_START}first`);
    expect(out.text).not.toContain('\r');
    // Every drawn line fits in 19 columns (a full-width line could wrap).
    // eslint-disable-next-line no-control-regex -- ESC (\x1b) begins the terminal control sequences stripped here
    const controls = /\x1b(\[\d*K|7|8)/g;
    const drawn = out.text
      .split(CURSOR_TO_START)
      .slice(1)
      .map((part) => part.replace(controls, '').replace(/\n$/, ''));
    expect(drawn.every((line) => line.length <= 19)).toBe(true);
    expect(drawn).toContain('second, which is fa');
    expect(out.text.endsWith('\n')).toBe(true);
    const wide = new Capture(true, 80);
    new ProgressRenderer(wide).done({ label: 'finished', fraction: 1 });
    // eslint-disable-next-line no-control-regex -- ESC (\x1b) begins the terminal control sequences checked here
    expect(wide.text).toMatch(/finished \[█{30}\] 100%\x1b\[0K(\x1b8)?\n$/);
  });

  it('prints a line every few seconds otherwise, and forced lines at once (without repeats)', () => {
    const out = new Capture(false);
    let now = 0;
    const bar = new ProgressRenderer(out, { lineIntervalMs: 3000, now: () => now });
    bar.update({ label: 'a' });
    now = 1000;
    bar.update({ label: 'b' }); // within the interval: not printed
    bar.update({ label: 'c' }, true); // forced
    bar.update({ label: 'c' }, true); // same text: not repeated
    now = 5000;
    bar.update({ label: 'd', fraction: 0.5 });
    now = 6000;
    bar.update({ label: 'e' });
    bar.done({ label: 'end' });
    expect(out.text).toBe(`a\nc\nd [${'█'.repeat(15)}${'░'.repeat(15)}]  50%\nend\n`);
    expect(out.text).not.toContain('\x1b');
  });
});
