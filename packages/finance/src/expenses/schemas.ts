import { isoDate, listQuery, moneyInput, moneySchema } from '@konecta/core';
import * as z from '@konecta/core/z';
import { expenseClaimStatus } from '@konecta/db';

/** Request and response schemas of expense claims, receipts and department expense imports. */

const lineBody = z.strictObject({
  date: isoDate,
  categoryId: z.uuid(),
  amount: moneyInput({ sign: 'positive' }),
  projectId: z.optional(z.nullable(z.uuid())),
  description: z._default(z.string().check(z.trim(), z.maxLength(500)), ''),
});

export const claimBody = z.strictObject({
  title: z.string().check(z.trim(), z.minLength(1, 'Give the claim a title.'), z.maxLength(200)),
  lines: z.array(lineBody).check(z.minLength(1, 'A claim needs at least one line.'), z.maxLength(100)),
});

export const approveBody = z.strictObject({
  overrideReason: z.openapi(z.optional(z.string().check(z.trim(), z.maxLength(500))), {
    description: 'Finance managers only: the reason to approve over a budget set to stop (audited).',
  }),
});

export const rejectBody = z.strictObject({
  reason: z.string().check(z.trim(), z.minLength(1, 'Give the reason for rejecting.'), z.maxLength(1000)),
});

export const reimburseBody = z.strictObject({
  paidFromAccountId: z.openapi(z.optional(z.uuid()), {
    description: 'The bank or cash account it is paid from; the operating bank account unless given.',
  }),
  date: z.optional(isoDate),
});

export const claimQuery = z.extend(listQuery(), {
  scope: z.optional(z.enum(['mine', 'team', 'all'])),
  status: z.optional(z.enum(expenseClaimStatus.enumValues)),
  employeeId: z.optional(z.uuid()),
  departmentId: z.optional(z.uuid()),
});

export const claimSummarySchema = z.openapi(
  z.object({
    id: z.uuid(),
    employeeId: z.uuid(),
    employeeName: z.string(),
    departmentId: z.nullable(z.uuid()),
    departmentName: z.nullable(z.string()),
    title: z.string(),
    total: moneySchema,
    status: z.enum(expenseClaimStatus.enumValues),
    submittedAt: z.nullable(z.string()),
    decidedByName: z.nullable(z.string()),
    decidedAt: z.nullable(z.string()),
    rejectReason: z.nullable(z.string()),
    reimbursedAt: z.nullable(z.string()),
    createdAt: z.string(),
  }),
  'ExpenseClaimSummary',
);

export const claimSchema = z.openapi(
  z.extend(claimSummarySchema, {
    currency: z.string(),
    budgetNotes: z.array(z.string()),
    approvalEntryId: z.nullable(z.uuid()),
    reimbursementEntryId: z.nullable(z.uuid()),
    canDecide: z.openapi(z.boolean(), { description: 'Whether the caller may approve or reject it now.' }),
    lines: z.array(
      z.object({
        id: z.uuid(),
        lineNo: z.int(),
        date: z.string(),
        categoryId: z.uuid(),
        categoryName: z.string(),
        accountCode: z.string(),
        amount: moneySchema,
        projectId: z.nullable(z.uuid()),
        description: z.string(),
      }),
    ),
    receipts: z.array(
      z.object({
        id: z.uuid(),
        lineId: z.nullable(z.uuid()),
        fileName: z.string(),
        contentType: z.string(),
        size: z.int(),
        createdAt: z.string(),
      }),
    ),
  }),
  'ExpenseClaim',
);

export const approvedClaimSchema = z.openapi(
  z.extend(claimSchema, {
    warnings: z.openapi(z.array(z.string()), { description: 'Budgets (set to warn) this approval took over.' }),
  }),
  'ApprovedExpenseClaim',
);

export const categorySchema = z.openapi(
  z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    accountId: z.uuid(),
    accountCode: z.string(),
    accountName: z.string(),
  }),
  'ExpenseCategory',
);

export const receiptParams = z.object({
  id: z.openapi(z.uuid(), { param: { name: 'id', in: 'path' } }),
  receiptId: z.openapi(z.uuid(), { param: { name: 'receiptId', in: 'path' } }),
});

export const fileField = z.openapi(z.any(), { type: 'string', format: 'binary' });

const receiptType = z.enum(['application/pdf', 'image/jpeg', 'image/png']);

/** Asking for a direct upload: the type the browser will send, when it knows it. */
export const receiptGrantBody = z.strictObject({ contentType: z.optional(receiptType) });

/** A one-time direct upload: POST a multipart form to `url` with `fields` first, then `file`. */
export const uploadGrantSchema = z.openapi(
  z.object({
    url: z.string(),
    method: z.literal('POST'),
    fields: z.record(z.string(), z.string()),
    key: z.string(),
    maxBytes: z.number(),
    expiresAt: z.string(),
  }),
  'UploadGrant',
);

/** Attaching what was uploaded under a granted key. */
export const receiptConfirmBody = z.strictObject({
  key: z.string().check(z.minLength(1), z.maxLength(300)),
  fileName: z._default(z.string().check(z.maxLength(255)), ''),
  lineId: z.optional(z.uuid()),
});

export const importQuery = z.object({
  dryRun: z.openapi(
    z.pipe(
      z._default(z.enum(['true', 'false']), 'false'),
      z.transform((v) => v === 'true'),
    ),
    { description: 'Only report what the import would do.' },
  ),
});

export const expenseImportReportSchema = z.openapi(
  z.object({
    dryRun: z.boolean(),
    total: z.int(),
    inserted: z.int(),
    updated: z.int(),
    skipped: z.int(),
    rejected: z.int(),
    rows: z.array(
      z.object({
        row: z.int(),
        status: z.enum(['inserted', 'updated', 'skipped', 'rejected']),
        department: z.optional(z.string()),
        category: z.optional(z.string()),
        month: z.optional(z.string()),
        amount: z.optional(z.string()),
        errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
      }),
    ),
  }),
  'ExpenseImportReport',
);
