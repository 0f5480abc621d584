import { describe, expect, it } from 'vitest';
import { clientAddress, NO_TRUSTED_PROXY, parseTrustedProxies } from './clientAddress.ts';

describe('clientAddress', () => {
  const loopback = parseTrustedProxies('loopback');
  const two = parseTrustedProxies('loopback, 10.0.0.5');

  it('is the socket\'s address without a trusted proxy, whatever the header says', () => {
    expect(clientAddress('203.0.113.7', '1.2.3.4', NO_TRUSTED_PROXY)).toBe('203.0.113.7');
    expect(clientAddress('127.0.0.1', '1.2.3.4', NO_TRUSTED_PROXY)).toBe('127.0.0.1');
  });

  it('ignores the header when the socket is not a trusted proxy', () => {
    expect(clientAddress('203.0.113.7', '1.2.3.4', loopback)).toBe('203.0.113.7');
  });

  it('takes the rightmost address the trusted proxies did not write', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.2', loopback)).toBe('198.51.100.2');
    // The client wrote 6.6.6.6 itself; the proxy appended what it saw.
    expect(clientAddress('127.0.0.1', '6.6.6.6, 198.51.100.2', loopback)).toBe('198.51.100.2');
    expect(clientAddress('::ffff:127.0.0.1', '6.6.6.6, 198.51.100.2, 10.0.0.5', two)).toBe('198.51.100.2');
  });

  it('normalizes IPv4-in-IPv6, ports and brackets', () => {
    expect(clientAddress('::ffff:127.0.0.1', '198.51.100.2:5555', loopback)).toBe('198.51.100.2');
    expect(clientAddress('::1', '[2001:db8::1]:443', loopback)).toBe('2001:db8::1');
  });

  it('never believes garbage: counted under the proxy\'s own address', () => {
    expect(clientAddress('127.0.0.1', 'not-an-ip', loopback)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '', loopback)).toBe('127.0.0.1');
  });

  it('refuses a TRUSTED_PROXY entry that is neither loopback nor an address', () => {
    expect(() => parseTrustedProxies('loopback,proxy.example')).toThrow(/proxy.example/);
    expect(parseTrustedProxies(undefined)).toEqual(NO_TRUSTED_PROXY);
  });
});
