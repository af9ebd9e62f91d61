/**
 * Password guesses sent all at once. Before, the lock-out counted failures first and recorded
 * them after the hash was checked, so 50 parallel wrong passwords were all verified (50 × 401)
 * where one at a time the sixth got 429, and the right password sent as the 50th parallel attempt
 * once signed in. Now each attempt is counted before its hash is checked: however the guesses
 * arrive, at most five are verified. Runs on the embedded database (which serialises statements)
 * and, under `npm run test:pg`, on real PostgreSQL where the requests truly race.
 */
import { auditLog } from '@konecta/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_FAILURES } from '../src/sessions/sessions';
import { addActiveUser, attemptLogin, DEMO_PASSWORD, type Harness, startAuth } from './helpers';

/** Every argon2 verification the auth service runs, counted. */
const verifications = vi.hoisted(() => ({ count: 0 }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const argon2 = await importOriginal<typeof import('@node-rs/argon2')>();
  return {
    ...argon2,
    verify: (...args: Parameters<typeof argon2.verify>) => {
      verifications.count++;
      return argon2.verify(...args);
    },
  };
});

let h: Harness;
beforeAll(async () => {
  h = await startAuth();
});
afterAll(() => h?.db.close());
beforeEach(() => {
  verifications.count = 0;
});

const PARALLEL = 50;
function statusCounts(responses: Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

describe(`${PARALLEL} sign-in attempts on one account at once`, () => {
  it(`verifies exactly ${MAX_FAILURES} wrong passwords (401) and refuses the rest unchecked (429)`, async () => {
    const id = await addActiveUser(h, 'parallel.target@konecta.local');
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => attemptLogin(h.app, 'parallel.target@konecta.local', `Wrong-${i}`)),
    );
    expect(statusCounts(responses)).toEqual({ 401: MAX_FAILURES, 429: PARALLEL - MAX_FAILURES });
    expect(verifications.count).toBe(MAX_FAILURES);
    for (const res of responses.filter((r) => r.status === 429))
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);

    const audit = await h.db.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, id)));
    expect(audit.map((a) => a.action).sort()).toEqual([...Array(MAX_FAILURES - 1).fill('login.failed'), 'user.locked']);
  });

  it('does not sign in with the right password sent as the 50th attempt', async () => {
    await addActiveUser(h, 'parallel.right@konecta.local');
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        attemptLogin(h.app, 'parallel.right@konecta.local', i === PARALLEL - 1 ? DEMO_PASSWORD : `Wrong-${i}`),
      ),
    );
    expect(responses.at(-1)?.status).toBe(429);
    expect(statusCounts(responses)).toEqual({ 401: MAX_FAILURES, 429: PARALLEL - MAX_FAILURES });
    expect(verifications.count).toBe(MAX_FAILURES);
  });

  it('spread over the email and the username, and for an unknown identifier, the same', async () => {
    await addActiveUser(h, 'parallel.spread@konecta.local');
    const spread = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        attemptLogin(h.app, i % 2 ? 'PARALLEL.SPREAD' : 'parallel.spread@konecta.local', `Wrong-${i}`),
      ),
    );
    expect(statusCounts(spread)).toEqual({ 401: MAX_FAILURES, 429: PARALLEL - MAX_FAILURES });
    const unknown = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => attemptLogin(h.app, 'nobody.parallel@konecta.local', `Wrong-${i}`)),
    );
    expect(statusCounts(unknown)).toEqual({ 401: MAX_FAILURES, 429: PARALLEL - MAX_FAILURES });
    expect(verifications.count).toBe(2 * MAX_FAILURES);
  });

  it('a right password among parallel ones that were allowed signs in and ends the streak', async () => {
    await addActiveUser(h, 'parallel.owner@konecta.local');
    const [right, ...wrong] = await Promise.all([
      attemptLogin(h.app, 'parallel.owner@konecta.local', DEMO_PASSWORD),
      ...Array.from({ length: 3 }, (_, i) => attemptLogin(h.app, 'parallel.owner@konecta.local', `Wrong-${i}`)),
    ]);
    expect(right?.status).toBe(200);
    expect(wrong.map((r) => r.status)).toEqual([401, 401, 401]);
    // Whatever order they were checked in, at most three failures follow the success: not locked.
    expect((await attemptLogin(h.app, 'parallel.owner@konecta.local', DEMO_PASSWORD)).status).toBe(200);
  });
});
