import { randomUUID } from 'node:crypto';
import {
  type Caller,
  checkUpload,
  executorFor,
  forbidden,
  inTransaction,
  notFound,
  recordAudit,
  unprocessable,
} from '@konecta/core';
import { expenseClaimLines, expenseReceipts } from '@konecta/db';
import { and, eq } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { getClaim } from './claims';

/** A receipt may be a PDF, a JPEG or a PNG (a phone's photo), up to 5 MB, judged by its content. */
export const RECEIPT_MAX_BYTES = 5 * 1024 * 1024;
const RECEIPT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/**
 * Attaches a receipt to a claim of the caller's own while it is a draft (to one of its lines when
 * `lineId` is given). The file is stored first under a fresh key and the row written after; a
 * failed write removes the file again.
 */
export async function uploadReceipt(
  ctx: FinanceContext,
  caller: Caller,
  claimId: string,
  input: { data: Uint8Array; fileName: string; lineId?: string },
) {
  const claim = await getClaim(ctx, caller, claimId);
  if (caller.kind !== 'user' || claim.employeeId !== caller.employeeId)
    throw forbidden('Only the employee who claims may attach receipts.');
  if (claim.status !== 'draft') throw unprocessable(`The claim is ${claim.status}; receipts are attached to drafts.`);
  const contentType = checkUpload(input.data, { field: 'file', maxBytes: RECEIPT_MAX_BYTES, allowed: RECEIPT_TYPES });
  if (input.lineId) {
    const [line] = await executorFor(ctx.db)
      .select()
      .from(expenseClaimLines)
      .where(and(eq(expenseClaimLines.id, input.lineId), eq(expenseClaimLines.claimId, claimId)));
    if (!line) throw unprocessable('No such line on this claim.', [{ path: 'lineId', message: 'No such line.' }]);
  }
  const id = randomUUID();
  const key = `expenses/${claimId}/${id}.${EXTENSIONS[contentType]}`;
  await ctx.files.put(key, input.data, contentType);
  try {
    await inTransaction(ctx.db, async (tx) => {
      await tx.insert(expenseReceipts).values({
        id,
        claimId,
        lineId: input.lineId ?? null,
        fileKey: key,
        fileName: input.fileName.replace(/[^\w .()-]/g, '_').slice(0, 120) || `receipt.${EXTENSIONS[contentType]}`,
        contentType,
        size: input.data.byteLength,
        uploadedBy: caller.id,
      });
      await recordAudit(tx, {
        action: 'expense-receipt.uploaded',
        entityType: 'expense_claim',
        entityId: claimId,
        after: { receiptId: id, contentType, size: input.data.byteLength },
        actor: caller,
        service: 'finance',
      });
    });
  } catch (err) {
    await ctx.files.delete(key);
    throw err;
  }
  return getClaim(ctx, caller, claimId);
}

/** A receipt's file, for whoever may see its claim (the employee, their manager, finance). */
export async function downloadReceipt(ctx: FinanceContext, caller: Caller, claimId: string, receiptId: string) {
  await getClaim(ctx, caller, claimId);
  const [receipt] = await executorFor(ctx.db)
    .select()
    .from(expenseReceipts)
    .where(and(eq(expenseReceipts.id, receiptId), eq(expenseReceipts.claimId, claimId)));
  if (!receipt) throw notFound('No such receipt.');
  const file = await ctx.files.get(receipt.fileKey);
  if (!file) throw notFound('The receipt file is missing from storage.');
  return { body: file.body, contentType: receipt.contentType, fileName: receipt.fileName };
}

/** Removes a receipt from a draft of the caller's own. */
export async function deleteReceipt(ctx: FinanceContext, caller: Caller, claimId: string, receiptId: string) {
  const claim = await getClaim(ctx, caller, claimId);
  if (caller.kind !== 'user' || claim.employeeId !== caller.employeeId)
    throw forbidden('Only the employee who claims may remove receipts.');
  if (claim.status !== 'draft') throw unprocessable(`The claim is ${claim.status}; its receipts stay.`);
  const [receipt] = await executorFor(ctx.db)
    .delete(expenseReceipts)
    .where(and(eq(expenseReceipts.id, receiptId), eq(expenseReceipts.claimId, claimId)))
    .returning();
  if (!receipt) throw notFound('No such receipt.');
  await ctx.files.delete(receipt.fileKey);
}
