/**
 * Receipts uploaded straight to storage (issue 15): a grant for a server-chosen key, the upload to
 * the local stand-in of S3's presigned POST, and the confirmation that judges the stored file again.
 * Refused: tampered and expired tokens, oversize files, a program named .pdf, another claim's key.
 */
import { inTransaction, signLocalUpload, type UploadGrant } from '@konecta/core';
import { expenseReceipts, expenseUploadGrants } from '@konecta/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireUploads, UNCONFIRMED_UPLOAD_MS } from '../src/expenses/upload-expiry';
import { claimOf, type Org, type Person, seedOrg, TINY_PNG } from './expense-helpers';
import { createHarness, expectJson, expectProblem, type Harness, openYear, requester } from './helpers';

let h: Harness;
let org: Org;
let api: ReturnType<typeof requester>;
beforeAll(async () => {
  h = await createHarness({ now: '2026-03-15T10:00:00Z' });
  await openYear(h, 2026);
  org = await seedOrg(h);
  api = requester(h.app);
});
afterAll(() => h?.close());

type Grant = UploadGrant;
interface Claim {
  id: string;
  receipts: { id: string; contentType: string }[];
}

const TINY_PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** A Windows program's first bytes ("MZ"), to be named receipt.pdf. */
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);

async function draft(who: Person, title = 'Taxi') {
  const claim = await expectJson<Claim>(
    await api.post('/expense-claims', who.token, claimOf(org, title, [['travel', '150.00']])),
    201,
  );
  return claim.id;
}

const grantFor = (who: Person, claimId: string, body?: object) =>
  api.post(`/expense-claims/${claimId}/receipts/uploads`, who.token, body);

/** What the browser does: the grant's fields first, then the file; no bearer token. */
function send(grant: Grant, data: Uint8Array, name: string, fields: Record<string, string> = grant.fields) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new File([data.slice()], name));
  return h.app.request(grant.url, { method: grant.method, body: form });
}

const confirm = (who: Person, claimId: string, body: object) =>
  api.post(`/expense-claims/${claimId}/receipts/confirm`, who.token, body);

const receiptsOf = async (claimId: string) =>
  h.db.db.select().from(expenseReceipts).where(eq(expenseReceipts.claimId, claimId));

