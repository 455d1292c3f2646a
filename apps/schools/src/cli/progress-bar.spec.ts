import { describe, expect, it } from '@jest/globals';
import { formatBytes, formatCount, formatDuration, formatPercent, ProgressRenderer, RateMeter, renderBar } from './progress-bar';

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
  it('draws a bar of the fraction done, clamped to [0, 1]', () => {
    expect(renderBar(0, 10)).toBe('[░░░░░░░░░░]');
    expect(renderBar(0.5, 10)).toBe('[█████░░░░░]');
    expect(renderBar(1, 10)).toBe('[██████████]');
    expect(renderBar(1.7, 4)).toBe('[████]');
    expect(renderBar(-1, 4)).toBe('[░░░░]');
    expect(renderBar(NaN, 4)).toBe('[░░░░]');
    expect(renderBar(0.25, 4, { full: '#', empty: '-' })).toBe('[#---]');
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

  it('redraws one line in place on a terminal, cut to its width', () => {
    const out = new Capture(true, 20);
    const bar = new ProgressRenderer(out);
    expect(bar.isTTY).toBe(true);
    bar.update('first');
    bar.update('second, which is far too long for the terminal');
    bar.done();
    expect(out.text).toBe('\rfirst\x1b[K\rsecond, which is fa\x1b[K\n');
    bar.done('finished');
    expect(out.text.endsWith('\rfinished\x1b[K\n')).toBe(true);
  });

  it('prints a line every few seconds otherwise, and forced lines at once (without repeats)', () => {
    const out = new Capture(false);
    let now = 0;
    const bar = new ProgressRenderer(out, { lineIntervalMs: 3000, now: () => now });
    bar.update('a');
    now = 1000;
    bar.update('b'); // within the interval: not printed
    bar.update('c', true); // forced
    bar.update('c', true); // same text: not repeated
    now = 5000;
    bar.update('d');
    now = 6000;
    bar.update('e');
    bar.done('end');
    expect(out.text).toBe('a\nc\nd\nend\n');
    expect(out.text).not.toContain('\r');
  });
});
