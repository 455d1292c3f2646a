import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a trust's identity provider may not have: this machine, private networks, link-local and
 * carrier-grade NAT ranges. A trust administrator sets the issuer URL, and the gateway fetches from it,
 * so without this check they could make the gateway read services inside its own network.
 */
const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  INTERNAL.addSubnet(net, prefix, 'ipv6');

export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address); // an IPv4 address written as IPv6
  if (mapped) return INTERNAL.check(mapped[1], 'ipv4');
  const family = isIP(address);
  return family === 4 ? INTERNAL.check(address, 'ipv4') : family === 6 ? INTERNAL.check(address, 'ipv6') : true;
}

/** Why the gateway may not fetch from `host` (an internal address, or a name that does not resolve), or null. */
export async function internalHostProblem(host: string): Promise<string | null> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare)
    ? [bare]
    : await lookup(bare, { all: true }).then(
        (all) => all.map((a) => a.address),
        () => null,
      );
  if (addresses === null || addresses.length === 0) return `${host} does not resolve`;
  const internal = addresses.find(isInternalAddress);
  return internal
    ? `${host} is an address inside this network (${internal}); an identity provider must be reachable on the internet`
    : null;
}
