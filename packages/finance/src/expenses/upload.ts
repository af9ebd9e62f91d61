import { unprocessable } from '@konecta/core';
import * as z from '@konecta/core/z';

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
