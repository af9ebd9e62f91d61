import { ProblemError, unprocessable, verifyLocalUpload } from '@konecta/core';
import * as z from '@konecta/core/z';
import type { FinanceContext } from '../context';

/** The uploaded file of a multipart form's `file` field, or a 422 naming it. */
export async function uploaded(form: unknown): Promise<{ data: Uint8Array; name: string; lineId?: string }> {
  const { file, lineId } = (form ?? {}) as { file?: unknown; lineId?: unknown };
  if (!(file instanceof File))
    throw unprocessable('Attach the file as the form field "file".', [{ path: 'file', message: 'Required.' }]);
  if (lineId !== undefined && (typeof lineId !== 'string' || !z.uuid().safeParse(lineId).success))
    throw unprocessable('lineId must be the id of a line of this claim.', [{ path: 'lineId', message: 'Not a UUID.' }]);
  return {
    data: new Uint8Array(await file.arrayBuffer()),
    name: file.name,
    ...(lineId ? { lineId: lineId as string } : {}),
  };
}

/** Where the local stores' direct uploads are sent (the body limit of `…/receipts` applies). */
export const LOCAL_UPLOAD_PATH = '/api/finance/uploads/receipts';

/**
 * The local stand-in for S3's presigned POST: stores the bytes under the key a valid, unexpired
 * upload token names (403 otherwise), when no larger than its limit (413) and, if a type is
 * declared, of an allowed one (422). What the bytes really are is judged on confirmation.
 */
export async function storeLocalUpload(
  ctx: FinanceContext,
  token: unknown,
  data: Uint8Array | undefined,
  declaredType: string | undefined,
) {
  if (typeof token !== 'string' || !token) throw new ProblemError(403, 'The upload permission is missing.');
  const grant = verifyLocalUpload(token);
  if (!data) throw unprocessable('Attach the file as the form field "file".', [{ path: 'file', message: 'Required.' }]);
  if (data.byteLength > grant.maxBytes)
    throw new ProblemError(413, `The file is larger than ${Math.floor(grant.maxBytes / (1024 * 1024))} MB.`);
  if (data.byteLength === 0) throw unprocessable('The file is empty.', [{ path: 'file', message: 'Empty.' }]);
  const type = declaredType?.split(';')[0]?.trim() || 'application/octet-stream';
  if (declaredType && !grant.contentTypes.includes(type))
    throw unprocessable(`This upload takes ${grant.contentTypes.join(', ')}.`, [
      { path: 'Content-Type', message: 'Not allowed.' },
    ]);
  await ctx.files.put(grant.key, data, type);
}

/** The token and file of a local direct upload's multipart form. */
export async function localUploadForm(form: unknown) {
  const { token, file } = (form ?? {}) as { token?: unknown; file?: unknown };
  const declared = (form as Record<string, unknown> | undefined)?.['Content-Type'];
  return {
    token,
    data: file instanceof File ? new Uint8Array(await file.arrayBuffer()) : undefined,
    // Like S3's POST: the `Content-Type` field declares the type, not the file part's header.
    declaredType: typeof declared === 'string' ? declared : undefined,
  };
}
