import { auditLog } from '@konecta/db';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createRoute,
  createServiceApp,
  inTransaction,
  recordAudit,
  requirePermission,
  type ServiceRouter,
  serviceAppOptions,
} from '../src/index';
import { createTestDatabase, createTestKeys, type TestDatabase, type TestKeys, testDeps } from '../src/testing';
import * as z from '../src/z';

let db: TestDatabase;
let keys: TestKeys;
let app: ServiceRouter;

const before = {
  name: 'Mona Adel',
  salary: '12000.00',
  password: 'old-Secret1',
  nationalId: '29001011234567',
  bankAccount: 'EG380019000500000000263180002',
  hiredAt: new Date('2024-03-01T00:00:00Z'),
  email: 'mona@konecta.example',
};
const after = {
  ...before,
  salary: '14000.00',
  password: 'new-Secret2',
  nationalId: '29001011234999',
  bankAccount: 'EG380019000500000000263180999',
  hiredAt: new Date('2024-03-01T00:00:00Z'),
};

beforeAll(async () => {
  db = await createTestDatabase();
  keys = await createTestKeys();
  app = createServiceApp(serviceAppOptions('hr', testDeps(db, keys)), (api) => {
    api.openapi(
      createRoute({
        method: 'put',
        path: '/employees/{id}',
        middleware: [requirePermission('hr.employees.write')],
        request: { params: z.object({ id: z.string() }) },
        responses: { 204: { description: 'Updated' } },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await inTransaction(db.db, (tx) =>
          recordAudit(tx, { action: 'employee.updated', entityType: 'employee', entityId: id, before, after }),
        );
        return c.body(null, 204);
      },
    );
  });
});
afterAll(() => db?.close());
beforeEach(async () => {
  await db.db.delete(auditLog);
});

const entries = () => db.db.select().from(auditLog).orderBy(asc(auditLog.id));

describe('recordAudit', () => {
  it('stores who changed what in a request: the caller, the service and the request id', async () => {
    const token = await keys.tokenFor(['hr.employees.write'], { sub: 'hr-manager-1' });
    const res = await app.request('/api/hr/employees/emp-42', {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'audit-req-1' },
    });
    expect(res.status).toBe(204);
    const [entry, ...others] = await entries();
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      actorKind: 'user',
      actorId: 'hr-manager-1',
      service: 'hr',
      action: 'employee.updated',
      entityType: 'employee',
      entityId: 'emp-42',
      requestId: 'audit-req-1',
    });
    expect(entry?.at).toBeInstanceOf(Date);
  });

  it('stores only the fields that changed, with sensitive values redacted', async () => {
    await inTransaction(db.db, (tx) =>
      recordAudit(tx, { action: 'employee.updated', entityType: 'employee', entityId: 'emp-1', before, after }),
    );
    const [entry] = await entries();
    expect(entry?.changes).toEqual({
      salary: { from: '12000.00', to: '14000.00' },
      password: { from: '[redacted]', to: '[redacted]' },
      nationalId: { from: '[redacted]', to: '[redacted]' },
      bankAccount: { from: '[redacted]', to: '[redacted]' },
    });
    const stored = JSON.stringify(entry);
    for (const secret of ['old-Secret1', 'new-Secret2', '29001011234', 'EG38001900050000000026318']) {
      expect(stored).not.toContain(secret);
    }
  });

  it('redacts other secret-bearing fields too, and records creation and deletion', async () => {
    const created = {
      iban: 'EG12',
      cardNumber: '4111111111111111',
      passwordHash: '$argon2id$...',
      apiToken: 't',
      name: 'x',
    };
    await inTransaction(db.db, async (tx) => {
      await recordAudit(tx, { action: 'supplier.created', entityType: 'supplier', entityId: 's-1', after: created });
      await recordAudit(tx, {
        action: 'supplier.deleted',
        entityType: 'supplier',
        entityId: 's-1',
        before: { name: 'x' },
      });
    });
    const [create, remove] = await entries();
    expect(create?.changes).toEqual({
      iban: { to: '[redacted]' },
      cardNumber: { to: '[redacted]' },
      passwordHash: { to: '[redacted]' },
      apiToken: { to: '[redacted]' },
      name: { to: 'x' },
    });
    expect(remove?.changes).toEqual({ name: { from: 'x' } });
  });

  it('records "system" as the actor outside a request, and a reason when given', async () => {
    await inTransaction(db.db, (tx) =>
      recordAudit(tx, {
        action: 'payroll.closed',
        entityType: 'payroll-period',
        entityId: '2026-01',
        reason: 'month end',
      }),
    );
    const [entry] = await entries();
    expect(entry).toMatchObject({
      actorKind: 'system',
      actorId: null,
      service: 'system',
      changes: null,
      reason: 'month end',
      requestId: null,
    });
  });

  it('takes an explicit actor over the request caller', async () => {
    await inTransaction(db.db, (tx) =>
      recordAudit(tx, { action: 'leave.accrued', entityType: 'employee', actor: { kind: 'service', id: 'scheduler' } }),
    );
    expect((await entries())[0]).toMatchObject({ actorKind: 'service', actorId: 'scheduler' });
  });

  it('rolls back with its transaction', async () => {
    const failed = inTransaction(db.db, async (tx) => {
      await recordAudit(tx, { action: 'employee.updated', entityType: 'employee', entityId: 'emp-2', before, after });
      throw new Error('the update broke a rule');
    });
    await expect(failed).rejects.toThrow('the update broke a rule');
    expect(await db.db.select().from(auditLog).where(eq(auditLog.entityId, 'emp-2'))).toEqual([]);
  });
});
