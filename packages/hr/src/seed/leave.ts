import { holidays, leaveLedger, leaveRequests, leaveTypes } from '@konecta/db';
import type { HrContext } from '../context';
import { allocateYear, runMonthlyAccrual } from '../leave/ledger';

/**
 * Leave: three types, this year's holidays, allocations and accruals up to this month, and a few
 * requests in each state (Nour Adel's pending one waits for Tarek Mansour).
 */
export async function seedLeave(ctx: HrContext, people: Map<string, string>) {
  const year = ctx.now().getUTCFullYear();
  const types = await ctx.db
    .insert(leaveTypes)
    .values([
      {
        name: 'Annual Leave',
        code: 'ANNUAL',
        paid: true,
        yearlyEntitlement: 21,
        accrual: 'monthly',
        carryForwardCap: 5,
      },
      { name: 'Sick Leave', code: 'SICK', paid: true, yearlyEntitlement: 15, accrual: 'upfront', carryForwardCap: 0 },
      {
        name: 'Unpaid Leave',
        code: 'UNPAID',
        paid: false,
        yearlyEntitlement: 0,
        accrual: 'upfront',
        carryForwardCap: 0,
      },
    ])
    .returning();
  const annual = types.find((t) => t.code === 'ANNUAL');
  const sick = types.find((t) => t.code === 'SICK');
  await ctx.db.insert(holidays).values(
    [
      ['01-07', 'Coptic Christmas'],
      ['01-25', 'Revolution Day'],
      ['04-25', 'Sinai Liberation Day'],
      ['05-01', 'Labour Day'],
      ['06-30', 'June 30 Revolution'],
      ['07-23', 'Revolution Day (July 23)'],
      ['10-06', 'Armed Forces Day'],
    ].map(([day, name]) => ({ date: `${year}-${day}`, name: name as string })),
  );
  await allocateYear(ctx.db, year);
  for (let m = 1; m <= ctx.now().getUTCMonth() + 1; m++)
    await runMonthlyAccrual(ctx.db, `${year}-${String(m).padStart(2, '0')}`);
  if (!annual || !sick) return;
  const nour = people.get('employee@konecta.local');
  const omar = people.get('hr@konecta.local');
  const karim = people.get('finance@konecta.local');
  const tarek = people.get('manager@konecta.local');
  const iso = (offsetDays: number) =>
    new Date(ctx.now().getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const requests: (typeof leaveRequests.$inferInsert)[] = [];
  if (nour && tarek) {
    requests.push(
      {
        employeeId: nour,
        leaveTypeId: annual.id,
        startDate: iso(-60),
        endDate: iso(-58),
        days: 3,
        status: 'approved',
        decidedBy: tarek,
        decidedAt: new Date(),
        reason: 'Family visit',
      },
      {
        employeeId: nour,
        leaveTypeId: sick.id,
        startDate: iso(-30),
        endDate: iso(-30),
        days: 1,
        status: 'rejected',
        decidedBy: tarek,
        decidedAt: new Date(),
        decisionNote: 'Please attach a note',
        reason: 'Flu',
      },
      {
        employeeId: nour,
        leaveTypeId: annual.id,
        startDate: iso(40),
        endDate: iso(41),
        days: 2,
        status: 'cancelled',
        reason: 'Plans changed',
      },
      {
        employeeId: nour,
        leaveTypeId: annual.id,
        startDate: iso(20),
        endDate: iso(20),
        days: 1,
        reason: 'Moving house',
      },
    );
  }
  if (omar)
    requests.push({
      employeeId: omar,
      leaveTypeId: annual.id,
      startDate: iso(14),
      endDate: iso(15),
      days: 2,
      reason: 'Wedding',
    });
  if (karim)
    requests.push({
      employeeId: karim,
      leaveTypeId: annual.id,
      startDate: iso(25),
      endDate: iso(25),
      days: 1,
      reason: 'Appointment',
    });
  const inserted = await ctx.db.insert(leaveRequests).values(requests).returning();
  const approved = inserted.filter((r) => r.status === 'approved');
  if (approved.length) {
    await ctx.db.insert(leaveLedger).values(
      approved.map((r) => ({
        employeeId: r.employeeId,
        leaveTypeId: r.leaveTypeId,
        kind: 'use' as const,
        days: -r.days,
        effectiveDate: r.startDate,
        requestId: r.id,
        note: 'Seeded approved leave',
      })),
    );
  }
}
