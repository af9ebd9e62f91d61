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
  z,
} from '@konecta/core';
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
const openingSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    departmentId: z.string(),
    departmentName: z.string().nullable(),
    positionId: z.string().nullable(),
    location: z.string(),
    employmentType,
    salaryMin: moneyOrNull,
    salaryMax: moneyOrNull,
    status: openingStatus,
    closingDate: z.string().nullable(),
    description: z.string().nullable(),
  })
  .openapi('JobOpening');
const openingBody = z
  .object({
    title: z.string().trim().min(2).max(200),
    departmentId: z.string().uuid(),
    positionId: z.string().uuid().nullable().optional(),
    location: z.string().trim().min(2).max(200),
    employmentType: employmentType.optional(),
    salaryMin: moneyInputOrNull.optional(),
    salaryMax: moneyInputOrNull.optional(),
    status: openingStatus.optional(),
    closingDate: isoDate.nullable().optional(),
    description: z.string().trim().max(8000).nullable().optional(),
  })
  .strict();
const applicationSchema = z
  .object({
    id: z.string(),
    openingId: z.string(),
    openingTitle: z.string().nullable(),
    candidateName: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    stage,
    notes: z.string().nullable(),
    hiredEmployeeId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Application');
const interviewSchema = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    scheduledAt: z.string(),
    interviewerId: z.string().nullable(),
    rating: z.number().int().nullable(),
    feedback: z.string().nullable(),
  })
  .openapi('Interview');

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
      request: { query: listQuery().extend({ status: openingStatus.optional() }) },
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
      request: { params: idParam, body: { required: true, ...jsonContent(openingBody.partial()) } },
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
      request: { query: listQuery().extend({ openingId: z.string().uuid().optional(), stage: stage.optional() }) },
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
            z
              .object({
                openingId: z.string().uuid(),
                candidateName: z.string().trim().min(2).max(200),
                email: z.string().trim().email().max(254),
                phone: z.string().trim().max(40).optional(),
                notes: z.string().trim().max(4000).optional(),
              })
              .strict(),
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
        body: { required: true, ...jsonContent(z.object({ stage, notes: z.string().trim().max(4000).optional() })) },
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
            employeeBody.omit({ firstName: true, lastName: true }).extend({
              positionId: z.string().uuid(),
              managerId: z
                .string()
                .uuid()
                .nullable()
                .openapi({ description: 'The manager, or null for nobody: always given, never guessed.' }),
              hireDate: isoDate.openapi({ description: 'The first day of work: today or later.' }),
              createLogin: z.boolean().optional(),
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
            z
              .object({
                scheduledAt: isoInstant,
                interviewerId: z.string().uuid().nullable().optional(),
                rating: z.number().int().min(1).max(5).nullable().optional(),
                feedback: z.string().trim().max(4000).nullable().optional(),
              })
              .strict(),
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