describe('a receipt uploaded straight to storage', () => {
  it('grant → upload → confirm attaches a PNG; its download is the same bytes', async () => {
    const id = await draft(org.employee);
    const grant = await expectJson<Grant>(await grantFor(org.employee, id), 201);
    expect(grant.url).toBe('/api/finance/uploads/receipts');
    expect(grant.key).toMatch(new RegExp(`^expenses/${id}/incoming/[0-9a-f-]{36}$`));
    expect(grant.maxBytes).toBe(5 * 1024 * 1024);
    expect(Date.parse(grant.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000);
    const sent = await send(grant, TINY_PNG, 'photo.png');
    expect(sent.status, await sent.clone().text()).toBe(204);
    const claim = await expectJson<Claim>(
      await confirm(org.employee, id, { key: grant.key, fileName: 'photo.png' }),
      201,
    );
    expect(claim.receipts).toHaveLength(1);
    expect(claim.receipts[0]?.contentType).toBe('image/png');
    const file = await api.get(`/expense-claims/${id}/receipts/${claim.receipts[0]?.id}`, org.manager.token);
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(TINY_PNG);
    // Once only.
    await expectProblem(await confirm(org.employee, id, { key: grant.key }), 422);
    expect(await receiptsOf(id)).toHaveLength(1);
  });

  it('a PDF with a declared type, attached to one line', async () => {
    const id = await draft(org.employee);
    const claim = await expectJson<{ lines: { id: string }[] }>(
      await api.get(`/expense-claims/${id}`, org.employee.token),
      200,
    );
    const grant = await expectJson<Grant>(await grantFor(org.employee, id, { contentType: 'application/pdf' }), 201);
    expect((await send(grant, TINY_PDF, 'bill.pdf')).status).toBe(204);
    const lineId = claim.lines[0]?.id;
    const after = await expectJson<Claim>(
      await confirm(org.employee, id, { key: grant.key, fileName: 'bill.pdf', lineId }),
      201,
    );
    expect(after.receipts[0]?.contentType).toBe('application/pdf');
    expect((await receiptsOf(id))[0]?.lineId).toBe(lineId);
  });

  it('a tampered or expired token is refused (403) and nothing is stored', async () => {
    const id = await draft(org.employee);
    const grant = await expectJson<Grant>(await grantFor(org.employee, id), 201);
    const [body, mac] = (grant.fields.token ?? '').split('.');
    const claims = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, maxBytes: 50 * 1024 * 1024 })).toString('base64url');
    await expectProblem(await send(grant, TINY_PNG, 'a.png', { token: `${forged}.${mac}` }), 403);
    const expired = signLocalUpload({ ...claims, exp: Math.floor(Date.now() / 1000) - 1 });
    const problem = await expectProblem(await send(grant, TINY_PNG, 'a.png', { token: expired }), 403);
    expect(problem.detail).toMatch(/expired/);
    await expectProblem(await send(grant, TINY_PNG, 'a.png', {}), 422); // no token at all
    expect(await h.ctx.files.get(grant.key)).toBeUndefined();
    await expectProblem(await confirm(org.employee, id, { key: grant.key }), 422);
    expect(await receiptsOf(id)).toHaveLength(0);
  });

  it('a file over 5 MB is refused at upload (413); one stored past the limit is deleted on confirm (422)', async () => {
    const id = await draft(org.employee);
    const grant = await expectJson<Grant>(await grantFor(org.employee, id), 201);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(TINY_PNG);
    await expectProblem(await send(grant, big, 'big.png'), 413);
    expect(await h.ctx.files.get(grant.key)).toBeUndefined();
    // As if storage had let it through: confirmation judges the stored size itself.
    await h.ctx.files.put(grant.key, big, 'image/png');
    const problem = await expectProblem(await confirm(org.employee, id, { key: grant.key }), 422);
    expect(problem.detail).toMatch(/larger than 5 MB/);
    expect(await h.ctx.files.get(grant.key)).toBeUndefined();
    expect(await receiptsOf(id)).toHaveLength(0);
  });

  it('a program named receipt.pdf is uploaded but refused on confirm (422) and deleted', async () => {
    const id = await draft(org.employee);
    const grant = await expectJson<Grant>(await grantFor(org.employee, id, { contentType: 'application/pdf' }), 201);
    expect((await send(grant, EXE, 'receipt.pdf')).status).toBe(204);
    const problem = await expectProblem(
      await confirm(org.employee, id, { key: grant.key, fileName: 'receipt.pdf' }),
      422,
    );
    expect(problem.detail).toMatch(/PDF, JPEG, PNG/);
    expect(await h.ctx.files.get(grant.key)).toBeUndefined();
    expect(await receiptsOf(id)).toHaveLength(0);
  });

  it('the key of another claim, or one the server did not choose, is refused (422); nothing attached', async () => {
    const mine = await draft(org.employee, 'Mine');
    const other = await draft(org.employee, 'Other');
    const grant = await expectJson<Grant>(await grantFor(org.employee, other), 201);
    expect((await send(grant, TINY_PNG, 'a.png')).status).toBe(204);
    await expectProblem(await confirm(org.employee, mine, { key: grant.key }), 422);
    await expectProblem(await confirm(org.employee, mine, { key: `expenses/${mine}/../${other}/x` }), 422);
    await expectProblem(await confirm(org.employee, mine, { key: `expenses/${mine}/incoming/not-a-uuid` }), 422);
    expect(await receiptsOf(mine)).toHaveLength(0);
    expect(await h.ctx.files.get(grant.key)).toBeDefined();
  });

  it('only the claim’s own employee, only while draft, gets a grant or confirms', async () => {
    const id = await draft(org.employee);
    await expectProblem(await grantFor(org.other, id), 404);
    await expectProblem(await grantFor(org.manager, id), 403);
    const grant = await expectJson<Grant>(await grantFor(org.employee, id), 201);
    expect((await send(grant, TINY_PNG, 'a.png')).status).toBe(204);
    await expectProblem(await confirm(org.other, id, { key: grant.key }), 404);
    await expectProblem(await confirm(org.manager, id, { key: grant.key }), 403);
    expect((await api.post(`/expense-claims/${id}/submit`, org.employee.token)).status).toBe(200);
    await expectProblem(await grantFor(org.employee, id), 422);
    await expectProblem(await confirm(org.employee, id, { key: grant.key }), 422);
    expect(await receiptsOf(id)).toHaveLength(0);
  });

  it('an upload never confirmed is deleted by the hourly job once an hour has passed; confirmed and recent ones stay', async () => {
    const id = await draft(org.employee, 'Abandoned upload');
    const abandoned = await expectJson<Grant>(await grantFor(org.employee, id), 201);
    expect((await send(abandoned, TINY_PNG, 'a.png')).status).toBe(204);
    const kept = await expectJson<Grant>(await grantFor(org.employee, id), 201);
    expect((await send(kept, TINY_PNG, 'b.png')).status).toBe(204);
    await expectJson(await confirm(org.employee, id, { key: kept.key, fileName: 'b.png' }), 201);
    // A grant never used at all: nothing stored, the grant goes all the same.
    const unused = await expectJson<Grant>(await grantFor(org.employee, id), 201);

    // Earlier tests here left grants of their own; the figures below are this claim's.
    const pending = async () =>
      (await h.db.db.select().from(expenseUploadGrants).where(eq(expenseUploadGrants.claimId, id)))
        .map((g) => g.fileKey)
        .sort();
    await expireUploads(h.ctx); // not an hour yet
    expect(await pending()).toEqual([abandoned.key, unused.key].sort());
    h.clock.advance(UNCONFIRMED_UPLOAD_MS + 1000);
    const recent = await expectJson<Grant>(await grantFor(org.employee, id), 201);
    expect((await send(recent, TINY_PNG, 'c.png')).status).toBe(204);

    expect((await expireUploads(h.ctx)).expired).toBeGreaterThanOrEqual(2);
    expect(await h.ctx.files.get(abandoned.key)).toBeUndefined();
    expect(await h.ctx.files.get(kept.key)).toBeDefined();
    expect(await h.ctx.files.get(recent.key)).toBeDefined();
    expect(await pending()).toEqual([recent.key]);

    const late = await expectProblem(await confirm(org.employee, id, { key: abandoned.key, fileName: 'a.png' }), 422);
    expect(late.detail).toMatch(/unconfirmed too long/);
    await expectJson(await confirm(org.employee, id, { key: recent.key, fileName: 'c.png' }), 201);
    expect(await expireUploads(h.ctx)).toEqual({ expired: 0 }); // safe to run again
    expect((await receiptsOf(id)).map((r) => r.fileKey).sort()).toEqual([kept.key, recent.key].sort());
  });

  it('a deleted draft’s pending uploads are still deleted by the job', async () => {
    const id = await draft(org.employee, 'Deleted draft');
    const grant = await expectJson<Grant>(await grantFor(org.employee, id), 201);
    expect((await send(grant, TINY_PNG, 'a.png')).status).toBe(204);
    expect((await api.del(`/expense-claims/${id}`, org.employee.token)).status).toBe(204);
    h.clock.advance(UNCONFIRMED_UPLOAD_MS + 1000);
    expect((await expireUploads(h.ctx)).expired).toBeGreaterThanOrEqual(1);
    expect(await h.ctx.files.get(grant.key)).toBeUndefined();
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'the job skips a grant a confirmation holds, which then attaches its file (PostgreSQL)',
    async () => {
      const id = await draft(org.employee, 'Slow confirmation');
      const grant = await expectJson<Grant>(await grantFor(org.employee, id), 201);
      expect((await send(grant, TINY_PNG, 'a.png')).status).toBe(204);
      h.clock.advance(UNCONFIRMED_UPLOAD_MS + 1000);
      // Holds the grant's row as a confirmation does between reading the file and recording it.
      let release = () => {};
      const released = new Promise<void>((done) => {
        release = done;
      });
      let locked = () => {};
      const isLocked = new Promise<void>((done) => {
        locked = done;
      });
      const holder = inTransaction(h.db.db, async (tx) => {
        await tx.select().from(expenseUploadGrants).where(eq(expenseUploadGrants.fileKey, grant.key)).for('update');
        locked();
        await released;
      });
      await isLocked;
      await expireUploads(h.ctx);
      expect(await h.ctx.files.get(grant.key)).toBeDefined();
      release();
      await holder;
      await expectJson(await confirm(org.employee, id, { key: grant.key, fileName: 'a.png' }), 201);
      expect(await receiptsOf(id)).toHaveLength(1);
    },
  );
});
