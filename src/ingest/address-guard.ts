import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

// Server-side request forgery: a URL given to the server (the GraphQL ingest mutation) must not
// make it fetch from itself or its network: loopback, private and link-local ranges, the cloud
// metadata address (169.254.169.254 is link-local) and the like. The check is on the addresses
// a host name resolves to, inside the connection's own DNS lookup: the address checked is the
// address connected to, so a name that resolves to a public address when checked and to
// 127.0.0.1 when connecting (DNS rebinding) cannot slip through. Ranges come from ipaddr.js,
// a well-kept table of the IANA special-purpose registries, not from a hand-written list.

/** Refused: the address is not a public unicast address. */
export class ForbiddenAddressError extends Error {
  readonly code = 'EFORBIDDENADDRESS';

  constructor(host: string, address: string, range: string) {
    super(
      `refused: ${host} is ${address === host ? '' : `${address}, `}a ${range} address (private addresses are not fetched; INGEST_ALLOW_PRIVATE=on allows them)`,
    );
    this.name = 'ForbiddenAddressError';
  }
}

/** The special range an address belongs to, or null for a public unicast address. */
export function forbiddenRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'malformed';
  let parsed = ipaddr.parse(address);
  // ::ffff:127.0.0.1 is 127.0.0.1.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  return range === 'unicast' ? null : range;
}

/** Throws ForbiddenAddressError when `host` is an IP literal of a special range. */
export function assertPublicLiteral(host: string): void {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) === 0) return;
  const range = forbiddenRange(bare);
  if (range) throw new ForbiddenAddressError(bare, bare, range);
}

/**
 * A DNS lookup for net.connect that resolves as usual and fails with ForbiddenAddressError when
 * any address of the name is in a special range (one bad address is enough: the connection
 * could use any of them).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) {
      callback(error, '', 0);
      return;
    }
    for (const { address } of addresses) {
      const range = forbiddenRange(address);
      if (range) {
        callback(new ForbiddenAddressError(hostname, address, range), '', 0);
        return;
      }
    }
    if (options.all) callback(null, addresses as unknown as string, 0);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};
