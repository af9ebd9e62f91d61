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
import { departments, employees, reviewComments, reviewCycles, reviewGoals, reviews } from '@konecta/db';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { HrContext } from '../context';
import { inScope, scopeOf } from '../scope';

type ReviewRow = typeof reviews.$inferSelect;
type GoalRow = typeof reviewGoals.$inferSelect;

export interface GoalInput {
  title: string;
  description?: string | null;
  weight?: number | null;
  dueDate?: string | null;
  status?: GoalRow['status'];
  progress?: number;
}

const toGoalView = (g: GoalRow) => ({
  title: g.title,
  description: g.description,
  weight: g.weight,
  dueDate: g.dueDate,
  status: g.status,
  progress: g.progress,
});

/**
 * One review as `viewer` may see it. The employee sees their reviewer's rating and words only once
 * the review is shared; a reviewer sees the self-assessment only once the employee submits it.
 */
export function toReviewView(
  r: ReviewRow,
  names: { employeeName?: string | null; cycleName?: string | null } = {},
  goals: GoalRow[] = [],
  viewer: 'employee' | 'reviewer' = 'reviewer',
) {
  const shared = viewer === 'reviewer' || r.status !== 'draft';
  const selfShown = viewer === 'employee' || r.selfSubmittedAt !== null;
  return {
    id: r.id,
    cycleId: r.cycleId,
    cycleName: names.cycleName ?? null,
    employeeId: r.employeeId,
    employeeName: names.employeeName ?? null,
    reviewerId: r.reviewerId,
    rating: shared ? r.rating : null,
    strengths: shared ? r.strengths : null,
    improvements: shared ? r.improvements : null,
    goals: goals.map(toGoalView),
    selfAssessment: selfShown ? r.selfAssessment : null,
    selfRating: selfShown ? r.selfRating : null,
    selfSubmittedAt: r.selfSubmittedAt?.toISOString() ?? null,
    status: r.status,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
  };
}

/** The goals of these reviews, in order, by review id. */
async function goalsOf(ctx: HrContext, reviewIds: string[]): Promise<Map<string, GoalRow[]>> {
  const byReview = new Map<string, GoalRow[]>();
  if (!reviewIds.length) return byReview;
  const rows = await executorFor(ctx.db)
    .select()
    .from(reviewGoals)
    .where(inArray(reviewGoals.reviewId, reviewIds))
    .orderBy(asc(reviewGoals.reviewId), asc(reviewGoals.position));
  for (const g of rows) byReview.set(g.reviewId, [...(byReview.get(g.reviewId) ?? []), g]);
  return byReview;
}

/** Weights are all or none, and when set they sum to 100; a goal cannot be achieved at 0%. */
function checkGoals(goals: GoalInput[]) {
  const weighted = goals.filter((g) => g.weight != null);
  const errors: { path: string; message: string }[] = [];
  if (weighted.length && weighted.length < goals.length) {
    goals.forEach((g, i) => {
      if (g.weight == null) errors.push({ path: `goals.${i}.weight`, message: 'Weigh every goal, or none.' });
    });
  } else if (weighted.length) {
    const sum = weighted.reduce((a, g) => a + (g.weight ?? 0), 0);
    if (sum !== 100) errors.push({ path: 'goals', message: `The weights add up to ${sum}%, not 100%.` });
  }
  if (errors.length) throw unprocessable("The goals' weights do not add up.", errors);
}

