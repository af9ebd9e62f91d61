import { describe, expect, it } from 'vitest';
import { parseTrustedProxies, resolveClientAddress } from '../src/client-address';

const none = parseTrustedProxies('');
const lan = parseTrustedProxies('10.0.0.0/8, ::1');
const oneHop = parseTrustedProxies('1');

describe('the client address', () => {
  it("is the connection's peer when no proxy is trusted, whatever the client wrote", () => {
    expect(resolveClientAddress('198.51.100.4', '203.0.113.9', none)).toBe('198.51.100.4');
    expect(resolveClientAddress('::ffff:198.51.100.4', undefined, none)).toBe('198.51.100.4');
  });

  it('is the rightmost address not a trusted proxy, so a forged entry on the left is never taken', () => {
    // The client forged 6.6.6.6; the trusted proxy 10.0.0.5 appended the real 198.51.100.4.
    expect(resolveClientAddress('10.0.0.5', '6.6.6.6, 198.51.100.4', lan)).toBe('198.51.100.4');
    expect(resolveClientAddress('10.0.0.5', '6.6.6.6, 198.51.100.4, 10.0.0.9', lan)).toBe('198.51.100.4');
    expect(resolveClientAddress('::1', '198.51.100.4', lan)).toBe('198.51.100.4');
    // A peer outside the trusted ranges is the client, whatever it forwards.
    expect(resolveClientAddress('198.51.100.4', '6.6.6.6', lan)).toBe('198.51.100.4');
  });

  it('stops at an entry that is not an address', () => {
    expect(resolveClientAddress('10.0.0.5', 'not-an-ip', lan)).toBe('10.0.0.5');
    expect(resolveClientAddress('10.0.0.5', '198.51.100.4, <script>', lan)).toBe('10.0.0.5');
  });

  it('counts hops when the proxies are known by number rather than address', () => {
    expect(resolveClientAddress('10.0.0.5', '6.6.6.6, 198.51.100.4', oneHop)).toBe('198.51.100.4');
    expect(resolveClientAddress('10.0.0.5', undefined, oneHop)).toBe('10.0.0.5');
  });

  it('takes the last entry of a request handed over in-process (by the gateway, which resolved it)', () => {
    expect(resolveClientAddress(undefined, '198.51.100.4', none)).toBe('198.51.100.4');
    expect(resolveClientAddress(undefined, undefined, none)).toBeUndefined();
    expect(resolveClientAddress(undefined, 'garbage', none)).toBeUndefined();
  });
});
