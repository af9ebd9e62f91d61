import {
  type Caller,
  conflict,
  countUpTo,
  executorFor,
  forbidden,
  inTransaction,
  type ListPage,
  notFound,
  pageOf,
  recordAudit,
  unprocessable,
} from '@konecta/core';
import { counters, courses, type Executor, employees, enrolments } from '@konecta/db';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { HrContext } from '../context';
import { scopeOf } from '../scope';

/** Courses with the seats taken, in one query. */
function withEnrolled(db: Executor) {
  return db
    .select({
      course: courses,
      enrolled: sql<number>`count(${enrolments.id}) filter (where ${enrolments.status} <> 'cancelled')::int`,
    })
    .from(courses)
    .leftJoin(enrolments, eq(enrolments.courseId, courses.id))
    .groupBy(courses.id)
    .$dynamic();
}

function toCourseView({ course, enrolled }: { course: typeof courses.$inferSelect; enrolled: number }, today: string) {
  return {
    id: course.id,
    title: course.title,
    description: course.description,
    capacity: course.capacity,
    enrolled,
    seatsLeft: Math.max(0, course.capacity - enrolled),
    startsOn: course.startsOn,
    endsOn: course.endsOn,
    active: course.active,
    /** Past its last day: it takes no more enrolments. */
    ended: course.endsOn < today,
  };
}

export async function listCourses(ctx: HrContext, page: ListPage) {
  const db = executorFor(ctx.db);
  const rows = await withEnrolled(db)
    .orderBy(asc(courses.startsOn), asc(courses.id))
    .limit(page.limit)
    .offset(page.offset);
  const total = await countUpTo(db, db.select({ id: courses.id }).from(courses));
  const today = ctx.calendar.today();
  return pageOf(
    rows.map((r) => toCourseView(r, today)),
    total,
    page,
  );
}

export async function createCourse(
  ctx: HrContext,
  input: { title: string; description?: string; capacity: number; startsOn: string; endsOn: string },
) {
  if (input.endsOn < input.startsOn)
    throw unprocessable('The course ends before it starts.', [{ path: 'endsOn', message: 'On or after the start.' }]);
  return inTransaction(ctx.db, async (tx) => {
    const [row] = await tx.insert(courses).values(input).returning();
    await recordAudit(tx, { action: 'course.created', entityType: 'course', entityId: row?.id, after: row });
    return toCourseView({ course: row as typeof courses.$inferSelect, enrolled: 0 }, ctx.calendar.today());
  });
}

function toEnrolmentView(
  e: typeof enrolments.$inferSelect,
  names: { courseTitle?: string; employeeName?: string } = {},
) {
  return {
    id: e.id,
    courseId: e.courseId,
    courseTitle: names.courseTitle ?? null,
    employeeId: e.employeeId,
    employeeName: names.employeeName ?? null,
    status: e.status,
    completedAt: e.completedAt?.toISOString() ?? null,
    certificateNumber: e.certificateNumber,
  };
}

/**
 * Enrols the caller (or, for HR, any employee) once; the course's capacity holds even when many
 * enrol at once (the course row is locked while seats are counted).
 */
export async function enrol(ctx: HrContext, caller: Caller, courseId: string, employeeId?: string) {
  return inTransaction(ctx.db, async (tx) => {
    const scope = await scopeOf(ctx, caller);
    const who = employeeId ?? scope.employeeId;
    if (!who) throw notFound('Your sign-in is not linked to an employee record.');
    if (who !== scope.employeeId && !caller.permissions.has('hr.training.manage'))
      throw forbidden('Only HR enrols other people.');
    const [course] = await tx.select().from(courses).where(eq(courses.id, courseId)).for('update');
    if (!course?.active) throw notFound('There is no such course.');
    if (course.endsOn < ctx.calendar.today())
      throw conflict(`“${course.title}” ended on ${course.endsOn}; it takes no more enrolments.`);
    const [existing] = await tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.courseId, courseId), eq(enrolments.employeeId, who)));
    if (existing && existing.status !== 'cancelled') throw conflict('Already enrolled in this course.');
    const [taken] = await tx
      .select({ n: count() })
      .from(enrolments)
      .where(and(eq(enrolments.courseId, courseId), sql`${enrolments.status} <> 'cancelled'`));
    if ((taken?.n ?? 0) >= course.capacity) throw conflict(`The course is full (${course.capacity} seats).`);
    const [row] = existing
      ? await tx.update(enrolments).set({ status: 'enrolled' }).where(eq(enrolments.id, existing.id)).returning()
      : await tx.insert(enrolments).values({ courseId, employeeId: who }).returning();
    await recordAudit(tx, { action: 'course.enrolled', entityType: 'enrolment', entityId: row?.id, after: row });
    return toEnrolmentView(row as typeof enrolments.$inferSelect, { courseTitle: course.title });
  });
}

