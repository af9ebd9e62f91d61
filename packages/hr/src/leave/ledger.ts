import {
  type Caller,
  countUpTo,
  executorFor,
  inTransaction,
  type ListPage,
  notFound,
  pageOf,
  recordAudit,
  unprocessable,
} from '@konecta/core';
import { employees, leaveLedger, leaveRequests, leaveTypes } from '@konecta/db';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { HrContext } from '../context';

export interface Balance {
  leaveTypeId: string;
  leaveType: string;
  paid: boolean;
  /** Sum of the ledger: what has been granted minus what has been used or expired. */
  balance: number;
  /** Days in pending requests, not yet taken from the balance. */
  pending: number;
  /** What a new request may still use: balance minus pending (paid types). */
  available: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Balances per leave type for one employee, computed from the ledger in SQL (one query). */
export async function balancesOf(ctx: HrContext, employeeId: string): Promise<Balance[]> {
  const db = executorFor(ctx.db);
  const ledger = db
    .select({
      leaveTypeId: leaveLedger.leaveTypeId,
      days: sql<number>`sum(${leaveLedger.days})::float8`.as('ledger_days'),
    })
    .from(leaveLedger)
    .where(eq(leaveLedger.employeeId, employeeId))
    .groupBy(leaveLedger.leaveTypeId)
    .as('ledger');
  const pending = db
    .select({
      leaveTypeId: leaveRequests.leaveTypeId,
      days: sql<number>`sum(${leaveRequests.days})::float8`.as('pending_days'),
    })
    .from(leaveRequests)
    .where(and(eq(leaveRequests.employeeId, employeeId), eq(leaveRequests.status, 'pending')))
    .groupBy(leaveRequests.leaveTypeId)
    .as('pending');
  const rows = await db
    .select({
      leaveTypeId: leaveTypes.id,
      leaveType: leaveTypes.name,
      paid: leaveTypes.paid,
      balance: sql<number>`coalesce(${ledger.days}, 0)::float8`,
      pending: sql<number>`coalesce(${pending.days}, 0)::float8`,
    })
    .from(leaveTypes)
    .leftJoin(ledger, eq(ledger.leaveTypeId, leaveTypes.id))
    .leftJoin(pending, eq(pending.leaveTypeId, leaveTypes.id))
    .where(eq(leaveTypes.active, true))
    .orderBy(asc(leaveTypes.name));
  return rows.map((r) => ({
    ...r,
    balance: round(r.balance),
    pending: round(r.pending),
    available: round(r.balance - r.pending),
  }));
}

/** One employee's and type's balance, inside the caller's transaction (after taking the lock). */
export async function balanceOf(ctx: HrContext, employeeId: string, leaveTypeId: string): Promise<number> {
  const db = executorFor(ctx.db);
  const [row] = await db
    .select({ balance: sql<number>`coalesce(sum(${leaveLedger.days}), 0)::float8` })
    .from(leaveLedger)
    .where(and(eq(leaveLedger.employeeId, employeeId), eq(leaveLedger.leaveTypeId, leaveTypeId)));
  return round(row?.balance ?? 0);
}

/**
 * Serialises every change to one employee's leave (requests, approvals, adjustments) for the rest
 * of the transaction, so a balance checked is still the balance when the entry is written.
 */
export async function lockEmployeeLeave(ctx: HrContext, employeeId: string): Promise<void> {
  const db = executorFor(ctx.db);
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`leave:${employeeId}`}, 0))`);
}

export async function ledgerOf(ctx: HrContext, employeeId: string, leaveTypeId: string | undefined, page: ListPage) {
  const db = executorFor(ctx.db);
  const where = and(
    eq(leaveLedger.employeeId, employeeId),
    leaveTypeId ? eq(leaveLedger.leaveTypeId, leaveTypeId) : undefined,
  );
  const rows = await db
    .select({ entry: leaveLedger, leaveType: leaveTypes.name })
    .from(leaveLedger)
    .innerJoin(leaveTypes, eq(leaveTypes.id, leaveLedger.leaveTypeId))
    .where(where)
    .orderBy(desc(leaveLedger.effectiveDate), desc(leaveLedger.createdAt), desc(leaveLedger.id))
    .limit(page.limit)
    .offset(page.offset);
  const total = await countUpTo(db, db.select({ id: leaveLedger.id }).from(leaveLedger).where(where));
  const items = rows.map(({ entry, leaveType }) => ({
    id: entry.id,
    leaveTypeId: entry.leaveTypeId,
    leaveType,
    kind: entry.kind,
    days: entry.days,
    effectiveDate: entry.effectiveDate,
    period: entry.period,
    requestId: entry.requestId,
    note: entry.note,
    createdAt: entry.createdAt.toISOString(),
  }));
  return pageOf(items, total, page);
}

/** A manual correction by HR (positive or negative), never taking a paid balance below zero. */
export async function adjustBalance(
  ctx: HrContext,
  caller: Caller,
  input: { employeeId: string; leaveTypeId: string; days: number; note: string },
) {
  return inTransaction(ctx.db, async (tx) => {
    const [employee] = await tx.select({ id: employees.id }).from(employees).where(eq(employees.id, input.employeeId));
    if (!employee) throw notFound('There is no such employee.');
    const [type] = await tx.select().from(leaveTypes).where(eq(leaveTypes.id, input.leaveTypeId));
    if (!type)
      throw unprocessable('The leave type does not exist.', [{ path: 'leaveTypeId', message: 'No such leave type.' }]);
    await lockEmployeeLeave(ctx, input.employeeId);
    const balance = await balanceOf(ctx, input.employeeId, input.leaveTypeId);
    if (type.paid && balance + input.days < 0) {
      throw unprocessable(`The balance is ${balance} day(s); it cannot go below zero.`, [
        { path: 'days', message: `At most ${balance} day(s) can be taken away.` },
      ]);
    }
    const [entry] = await tx
      .insert(leaveLedger)
      .values({
        employeeId: input.employeeId,
        leaveTypeId: input.leaveTypeId,
        kind: 'adjustment',
        days: input.days,
        effectiveDate: ctx.calendar.today(),
        note: input.note,
        createdBy: caller.id,
      })
      .returning();
    await recordAudit(tx, {
      action: 'leave.adjusted',
      entityType: 'employee',
      entityId: input.employeeId,
      after: entry,
      reason: input.note,
    });
    return { balance: round(balance + input.days) };
  });
}

/**
 * Monthly accrual for `month` (YYYY-MM): every current employee gets a twelfth of the yearly
 * entitlement of each monthly-accruing type. One set-based insert; the ledger's unique period
 * index makes a second run for the same month add nothing. Returns the entries written.
 */
export async function runMonthlyAccrual(ctx: HrContext, month: string): Promise<number> {
  return inTransaction(ctx.db, async (tx) => {
    const written = await tx.execute(sql`
    insert into ${leaveLedger} (employee_id, leave_type_id, kind, days, effective_date, period, note)
    select e.id, t.id, 'accrual', round(t.yearly_entitlement / 12, 2), ${`${month}-01`}::date, ${month}, 'Monthly accrual'
    from ${employees} e cross join ${leaveTypes} t
    where t.accrual = 'monthly' and t.active and e.status in ('active', 'on_leave')
      and e.hire_date <= (${`${month}-01`}::date + interval '1 month' - interval '1 day')
    on conflict (employee_id, leave_type_id, kind, period) where period is not null do nothing
    returning 1`);
    return countRows(written);
  });
}

/** Up-front allocation of each upfront type's yearly entitlement for `year`; safe to run twice. */
export async function allocateYear(ctx: HrContext, year: number): Promise<number> {
  return inTransaction(ctx.db, async (tx) => {
    const written = await tx.execute(sql`
    insert into ${leaveLedger} (employee_id, leave_type_id, kind, days, effective_date, period, note)
    select e.id, t.id, 'allocation', t.yearly_entitlement, ${`${year}-01-01`}::date, ${String(year)}, 'Yearly allocation'
    from ${employees} e cross join ${leaveTypes} t
    where t.accrual = 'upfront' and t.active and e.status in ('active', 'on_leave')
    on conflict (employee_id, leave_type_id, kind, period) where period is not null do nothing
    returning 1`);
    return countRows(written);
  });
}

/**
 * Year end for `year`: each positive balance expires, and up to the type's carry-forward cap comes
 * back on 1 January. Safe to run twice (both entries carry the period `<year>`).
 */
export async function closeYear(ctx: HrContext, year: number): Promise<number> {
  return inTransaction(ctx.db, async (tx) => {
    const balances = sql`
    select l.employee_id, l.leave_type_id, sum(l.days) as balance, t.carry_forward_cap as cap
    from ${leaveLedger} l join ${leaveTypes} t on t.id = l.leave_type_id
    where l.effective_date <= ${`${year}-12-31`}::date and t.paid
    group by l.employee_id, l.leave_type_id, t.carry_forward_cap
    having sum(l.days) > 0`;
    // Carry first: it is dated 1 January, outside the balance the expiry then takes away.
    await tx.execute(sql`
    insert into ${leaveLedger} (employee_id, leave_type_id, kind, days, effective_date, period, note)
    select employee_id, leave_type_id, 'carry_forward', least(balance, cap), ${`${year + 1}-01-01`}::date, ${String(year)}, 'Carried forward'
    from (${balances}) b where least(balance, cap) > 0
    on conflict (employee_id, leave_type_id, kind, period) where period is not null do nothing`);
    const expired = await tx.execute(sql`
    insert into ${leaveLedger} (employee_id, leave_type_id, kind, days, effective_date, period, note)
    select employee_id, leave_type_id, 'expiry', -balance, ${`${year}-12-31`}::date, ${String(year)}, 'Year-end expiry'
    from (${balances}) b
    on conflict (employee_id, leave_type_id, kind, period) where period is not null do nothing
    returning 1`);
    return countRows(expired);
  });
}

function countRows(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const r = result as { rows?: unknown[]; affectedRows?: number };
  return r.rows?.length ?? r.affectedRows ?? 0;
}
