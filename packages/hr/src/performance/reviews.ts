import {
  type Caller,
  conflict,
  countUpTo,
  executorFor,
  forbidden,
  hrEvents,
  inTransaction,
  type ListPage,
  notFound,
  pageOf,
  publishEvent,
  recordAudit,
  unprocessable,
} from '@konecta/core';
import { departments, employees, reviewCycles, reviews } from '@konecta/db';
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { HrContext } from '../context';
import { inScope, scopeOf } from '../scope';

type ReviewRow = typeof reviews.$inferSelect;

export function toReviewView(r: ReviewRow, names: { employeeName?: string | null; cycleName?: string | null } = {}) {
  return {
    id: r.id,
    cycleId: r.cycleId,
    cycleName: names.cycleName ?? null,
    employeeId: r.employeeId,
    employeeName: names.employeeName ?? null,
    reviewerId: r.reviewerId,
    rating: r.rating,
    strengths: r.strengths,
    improvements: r.improvements,
    goals: r.goals,
    status: r.status,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
  };
}

export async function listCycles(ctx: HrContext, page: ListPage) {
  const db = executorFor(ctx.db);
  const rows = await db
    .select()
    .from(reviewCycles)
    .orderBy(desc(reviewCycles.startDate), asc(reviewCycles.id))
    .limit(page.limit)
    .offset(page.offset);
  const total = await countUpTo(db, db.select({ id: reviewCycles.id }).from(reviewCycles));
  return pageOf(
    rows.map((c) => ({ id: c.id, name: c.name, startDate: c.startDate, endDate: c.endDate, status: c.status })),
    total,
    page,
  );
}

export async function createCycle(ctx: HrContext, input: { name: string; startDate: string; endDate: string }) {
  if (input.endDate < input.startDate)
    throw unprocessable('The cycle ends before it starts.', [
      { path: 'endDate', message: 'On or after the start date.' },
    ]);
  return inTransaction(ctx.db, async (tx) => {
    const [clash] = await tx
      .select({ id: reviewCycles.id })
      .from(reviewCycles)
      .where(sql`lower(${reviewCycles.name}) = lower(${input.name})`);
    if (clash) throw conflict('A review cycle with this name exists.');
    const [row] = await tx.insert(reviewCycles).values(input).returning();
    await recordAudit(tx, {
      action: 'review-cycle.created',
      entityType: 'review-cycle',
      entityId: row?.id,
      after: row,
    });
    return {
      id: row?.id as string,
      name: input.name,
      startDate: input.startDate,
      endDate: input.endDate,
      status: row?.status ?? 'open',
    };
  });
}

/** The reviewer is the employee's manager, their department's manager, or HR (read-all). */
async function assertMayReview(ctx: HrContext, caller: Caller, employeeId: string): Promise<string | undefined> {
  const tx = executorFor(ctx.db);
  const scope = await scopeOf(ctx, caller);
  if (scope.employeeId === employeeId) throw forbidden('You cannot review yourself.');
  if (scope.seesAll) return scope.employeeId;
  const [e] = await tx
    .select({ managerId: employees.managerId, departmentManager: departments.managerId })
    .from(employees)
    .leftJoin(departments, eq(departments.id, employees.departmentId))
    .where(eq(employees.id, employeeId));
  if (!e) throw notFound('There is no such employee.');
  if (!scope.employeeId || (e.managerId !== scope.employeeId && e.departmentManager !== scope.employeeId)) {
    throw forbidden("Only the employee's manager or HR can review them.");
  }
  return scope.employeeId;
}

export interface ReviewInput {
  rating?: number | null;
  strengths?: string | null;
  improvements?: string | null;
  goals?: { title: string; progress: number }[];
}

export async function createReview(
  ctx: HrContext,
  caller: Caller,
  input: ReviewInput & { cycleId: string; employeeId: string },
) {
  return inTransaction(ctx.db, async (tx) => {
    const [cycle] = await tx.select().from(reviewCycles).where(eq(reviewCycles.id, input.cycleId));
    if (!cycle)
      throw unprocessable('The review cycle does not exist.', [{ path: 'cycleId', message: 'No such cycle.' }]);
    if (cycle.status === 'closed') throw conflict('This review cycle is closed.');
    const reviewerId = await assertMayReview(ctx, caller, input.employeeId);
    const [row] = await tx
      .insert(reviews)
      .values({ ...input, reviewerId: reviewerId ?? null, goals: input.goals ?? [] })
      .onConflictDoNothing({ target: [reviews.cycleId, reviews.employeeId] })
      .returning();
    if (!row) throw conflict('This employee already has a review in this cycle.');
    await recordAudit(tx, { action: 'review.created', entityType: 'review', entityId: row.id, after: row });
    return toReviewView(row);
  });
}

