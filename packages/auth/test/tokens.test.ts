import { domainServices, serviceClientSecret } from '@konecta/core';
import { serviceClients } from '@konecta/db';
import {
  base64url,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  type JSONWebKeySet,
  jwtVerify,
  SignJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { createKeyRing, rotateSigningKeys } from '../src/keys/signing-keys';
import {
  registerServiceClient,
  registerServiceClients,
  servicePermissions,
} from '../src/service-tokens/service-tokens';
import { bodyOf, call, expectProblem, type Harness, login, type SignedIn, startAuth } from './helpers';

let h: Harness;
let employee: SignedIn;

beforeAll(async () => {
  h = await startAuth();
  employee = await login(h.app, 'employee@konecta.local');
});
afterAll(() => h?.db.close());

const jwks = async (app = h.app) => bodyOf<JSONWebKeySet>(await call(app, 'GET', '/.well-known/jwks.json'));
const me = (token: string, app = h.app) => call(app, 'GET', '/me', { token });
const verifyLocally = async (token: string, app = h.app) =>
  jwtVerify(token, createLocalJWKSet(await jwks(app)), {
    issuer: h.deps.config.auth.issuer,
    audience: h.deps.config.auth.audience,
  });
const encode = (value: unknown) => base64url.encode(JSON.stringify(value));

describe('forged and broken tokens are refused on GET /me', () => {
  /** The claims of the employee's real token: a forgery with these would pass if the signature were not checked. */
  let claims: Record<string, unknown>;
  let kid: string;
  beforeAll(() => {
    claims = decodeJwt(employee.accessToken);
    kid = decodeProtectedHeader(employee.accessToken).kid as string;
  });
  const signWithAppKey = async (payload: Record<string, unknown>) => {
    const signer = await h.ctx.keys.signer();
    return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: signer.kid, typ: 'JWT' }).sign(signer.key);
  };

  it('accepts the real token, and a copy re-signed with the app key (so the refusals below are the attack)', async () => {
    expect((await me(employee.accessToken)).status).toBe(200);
    expect((await me(await signWithAppKey(claims))).status).toBe(200);
  });

  it('refuses alg "none"', async () => {
    const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, perms: ['auth.users.manage'] })}.`;
    await expectProblem(await me(token), 401);
  });

  it('refuses HS256 signed with the public key as the HMAC secret', async () => {
    const publicJwk = (await jwks()).keys.find((k) => k.kid === kid);
    for (const secret of [JSON.stringify(publicJwk), String(publicJwk?.x)]) {
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' })
        .sign(new TextEncoder().encode(secret));
      await expectProblem(await me(token), 401);
    }
  });

  it('refuses a token signed by another EC key claiming the same kid', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(privateKey);
    const res = await expectProblem(await me(token), 401);
    expect(res.detail).toMatch(/signature/i);
  });

  it('refuses an expired token signed with the real key', async () => {
    const now = Math.floor(Date.now() / 1000);
    const res = await me(await signWithAppKey({ ...claims, iat: now - 3600, exp: now - 600 }));
    expect((await expectProblem(res, 401)).detail).toMatch(/expired/i);
  });

  it('refuses the wrong issuer or audience, even with the real key', async () => {
    await expectProblem(await me(await signWithAppKey({ ...claims, iss: 'urn:someone:else' })), 401);
    await expectProblem(await me(await signWithAppKey({ ...claims, aud: 'urn:another:api' })), 401);
  });

  it('refuses a tampered payload with the original signature', async () => {
    const [header, , signature] = employee.accessToken.split('.');
    const admin = await login(h.app, 'admin@konecta.local');
    for (const payload of [
      { ...claims, perms: ['auth.users.manage', 'auth.roles.manage'] },
      { ...claims, sub: admin.userId },
      { ...claims, exp: (claims.exp as number) + 86_400 },
    ]) {
      await expectProblem(await me(`${header}.${encode(payload)}.${signature}`), 401);
    }
    // Unchanged, the same pieces still verify: only the tampering was refused.
    expect((await me(employee.accessToken)).status).toBe(200);
  });

  it('refuses garbage and a missing token', async () => {
    for (const token of ['abc', 'a.b.c', `${employee.accessToken}x`]) await expectProblem(await me(token), 401);
    await expectProblem(await call(h.app, 'GET', '/me', { headers: { authorization: 'Basic abc' } }), 401);
  });
});

describe('service clients registered by the bootstrap', () => {
  const basic = (id: string, pass: string) => ({
    authorization: `Basic ${Buffer.from(`${id}:${pass}`).toString('base64')}`,
  });

  it('registers every domain service with the secret it holds, so each can obtain a service token', async () => {
    const rows = await h.db.db.select().from(serviceClients);
    expect(rows.map((r) => r.name).sort()).toEqual([...domainServices].sort());
    const secret = await serviceClientSecret(h.deps.config, 'reporting');
    const res = await call(h.app, 'POST', '/service-token', { headers: basic('reporting', secret) });
    expect(res.status).toBe(200);
    const { payload } = await verifyLocally((await bodyOf<{ accessToken: string }>(res)).accessToken);
    expect(payload).toMatchObject({ typ: 'service', sub: 'service:reporting' });
    expect(payload.perms).toEqual(servicePermissions.reporting);
  });

  it('leaves unchanged clients alone on the next start, and takes a changed secret in place of the old one', async () => {
    expect(await registerServiceClients(h.ctx)).toEqual([]);
    const old = await serviceClientSecret(h.deps.config, 'operation');
    const rotated = 'a-new-secret-from-secrets-manager-0123456789';
    const changed = await registerServiceClients(h.ctx, async (name) =>
      name === 'operation' ? rotated : serviceClientSecret(h.deps.config, name),
    );
    expect(changed).toEqual(['operation']);
    await expectProblem(await call(h.app, 'POST', '/service-token', { headers: basic('operation', old) }), 401);
    expect((await call(h.app, 'POST', '/service-token', { headers: basic('operation', rotated) })).status).toBe(200);
  });
});

describe('service tokens', () => {
  let secret: string;
  beforeAll(async () => {
    secret = await registerServiceClient(h.ctx, 'hr');
  });
  const basic = (id: string, pass: string) => ({
    authorization: `Basic ${Buffer.from(`${id}:${pass}`).toString('base64')}`,
  });

  it('grants a 5-minute service token for HTTP Basic client credentials', async () => {
    const res = await call(h.app, 'POST', '/service-token', { headers: basic('hr', secret) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await bodyOf<{ accessToken: string; expiresIn: number; tokenType: string }>(res);
    expect(body).toMatchObject({ expiresIn: 300, tokenType: 'Bearer' });
    const { payload } = await verifyLocally(body.accessToken);
    expect(payload).toMatchObject({ typ: 'service', sub: 'service:hr', roles: [] });
    expect(payload.perms).toEqual(servicePermissions.hr);
    // A service token is not a signed-in user.
    await expectProblem(await me(body.accessToken), 401);
    // With the credentials in the body too.
    const inBody = await call(h.app, 'POST', '/service-token', { body: { clientId: 'hr', clientSecret: secret } });
    expect(inBody.status).toBe(200);
  });

  it('refuses a wrong secret, an unknown client and missing credentials with 401', async () => {
    await expectProblem(await call(h.app, 'POST', '/service-token', { headers: basic('hr', `${secret}x`) }), 401);
    await expectProblem(await call(h.app, 'POST', '/service-token', { headers: basic('finance', secret) }), 401);
    await expectProblem(await call(h.app, 'POST', '/service-token'), 401);
    await expectProblem(await call(h.app, 'POST', '/service-token', { body: {} }), 401);
  });

  it('re-registering rotates the secret: the old one stops working', async () => {
    const old = secret;
    secret = await registerServiceClient(h.ctx, 'hr');
    await expectProblem(await call(h.app, 'POST', '/service-token', { headers: basic('hr', old) }), 401);
    expect((await call(h.app, 'POST', '/service-token', { headers: basic('hr', secret) })).status).toBe(200);
  });
});

describe('signing key rotation', () => {
  it('publishes the next key first, then signs with it, keeping the old key published', async () => {
    // A key ring without caching, as another instance would see it after its cache ran out.
    const ctx = { ...h.ctx, keys: createKeyRing(h.ctx, h.ctx.keyStore, { accessTokenTtlSeconds: 900, cacheMs: 0 }) };
    const app = createApp(h.deps, ctx);
    const before = await login(app, 'hr@konecta.local');
    const oldKid = decodeProtectedHeader(before.accessToken).kid;
    expect((await jwks(app)).keys.map((k) => k.kid)).toEqual([oldKid]);

    expect(await rotateSigningKeys(h.ctx, { now: new Date(), publishAheadMs: 0 })).toBe('published-next');
    const published = (await jwks(app)).keys.map((k) => k.kid);
    expect(published).toHaveLength(2);
    expect(published).toContain(oldKid);
    const during = await login(app, 'hr@konecta.local');
    expect(decodeProtectedHeader(during.accessToken).kid).toBe(oldKid);

    expect(await rotateSigningKeys(h.ctx, { now: new Date(), publishAheadMs: 0 })).toBe('activated-next');
    const after = await login(app, 'hr@konecta.local');
    const newKid = decodeProtectedHeader(after.accessToken).kid;
    expect(newKid).not.toBe(oldKid);
    expect(published).toContain(newKid);
    expect((await jwks(app)).keys.map((k) => k.kid).sort()).toEqual([...published].sort());

    // Tokens from before the rotation still verify, here and for any service holding the key set.
    expect((await me(before.accessToken, app)).status).toBe(200);
    expect((await me(after.accessToken, app)).status).toBe(200);
    await verifyLocally(before.accessToken, app);
    await verifyLocally(after.accessToken, app);
  });

  it('waits for the publish-ahead time before activating', async () => {
    const now = new Date();
    expect(await rotateSigningKeys(h.ctx, { now })).toBe('published-next');
    expect(await rotateSigningKeys(h.ctx, { now: new Date(now.getTime() + 60_000) })).toBe('waiting');
    expect(await rotateSigningKeys(h.ctx, { now: new Date(now.getTime() + 16 * 60_000) })).toBe('activated-next');
  });
});