/** Replaces the review's goals with these, in this order. */
async function replaceGoals(ctx: HrContext, reviewId: string, goals: GoalInput[]): Promise<GoalRow[]> {
  checkGoals(goals);
  const tx = executorFor(ctx.db);
  await tx.delete(reviewGoals).where(eq(reviewGoals.reviewId, reviewId));
  if (!goals.length) return [];
  return tx
    .insert(reviewGoals)
    .values(goals.map((g, position) => ({ ...g, reviewId, position })))
    .returning();
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
  goals?: GoalInput[];
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
    const { goals, ...fields } = input;
    const [row] = await tx
      .insert(reviews)
      .values({ ...fields, reviewerId: reviewerId ?? null })
      .onConflictDoNothing({ target: [reviews.cycleId, reviews.employeeId] })
      .returning();
    if (!row) throw conflict('This employee already has a review in this cycle.');
    const goalRows = await replaceGoals(ctx, row.id, goals ?? []);
    await recordAudit(tx, {
      action: 'review.created',
      entityType: 'review',
      entityId: row.id,
      after: { ...row, goals: goalRows },
    });
    return toReviewView(row, {}, goalRows);
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
    const { goals, ...fields } = input;
    const [after] = await tx
      .update(reviews)
      .set({ ...fields, updatedAt: ctx.now() })
      .where(eq(reviews.id, id))
      .returning();
    const goalRows = goals ? await replaceGoals(ctx, id, goals) : ((await goalsOf(ctx, [id])).get(id) ?? []);
    await recordAudit(tx, {
      action: 'review.updated',
      entityType: 'review',
      entityId: id,
      before,
      after: goals ? { ...after, goals: goalRows } : after,
    });
    return toReviewView(after as ReviewRow, {}, goalRows);
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
    return toReviewView(after as ReviewRow, {}, (await goalsOf(ctx, [id])).get(id));
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
    return toReviewView(after as ReviewRow, {}, (await goalsOf(ctx, [id])).get(id), 'employee');
  });
}

/**
 * Reviews the caller may see: their own (a draft too, for the self-assessment, without the
 * reviewer's rating and words); with `hr.reviews.manage`, those of their team (managers) or
 * everyone (HR), drafts included.
 */
export async function listReviews(
  ctx: HrContext,
  caller: Caller,
  filters: ListPage & { cycleId?: string; employeeId?: string },
) {
  const db = executorFor(ctx.db);
  const scope = await scopeOf(ctx, caller);
  const own = scope.employeeId ? eq(reviews.employeeId, scope.employeeId) : sql`false`;
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
  const goals = await goalsOf(
    ctx,
    rows.map((r) => r.review.id),
  );
  return pageOf(
    rows.map((r) =>
      toReviewView(
        r.review,
        r,
        goals.get(r.review.id),
        r.review.employeeId === scope.employeeId ? 'employee' : 'reviewer',
      ),
    ),
    total,
    filters,
  );
}

/** The employee's own review, locked, while it is still open to their self-assessment. */
async function loadOwnOpen(ctx: HrContext, caller: Caller, id: string) {
  const tx = executorFor(ctx.db);
  const scope = await scopeOf(ctx, caller);
  const [row] = await tx.select().from(reviews).where(eq(reviews.id, id)).for('update');
  if (!row || !scope.employeeId || row.employeeId !== scope.employeeId) throw notFound('There is no such review.');
  const [cycle] = await tx
    .select({ status: reviewCycles.status })
    .from(reviewCycles)
    .where(eq(reviewCycles.id, row.cycleId));
  if (row.status !== 'draft' || cycle?.status === 'closed')
    throw conflict('This review is finalised: the self-assessment can no longer change.');
  if (row.selfSubmittedAt) throw conflict('You have already submitted your self-assessment.');
  return row;
}

/** The employee writes (or rewrites) their self-assessment while the review is open. */
export async function saveSelfAssessment(
  ctx: HrContext,
  caller: Caller,
  id: string,
  input: { selfAssessment?: string | null; selfRating?: number | null },
) {
  return inTransaction(ctx.db, async (tx) => {
    await loadOwnOpen(ctx, caller, id);
    const [after] = await tx
      .update(reviews)
      .set({ ...input, updatedAt: ctx.now() })
      .where(eq(reviews.id, id))
      .returning();
    return toReviewView(after as ReviewRow, {}, (await goalsOf(ctx, [id])).get(id), 'employee');
  });
}