/** HR marks an enrolment complete; it gets a certificate number (`CERT-2026-00042`). */
export async function completeEnrolment(ctx: HrContext, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    const [row] = await tx.select().from(enrolments).where(eq(enrolments.id, id)).for('update');
    if (!row) throw notFound('There is no such enrolment.');
    if (row.status !== 'enrolled') throw conflict(`This enrolment is ${row.status}.`);
    const [counter] = await tx
      .insert(counters)
      .values({ name: 'certificate', value: 1 })
      .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } })
      .returning({ value: counters.value });
    const certificateNumber = `CERT-${ctx.calendar.thisYear()}-${String(counter?.value ?? 1).padStart(5, '0')}`;
    const [after] = await tx
      .update(enrolments)
      .set({ status: 'completed', completedAt: ctx.now(), certificateNumber })
      .where(eq(enrolments.id, id))
      .returning();
    await recordAudit(tx, { action: 'course.completed', entityType: 'enrolment', entityId: id, after });
    return toEnrolmentView(after as typeof enrolments.$inferSelect);
  });
}

/** Enrolments the caller may see: their own, or everyone's for HR. */
export async function listEnrolments(ctx: HrContext, caller: Caller, courseId: string | undefined, page: ListPage) {
  const db = executorFor(ctx.db);
  const scope = await scopeOf(ctx, caller);
  const where = and(
    caller.permissions.has('hr.training.manage')
      ? undefined
      : scope.employeeId
        ? eq(enrolments.employeeId, scope.employeeId)
        : sql`false`,
    courseId ? eq(enrolments.courseId, courseId) : undefined,
  );
  const rows = await db
    .select({
      enrolment: enrolments,
      courseTitle: courses.title,
      employeeName: sql<string>`${employees.firstName} || ' ' || ${employees.lastName}`,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(employees, eq(employees.id, enrolments.employeeId))
    .where(where)
    .orderBy(asc(courses.startsOn), asc(enrolments.id))
    .limit(page.limit)
    .offset(page.offset);
  const total = await countUpTo(db, db.select({ id: enrolments.id }).from(enrolments).where(where));
  return pageOf(
    rows.map((r) => toEnrolmentView(r.enrolment, r)),
    total,
    page,
  );
}

/** The completed enrolment behind a certificate, if the caller may have it (theirs, or HR). */
export async function certificateOf(ctx: HrContext, caller: Caller, id: string) {
  const db = executorFor(ctx.db);
  const scope = await scopeOf(ctx, caller);
  const [row] = await db
    .select({ enrolment: enrolments, course: courses, employee: employees })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(employees, eq(employees.id, enrolments.employeeId))
    .where(eq(enrolments.id, id));
  if (!row || (row.enrolment.employeeId !== scope.employeeId && !caller.permissions.has('hr.training.manage'))) {
    throw notFound('There is no such enrolment.');
  }
  if (row.enrolment.status !== 'completed' || !row.enrolment.certificateNumber || !row.enrolment.completedAt) {
    throw conflict('The certificate exists once the course is completed.');
  }
  return {
    number: row.enrolment.certificateNumber,
    employeeName: `${row.employee.firstName} ${row.employee.lastName}`,
    courseTitle: row.course.title,
    completedOn: ctx.calendar.dateOf(row.enrolment.completedAt),
  };
}
