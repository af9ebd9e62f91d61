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
import { resignationStatus } from '@konecta/db';
import type { HrContext } from '../context';
import {
  completeResignation,
  decideResignation,
  listResignations,
  submitResignation,
  updateChecklist,
  withdrawResignation,
} from './resignations';

const status = z.enum(resignationStatus.enumValues);
const resignationSchema = z.openapi(
  z.object({
    id: z.string(),
    employeeId: z.string(),
    employeeName: z.nullable(z.string()),
    lastWorkingDay: z.string(),
    reason: z.string(),
    status,
    decidedBy: z.nullable(z.string()),
    decidedAt: z.nullable(z.string()),
    decisionNote: z.nullable(z.string()),
    checklist: z.object({
      equipmentReturned: z.boolean(),
      accessRevoked: z.boolean(),
      finalSettlementDone: z.boolean(),
    }),
    exitNotes: z.nullable(z.string()),
    createdAt: z.string(),
  }),
  'Resignation',
);
const one = { description: 'Resignation', ...jsonContent(resignationSchema) };

export function offboardingRoutes(ctx: HrContext) {
  const r = createRouter();
  const manage = [requirePermission('hr.offboarding.manage')];
  r.openapi(
    createRoute({
      method: 'get',
      path: '/resignations',
      tags: ['offboarding'],
      summary: 'My resignation; everyone’s for HR',
      security: bearerSecurity,
      middleware: [requirePermission('hr.offboarding.self', 'hr.offboarding.manage')],
      request: {
        query: z.extend(listQuery(), {
          status: z.optional(status),
          open: z.openapi(
            z.optional(
              z.pipe(
                z.enum(['true', 'false']),
                z.transform((v) => v === 'true'),
              ),
            ),
            { description: 'true: pending or approved, the resignations still to be handled.' },
          ),
        }),
      },
      responses: {
        200: { description: 'Resignations', ...jsonContent(pageSchema(resignationSchema, 'ResignationList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { status, open, ...page } = c.req.valid('query');
      return c.json(await listResignations(ctx, callerOf(c), { status, open }, page), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/resignations',
      tags: ['offboarding'],
      summary: 'Resign (one pending resignation at a time)',
      security: bearerSecurity,
      middleware: [requirePermission('hr.offboarding.self')],
      request: {
        body: {
          required: true,
          ...jsonContent(
            z.strictObject({
              lastWorkingDay: isoDate,
              reason: z.string().check(z.trim(), z.minLength(3, 'Give a reason.'), z.maxLength(2000)),
            }),
          ),
        },
      },
      responses: { 201: one, ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await submitResignation(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  for (const [action, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    r.openapi(
      createRoute({
        method: 'post',
        path: `/resignations/{id}/${action}`,
        tags: ['offboarding'],
        summary: `${action === 'approve' ? 'Approve' : 'Reject'} a pending resignation`,
        security: bearerSecurity,
        middleware: manage,
        request: {
          params: idParam,
          body: {
            required: false,
            ...jsonContent(z.object({ note: z.optional(z.string().check(z.trim(), z.maxLength(1000))) })),
          },
        },
        responses: { 200: one, ...problemResponses(401, 403, 404, 409) },
      }),
      async (c) =>
        c.json(
          await decideResignation(
            ctx,
            callerOf(c),
            c.req.valid('param').id,
            decision,
            (c.req.valid('json') as { note?: string }).note,
          ),
          200,
        ),
    );
  }
  r.openapi(
    createRoute({
      method: 'post',
      path: '/resignations/{id}/withdraw',
      tags: ['offboarding'],
      summary: 'Withdraw my pending resignation',
      security: bearerSecurity,
      middleware: [requirePermission('hr.offboarding.self')],
      request: { params: idParam },
      responses: { 200: one, ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => c.json(await withdrawResignation(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/resignations/{id}/checklist',
      tags: ['offboarding'],
      summary: 'Tick the exit checklist: equipment, access, final settlement; exit notes',
      security: bearerSecurity,
      middleware: manage,
      request: {
        params: idParam,
        body: {
          required: true,
          ...jsonContent(
            z.catchall(
              z.partial(
                z.object({
                  equipmentReturned: z.boolean(),
                  accessRevoked: z.boolean(),
                  finalSettlementDone: z.boolean(),
                  exitNotes: z.nullable(z.string().check(z.trim(), z.maxLength(4000))),
                }),
              ),
              z.never(),
            ),
          ),
        },
      },
      responses: { 200: one, ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await updateChecklist(ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/resignations/{id}/complete',
      tags: ['offboarding'],
      summary: 'Close the offboarding: the employee leaves as of the last working day',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: { 200: one, ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => c.json(await completeResignation(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  return r;
}
