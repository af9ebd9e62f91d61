/**
 * Headers through the gateway's pass-through (pass-through.ts), in Node's flat form: what to do
 * with each of a client's request headers and of a service's answer headers, worked out once per
 * name as written, and the gateway's own.
 */
import { SECURITY_HEADERS } from '@konecta/core';
import { HOP_BY_HOP, SET_BY_GATEWAY, varyWithoutOrigin } from './proxy';

/** The security headers every app sets (the Hono route's too), lower-cased as Node hands them on. */
export const gatewayHeaders: [string, string][] = SECURITY_HEADERS.map(([name, value]) => [name.toLowerCase(), value]);
/** Headers the gateway sets on every answer: the service's own values give way. */
const gatewayHeaderNames = new Set(['x-request-id', 'x-powered-by', ...gatewayHeaders.map(([name]) => name)]);

/** Hop-by-hop headers of an answer, but its length: the body is passed on as it comes. */
const RESPONSE_HOP_BY_HOP = new Set([...HOP_BY_HOP].filter((h) => h !== 'content-length'));

/**
 * What the pass-through does with a header of the client's request: `decline` (not a plain read:
 * through Hono), `length` (a plain read only when 0), `drop` (hop-by-hop, or the gateway's to set),
 * `forward` (under its lower-case name); the id, address and Host are read for the gateway's own.
 */
interface RequestRule {
  kind: 'decline' | 'length' | 'request-id' | 'forwarded-for' | 'host' | 'drop' | 'forward';
  key: string;
}

/**
 * Rules and verdicts by header name as written: clients and services write the same few names, so
 * each is lower-cased and looked up once, not on every request (a bounded number of them).
 */
const MAX_REMEMBERED_NAMES = 512;
const requestRules = new Map<string, RequestRule>();
export function requestRule(name: string): RequestRule {
  let rule = requestRules.get(name);
  if (!rule) {
    const key = name.toLowerCase();
    const kind: RequestRule['kind'] =
      key === 'origin' || key === 'transfer-encoding'
        ? 'decline'
        : key === 'content-length'
          ? 'length'
          : key === 'x-request-id'
            ? 'request-id'
            : key === 'x-forwarded-for'
              ? 'forwarded-for'
              : key === 'host'
                ? 'host'
                : HOP_BY_HOP.has(key) || SET_BY_GATEWAY.has(key)
                  ? 'drop'
                  : 'forward';
    rule = { kind, key };
    if (requestRules.size < MAX_REMEMBERED_NAMES) requestRules.set(name, rule);
  }
  return rule;
}

/**
 * What the gateway does with a header of a service's answer: `drop` (hop-by-hop but the length,
 * CORS, or one the gateway sets itself), `keep`, or keep and read it (`vary`, `cache-control`,
 * `content-length`).
 */
type Verdict = 'drop' | 'keep' | 'vary' | 'cache-control' | 'content-length';
const answerVerdicts = new Map<string, Verdict>();
function answerVerdict(name: string): Verdict {
  let verdict = answerVerdicts.get(name);
  if (verdict === undefined) {
    const key = name.toLowerCase();
    verdict =
      RESPONSE_HOP_BY_HOP.has(key) || gatewayHeaderNames.has(key) || key.startsWith('access-control-')
        ? 'drop'
        : key === 'vary'
          ? 'vary'
          : key === 'cache-control'
            ? 'cache-control'
            : key === 'content-length'
              ? 'content-length'
              : 'keep';
    if (answerVerdicts.size < MAX_REMEMBERED_NAMES) answerVerdicts.set(name, verdict);
  }
  return verdict;
}

/**
 * Pushes onto `out` the service's headers as the gateway passes them on (see
 * `cleanResponseHeaders`), in Node's flat form, then the gateway's own. Returns the length of the
 * body when the service gave one, else -1.
 */
export function answerHeaders(raw: string[], requestId: string, out: string[]): number {
  let cacheControl = false;
  let length = -1;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    let value = raw[i + 1] as string;
    switch (answerVerdict(name)) {
      case 'drop':
        continue;
      case 'vary':
        value = varyWithoutOrigin(value);
        if (!value) continue;
        break;
      case 'cache-control':
        cacheControl = true;
        break;
      case 'content-length':
        length = Number(value);
    }
    out.push(name, value);
  }
  out.push('x-request-id', requestId);
  for (let i = 0; i < gatewayHeaders.length; i++) {
    const [name, value] = gatewayHeaders[i] as [string, string];
    out.push(name, value);
  }
  if (!cacheControl) out.push('cache-control', 'no-store');
  return length;
}

/** Node's flat headers (name, value, name, value…) as Fetch's pairs. */
export function pairsOf(flat: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i] as string, flat[i + 1] as string]);
  return pairs;
}
