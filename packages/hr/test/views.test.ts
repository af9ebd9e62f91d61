import { createTestDatabase, type TestDatabase } from '@konecta/core/testing';
import {
  attendanceRecords,
  employeeDirectory,
  employees,
  monthlyAttendance,
  monthlyUnpaidLeave,
  payrollEmployees,
} from '@konecta/db';
import { count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrganisation } from './helpers';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ snapshot: demoOrganisation });
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe('views HR publishes for other services', () => {
  it('the directory lists everyone without pay, national id or bank data', async () => {
    const rows = await db.db.select().from(employeeDirectory);
    expect(rows).toHaveLength(50);
    const mona = rows.find((r) => r.workEmail === 'employee@konecta.local');
    expect(mona).toMatchObject({ fullName: 'Nour Adel', status: 'active' });
    expect(mona?.departmentName).toBeTruthy();
    expect(mona?.positionTitle).toBeTruthy();
    // Its columns are the database's (packages/db/test/views.test.ts checks), so this is the view's shape.
    for (const c of Object.keys(rows[0] ?? {})) expect(c).not.toMatch(/salary|national|payout|account/i);
  });

  it('payroll sees pay terms and the encrypted payout account, never a clear one', async () => {
    const rows = await db.db.select().from(payrollEmployees).where(eq(payrollEmployees.status, 'active'));
    expect(rows.length).toBeGreaterThan(40);
    for (const r of rows) {
      expect(r.salaryAmount).toBeGreaterThan(0);
      expect(r.payoutAccountEncrypted).toMatch(/^v1\./);
      expect(r.payoutAccountLast4).toHaveLength(4);
    }
  });

  it('attendance and unpaid leave per month add up from the tables', async () => {
    const months = await db.db.select().from(monthlyAttendance);
    const viewDays = months.reduce((sum, m) => sum + m.presentDays + m.remoteDays + m.absentDays, 0);
    const [table] = await db.db
      .select({ days: count() })
      .from(attendanceRecords)
      .where(inArray(attendanceRecords.status, ['present', 'remote', 'absent']));
    expect(viewDays).toBe(table?.days);
    // Approved unpaid leave counts; pending or paid leave does not.
    await db.db.execute(sql`
      insert into hr.leave_requests (employee_id, leave_type_id, start_date, end_date, days, status)
      select e.id, t.id, '2027-03-07', '2027-03-08', 2, s.status::hr.leave_request_status
      from hr.employees e, hr.leave_types t, (values ('approved'), ('pending')) s(status)
      where e.work_email = 'employee@konecta.local' and t.code = 'UNPAID'`);
    const unpaid = await db.db
      .select({ month: monthlyUnpaidLeave.month, days: monthlyUnpaidLeave.unpaidDays })
      .from(monthlyUnpaidLeave)
      .innerJoin(employees, eq(employees.id, monthlyUnpaidLeave.employeeId))
      .where(eq(employees.workEmail, 'employee@konecta.local'));
    expect(unpaid).toEqual([{ month: '2027-03', days: 2 }]);
  });
});
