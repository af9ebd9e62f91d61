import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  idParam,
  isoDate,
  jsonContent,
  listQuery,
  pageSchema,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import { enrolmentStatus } from '@konecta/db';
import type { HrContext } from '../context';
import { certificatePdf } from './certificate';
import { certificateOf, completeEnrolment, createCourse, enrol, listCourses, listEnrolments } from './courses';

const courseSchema = z.openapi(
  z.object({
    id: z.string(),
    title: z.string(),
    description: z.nullable(z.string()),
    capacity: z.int(),
    enrolled: z.int(),
    seatsLeft: z.int(),
    startsOn: z.string(),
    endsOn: z.string(),
    active: z.boolean(),
    ended: z.openapi(z.boolean(), { description: 'Past its last day (company calendar): no more enrolments.' }),
  }),
  'Course',
);
const enrolmentSchema = z.openapi(
  z.object({
    id: z.string(),
    courseId: z.string(),
    courseTitle: z.nullable(z.string()),
    employeeId: z.string(),
    employeeName: z.nullable(z.string()),
    status: z.enum(enrolmentStatus.enumValues),
    completedAt: z.nullable(z.string()),
    certificateNumber: z.nullable(z.string()),
  }),
  'Enrolment',
);

export function trainingRoutes(ctx: HrContext) {
  const r = createRouter();
  const any = [requirePermission('hr.training.self', 'hr.training.manage')];
  const manage = [requirePermission('hr.training.manage')];
  r.openapi(
    createRoute({
      method: 'get',
      path: '/courses',
      tags: ['training'],
      summary: 'Courses with seats left',
      security: bearerSecurity,
      middleware: any,
      request: { query: listQuery() },
      responses: {
        200: { description: 'Courses', ...jsonContent(pageSchema(courseSchema, 'CourseList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listCourses(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/courses',
      tags: ['training'],
      summary: 'Create a course',
      security: bearerSecurity,
      middleware: manage,
      request: {
        body: {
          required: true,
          ...jsonContent(
            z.strictObject({
              title: z.string().check(z.trim(), z.minLength(2), z.maxLength(200)),
              description: z.optional(z.string().check(z.trim(), z.maxLength(4000))),
              capacity: z.int().check(z.gte(1), z.lte(10_000)),
              startsOn: isoDate,
              endsOn: isoDate,
            }),
          ),
        },
      },
      responses: { 201: { description: 'Created', ...jsonContent(courseSchema) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => c.json(await createCourse(ctx, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/courses/{id}/enrol',
      tags: ['training'],
      summary: 'Enrol (myself, or an employee for HR); once per course, within capacity',
      security: bearerSecurity,
      middleware: any,
      request: {
        params: idParam,
        body: { required: false, ...jsonContent(z.object({ employeeId: z.optional(z.uuid()) })) },
      },
      responses: {
        201: { description: 'Enrolled', ...jsonContent(enrolmentSchema) },
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) =>
      c.json(
        await enrol(
          ctx,
          callerOf(c),
          c.req.valid('param').id,
          (c.req.valid('json') as { employeeId?: string }).employeeId,
        ),
        201,
      ),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/enrolments',
      tags: ['training'],
      summary: 'My enrolments; everyone’s for HR',
      security: bearerSecurity,
      middleware: any,
      request: { query: z.extend(listQuery(), { courseId: z.optional(z.uuid()) }) },
      responses: {
        200: { description: 'Enrolments', ...jsonContent(pageSchema(enrolmentSchema, 'EnrolmentList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { courseId, ...page } = c.req.valid('query');
      return c.json(await listEnrolments(ctx, callerOf(c), courseId, page), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/enrolments/{id}/complete',
      tags: ['training'],
      summary: 'Mark a course completed (a certificate number is issued)',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: {
        200: { description: 'Completed', ...jsonContent(enrolmentSchema) },
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await completeEnrolment(ctx, c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/enrolments/{id}/certificate',
      tags: ['training'],
      summary: 'The completion certificate as PDF',
      security: bearerSecurity,
      middleware: any,
      request: { params: idParam },
      responses: {
        200: {
          description: 'PDF',
          content: { 'application/pdf': { schema: z.openapi(z.string(), { format: 'binary' }) } },
        },
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const cert = await certificateOf(ctx, callerOf(c), c.req.valid('param').id);
      const pdf = await certificatePdf(cert);
      return c.body(pdf.slice(), 200, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${cert.number}.pdf"`,
      });
    },
  );
  return r;
}
