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
import { reviewCycleStatus, reviewGoalStatus, reviewStatus } from '@konecta/db';
import type { HrContext } from '../context';
import {
  acknowledgeReview,
  addComment,
  createCycle,
  createReview,
  listComments,
  listCycles,
  listReviews,
  saveSelfAssessment,
  submitReview,
  submitSelfAssessment,
  updateReview,
} from './reviews';

const cycleSchema = z.openapi(
  z.object({
    id: z.string(),
    name: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    status: z.enum(reviewCycleStatus.enumValues),
  }),
  'ReviewCycle',
);
const goal = z.openapi(
  z.object({
    title: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    description: z.nullable(z.string().check(z.trim(), z.maxLength(2000))),
    weight: z.nullable(z.int().check(z.gte(1, 'From 1 to 100%.'), z.lte(100, 'From 1 to 100%.'))),
    dueDate: z.nullable(isoDate),
    status: z.enum(reviewGoalStatus.enumValues),
    progress: z.int().check(z.gte(0, 'From 0 to 100%.'), z.lte(100, 'From 0 to 100%.')),
  }),
  'ReviewGoal',
);
const goalBody = z.catchall(
  z.partial(goal, { description: true, weight: true, dueDate: true, status: true, progress: true }),
  z.never(),
);
const selfBody = z.catchall(
  z.partial(
    z.object({
      selfAssessment: z.nullable(z.string().check(z.trim(), z.maxLength(4000))),
      selfRating: z.nullable(z.int().check(z.gte(1, 'Rate from 1 to 5.'), z.lte(5, 'Rate from 1 to 5.'))),
    }),
  ),
  z.never(),
);
const commentSchema = z.openapi(
  z.object({
    id: z.string(),
    authorName: z.string(),
    authorEmployeeId: z.nullable(z.string()),
    body: z.string(),
    createdAt: z.string(),
  }),
  'ReviewComment',
);
const reviewSchema = z.openapi(
  z.object({
    id: z.string(),
    cycleId: z.string(),
    cycleName: z.nullable(z.string()),
    employeeId: z.string(),
    employeeName: z.nullable(z.string()),
    reviewerId: z.nullable(z.string()),
    rating: z.nullable(z.int()),
    strengths: z.nullable(z.string()),
    improvements: z.nullable(z.string()),
    goals: z.array(goal),
    selfAssessment: z.nullable(z.string()),
    selfRating: z.nullable(z.int()),
    selfSubmittedAt: z.nullable(z.string()),
    status: z.enum(reviewStatus.enumValues),
    submittedAt: z.nullable(z.string()),
    acknowledgedAt: z.nullable(z.string()),
  }),
  'Review',
);
const reviewBody = z.catchall(
  z.partial(
    z.object({
      rating: z.nullable(z.int().check(z.gte(1, 'Rate from 1 to 5.'), z.lte(5, 'Rate from 1 to 5.'))),
      strengths: z.nullable(z.string().check(z.trim(), z.maxLength(4000))),
      improvements: z.nullable(z.string().check(z.trim(), z.maxLength(4000))),
      goals: z.array(goalBody).check(z.maxLength(20)),
    }),
  ),
  z.never(),
);

export function performanceRoutes(ctx: HrContext) {
  const r = createRouter();
  const manage = [requirePermission('hr.reviews.manage')];
  const anyReviews = [requirePermission('hr.reviews.self', 'hr.reviews.manage')];
  r.openapi(
    createRoute({
      method: 'get',
      path: '/review-cycles',
      tags: ['performance'],
      summary: 'Review cycles',
      security: bearerSecurity,
      middleware: anyReviews,
      request: { query: listQuery() },
      responses: {
        200: { description: 'Cycles', ...jsonContent(pageSchema(cycleSchema, 'ReviewCycleList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listCycles(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/review-cycles',
      tags: ['performance'],
      summary: 'Open a review cycle',
      security: bearerSecurity,
      middleware: [requirePermission('hr.reviews.manage')],
      request: {
        body: {
          required: true,
          ...jsonContent(
            z.strictObject({
              name: z.string().check(z.trim(), z.minLength(2), z.maxLength(120)),
              startDate: isoDate,
              endDate: isoDate,
            }),
          ),
        },
      },
      responses: {
        201: { description: 'Created', ...jsonContent(cycleSchema) },
        ...problemResponses(401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await createCycle(ctx, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/reviews',
      tags: ['performance'],
      summary: 'My reviews; my team’s or everyone’s for reviewers and HR',
      security: bearerSecurity,
      middleware: anyReviews,
      request: {
        query: z.extend(listQuery(), { cycleId: z.optional(z.uuid()), employeeId: z.optional(z.uuid()) }),
      },
      responses: {
        200: { description: 'Reviews', ...jsonContent(pageSchema(reviewSchema, 'ReviewList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listReviews(ctx, callerOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/reviews',
      tags: ['performance'],
      summary: 'Start a review (the manager or HR)',
      security: bearerSecurity,
      middleware: manage,
      request: {
        body: {
          required: true,
          ...jsonContent(z.extend(reviewBody, { cycleId: z.uuid(), employeeId: z.uuid() })),
        },
      },
      responses: {
        201: { description: 'Created', ...jsonContent(reviewSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await createReview(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/reviews/{id}',
      tags: ['performance'],
      summary: 'Edit a draft review: rating, strengths, improvements, goals with progress',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(reviewBody) } },
      responses: {
        200: { description: 'Updated', ...jsonContent(reviewSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await updateReview(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/reviews/{id}/submit',
      tags: ['performance'],
      summary: 'Share the review with the employee',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: {
        200: { description: 'Submitted', ...jsonContent(reviewSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await submitReview(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/reviews/{id}/acknowledge',
      tags: ['performance'],
      summary: 'The employee acknowledges their review',
      security: bearerSecurity,
      middleware: [requirePermission('hr.reviews.self')],
      request: { params: idParam },
      responses: {
        200: { description: 'Acknowledged', ...jsonContent(reviewSchema) },
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await acknowledgeReview(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/reviews/{id}/self-assessment',
      tags: ['performance'],
      summary: 'The employee writes their self-assessment while the review is open',
      security: bearerSecurity,
      middleware: [requirePermission('hr.reviews.self')],
      request: { params: idParam, body: { required: true, ...jsonContent(selfBody) } },
      responses: {
        200: { description: 'Saved', ...jsonContent(reviewSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await saveSelfAssessment(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/reviews/{id}/self-assessment/submit',
      tags: ['performance'],
      summary: 'The employee hands their self-assessment to the reviewer',
      security: bearerSecurity,
      middleware: [requirePermission('hr.reviews.self')],
      request: { params: idParam },
      responses: {
        200: { description: 'Submitted', ...jsonContent(reviewSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await submitSelfAssessment(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/reviews/{id}/comments',
      tags: ['performance'],
      summary: 'The comments on a review, oldest first (the employee and their reviewers)',
      security: bearerSecurity,
      middleware: anyReviews,
      request: { params: idParam },
      responses: {
        200: { description: 'Comments', ...jsonContent(z.object({ items: z.array(commentSchema) })) },
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => c.json(await listComments(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/reviews/{id}/comments',
      tags: ['performance'],
      summary: 'Comment on a review until it is acknowledged',
      security: bearerSecurity,
      middleware: anyReviews,
      request: {
        params: idParam,
        body: {
          required: true,
          ...jsonContent(z.strictObject({ body: z.string().check(z.trim(), z.minLength(1), z.maxLength(4000)) })),
        },
      },
      responses: {
        201: { description: 'Added', ...jsonContent(commentSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await addComment(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  return r;
}
