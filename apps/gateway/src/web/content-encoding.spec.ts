import { describe, expect, it } from '@jest/globals';
import { chooseEncoding } from './content-encoding';

describe('choosing the precompressed copy from Accept-Encoding', () => {
  it.each([
    [undefined, 'none'],
    ['', 'none'],
    ['identity', 'none'],
    ['gzip, deflate, br', 'br'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['GZIP, BR', 'br'],
    ['deflate', 'none'],
    ['*', 'br'],
    // Refusals: q=0 in any spelling, also through `*`.
    ['br;q=0, gzip', 'gzip'],
    ['br; q=0.000, gzip;q=0.5', 'gzip'],
    ['gzip;q=0, br;q=0', 'none'],
    ['*;q=0', 'none'],
    ['*, br;q=0', 'gzip'],
    ['*, br;q=0, gzip;q=0', 'none'],
    ['*;q=0, gzip', 'gzip'],
    ['br, br;q=0', 'none'],
    // The client's preference, brotli on a tie.
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['gzip;q=0.8, br;q=0.8', 'br'],
    // A weight that is not one is not a yes.
    ['br;q=2, gzip', 'gzip'],
    ['br;q=abc', 'none'],
    ['br;q=', 'none'],
  ])('%j → %s', (header, expected) => expect(chooseEncoding(header, ['br', 'gzip']) ?? 'none').toBe(expected));

  it('offers only the copies that exist', () => {
    expect(chooseEncoding('br, gzip', ['gzip'])).toBe('gzip');
    expect(chooseEncoding('br', ['gzip'])).toBeNull();
    expect(chooseEncoding('br, gzip', [])).toBeNull();
  });
});
