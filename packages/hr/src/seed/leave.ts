import { addDays, monthRange } from '@konecta/core';
import { holidays, leaveLedger, leaveRequests, leaveTypes } from '@konecta/db';
import type { HrContext } from '../context';
import { allocateYear, runMonthlyAccrual } from '../leave/ledger';

/**
 * Leave: three types, this year's holidays, allocations and accruals up to this month, and a few
 * requests in each state (Nour Adel's pending one waits for Tarek Mansour).
 */
export async function seedLeave(ctx: HrContext, people: Map<string, string>) {
  const { calendar } = ctx;
  const year = calendar.thisYear();
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
  const holidayRows = await ctx.db
    .insert(holidays)
    .values(
      [
        ['01-07', 'Coptic Christmas'],
        ['01-25', 'Revolution Day'],
        ['04-25', 'Sinai Liberation Day'],
        ['05-01', 'Labour Day'],
        ['06-30', 'June 30 Revolution'],
        ['07-23', 'Revolution Day (July 23)'],
        ['10-06', 'Armed Forces Day'],
      ].map(([day, name]) => ({ date: `${year}-${day}`, name: name as string })),
    )
    .returning({ date: holidays.date });
  const holidayDates = new Set(holidayRows.map((h) => h.date));
  await allocateYear(ctx, year);
  const thisMonth = Number(calendar.thisMonth().slice(5, 7));
  for (let m = 1; m <= thisMonth; m++)
    await runMonthlyAccrual(ctx, monthRange(`${year}-${String(m).padStart(2, '0')}`).month);
  if (!annual || !sick) return;
  const nour = people.get('employee@konecta.local');
  const omar = people.get('hr@konecta.local');
  const karim = people.get('finance@konecta.local');
  const tarek = people.get('manager@konecta.local');
  const today = calendar.today();
  const decidedAt = ctx.now();
  /**
   * `workingDays` working days from the first working day at or after today + `offsetDays`: the
   * stored day count is what the calendar says, as a real request would store it.
   */
  const span = (offsetDays: number, workingDays: number) => {
    let startDate = addDays(today, offsetDays);
    while (!calendar.isWorkingDay(startDate, holidayDates)) startDate = addDays(startDate, 1);
    let endDate = startDate;
    while (calendar.workingDays({ from: startDate, to: endDate }, { holidays: holidayDates }) < workingDays)
      endDate = addDays(endDate, 1);
    return { startDate, endDate, days: workingDays };
  };
  const requests: (typeof leaveRequests.$inferInsert)[] = [];
  if (nour && tarek) {
    requests.push(
      {
        employeeId: nour,
        leaveTypeId: annual.id,
        ...span(-60, 3),
        status: 'approved',
        decidedBy: tarek,
        decidedAt,
        reason: 'Family visit',
      },
      {
        employeeId: nour,
        leaveTypeId: sick.id,
        ...span(-30, 1),
        status: 'rejected',
        decidedBy: tarek,
        decidedAt,
        decisionNote: 'Please attach a note',
        reason: 'Flu',
      },
      {
        employeeId: nour,
        leaveTypeId: annual.id,
        ...span(40, 2),
        status: 'cancelled',
        reason: 'Plans changed',
      },
      {
        employeeId: nour,
        leaveTypeId: annual.id,
        ...span(20, 1),
        reason: 'Moving house',
      },
    );
  }
  if (omar)
    requests.push({
      employeeId: omar,
      leaveTypeId: annual.id,
      ...span(14, 2),
      reason: 'Wedding',
    });
  if (karim)
    requests.push({
      employeeId: karim,
      leaveTypeId: annual.id,
      ...span(25, 1),
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
