import {
  type Caller,
  conflict,
  countUpTo,
  executorFor,
  fromMinor,
  inTransaction,
  type ListPage,
  type Money,
  notFound,
  pageOf,
  recordAudit,
  toMoneyJson,
  unprocessable,
} from '@konecta/core';
import { applications, departments, interviews, jobOpenings } from '@konecta/db';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { HrContext } from '../context';
import { createEmployee, type EmployeeInput } from '../employees/employees';

type Opening = typeof jobOpenings.$inferSelect;
type Application = typeof applications.$inferSelect;
export type Stage = Application['stage'];

export function toOpeningView(o: Opening, departmentName?: string | null) {
  return {
    id: o.id,
    title: o.title,
    departmentId: o.departmentId,
    departmentName: departmentName ?? null,
    positionId: o.positionId,
    location: o.location,
    employmentType: o.employmentType,
    salaryMin: o.salaryMin !== null && o.currency ? toMoneyJson(fromMinor(o.salaryMin, o.currency)) : null,
    salaryMax: o.salaryMax !== null && o.currency ? toMoneyJson(fromMinor(o.salaryMax, o.currency)) : null,
    status: o.status,
    closingDate: o.closingDate,
    description: o.description,
  };
}

export interface OpeningInput {
  title: string;
  departmentId: string;
  positionId?: string | null;
  location: string;
  employmentType?: Opening['employmentType'];
  salaryMin?: Money | null;
  salaryMax?: Money | null;
  status?: Opening['status'];
  closingDate?: string | null;
  description?: string | null;
}

/** The range as stored; on an edit, a bound that is left out keeps its stored value. */
function salaryRange(input: Partial<OpeningInput>, before?: Opening) {
  if (input.salaryMin === undefined && input.salaryMax === undefined) return {};
  const stored = (minor: bigint | null | undefined) =>
    minor !== null && minor !== undefined && before?.currency ? fromMinor(minor, before.currency) : null;
  const min = input.salaryMin === undefined ? stored(before?.salaryMin) : input.salaryMin;
  const max = input.salaryMax === undefined ? stored(before?.salaryMax) : input.salaryMax;
  if (min && max && min.currency !== max.currency) {
    throw unprocessable('The salary range is in one currency.', [
      { path: 'salaryMax.currency', message: 'Same currency as salaryMin.' },
    ]);
  }
  if (min && max && max.minor < min.minor)
    throw unprocessable('The salary range is reversed.', [{ path: 'salaryMax', message: 'At least the minimum.' }]);
  return {
    salaryMin: min?.minor ?? null,
    salaryMax: max?.minor ?? null,
    currency: min?.currency ?? max?.currency ?? null,
  };
}

export async function listOpenings(ctx: HrContext, status: Opening['status'] | undefined, page: ListPage) {
  const db = executorFor(ctx.db);
  const where = status ? eq(jobOpenings.status, status) : undefined;
  const rows = await db
    .select({ opening: jobOpenings, departmentName: departments.name })
    .from(jobOpenings)
    .innerJoin(departments, eq(departments.id, jobOpenings.departmentId))
    .where(where)
    .orderBy(desc(jobOpenings.createdAt), asc(jobOpenings.id))
    .limit(page.limit)
    .offset(page.offset);
  const total = await countUpTo(db, db.select({ id: jobOpenings.id }).from(jobOpenings).where(where));
  return pageOf(
    rows.map((r) => toOpeningView(r.opening, r.departmentName)),
    total,
    page,
  );
}

export async function createOpening(ctx: HrContext, input: OpeningInput) {
  return inTransaction(ctx.db, async (tx) => {
    const [d] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId));
    if (!d)
      throw unprocessable('The department does not exist.', [{ path: 'departmentId', message: 'No such department.' }]);
    const { salaryMin: _min, salaryMax: _max, ...rest } = input;
    const [row] = await tx
      .insert(jobOpenings)
      .values({ ...rest, ...salaryRange(input) })
      .returning();
    await recordAudit(tx, { action: 'opening.created', entityType: 'job-opening', entityId: row?.id, after: row });
    return toOpeningView(row as Opening);
  });
}

