import { randomUUID } from 'node:crypto';
import {
  type Caller,
  checkUpload,
  type DetectedType,
  executorFor,
  forbidden,
  grantUpload,
  inTransaction,
  notFound,
  ProblemError,
  recordAudit,
  unprocessable,
} from '@konecta/core';
import { expenseClaimLines, expenseReceipts, expenseUploadGrants } from '@konecta/db';
import { and, eq } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { getClaim } from './claims';

/** A receipt may be a PDF, a JPEG or a PNG (a phone's photo), up to 5 MB, judged by its content. */
export const RECEIPT_MAX_BYTES = 5 * 1024 * 1024;
export const RECEIPT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
/** How long a direct-upload grant stays valid. */
export const RECEIPT_GRANT_SECONDS = 5 * 60;

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/** The claim, when it is a draft of the caller's own (receipts change only then). */
async function ownDraft(ctx: FinanceContext, caller: Caller, claimId: string) {
  const claim = await getClaim(ctx, caller, claimId);
  if (caller.kind !== 'user' || claim.employeeId !== caller.employeeId)
    throw forbidden('Only the employee who claims may attach receipts.');
  if (claim.status !== 'draft') throw unprocessable(`The claim is ${claim.status}; receipts are attached to drafts.`);
  return claim;
}

async function checkLine(ctx: FinanceContext, claimId: string, lineId: string | undefined) {
  if (!lineId) return;
  const [line] = await executorFor(ctx.db)
    .select()
    .from(expenseClaimLines)
    .where(and(eq(expenseClaimLines.id, lineId), eq(expenseClaimLines.claimId, claimId)));
  if (!line) throw unprocessable('No such line on this claim.', [{ path: 'lineId', message: 'No such line.' }]);
}

/** Writes the receipt's row (and its audit) for a file already stored under `key`. */
async function attach(
  ctx: FinanceContext,
  caller: Caller,
  claimId: string,
  file: { key: string; size: number; contentType: DetectedType; fileName: string; lineId?: string },
) {
  const id = randomUUID();
  // Once per key: a direct upload's grant is consumed with it (confirmReceiptUpload), a body
  // upload's key is new, and expense_receipts_key_idx is unique.
  await inTransaction(ctx.db, async (tx) => {
    await tx.insert(expenseReceipts).values({
      id,
      claimId,
      lineId: file.lineId ?? null,
      fileKey: file.key,
      fileName: file.fileName.replace(/[^\w .()-]/g, '_').slice(0, 120) || `receipt.${EXTENSIONS[file.contentType]}`,
      contentType: file.contentType,
      size: file.size,
      uploadedBy: caller.id,
    });
    await recordAudit(tx, {
      action: 'expense-receipt.uploaded',
      entityType: 'expense_claim',
      entityId: claimId,
      after: { receiptId: id, contentType: file.contentType, size: file.size },
      actor: caller,
      service: 'finance',
    });
  });
}

/**
 * Attaches a receipt sent in the request body to a claim of the caller's own while it is a draft
 * (to one of its lines when `lineId` is given): the small-body route, kept for API clients; a
 * deployed function cannot take a 5 MB file this way (see `grantReceiptUpload`). The file is stored
 * first under a fresh key and the row written after; a failed write removes the file again.
 */
