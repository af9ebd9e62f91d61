import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  idParam,
  jsonContent,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import type { FinanceContext } from '../context';
import { confirmReceiptUpload, grantReceiptUpload } from './receipts';
import { claimSchema, fileField, receiptConfirmBody, receiptGrantBody, uploadGrantSchema } from './schemas';
import { LOCAL_UPLOAD_PATH, localUploadForm, storeLocalUpload } from './upload';

/**
 * Receipts sent straight to storage: the grant, the confirmation, and the local stand-in for S3's
 * POST. A route group of their own when deployed (the signing code stays out of the claims'
 * function, which is at the bundle budget).
 */
export function receiptUploadRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const claim = [requirePermission('finance.expenses.submit')];

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
  return r;
}
