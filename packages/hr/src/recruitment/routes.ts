import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  idParam,
  isoDate,
  isoInstant,
  jsonContent,
  listQuery,
  moneyInput,
  moneySchema,
  pageSchema,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import { applicationStage, employmentType as employmentTypes, openingStatus as openingStatuses } from '@konecta/db';
import type { HrContext } from '../context';
import { employeeBody, employeeSchema } from '../employees/schemas';
import {
  addApplication,
  addInterview,
  createOpening,
  hireApplicant,
  interviewsOf,
  listApplications,
  listOpenings,
  moveApplication,
  updateOpening,
} from './recruitment';

const employmentType = z.enum(employmentTypes.enumValues);
const openingStatus = z.enum(openingStatuses.enumValues);
const stage = z.enum(applicationStage.enumValues);
/**
 * Money or null. Not `.nullable()` on the money schema: zod-to-openapi then writes a reference that
 * refuses null, or makes the shared `Money` itself nullable (asteasolutions/zod-to-openapi#387).
 */
const moneyOrNull = z.union([moneySchema, z.null()]);
const moneyInputOrNull = z.union([moneyInput({ sign: 'nonNegative' }), z.null()]);
const openingSchema = z.openapi(
  z.object({
    id: z.string(),
    title: z.string(),
    departmentId: z.string(),
    departmentName: z.nullable(z.string()),
    positionId: z.nullable(z.string()),
    location: z.string(),
    employmentType,
    salaryMin: moneyOrNull,
    salaryMax: moneyOrNull,
    status: openingStatus,
    closingDate: z.nullable(z.string()),
    description: z.nullable(z.string()),
  }),
  'JobOpening',
);
const openingBody = z.strictObject({
  title: z.string().check(z.trim(), z.minLength(2), z.maxLength(200)),
  departmentId: z.uuid(),
  positionId: z.optional(z.nullable(z.uuid())),
  location: z.string().check(z.trim(), z.minLength(2), z.maxLength(200)),
  employmentType: z.optional(employmentType),
  salaryMin: z.optional(moneyInputOrNull),
  salaryMax: z.optional(moneyInputOrNull),
  status: z.optional(openingStatus),
  closingDate: z.optional(z.nullable(isoDate)),
  description: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(8000)))),
});
const applicationSchema = z.openapi(
  z.object({
    id: z.string(),
    openingId: z.string(),
    openingTitle: z.nullable(z.string()),
    candidateName: z.string(),
    email: z.string(),
    phone: z.nullable(z.string()),
    stage,
    notes: z.nullable(z.string()),
    hiredEmployeeId: z.nullable(z.string()),
    createdAt: z.string(),
  }),
  'Application',
);
const interviewSchema = z.openapi(
  z.object({
    id: z.string(),
    applicationId: z.string(),
    scheduledAt: z.string(),
    interviewerId: z.nullable(z.string()),
    rating: z.nullable(z.int()),
    feedback: z.nullable(z.string()),
  }),
  'Interview',
);

