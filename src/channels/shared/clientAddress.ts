import { isIP } from 'node:net';

/**
 * Which proxies may tell us the client's address (TRUSTED_PROXY): none by
 * default, `loopback` (a proxy on the same machine), and/or exact addresses.
 */
export interface TrustedProxies {
  loopback: boolean;
  addresses: ReadonlySet<string>;
}

export const NO_TRUSTED_PROXY: TrustedProxies = { loopback: false, addresses: new Set() };

/** IPv4 written as IPv6 (::ffff:1.2.3.4) is the IPv4 address; a port or brackets are dropped. */
export function normalizeAddress(raw: string): string {
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed?.[1]) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  a = a.toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/.exec(a);
  return mapped?.[1] ?? a;
}

const isLoopback = (a: string): boolean => a === '::1' || (isIP(a) === 4 && a.startsWith('127.'));

/**
 * `TRUSTED_PROXY=loopback,10.0.0.5` → the set; unset or empty → none.
 * @throws on anything that is neither `loopback` nor an IP address (env.ts checks first).
 */
export function parseTrustedProxies(text: string | undefined): TrustedProxies {
  const items = (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const addresses = new Set<string>();
  let loopback = false;
  for (const item of items) {
    if (item.toLowerCase() === 'loopback') loopback = true;
    else if (isIP(normalizeAddress(item))) addresses.add(normalizeAddress(item));
    else throw new Error(`TRUSTED_PROXY: ${item} is neither loopback nor an IP address`);
  }
  return { loopback, addresses };
}

const trusted = (proxies: TrustedProxies, a: string): boolean => (proxies.loopback && isLoopback(a)) || proxies.addresses.has(a);

/**
 * The client's address: the socket's, unless the socket is a trusted proxy;
 * then X-Forwarded-For is read from the right (each proxy appends the
 * address it saw), skipping trusted proxies, and the first address not ours
 * is the client. Whatever a client writes into the header itself sits to the
 * left of that and is never believed.
 */
export function clientAddress(socket: string | undefined, forwardedFor: string | undefined, proxies: TrustedProxies): string {
  const peer = normalizeAddress(socket ?? 'unknown');
  if (!trusted(proxies, peer) || !forwardedFor) return peer;
  const hops = forwardedFor.split(',').map(normalizeAddress).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i] ?? '';
    // A trusted proxy wrote this hop; if it is not an address, something is wrong: count it under the proxy's address.
    if (!isIP(hop)) return peer;
    if (!trusted(proxies, hop)) return hop;
  }
  // Every hop is one of ours: the leftmost is as far as we can see.
  return hops[0] ?? peer;
}
