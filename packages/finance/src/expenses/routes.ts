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
import { confirmReceiptUpload, deleteReceipt, downloadReceipt, grantReceiptUpload, uploadReceipt } from './receipts';
import {
  approveBody,
  approvedClaimSchema,
  categorySchema,
  claimBody,
  claimQuery,
  claimSchema,
  claimSummarySchema,
  fileField,
  receiptConfirmBody,
  receiptGrantBody,
  receiptParams,
  reimburseBody,
  rejectBody,
  uploadGrantSchema,
} from './schemas';
import { LOCAL_UPLOAD_PATH, localUploadForm, storeLocalUpload, uploaded } from './upload';

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
      method: 'post',
      path: '/expense-claims/{id}/receipts/uploads',
      tags: ['expenses'],
      summary: 'Grant a direct upload of a receipt to storage (step 1 of 2), for a draft of the caller’s own',
      description:
        'A one-time permission, valid five minutes, to send one file (PDF, JPEG or PNG, at most 5 MB) straight ' +
        'to storage under a key the server chose: POST a multipart form to `url` with every entry of `fields` ' +
        'first and the file last as `file` (and, when a `contentType` was given, the same `Content-Type` field). ' +
        'Then confirm it with `…/receipts/confirm`. A presigned S3 POST when deployed; locally a signed URL ' +
        'of this service.',
      security: bearerSecurity,
      middleware: claim,
      request: {
        params: idParam,
        body: { required: false, content: { 'application/json': { schema: receiptGrantBody } } },
      },
      responses: {
        201: { description: 'Where and how to upload', ...jsonContent(uploadGrantSchema) },
        ...problemResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const body = (c.req.valid('json') ?? {}) as z.infer<typeof receiptGrantBody>;
      return c.json(await grantReceiptUpload(ctx, callerOf(c), c.req.valid('param').id, body, LOCAL_UPLOAD_PATH), 201);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/expense-claims/{id}/receipts/confirm',
      tags: ['expenses'],
      summary: 'Attach a directly uploaded receipt (step 2 of 2), judged again by its stored size and content',
      description:
        'The stored file must be at most 5 MB and a PDF, JPEG or PNG by its first bytes; otherwise it is deleted ' +
        'and refused (422). Only a key granted for this claim, once.',
      security: bearerSecurity,
      middleware: claim,
      request: {
        params: idParam,
        body: { required: true, content: { 'application/json': { schema: receiptConfirmBody } } },
      },
      responses: {
        201: { description: 'The claim with the receipt', ...jsonContent(claimSchema) },
        ...problemResponses(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await confirmReceiptUpload(ctx, callerOf(c), c.req.valid('param').id, body), 201);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/uploads/receipts',
      tags: ['expenses'],
      summary: 'Local direct upload (what S3 does when deployed): stores a file under a granted key',
      description:
        'multipart/form-data: `token` (from an upload grant’s `fields`), optionally `Content-Type`, then `file`. ' +
        'The token is the permission: no bearer token needed. 403 for a tampered or expired token, 413 for a file ' +
        'over its limit.',
      request: {
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({ token: z.string(), 'Content-Type': z.optional(z.string()), file: fileField }),
            },
          },
        },
      },
      responses: { 204: { description: 'Stored' }, ...problemResponses(400, 403, 413, 422) },
    }),
    async (c) => {
      const form = await localUploadForm(c.req.valid('form'));
      await storeLocalUpload(ctx, form.token, form.data, form.declaredType);
      return c.body(null, 204);
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
