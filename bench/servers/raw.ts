/**
 * The baseline: the least code doing the same work as the kernel route. `node:http`, postgres.js
 * (pool of 10, prepared statements) and jose against the same key set.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, jwtVerify } from 'jose';
import postgres from 'postgres';
import { announce, BENCH_PATH, BENCH_PERMISSION, benchEnv } from './shared';

const env = benchEnv();
const sql = postgres(env.databaseUrl, { max: 10, prepare: true, onnotice: () => {} });
const keys = createLocalJWKSet(env.jwks);

function send(res: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function verify(header: string | undefined): Promise<string[] | undefined> {
  if (!header?.startsWith('Bearer ')) return undefined;
  try {
    const { payload } = await jwtVerify(header.slice(7), keys, {
      algorithms: ['ES256'],
      issuer: env.issuer,
      audience: env.audience,
    });
    return Array.isArray(payload.perms) ? (payload.perms as string[]) : [];
  } catch {
    return undefined;
  }
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' || url.pathname !== BENCH_PATH) return send(res, 404, { title: 'Not Found' });
    const perms = await verify(req.headers.authorization);
    if (!perms) return send(res, 401, { title: 'Unauthorized' });
    if (!perms.includes(BENCH_PERMISSION)) return send(res, 403, { title: 'Forbidden' });
    const owner = Number(url.searchParams.get('owner'));
    if (!Number.isInteger(owner) || owner < 1) return send(res, 400, { title: 'Bad Request' });
    const rows = await sql`select id, name, amount from bench_items where owner_id = ${owner} order by id limit 20`;
    send(res, 200, { items: rows.map((r) => ({ id: r.id, name: r.name, amount: Number(r.amount) })) });
  } catch {
    send(res, 500, { title: 'Internal Server Error' });
  }
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => announce((server.address() as AddressInfo).port));