export function recruitmentRoutes(ctx: HrContext) {
  const r = createRouter();
  const read = [requirePermission('hr.recruitment.read', 'hr.recruitment.manage')];
  const manage = [requirePermission('hr.recruitment.manage')];
  r.openapi(
    createRoute({
      method: 'get',
      path: '/job-openings',
      tags: ['recruitment'],
      summary: 'Job openings',
      security: bearerSecurity,
      middleware: read,
      request: { query: z.extend(listQuery(), { status: z.optional(openingStatus) }) },
      responses: {
        200: { description: 'Openings', ...jsonContent(pageSchema(openingSchema, 'JobOpeningList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { status, ...page } = c.req.valid('query');
      return c.json(await listOpenings(ctx, status, page), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/job-openings',
      tags: ['recruitment'],
      summary: 'Create a job opening',
      security: bearerSecurity,
      middleware: manage,
      request: { body: { required: true, ...jsonContent(openingBody) } },
      responses: { 201: { description: 'Created', ...jsonContent(openingSchema) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => c.json(await createOpening(ctx, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/job-openings/{id}',
      tags: ['recruitment'],
      summary: 'Edit, open or close an opening',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(z.partial(openingBody)) } },
      responses: {
        200: { description: 'Updated', ...jsonContent(openingSchema) },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => c.json(await updateOpening(ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/applications',
      tags: ['recruitment'],
      summary: 'Applications (the board by stage)',
      security: bearerSecurity,
      middleware: read,
      request: { query: z.extend(listQuery(), { openingId: z.optional(z.uuid()), stage: z.optional(stage) }) },
      responses: {
        200: { description: 'Applications', ...jsonContent(pageSchema(applicationSchema, 'ApplicationList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listApplications(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/applications',
      tags: ['recruitment'],
      summary: 'Record an application to an open opening',
      security: bearerSecurity,
      middleware: manage,
      request: {
        body: {
          required: true,
          ...jsonContent(
            z.strictObject({
              openingId: z.uuid(),
              candidateName: z.string().check(z.trim(), z.minLength(2), z.maxLength(200)),
              email: z.string().check(z.trim(), z.email(), z.maxLength(254)),
              phone: z.optional(z.string().check(z.trim(), z.maxLength(40))),
              notes: z.optional(z.string().check(z.trim(), z.maxLength(4000))),
            }),
          ),
        },
      },
      responses: {
        201: { description: 'Recorded', ...jsonContent(applicationSchema) },
        ...problemResponses(401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await addApplication(ctx, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/applications/{id}/stage',
      tags: ['recruitment'],
      summary: 'Move an application to its next stage (or reject / withdraw)',
      security: bearerSecurity,
      middleware: manage,
      request: {
        params: idParam,
        body: {
          required: true,
          ...jsonContent(z.object({ stage, notes: z.optional(z.string().check(z.trim(), z.maxLength(4000))) })),
        },
      },
      responses: {
        200: { description: 'Moved', ...jsonContent(applicationSchema) },
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { stage: next, notes } = c.req.valid('json');
      return c.json(await moveApplication(ctx, c.req.valid('param').id, next, notes), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/applications/{id}/hire',
      tags: ['recruitment'],
      summary: 'Hire an applicant at the offer stage: the employee is created',
      security: bearerSecurity,
      middleware: [requirePermission('hr.recruitment.manage'), requirePermission('hr.employees.manage')],
      request: {
        params: idParam,
        body: {
          required: true,
          ...jsonContent(
            z.extend(z.omit(employeeBody, { firstName: true, lastName: true }), {
              positionId: z.uuid(),
              managerId: z.openapi(z.nullable(z.uuid()), {
                description: 'The manager, or null for nobody: always given, never guessed.',
              }),
              hireDate: z.openapi(isoDate, { description: 'The first day of work: today or later.' }),
              createLogin: z.optional(z.boolean()),
            }),
          ),
        },
      },
      responses: {
        201: {
          description: 'Hired',
          ...jsonContent(z.object({ application: applicationSchema, employee: employeeSchema })),
        },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await hireApplicant(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/applications/{id}/interviews',
      tags: ['recruitment'],
      summary: 'Interviews of an application',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'Interviews', ...jsonContent(z.object({ items: z.array(interviewSchema) })) },
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => c.json({ items: await interviewsOf(ctx, c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/applications/{id}/interviews',
      tags: ['recruitment'],
      summary: 'Record an interview with feedback',
      security: bearerSecurity,
      middleware: manage,
      request: {
        params: idParam,
        body: {
          required: true,
          ...jsonContent(
            z.strictObject({
              scheduledAt: isoInstant,
              interviewerId: z.optional(z.nullable(z.uuid())),
              rating: z.optional(z.nullable(z.int().check(z.gte(1), z.lte(5)))),
              feedback: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(4000)))),
            }),
          ),
        },
      },
      responses: {
        201: { description: 'Recorded', ...jsonContent(interviewSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await addInterview(ctx, c.req.valid('param').id, c.req.valid('json')), 201),
  );
  return r;
}
