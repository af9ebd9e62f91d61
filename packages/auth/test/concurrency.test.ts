/**
 * Races that need several database connections: real PostgreSQL only (TEST_DATABASE_URL). The
 * embedded database has one connection, so there every request is already serialised.
 */
import { refreshTokens } from '@konecta/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSystemAdmins } from '../src/roles/roles';
import {
  addActiveUser,
  call,
  expectProblem,
  type Harness,
  login,
  refreshCookie,
  roleIds,
  type SignedIn,
  startAuth,
} from './helpers';

const onPostgres = !!process.env.TEST_DATABASE_URL;
let h: Harness;

beforeAll(async () => {
  if (onPostgres) h = await startAuth();
});
afterAll(() => h?.db.close());

describe.skipIf(!onPostgres)('on real PostgreSQL', () => {
  it('20 parallel refreshes with one token (tabs, retries): all get tokens of the one sign-in; a replay later revokes them all', async () => {
    const s = await login(h.app, 'finance@konecta.local');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => call(h.app, 'POST', '/refresh', { refresh: s.refresh })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const issued = results.map((r) => refreshCookie(r));
    expect(new Set(issued).size).toBe(20);

    // Past the grace, the spent token is theft: the family, every token issued above included, ends.
    h.clock.advance(11_000);
    await expectProblem(await call(h.app, 'POST', '/refresh', { refresh: s.refresh }), 401);
    await expectProblem(await call(h.app, 'POST', '/refresh', { refresh: issued[7] }), 401);
    const family = await h.db.db
      .select({ revokedAt: refreshTokens.revokedAt })
      .from(refreshTokens)
      .where(eq(refreshTokens.userId, s.userId));
    expect(family).toHaveLength(21); // the presented token and one per refresh: nothing else was issued
    expect(family.every((t) => t.revokedAt !== null)).toBe(true);
  });

  it('two admins removing System Admin from each other at once never leave zero admins', async () => {
    const [systemAdmin, employee] = await roleIds(h, 'System Admin', 'Employee');
    const aId = await addActiveUser(h, 'admin.a@konecta.local', ['System Admin']);
    const bId = await addActiveUser(h, 'admin.b@konecta.local', ['System Admin']);
    // Make them the only two: the demo admin steps down (allowed, two others remain).
    const demo = await login(h.app, 'admin@konecta.local');
    const stepDown = await call(h.app, 'PUT', `/users/${demo.userId}/roles`, {
      token: demo.accessToken,
      body: { roleIds: [employee] },
    });
    expect(stepDown.status).toBe(200);
    let a: SignedIn = await login(h.app, 'admin.a@konecta.local');
    let b: SignedIn = await login(h.app, 'admin.b@konecta.local');

    for (let round = 0; round < 5; round++) {
      const [aDemotesB, bDemotesA] = await Promise.all([
        call(h.app, 'PUT', `/users/${bId}/roles`, { token: a.accessToken, body: { roleIds: [employee] } }),
        call(h.app, 'PUT', `/users/${aId}/roles`, { token: b.accessToken, body: { roleIds: [employee] } }),
      ]);
      // One wins; the other is refused: 409 (last admin) or, when the winner committed first,
      // 401 (a role change ends the loser's earlier token on the auth service).
      const [won, lost] = [aDemotesB.status, bDemotesA.status].sort();
      expect(won).toBe(200);
      expect([401, 409]).toContain(lost);
      const admins = await activeSystemAdmins(h.ctx);
      expect(admins).toHaveLength(1);
      // The one still admin restores the other for the next round.
      const [remaining] = admins;
      const restorer = remaining === aId ? a : b;
      const demoted = remaining === aId ? bId : aId;
      const restore = await call(h.app, 'PUT', `/users/${demoted}/roles`, {
        token: restorer.accessToken,
        body: { roleIds: [systemAdmin] },
      });
      expect(restore.status).toBe(200);
      // Role changes raised both session versions: sign in again for the next round.
      a = await login(h.app, 'admin.a@konecta.local');
      b = await login(h.app, 'admin.b@konecta.local');
    }

    // Disabling each other at once: the same rule.
    const [aDisablesB, bDisablesA] = await Promise.all([
      call(h.app, 'POST', `/users/${bId}/disable`, { token: a.accessToken }),
      call(h.app, 'POST', `/users/${aId}/disable`, { token: b.accessToken }),
    ]);
    // The loser is refused by the last-admin rule (409), or, if the winner committed first, finds
    // its own session ended (401).
    const statuses = [aDisablesB.status, bDisablesA.status].sort();
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
    expect(await activeSystemAdmins(h.ctx)).toHaveLength(1);
  });
});
