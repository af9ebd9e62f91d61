import { auditLog } from '@konecta/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPermissions, inTransaction, recordAudit, systemActor } from '../src/index';
import { createTestDatabase, createTestKeys, type TestDatabase } from '../src/testing';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.close());

describe('the system actor', () => {
  it('is one well-known actor per service, holding every permission', () => {
    const hr = systemActor('hr');
    expect(hr).toBe(systemActor('hr'));
    expect(hr).toMatchObject({ kind: 'system', id: 'system:hr' });
    expect([...hr.permissions].sort()).toEqual([...allPermissions].sort());
    expect(systemActor('auth').id).toBe('system:auth');
    expect(Object.isFrozen(hr)).toBe(true);
  });

  it('is what the audit log records as the actor of system work', async () => {
    await inTransaction(db.db, (tx) =>
      recordAudit(tx, { action: 'user.invited', entityType: 'user', actor: systemActor('auth'), service: 'auth' }),
    );
    const [entry] = await db.db.select().from(auditLog);
    expect(entry).toMatchObject({ actorKind: 'system', actorId: 'system:auth', service: 'auth' });
  });

  it('can never be claimed by an access token', async () => {
    const keys = await createTestKeys();
    const forged = await keys.sign({ typ: 'system' as never, sub: 'system:hr', perms: [...allPermissions] });
    await expect(keys.verifier.verify(forged)).rejects.toMatchObject({ reason: 'invalid-claims' });
  });
});
