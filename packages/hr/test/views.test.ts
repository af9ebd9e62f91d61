import { createTestDatabase, type TestDatabase } from '@konecta/core/testing';
import { rowsOf } from '@konecta/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrganisation } from './helpers';

let db: TestDatabase;
const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await db.db.execute(q));

beforeAll(async () => {
  db = await createTestDatabase({ snapshot: demoOrganisation });
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe('views HR publishes for other services', () => {
  it('the directory lists everyone without pay, national id or bank data', async () => {
    const rows = await query<Record<string, unknown>>(sql`select * from hr.employee_directory`);
    expect(rows).toHaveLength(50);
    const columns = Object.keys(rows[0] ?? {});
    expect(columns).toEqual(expect.arrayContaining(['full_name', 'department_name', 'position_title', 'manager_id']));
    for (const c of columns) expect(c).not.toMatch(/salary|national|payout|account/);
  });

  it('payroll sees pay terms and the encrypted payout account, never a clear one', async () => {
    const rows = await query<{
      salary_amount: string | number;
      payout_account_encrypted: string;
      payout_account_last4: string;
    }>(sql`select * from hr.payroll_employees where status = 'active'`);
    expect(rows.length).toBeGreaterThan(40);
    for (const r of rows) {
      expect(Number(r.salary_amount)).toBeGreaterThan(0);
      expect(r.payout_account_encrypted).toMatch(/^v1\./);
      expect(r.payout_account_last4).toHaveLength(4);
    }
  });

  it('attendance and unpaid leave per month add up from the tables', async () => {
    const [view] = await query<{ days: number }>(
      sql`select sum(present_days + remote_days + absent_days)::int as days from hr.monthly_attendance`,
    );
    const [table] = await query<{ days: number }>(
      sql`select count(*)::int as days from hr.attendance_records where status in ('present', 'remote', 'absent')`,
    );
    expect(Number(view?.days)).toBe(Number(table?.days));
    // Approved unpaid leave counts; pending or paid leave does not.
    await db.db.execute(sql`
      insert into hr.leave_requests (employee_id, leave_type_id, start_date, end_date, days, status)
      select e.id, t.id, '2027-03-07', '2027-03-08', 2, s.status::hr.leave_request_status
      from hr.employees e, hr.leave_types t, (values ('approved'), ('pending')) s(status)
      where e.work_email = 'employee@konecta.local' and t.code = 'UNPAID'`);
    const unpaid = await query<{ month: string; unpaid_days: string }>(
      sql`select u.month, u.unpaid_days from hr.monthly_unpaid_leave u join hr.employees e on e.id = u.employee_id where e.work_email = 'employee@konecta.local'`,
    );
    expect(unpaid.map((u) => [u.month, Number(u.unpaid_days)])).toEqual([['2027-03', 2]]);
  });
});
