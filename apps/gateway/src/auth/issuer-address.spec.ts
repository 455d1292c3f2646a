import { describe, expect, it } from '@jest/globals';
import { internalHostProblem, isInternalAddress } from './issuer-address';

describe('isInternalAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true], // cloud metadata
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['::', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['not an address', true],
    ['172.32.0.1', false],
    ['20.190.128.1', false],
    ['::ffff:20.190.128.1', false],
    ['2603:1026::1', false],
  ])('%s → %s', (address, internal) => expect(isInternalAddress(address)).toBe(internal));
});

describe('internalHostProblem', () => {
  it.each([
    ['127.0.0.1', /inside this network/],
    ['[::1]', /inside this network/],
    ['localhost', /inside this network/],
    ['no-such-host.invalid', /does not resolve/],
  ])('%s is refused', async (host, problem) => expect(await internalHostProblem(host)).toMatch(problem));

  it('accepts a public address', async () => expect(await internalHostProblem('20.190.128.1')).toBeNull());
});
