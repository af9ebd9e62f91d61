import { randomBytes } from 'node:crypto';
import { executorFor, inTransaction, type ServiceContext } from '@konecta/core';
import type { Executor } from '@konecta/db';
import { signingKeys } from '@konecta/db';
import { and, desc, isNotNull, isNull, sql } from 'drizzle-orm';
import { exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import type { AuthContext } from '../context';
import type { PrivateKeyStore } from './key-store';

const LOCK = sql`select pg_advisory_xact_lock(hashtext('auth.signing_keys'))`;

function newKid(now: Date): string {
  return `${now.toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
}

async function createKey(db: Executor, store: PrivateKeyStore, now: Date, active: boolean): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = newKid(now);
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
  // Private half first: a public key without its private half is harmless, the reverse is not.
  await store.save([...(await store.load()), { kid, privateJwk }]);
  await db.insert(signingKeys).values({ kid, publicJwk, createdAt: now, activatedAt: active ? now : null });
  return kid;
}

/** Makes sure a signing key exists: generated on first start (into `.data/` locally). */
export async function ensureSigningKey(ctx: AuthContext, now = ctx.now()): Promise<void> {
  const store = ctx.keyStore;
  await inTransaction(ctx.db, async (tx) => {
    await tx.execute(LOCK);
    const active = await tx
      .select({ kid: signingKeys.kid })
      .from(signingKeys)
      .where(and(isNotNull(signingKeys.activatedAt), isNull(signingKeys.retiredAt)))
      .limit(1);
    if (!active.length) await createKey(tx, store, now, true);
  });
}

/**
 * One rotation step, run on a schedule. Keys are published before they sign: the first run adds a
 * next key to the key set; a run after `publishAheadMs` (longer than services cache the key set)
 * makes it the signing key and retires the old one, which stays published until its last token
 * has expired. No service ever meets a token signed by a key it has not seen.
 */
export async function rotateSigningKeys(
  ctx: AuthContext,
  options: { now?: Date; publishAheadMs?: number } = {},
): Promise<'published-next' | 'activated-next' | 'waiting'> {
  const store = ctx.keyStore;
  const now = options.now ?? ctx.now();
  const publishAheadMs = options.publishAheadMs ?? 15 * 60_000;
  return inTransaction(ctx.db, async (tx) => {
    await tx.execute(LOCK);
    const [next] = await tx.select().from(signingKeys).where(isNull(signingKeys.activatedAt)).limit(1);
    if (!next) {
      await createKey(tx, store, now, false);
      return 'published-next';
    }
    if (now.getTime() - next.createdAt.getTime() < publishAheadMs) return 'waiting';
    await tx
      .update(signingKeys)
      .set({ retiredAt: now })
      .where(and(isNotNull(signingKeys.activatedAt), isNull(signingKeys.retiredAt)));
    await tx.update(signingKeys).set({ activatedAt: now }).where(sql`${signingKeys.kid} = ${next.kid}`);
    return 'activated-next';
  });
}

export interface KeyRing {
  /** The key that signs new tokens. */
  signer(): Promise<{ kid: string; key: CryptoKey }>;
  /** Every key whose tokens may still be in use, and the next key if one is published. */
  jwks(): Promise<JSONWebKeySet>;
}

/**
 * Reads keys from the database (public halves, state) and the key store (private halves), cached
 * for `cacheMs` so a rotation by another instance takes effect within that time.
 */
export function createKeyRing(
  ctx: ServiceContext,
  store: PrivateKeyStore,
  options: { accessTokenTtlSeconds: number; cacheMs?: number; now?: () => Date },
): KeyRing {
  const cacheMs = options.cacheMs ?? 60_000;
  const now = options.now ?? ctx.now;
  let cached:
    | { at: number; value: Promise<{ signer: { kid: string; key: CryptoKey }; jwks: JSONWebKeySet }> }
    | undefined;

  const load = async () => {
    // A retired key stays published for one token lifetime plus a margin for clock skew.
    const keepAfterRetire = sql`now() - make_interval(secs => ${options.accessTokenTtlSeconds + 300})`;
    const rows = await executorFor(ctx.db)
      .select()
      .from(signingKeys)
      .where(sql`${signingKeys.retiredAt} is null or ${signingKeys.retiredAt} > ${keepAfterRetire}`)
      .orderBy(desc(signingKeys.activatedAt));
    const active = rows.find((r) => r.activatedAt && !r.retiredAt);
    if (!active) throw new Error('No active signing key: run the auth bootstrap (npm start does it locally).');
    const record = (await store.load()).find((r) => r.kid === active.kid);
    if (!record) throw new Error(`The private half of signing key ${active.kid} is missing from the key store.`);
    const key = (await importJWK(record.privateJwk, 'ES256')) as CryptoKey;
    return { signer: { kid: active.kid, key }, jwks: { keys: rows.map((r) => r.publicJwk as JWK) } };
  };

  const get = () => {
    const t = now().getTime();
    if (!cached || t - cached.at > cacheMs) {
      const value = load();
      cached = { at: t, value };
      value.catch(() => {
        cached = undefined;
      });
    }
    return cached.value;
  };
  return {
    signer: async () => (await get()).signer,
    jwks: async () => (await get()).jwks,
  };
}