/** The employee hands their self-assessment to the reviewer; it needs text and a rating, and is then fixed. */
export async function submitSelfAssessment(ctx: HrContext, caller: Caller, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    const before = await loadOwnOpen(ctx, caller, id);
    const errors = [
      ...(before.selfAssessment?.trim() ? [] : [{ path: 'selfAssessment', message: 'Required to submit.' }]),
      ...(before.selfRating ? [] : [{ path: 'selfRating', message: 'Required to submit.' }]),
    ];
    if (errors.length) throw unprocessable('Write your self-assessment and rate yourself before submitting.', errors);
    const [after] = await tx
      .update(reviews)
      .set({ selfSubmittedAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(reviews.id, id))
      .returning();
    const [person] = await tx
      .select({ name: sql<string>`${employees.firstName} || ' ' || ${employees.lastName}` })
      .from(employees)
      .where(eq(employees.id, before.employeeId));
    await recordAudit(tx, { action: 'review.self-assessed', entityType: 'review', entityId: id });
    await publishEvent(tx, hrEvents.reviewSelfAssessed, {
      subject: id,
      data: {
        reviewId: id,
        employeeId: before.employeeId,
        employeeName: person?.name ?? '',
        reviewerEmployeeId: before.reviewerId,
      },
    });
    return toReviewView(after as ReviewRow, {}, (await goalsOf(ctx, [id])).get(id), 'employee');
  });
}

/** The employee on their own review, or one who may review them (their manager, HR); anyone else: 404. */
async function mayDiscuss(ctx: HrContext, caller: Caller, id: string) {
  const tx = executorFor(ctx.db);
  const scope = await scopeOf(ctx, caller);
  const [row] = await tx.select().from(reviews).where(eq(reviews.id, id));
  if (!row) throw notFound('There is no such review.');
  if (row.employeeId === scope.employeeId) return { row, scope };
  if (!caller.permissions.has('hr.reviews.manage')) throw notFound('There is no such review.');
  await assertMayReview(ctx, caller, row.employeeId).catch(() => {
    throw notFound('There is no such review.');
  });
  return { row, scope };
}

const toCommentView = (c: typeof reviewComments.$inferSelect) => ({
  id: c.id,
  authorName: c.authorName,
  authorEmployeeId: c.authorEmployeeId,
  body: c.body,
  createdAt: c.createdAt.toISOString(),
});

/** The comments on a review, oldest first. */
export async function listComments(ctx: HrContext, caller: Caller, id: string) {
  await mayDiscuss(ctx, caller, id);
  const rows = await executorFor(ctx.db)
    .select()
    .from(reviewComments)
    .where(eq(reviewComments.reviewId, id))
    .orderBy(asc(reviewComments.seq));
  return { items: rows.map(toCommentView) };
}

/** Adds a comment to the review's thread, until the employee has acknowledged it. */
export async function addComment(ctx: HrContext, caller: Caller, id: string, input: { body: string }) {
  return inTransaction(ctx.db, async (tx) => {
    const { row, scope } = await mayDiscuss(ctx, caller, id);
    if (row.status === 'acknowledged') throw conflict('This review is closed: it has been acknowledged.');
    const [author] = scope.employeeId
      ? await tx
          .select({ name: sql<string>`${employees.firstName} || ' ' || ${employees.lastName}` })
          .from(employees)
          .where(eq(employees.id, scope.employeeId))
      : [];
    const authorName = author?.name ?? (caller.kind === 'user' ? (caller.name ?? caller.email) : undefined) ?? 'HR';
    const [comment] = await tx
      .insert(reviewComments)
      .values({
        reviewId: id,
        authorUserId: caller.id,
        authorEmployeeId: scope.employeeId ?? null,
        authorName,
        body: input.body,
        createdAt: ctx.now(),
      })
      .returning();
    await recordAudit(tx, { action: 'review.commented', entityType: 'review', entityId: id });
    return toCommentView(comment as typeof reviewComments.$inferSelect);
  });
}
