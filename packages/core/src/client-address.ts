import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';

/**
 * Who may tell us the client's address in `X-Forwarded-For`: nobody (the default), the proxies at
 * these addresses, or a fixed number of proxy hops in front of us.
 */
export type TrustedProxies = { kind: 'none' } | { kind: 'addresses'; list: BlockList } | { kind: 'hops'; hops: number };

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) compares as `10.0.0.1`. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/**
 * Parses `TRUSTED_PROXIES`: empty, a number of hops (`1`), or addresses and CIDR ranges
 * (`10.0.0.0/8, ::1`). Throws a message naming the first entry it cannot read.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? '';
  if (!text) return { kind: 'none' };
  if (/^\d+$/.test(text)) return { kind: 'hops', hops: Number(text) };
  const list = new BlockList();
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address = '', prefix, extra] = entry.split('/');
    const type = isIP(address);
    const bits = prefix === undefined ? (type === 6 ? 128 : 32) : Number(prefix);
    if (!type || extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > (type === 6 ? 128 : 32)) {
      throw new Error(`"${entry}" is not an IP address or CIDR range`);
    }
    list.addSubnet(address, bits, type === 6 ? 'ipv6' : 'ipv4');
  }
  return { kind: 'addresses', list };
}

function isTrusted(trust: TrustedProxies, address: string): boolean {
  if (trust.kind !== 'addresses') return false;
  const type = isIP(address);
  return type !== 0 && trust.list.check(address, type === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address from the connection's peer and the `X-Forwarded-For` chain: read from the
 * right, skipping only proxies we trust, so an entry the client wrote itself is never taken unless
 * every hop after it is trusted. Without a peer (a request handed over inside this process, by the
 * local gateway, which has already resolved the address) the last entry is the client.
 */
export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trust: TrustedProxies,
): string | undefined {
  // The usual request, from the peer alone: whatever the trust, the peer is the client.
  if (!forwardedFor && peer !== undefined) return plain(peer);
  const forwarded = (forwardedFor ?? '')
    .split(',')
    .map((s) => plain(s.trim()))
    .filter(Boolean);
  if (peer === undefined) {
    const last = forwarded.at(-1);
    return last && isIP(last) ? last : undefined;
  }
  peer = plain(peer);
  const chain = [...forwarded, peer];
  if (trust.kind === 'hops') {
    const client = chain[Math.max(0, chain.length - 1 - trust.hops)];
    return client && isIP(client) ? client : peer;
  }
  let client = peer;
  for (let i = chain.length - 1; i > 0; i--) {
    if (!isTrusted(trust, chain[i] as string)) break;
    const next = chain[i - 1] as string;
    if (!isIP(next)) break; // a malformed entry is not an address: stop at the last good one
    client = next;
  }
  return client;
}

/** What the runtime knows about the connection: Node's socket or API Gateway's request context. */
interface RuntimeEnv {
  incoming?: { socket?: { remoteAddress?: string } };
  requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } };
}

/** The address of whoever opened the connection, or undefined for a request made inside the process. */
export function peerAddress(c: Context): string | undefined {
  const env = c.env as RuntimeEnv | undefined;
  return (
    env?.incoming?.socket?.remoteAddress ??
    env?.requestContext?.http?.sourceIp ??
    env?.requestContext?.identity?.sourceIp
  );
}