export async function updateOpening(ctx: HrContext, id: string, input: Partial<OpeningInput>) {
  return inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(jobOpenings).where(eq(jobOpenings.id, id)).for('update');
    if (!before) throw notFound('There is no such job opening.');
    const { salaryMin: _min, salaryMax: _max, ...rest } = input;
    const [after] = await tx
      .update(jobOpenings)
      .set({ ...rest, ...salaryRange(input, before), updatedAt: ctx.now() })
      .where(eq(jobOpenings.id, id))
      .returning();
    await recordAudit(tx, { action: 'opening.updated', entityType: 'job-opening', entityId: id, before, after });
    return toOpeningView(after as Opening);
  });
}

export function toApplicationView(a: Application, openingTitle?: string | null) {
  return {
    id: a.id,
    openingId: a.openingId,
    openingTitle: openingTitle ?? null,
    candidateName: a.candidateName,
    email: a.email,
    phone: a.phone,
    stage: a.stage,
    notes: a.notes,
    hiredEmployeeId: a.hiredEmployeeId,
    createdAt: a.createdAt.toISOString(),
  };
}

/** Applications come in while the opening is open and before its closing date. */
export async function addApplication(
  ctx: HrContext,
  input: { openingId: string; candidateName: string; email: string; phone?: string; notes?: string },
) {
  return inTransaction(ctx.db, async (tx) => {
    const [opening] = await tx.select().from(jobOpenings).where(eq(jobOpenings.id, input.openingId));
    if (!opening)
      throw unprocessable('The job opening does not exist.', [{ path: 'openingId', message: 'No such opening.' }]);
    const today = ctx.calendar.today();
    if (opening.status !== 'open' || (opening.closingDate && opening.closingDate < today))
      throw conflict('This opening is not taking applications.');
    const [row] = await tx.insert(applications).values(input).onConflictDoNothing().returning();
    if (!row) throw conflict('This candidate has already applied to this opening.');
    await recordAudit(tx, { action: 'application.received', entityType: 'application', entityId: row.id });
    return toApplicationView(row, opening.title);
  });
}

/** The board: applied → screening → interview → offer → hired, or rejected / withdrawn from any open stage. */
const NEXT: Record<Stage, Stage[]> = {
  applied: ['screening', 'rejected', 'withdrawn'],
  screening: ['interview', 'rejected', 'withdrawn'],
  interview: ['offer', 'rejected', 'withdrawn'],
  offer: ['rejected', 'withdrawn'],
  hired: [],
  rejected: [],
  withdrawn: [],
};

export async function moveApplication(ctx: HrContext, id: string, stage: Stage, notes?: string) {
  return inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
    if (!before) throw notFound('There is no such application.');
    if (stage === 'hired') throw conflict('Hire through POST /applications/{id}/hire, which creates the employee.');
    if (!NEXT[before.stage].includes(stage)) {
      throw conflict(
        `An application in ${before.stage} cannot move to ${stage}${NEXT[before.stage].length ? `; next: ${NEXT[before.stage].join(', ')}` : ''}.`,
      );
    }
    const [after] = await tx
      .update(applications)
      .set({ stage, notes: notes ?? before.notes, updatedAt: ctx.now() })
      .where(eq(applications.id, id))
      .returning();
    await recordAudit(tx, {
      action: `application.${stage}`,
      entityType: 'application',
      entityId: id,
      before: { stage: before.stage },
      after: { stage },
    });
    return toApplicationView(after as Application);
  });
}

/**
 * Hiring an applicant at the offer stage creates the employee, in the same transaction. HR gives
 * the position, the manager (or none, explicitly), the work email and the first day: none of them
 * is guessed from the application, and the first day is not in the past.
 */
