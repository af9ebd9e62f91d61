import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  idParam,
  jsonContent,
  pageSchema,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import type { FinanceContext } from '../context';
import { listCategories } from './categories';
import {
  approveClaim,
  claimsToDecide,
  createClaim,
  deleteClaim,
  getClaim,
  listClaims,
  reimburseClaim,
  rejectClaim,
  submitClaim,
  updateClaim,
} from './claims';
import { deleteReceipt, downloadReceipt, uploadReceipt } from './receipts';
import {
  approveBody,
  approvedClaimSchema,
  categorySchema,
  claimBody,
  claimQuery,
  claimSchema,
  claimSummarySchema,
  fileField,
  receiptParams,
  reimburseBody,
  rejectBody,
} from './schemas';
import { uploaded } from './upload';

const binary = z.openapi(z.string(), { format: 'binary' });

export function expenseRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const claim = [requirePermission('finance.expenses.submit')];
  const decide = [requirePermission('finance.expenses.approve')];
  const anyReader = [
    requirePermission('finance.expenses.submit', 'finance.expenses.read', 'finance.expenses.read-all'),
  ];

  r.openapi(
    createRoute({
      method: 'get',
      path: '/expense-categories',
      tags: ['expenses'],
      summary: 'What can be claimed, each category with the expense account it posts to',
      security: bearerSecurity,
      middleware: anyReader,
      responses: {
        200: { description: 'Categories', ...jsonContent(z.object({ items: z.array(categorySchema) })) },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => c.json(await listCategories(ctx), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/expense-claims',
      tags: ['expenses'],
      summary: "Expense claims the caller may see: their own; their reports' (managers); everyone's (finance)",
      security: bearerSecurity,
      middleware: anyReader,
      request: { query: claimQuery },
      responses: {
        200: { description: 'A page of claims', ...jsonContent(pageSchema(claimSummarySchema)) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listClaims(ctx, callerOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/expense-claims/to-decide',
      tags: ['expenses'],
      summary:
        "The approvals inbox: submitted claims the caller may decide (their reports'; all but their own for finance)",
      security: bearerSecurity,
      middleware: decide,
      request: { query: z.pick(claimQuery, { limit: true, offset: true }) },
      responses: {
        200: { description: 'A page of claims', ...jsonContent(pageSchema(claimSummarySchema)) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await claimsToDecide(ctx, callerOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/expense-claims',
      tags: ['expenses'],
      summary: "A draft claim of the caller's own (the employee is always the caller)",
      security: bearerSecurity,
      middleware: claim,
      request: { body: { required: true, ...jsonContent(claimBody) } },
      responses: {
        201: { description: 'Created', ...jsonContent(claimSchema) },
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => c.json(await createClaim(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/expense-claims/{id}',
      tags: ['expenses'],
      summary: 'A claim with its lines and receipts',
      security: bearerSecurity,
      middleware: anyReader,
      request: { params: idParam },
      responses: {
        200: { description: 'The claim', ...jsonContent(claimSchema) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await getClaim(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'put',
      path: '/expense-claims/{id}',
      tags: ['expenses'],
      summary: 'Replace the title and lines of a draft of the caller’s own',
      security: bearerSecurity,
      middleware: claim,
      request: { params: idParam, body: { required: true, ...jsonContent(claimBody) } },
      responses: {
        200: { description: 'Updated', ...jsonContent(claimSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await updateClaim(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/expense-claims/{id}',
      tags: ['expenses'],
      summary: 'Delete a draft of the caller’s own (with its receipts)',
      security: bearerSecurity,
      middleware: claim,
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      await deleteClaim(ctx, callerOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/expense-claims/{id}/submit',
      tags: ['expenses'],
      summary: 'Submit a draft for approval (the employee’s manager, or finance, is told)',
      security: bearerSecurity,
      middleware: claim,
      request: { params: idParam },
      responses: {
        200: { description: 'Submitted', ...jsonContent(claimSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await submitClaim(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/expense-claims/{id}/approve',
      tags: ['expenses'],
      summary:
        'Approve a submitted claim as the caller (its employee’s manager, or finance; never one’s own): posts the expense per department and takes it from the budget',
      description:
        'Over a budget set to warn, the answer carries `warnings`; over a budget set to stop, 422 unless a caller holding `finance.budgets.override` gives `overrideReason` (audited).',
      security: bearerSecurity,
      middleware: decide,
      request: { params: idParam, body: { required: false, ...jsonContent(approveBody) } },
      responses: {
        200: { description: 'Approved', ...jsonContent(approvedClaimSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const body = (c.req.valid('json') ?? {}) as z.infer<typeof approveBody>;
      return c.json(await approveClaim(ctx, callerOf(c), c.req.valid('param').id, body), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/expense-claims/{id}/reject',
      tags: ['expenses'],
      summary: 'Reject a submitted claim with the reason (its employee’s manager, or finance; never one’s own)',
      security: bearerSecurity,
      middleware: decide,
      request: { params: idParam, body: { required: true, ...jsonContent(rejectBody) } },
      responses: {
        200: { description: 'Rejected', ...jsonContent(claimSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await rejectClaim(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/expense-claims/{id}/reimburse',
      tags: ['expenses'],
      summary: 'Pay an approved claim back: posts Dr employee payables, Cr the bank or cash account',
      security: bearerSecurity,
      middleware: [requirePermission('finance.payments.manage')],
      request: { params: idParam, body: { required: false, ...jsonContent(reimburseBody) } },
      responses: {
        200: { description: 'Reimbursed', ...jsonContent(claimSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const body = (c.req.valid('json') ?? {}) as z.infer<typeof reimburseBody>;
      return c.json(await reimburseClaim(ctx, callerOf(c), c.req.valid('param').id, body), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/expense-claims/{id}/receipts',
      tags: ['expenses'],
      summary: 'Attach a receipt (PDF, JPEG or PNG up to 5 MB, judged by its content) to a draft of the caller’s own',
      description: 'multipart/form-data: `file`, and `lineId` to attach it to one line.',
      security: bearerSecurity,
      middleware: claim,
      request: {
        params: idParam,
        body: {
          required: true,
          content: {
            'multipart/form-data': { schema: z.object({ file: fileField, lineId: z.optional(z.string()) }) },
          },
        },
      },
      responses: {
        201: { description: 'The claim with the receipt', ...jsonContent(claimSchema) },
        ...problemResponses(400, 401, 403, 404, 413, 422),
      },
    }),
    async (c) => {
      const file = await uploaded(c.req.valid('form'));
      return c.json(
        await uploadReceipt(ctx, callerOf(c), c.req.valid('param').id, {
          data: file.data,
          fileName: file.name,
          lineId: file.lineId,
        }),
        201,
      );
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/expense-claims/{id}/receipts/{receiptId}',
      tags: ['expenses'],
      summary: 'Download a receipt (whoever may see the claim)',
      security: bearerSecurity,
      middleware: anyReader,
      request: { params: receiptParams },
      responses: {
        200: {
          description: 'The file',
          content: {
            'application/pdf': { schema: binary },
            'image/jpeg': { schema: binary },
            'image/png': { schema: binary },
          },
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id, receiptId } = c.req.valid('param');
      const file = await downloadReceipt(ctx, callerOf(c), id, receiptId);
      return c.body(file.body.slice(), 200, {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.fileName.replace(/"/g, '')}"`,
        'x-content-type-options': 'nosniff',
      });
    },
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/expense-claims/{id}/receipts/{receiptId}',
      tags: ['expenses'],
      summary: 'Remove a receipt from a draft of the caller’s own',
      security: bearerSecurity,
      middleware: claim,
      request: { params: receiptParams },
      responses: { 204: { description: 'Removed' }, ...problemResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { id, receiptId } = c.req.valid('param');
      await deleteReceipt(ctx, callerOf(c), id, receiptId);
      return c.body(null, 204);
    },
  );
  return r;
}
