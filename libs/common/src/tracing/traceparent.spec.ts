import { describe, expect, it } from '@jest/globals';
import { formatTraceparent, parseTraceparent } from './traceparent';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('traceparent', () => {
  it.each([
    [`00-${TRACE}-${SPAN}-01`, { traceId: TRACE, spanId: SPAN, traceFlags: 1 }],
    [`00-${TRACE}-${SPAN}-00`, { traceId: TRACE, spanId: SPAN, traceFlags: 0 }],
    // Upper case and surrounding space are read; flags other than "sampled" are not carried on.
    [` 00-${TRACE.toUpperCase()}-${SPAN}-03 `, { traceId: TRACE, spanId: SPAN, traceFlags: 1 }],
    // A later version may append fields: read what this version knows.
    [`01-${TRACE}-${SPAN}-01-future`, { traceId: TRACE, spanId: SPAN, traceFlags: 1 }],
    [Buffer.from(`00-${TRACE}-${SPAN}-01`), { traceId: TRACE, spanId: SPAN, traceFlags: 1 }],
  ])('reads %s', (value, expected) => {
    expect(parseTraceparent(value)).toEqual({ ...expected, isRemote: true });
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', ''],
    ['all-zero trace id', `00-${'0'.repeat(32)}-${SPAN}-01`],
    ['all-zero span id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${TRACE}-${SPAN}-01`],
    ['version 00 with more fields', `00-${TRACE}-${SPAN}-01-x`],
    ['short trace id', `00-${TRACE.slice(1)}-${SPAN}-01`],
    ['not hex', `00-${'g'.repeat(32)}-${SPAN}-01`],
    ['sent twice', [`00-${TRACE}-${SPAN}-01`, `00-${TRACE}-${SPAN}-01`]],
  ])('ignores %s', (_, value) => {
    expect(parseTraceparent(value as string)).toBeUndefined();
  });

  it('formats a span context, and reads back what it wrote', () => {
    const written = formatTraceparent({ traceId: TRACE, spanId: SPAN, traceFlags: 1 });
    expect(written).toBe(`00-${TRACE}-${SPAN}-01`);
    expect(parseTraceparent(written)).toEqual({ traceId: TRACE, spanId: SPAN, traceFlags: 1, isRemote: true });
    expect(formatTraceparent({ traceId: TRACE, spanId: SPAN, traceFlags: 0 })).toBe(`00-${TRACE}-${SPAN}-00`);
  });

  it('formats nothing for an invalid or missing span context', () => {
    expect(formatTraceparent(undefined)).toBeUndefined();
    expect(formatTraceparent({ traceId: '0'.repeat(32), spanId: SPAN, traceFlags: 1 })).toBeUndefined();
  });
});