export async function uploadReceipt(
  ctx: FinanceContext,
  caller: Caller,
  claimId: string,
  input: { data: Uint8Array; fileName: string; lineId?: string },
) {
  await ownDraft(ctx, caller, claimId);
  const contentType = checkUpload(input.data, { field: 'file', maxBytes: RECEIPT_MAX_BYTES, allowed: RECEIPT_TYPES });
  await checkLine(ctx, claimId, input.lineId);
  const key = `expenses/${claimId}/${randomUUID()}.${EXTENSIONS[contentType]}`;
  await ctx.files.put(key, input.data, contentType);
  try {
    await attach(ctx, caller, claimId, { ...input, key, size: input.data.byteLength, contentType });
  } catch (err) {
    await ctx.files.delete(key);
    throw err;
  }
  return getClaim(ctx, caller, claimId);
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Keys granted for direct uploads to a claim: `expenses/<claim>/incoming/<uuid>`. */
const grantedKey = (claimId: string, key: string) => new RegExp(`^expenses/${claimId}/incoming/${UUID}$`).test(key);

/**
 * Step 1 of a direct upload: a one-time grant for the browser to send the file straight to storage
 * (a presigned S3 POST when deployed, a signed URL of this service locally), under a key the
 * server chooses, at most 5 MB, expiring in five minutes. `localUrl` is where local uploads go.
 */
export async function grantReceiptUpload(
  ctx: FinanceContext,
  caller: Caller,
  claimId: string,
  input: { contentType?: (typeof RECEIPT_TYPES)[number] },
  localUrl: string,
) {
  await ownDraft(ctx, caller, claimId);
  const key = `expenses/${claimId}/incoming/${randomUUID()}`;
  // Recorded before the browser is told the key: an upload never confirmed is found and deleted.
  await executorFor(ctx.db).insert(expenseUploadGrants).values({ fileKey: key, claimId, grantedAt: ctx.now() });
  return grantUpload(ctx.files, key, {
    maxBytes: RECEIPT_MAX_BYTES,
    contentTypes: RECEIPT_TYPES,
    ...(input.contentType ? { contentType: input.contentType } : {}),
    expiresInSeconds: RECEIPT_GRANT_SECONDS,
    localUrl,
  });
}

/**
 * Step 2: attaches what was uploaded under a granted key. The stored object is judged again, its
 * real size and its type from its first bytes; a wrong one is deleted and refused. A key this claim
 * was not granted is refused, and so is one already attached or left unconfirmed until it expired.
 * The grant is consumed (its row deleted, so locked) before the file is read, in the transaction
 * that records the receipt: the `expireUploads` job deletes a file only while it holds the grant, so
 * it never deletes a file being attached.
 */
export async function confirmReceiptUpload(
  ctx: FinanceContext,
  caller: Caller,
  claimId: string,
  input: { key: string; fileName: string; lineId?: string },
) {
  await ownDraft(ctx, caller, claimId);
  if (!grantedKey(claimId, input.key))
    throw unprocessable('That is not an upload granted for this claim.', [{ path: 'key', message: 'Not granted.' }]);
  await checkLine(ctx, claimId, input.lineId);
  await inTransaction(ctx.db, async (tx) => {
    // Consumed here and locked until the receipt is recorded; a refusal below rolls it back.
    const [grant] = await tx
      .delete(expenseUploadGrants)
      .where(and(eq(expenseUploadGrants.fileKey, input.key), eq(expenseUploadGrants.claimId, claimId)))
      .returning({ fileKey: expenseUploadGrants.fileKey });
    if (!grant) {
      const [attached] = await tx
        .select({ id: expenseReceipts.id })
        .from(expenseReceipts)
        .where(and(eq(expenseReceipts.claimId, claimId), eq(expenseReceipts.fileKey, input.key)));
      if (attached)
        throw unprocessable('This upload is already attached.', [{ path: 'key', message: 'Already attached.' }]);
      throw unprocessable('That upload was left unconfirmed too long and has been removed; upload the file again.', [
        { path: 'key', message: 'Expired.' },
      ]);
    }
    const file = await ctx.files.get(input.key);
    if (!file)
      throw unprocessable('Nothing was uploaded under that key.', [{ path: 'key', message: 'Upload the file first.' }]);
    let contentType: DetectedType;
    try {
      contentType = checkUpload(file.body, { field: 'file', maxBytes: RECEIPT_MAX_BYTES, allowed: RECEIPT_TYPES });
    } catch (err) {
      await ctx.files.delete(input.key);
      // The request is small; what is too large is the stored file, so 422 rather than 413.
      if (err instanceof ProblemError && err.status === 413)
        throw unprocessable(err.message, [{ path: 'key', message: 'The file is larger than 5 MB.' }]);
      throw err;
    }
    await attach(ctx, caller, claimId, { ...input, size: file.body.byteLength, contentType });
  });
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