async function loadForReviewer(ctx: HrContext, caller: Caller, id: string) {
  const tx = executorFor(ctx.db);
  const [row] = await tx.select().from(reviews).where(eq(reviews.id, id)).for('update');
  if (!row) throw notFound('There is no such review.');
  await assertMayReview(ctx, caller, row.employeeId);
  return row;
}

export async function updateReview(ctx: HrContext, caller: Caller, id: string, input: ReviewInput) {
  return inTransaction(ctx.db, async (tx) => {
    const before = await loadForReviewer(ctx, caller, id);
    if (before.status !== 'draft') throw conflict('Only a draft review can be edited.');
    const [after] = await tx
      .update(reviews)
      .set({ ...input, updatedAt: ctx.now() })
      .where(eq(reviews.id, id))
      .returning();
    await recordAudit(tx, { action: 'review.updated', entityType: 'review', entityId: id, before, after });
    return toReviewView(after as ReviewRow);
  });
}

/** Shares the review with the employee; it needs a rating. */
export async function submitReview(ctx: HrContext, caller: Caller, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    const before = await loadForReviewer(ctx, caller, id);
    if (before.status !== 'draft') throw conflict('This review has already been submitted.');
    if (!before.rating)
      throw unprocessable('Rate the review (1 to 5) before submitting it.', [
        { path: 'rating', message: 'Required to submit.' },
      ]);
    const [after] = await tx
      .update(reviews)
      .set({ status: 'submitted', submittedAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(reviews.id, id))
      .returning();
    await recordAudit(tx, { action: 'review.submitted', entityType: 'review', entityId: id });
    await publishEvent(tx, hrEvents.reviewSubmitted, {
      subject: id,
      data: { reviewId: id, employeeId: before.employeeId, reviewerEmployeeId: before.reviewerId },
    });
    return toReviewView(after as ReviewRow);
  });
}

/** The employee confirms they have read their submitted review. */
export async function acknowledgeReview(ctx: HrContext, caller: Caller, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = await scopeOf(ctx, caller);
    const [row] = await tx.select().from(reviews).where(eq(reviews.id, id)).for('update');
    if (!row || row.employeeId !== scope.employeeId || row.status === 'draft')
      throw notFound('There is no such review.');
    if (row.status === 'acknowledged') throw conflict('You have already acknowledged this review.');
    const [after] = await tx
      .update(reviews)
      .set({ status: 'acknowledged', acknowledgedAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(reviews.id, id))
      .returning();
    await recordAudit(tx, { action: 'review.acknowledged', entityType: 'review', entityId: id });
    return toReviewView(after as ReviewRow);
  });
}

/**
 * Reviews the caller may see: their own once submitted; with `hr.reviews.manage`, those of their
 * team (managers) or everyone (HR), drafts included.
 */
export async function listReviews(
  ctx: HrContext,
  caller: Caller,
  filters: ListPage & { cycleId?: string; employeeId?: string },
) {
  const db = executorFor(ctx.db);
  const scope = await scopeOf(ctx, caller);
  const own = scope.employeeId
    ? and(eq(reviews.employeeId, scope.employeeId), sql`${reviews.status} <> 'draft'`)
    : sql`false`;
  const conditions: (SQL | undefined)[] = [
    caller.permissions.has('hr.reviews.manage')
      ? sql`(${own} or (${inScope(scope) ?? sql`true`} and ${reviews.employeeId} <> ${scope.employeeId ?? '00000000-0000-0000-0000-000000000000'}))`
      : own,
  ];
  if (filters.cycleId) conditions.push(eq(reviews.cycleId, filters.cycleId));
  if (filters.employeeId) conditions.push(eq(reviews.employeeId, filters.employeeId));
  const rows = await db
    .select({
      review: reviews,
      employeeName: sql<string>`${employees.firstName} || ' ' || ${employees.lastName}`,
      cycleName: reviewCycles.name,
    })
    .from(reviews)
    .innerJoin(employees, eq(employees.id, reviews.employeeId))
    .innerJoin(reviewCycles, eq(reviewCycles.id, reviews.cycleId))
    .where(and(...conditions))
    .orderBy(desc(reviewCycles.startDate), asc(employees.lastName), asc(reviews.id))
    .limit(filters.limit)
    .offset(filters.offset);
  const total = await countUpTo(
    db,
    db
      .select({ id: reviews.id })
      .from(reviews)
      .innerJoin(employees, eq(employees.id, reviews.employeeId))
      .where(and(...conditions)),
  );
  return pageOf(
    rows.map((r) => toReviewView(r.review, r)),
    total,
    filters,
  );
}
