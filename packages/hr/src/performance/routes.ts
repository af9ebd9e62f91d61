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
  z,
} from '@konecta/core';
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

const cycleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    status: z.enum(reviewCycleStatus.enumValues),
  })
  .openapi('ReviewCycle');
const goal = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).nullable(),
    weight: z.number().int().min(1, 'From 1 to 100%.').max(100, 'From 1 to 100%.').nullable(),
    dueDate: isoDate.nullable(),
    status: z.enum(reviewGoalStatus.enumValues),
    progress: z.number().int().min(0, 'From 0 to 100%.').max(100, 'From 0 to 100%.'),
  })
  .openapi('ReviewGoal');
const goalBody = goal
  .partial({ description: true, weight: true, dueDate: true, status: true, progress: true })
  .strict();
const selfBody = z
  .object({
    selfAssessment: z.string().trim().max(4000).nullable(),
    selfRating: z.number().int().min(1, 'Rate from 1 to 5.').max(5, 'Rate from 1 to 5.').nullable(),
  })
  .partial()
  .strict();
const commentSchema = z
  .object({
    id: z.string(),
    authorName: z.string(),
    authorEmployeeId: z.string().nullable(),
    body: z.string(),
    createdAt: z.string(),
  })
  .openapi('ReviewComment');
const reviewSchema = z
  .object({
    id: z.string(),
    cycleId: z.string(),
    cycleName: z.string().nullable(),
    employeeId: z.string(),
    employeeName: z.string().nullable(),
    reviewerId: z.string().nullable(),
    rating: z.number().int().nullable(),
    strengths: z.string().nullable(),
    improvements: z.string().nullable(),
    goals: z.array(goal),
    selfAssessment: z.string().nullable(),
    selfRating: z.number().int().nullable(),
    selfSubmittedAt: z.string().nullable(),
    status: z.enum(reviewStatus.enumValues),
    submittedAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
  })
  .openapi('Review');
const reviewBody = z
  .object({
    rating: z.number().int().min(1, 'Rate from 1 to 5.').max(5, 'Rate from 1 to 5.').nullable(),
    strengths: z.string().trim().max(4000).nullable(),
    improvements: z.string().trim().max(4000).nullable(),
    goals: z.array(goalBody).max(20),
  })
  .partial()
  .strict();

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
            z.object({ name: z.string().trim().min(2).max(120), startDate: isoDate, endDate: isoDate }).strict(),
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
        query: listQuery().extend({ cycleId: z.string().uuid().optional(), employeeId: z.string().uuid().optional() }),
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
          ...jsonContent(reviewBody.extend({ cycleId: z.string().uuid(), employeeId: z.string().uuid() })),
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
        body: { required: true, ...jsonContent(z.object({ body: z.string().trim().min(1).max(4000) }).strict()) },
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