export async function hireApplicant(
  ctx: HrContext,
  caller: Caller,
  id: string,
  terms: Omit<EmployeeInput, 'firstName' | 'lastName' | 'positionId' | 'managerId'> & {
    positionId: string;
    managerId: string | null;
    createLogin?: boolean;
  },
) {
  return inTransaction(ctx.db, async (tx) => {
    const [application] = await tx.select().from(applications).where(eq(applications.id, id)).for('update');
    if (!application) throw notFound('There is no such application.');
    if (application.stage !== 'offer')
      throw conflict(`Only an application at the offer stage can be hired (this one is ${application.stage}).`);
    const errors: { path: string; message: string }[] = [];
    if (terms.workEmail.trim().toLowerCase() === application.email.trim().toLowerCase())
      errors.push({ path: 'workEmail', message: 'Give the work email, not the candidate’s personal address.' });
    const today = ctx.calendar.today();
    if (terms.hireDate < today) errors.push({ path: 'hireDate', message: `Choose ${today} or later.` });
    if (errors.length) throw unprocessable('The hiring terms are not valid.', errors);
    const [first, ...rest] = application.candidateName.trim().split(/\s+/);
    const employee = await createEmployee(ctx, caller, {
      ...terms,
      firstName: first ?? application.candidateName,
      lastName: rest.join(' ') || '-',
      // The position decides the department.
      departmentId: terms.departmentId ?? null,
    });
    const [after] = await tx
      .update(applications)
      .set({ stage: 'hired', hiredEmployeeId: employee.id, updatedAt: ctx.now() })
      .where(eq(applications.id, id))
      .returning();
    await recordAudit(tx, {
      action: 'application.hired',
      entityType: 'application',
      entityId: id,
      after: { employeeId: employee.id },
    });
    return { application: toApplicationView(after as Application), employee };
  });
}

export async function listApplications(ctx: HrContext, filters: ListPage & { openingId?: string; stage?: Stage }) {
  const db = executorFor(ctx.db);
  const where = and(
    filters.openingId ? eq(applications.openingId, filters.openingId) : undefined,
    filters.stage ? eq(applications.stage, filters.stage) : undefined,
  );
  const rows = await db
    .select({ application: applications, openingTitle: jobOpenings.title })
    .from(applications)
    .innerJoin(jobOpenings, eq(jobOpenings.id, applications.openingId))
    .where(where)
    .orderBy(asc(applications.createdAt), asc(applications.id))
    .limit(filters.limit)
    .offset(filters.offset);
  const total = await countUpTo(db, db.select({ id: applications.id }).from(applications).where(where));
  return pageOf(
    rows.map((r) => toApplicationView(r.application, r.openingTitle)),
    total,
    filters,
  );
}

export async function addInterview(
  ctx: HrContext,
  applicationId: string,
  input: { scheduledAt: string; interviewerId?: string | null; rating?: number | null; feedback?: string | null },
) {
  return inTransaction(ctx.db, async (tx) => {
    const [application] = await tx.select().from(applications).where(eq(applications.id, applicationId));
    if (!application) throw notFound('There is no such application.');
    if (application.stage !== 'interview') throw conflict('Interviews are for applications at the interview stage.');
    const [row] = await tx
      .insert(interviews)
      .values({ ...input, applicationId, scheduledAt: new Date(input.scheduledAt) })
      .returning();
    await recordAudit(tx, {
      action: 'interview.recorded',
      entityType: 'application',
      entityId: applicationId,
      after: row,
    });
    return {
      id: row?.id as string,
      applicationId,
      scheduledAt: row?.scheduledAt.toISOString() as string,
      interviewerId: row?.interviewerId ?? null,
      rating: row?.rating ?? null,
      feedback: row?.feedback ?? null,
    };
  });
}

export async function interviewsOf(ctx: HrContext, applicationId: string) {
  const db = executorFor(ctx.db);
  // An application that does not exist has no interviews to list: 404, not an empty list.
  const [application] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(eq(applications.id, applicationId));
  if (!application) throw notFound('There is no such application.');
  const rows = await db
    .select()
    .from(interviews)
    .where(eq(interviews.applicationId, applicationId))
    .orderBy(asc(interviews.scheduledAt));
  return rows.map((i) => ({
    id: i.id,
    applicationId,
    scheduledAt: i.scheduledAt.toISOString(),
    interviewerId: i.interviewerId,
    rating: i.rating,
    feedback: i.feedback,
  }));
}
