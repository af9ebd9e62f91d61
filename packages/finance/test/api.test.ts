/**
 * The finance API through the real app with real tokens: the contract paths, 422s naming fields,
 * the database's refusals as problems, files, and role × operation for the finance permissions.
 */
import { auditLog, outbox } from '@konecta/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPeriods } from '../src/periods/periods';
import {
  createHarness,
  expectJson,
  expectProblem,
  type Harness,
  openYear,
  type RoleName,
  requester,
  roleNames,
  tokenAs,
} from './helpers';

let h: Harness;
let api: ReturnType<typeof requester>;
let manager: string;
let staff: string;
beforeAll(async () => {
  h = await createHarness({ now: '2026-03-15T10:00:00Z' });
  api = requester(h.app);
  manager = await tokenAs(h.keys, 'Finance Manager');
  staff = await tokenAs(h.keys, 'Finance Staff');
  await openYear(h, 2026);
});
afterAll(() => h?.close());

type Entry = { id: string; number: string | null; status: string; totals: { debit: string; credit: string } };

describe('journal entries over HTTP', () => {
  it('drafts with decimal strings, posts, shows in the trial balance, reverses', async () => {
    const draft = await expectJson<Entry>(
      await api.post('/journal-entries', staff, {
        date: '2026-03-02',
        memo: 'Office chairs',
        lines: [
          { accountId: h.account('1210'), debit: '12500.50', credit: '0', description: 'Chairs' },
          { accountId: h.account('1120'), debit: '0', credit: '12500.5' },
        ],
      }),
      201,
    );
    expect(draft).toMatchObject({ status: 'draft', number: null, totals: { debit: '12500.50', credit: '12500.50' } });
    const posted = await expectJson<Entry>(await api.post(`/journal-entries/${draft.id}/post`, staff), 200);
    expect(posted).toMatchObject({ status: 'posted', number: expect.stringMatching(/^JE-2026-/) });
    const tb = await expectJson<{
      rows: { code: string; debit: string; credit: string }[];
      totals: { debit: string; credit: string };
    }>(await api.get('/reports/trial-balance?from=2026-01-01&to=2026-03-31', staff));
    expect(tb.rows.find((r) => r.code === '1210')).toMatchObject({ debit: '12500.50', credit: '0.00' });
    expect(tb.totals).toEqual({
      periodDebit: '12500.50',
      periodCredit: '12500.50',
      debit: '12500.50',
      credit: '12500.50',
    });
    await expectProblem(await api.post(`/journal-entries/${draft.id}/post`, staff), 409);
    const edit = await expectProblem(
      await api.patch(`/journal-entries/${draft.id}`, staff, {
        date: '2026-03-02',
        lines: [
          { accountId: h.account('1210'), debit: '1' },
          { accountId: h.account('1120'), credit: '1' },
        ],
      }),
      409,
    );
    expect(edit.detail).toMatch(/reverse/);
    const reversal = await expectJson<Entry & { reversesId: string; date: string }>(
      await api.post(`/journal-entries/${draft.id}/reverse`, staff),
      201,
    );
    expect(reversal).toMatchObject({ reversesId: draft.id, date: '2026-03-15', status: 'posted' });
    await expectProblem(await api.post(`/journal-entries/${draft.id}/reverse`, staff), 409);
  });

  it('bad input answers 4xx naming the field, never 500', async () => {
    const lines = (a: string, b: string) => [
      { accountId: h.account('5500'), debit: a },
      { accountId: h.account('1110'), credit: b },
    ];
    const cases: [unknown, number, string][] = [
      [{ date: '2026-03-02', lines: lines('10.001', '10.001') }, 422, 'lines.0.debit'],
      [{ date: '2026-03-02', lines: lines('10', '9') }, 422, 'lines'],
      [{ date: '2026-03-02', lines: lines('-10', '-10') }, 422, 'lines.0.debit'],
      [{ date: '2026-02-30', lines: lines('10', '10') }, 422, 'date'],
      [{ date: '2026-03-02', lines: [{ accountId: h.account('5500'), debit: '10' }] }, 422, 'lines'],
      [
        {
          date: '2026-03-02',
          lines: [
            { accountId: h.account('5000'), debit: '10' },
            { accountId: h.account('1110'), credit: '10' },
          ],
        },
        422,
        'lines.0.accountId',
      ],
      [{ date: '2026-03-02', currency: 'XYZ', lines: lines('10', '10') }, 422, 'currency'],
      [{ date: '2026-03-02', currency: 'USD', lines: lines('10', '10') }, 422, 'rate'],
      [{ date: '2026-03-02', lines: lines('99999999999999999', '1') }, 422, 'lines.0.debit'],
    ];
    for (const [body, status, path] of cases) {
      const problem = await expectProblem(await api.post('/journal-entries', staff, body), status);
      expect(
        problem.errors?.map((e) => e.path),
        JSON.stringify(body),
      ).toContain(path);
    }
  });

  it('posting into a closed period is refused with 422 naming the date; reopening needs a reason', async () => {
    const feb = (await listPeriods(h.ctx, {})).items.find((p) => p.name === '2026-02');
    await expectJson(await api.post(`/periods/${feb?.id}/close`, manager), 200);
    await expectProblem(await api.post(`/periods/${feb?.id}/close`, manager), 409);
    const draft = await expectJson<Entry>(
      await api.post('/journal-entries', staff, {
        date: '2026-02-10',
        lines: [
          { accountId: h.account('5500'), debit: '5' },
          { accountId: h.account('1110'), credit: '5' },
        ],
      }),
      201,
    );
    const refused = await expectProblem(await api.post(`/journal-entries/${draft.id}/post`, staff), 422);
    expect(refused).toMatchObject({ detail: 'The period of this date is closed.', errors: [{ path: 'date' }] });
    expect(JSON.stringify(refused)).not.toContain('journal_entries_period_closed');
    const noReason = await expectProblem(await api.post(`/periods/${feb?.id}/reopen`, manager, {}), 422);
    expect(noReason.errors?.map((e) => e.path)).toContain('reason');
    await expectProblem(await api.post(`/periods/${feb?.id}/reopen`, staff, { reason: 'not mine to reopen' }), 403);
    const reopened = await expectJson(
      await api.post(`/periods/${feb?.id}/reopen`, manager, { reason: 'Bank charge missed' }),
      200,
    );
    expect(reopened).toMatchObject({ status: 'open', reopenReason: 'Bank charge missed' });
    await expectJson(await api.post(`/journal-entries/${draft.id}/post`, staff), 200);
  });
});

describe('audit and events', () => {
  it('a posting, a reversal, a period close and a year close are audited with who, and publish their events', async () => {
    const sub = '7a1f9a52-0000-4000-8000-00000000a0d1';
    const token = await tokenAs(h.keys, 'Finance Manager', sub);
    await expectJson(await api.post('/fiscal-years', token, { year: 2023 }), 201);
    const draft = await expectJson<Entry>(
      await api.post('/journal-entries', token, {
        date: '2023-05-02',
        memo: 'Audited',
        lines: [
          { accountId: h.account('5500'), debit: '40' },
          { accountId: h.account('1110'), credit: '40' },
        ],
      }),
      201,
    );
    const posted = await expectJson<Entry>(await api.post(`/journal-entries/${draft.id}/post`, token));
    const reversal = await expectJson<Entry>(await api.post(`/journal-entries/${draft.id}/reverse`, token), 201);
    const may = (await listPeriods(h.ctx, {})).items.find((p) => p.name === '2023-05');
    await expectJson(await api.post(`/periods/${may?.id}/close`, token));
    const fy = (
      await expectJson<{ items: { id: string; name: string }[] }>(await api.get('/fiscal-years', token))
    ).items.find((y) => y.name === 'FY2023');
    await expectJson(await api.post(`/fiscal-years/${fy?.id}/close`, token));
    const audits = await h.db.db.select().from(auditLog).where(eq(auditLog.actorId, sub));
    expect(audits.map((a) => a.action).sort()).toEqual(
      [
        'fiscal-year.closed',
        'fiscal-year.created',
        'journal-entry.drafted',
        'journal-entry.drafted', // the closing entry
        'journal-entry.posted',
        'journal-entry.posted',
        'journal-entry.posted',
        'journal-entry.reversed',
        'period.closed',
      ].sort(),
    );
    expect(audits.every((a) => a.service === 'finance' && a.actorKind === 'user')).toBe(true);
    const events = await h.db.db.select().from(outbox).where(eq(outbox.actorId, sub));
    expect(events.map((e) => e.type).sort()).toEqual(
      [
        'finance.fiscal-year.closed',
        'finance.journal-entry.posted',
        'finance.journal-entry.posted',
        'finance.journal-entry.posted',
        'finance.journal-entry.reversed',
        'finance.period.closed',
      ].sort(),
    );
    expect(events.find((e) => e.subject === draft.id && e.type === 'finance.journal-entry.posted')?.data).toEqual({
      entryId: draft.id,
      number: posted.number,
      date: '2023-05-02',
      source: 'manual',
      sourceRef: null,
      total: { amount: '40.00', currency: 'EGP' },
    });
    expect(events.find((e) => e.type === 'finance.journal-entry.reversed')?.data).toMatchObject({
      entryId: draft.id,
      reversalId: reversal.id,
    });
    // The reversal is dated today, in 2026: FY2023 keeps the 40.00 expense, which the closing entry moves.
    expect(events.find((e) => e.type === 'finance.fiscal-year.closed')?.data).toMatchObject({
      name: 'FY2023',
      closingEntryId: expect.any(String),
      netIncome: { amount: '-40.00', currency: 'EGP' },
    });
  });
});

describe('accounts, years, rates', () => {
  it('an account with history is deactivated, not deleted; an unused one is deleted', async () => {
    const created = await expectJson<{ id: string }>(
      await api.post('/accounts', manager, {
        code: '5950',
        name: 'Donations',
        type: 'expense',
        parentId: h.account('5000'),
      }),
      201,
    );
    const dup = await expectProblem(
      await api.post('/accounts', manager, { code: '5950', name: 'Again', type: 'expense' }),
      409,
    );
    expect(dup.errors?.[0]?.path).toBe('code');
    const wrongParent = await expectProblem(
      await api.post('/accounts', manager, {
        code: '5960',
        name: 'Misplaced',
        type: 'expense',
        parentId: h.account('1000'),
      }),
      422,
    );
    expect(wrongParent.errors?.[0]?.path).toBe('parentId');
    await expectProblem(await api.del(`/accounts/${h.account('1210')}`, manager), 409);
    await expectJson(await api.patch(`/accounts/${h.account('1210')}`, manager, { active: false }), 200);
    expect((await api.del(`/accounts/${created.id}`, manager)).status).toBe(204);
  });

  it('creates a past fiscal year with twelve periods; a second time is a conflict', async () => {
    const fy = await expectJson<{ name: string; periods: unknown[] }>(
      await api.post('/fiscal-years', manager, { year: 2024 }),
      201,
    );
    expect(fy).toMatchObject({ name: 'FY2024' });
    expect(fy.periods).toHaveLength(12);
    await expectProblem(await api.post('/fiscal-years', manager, { year: 2024 }), 409);
  });

  it('rates: entered, imported from CSV all or nothing with each bad cell named', async () => {
    await expectJson(
      await api.post('/exchange-rates', staff, { currency: 'USD', date: '2026-03-01', rate: '49.25' }),
      201,
    );
    const bad = await expectProblem(
      await api.post(
        '/exchange-rates/import',
        staff,
        'currency,date,rate\nUSD,2026-03-02,49.3\nEUR,2026-02-30,53\nGBP,2026-03-02,-1\n',
        'text/csv',
      ),
      422,
    );
    expect(bad.errors?.map((e) => e.path)).toEqual(['rows.2.date', 'rows.3.rate']);
    const ok = await expectJson(
      await api.post('/exchange-rates/import', staff, 'USD,2026-03-02,49.3\nEUR,2026-03-02,53.1\n', 'text/csv'),
    );
    expect(ok).toEqual({ imported: 2 });
    const list = await expectJson<{ items: { currency: string; rate: string }[] }>(
      await api.get('/exchange-rates?currency=USD', staff),
    );
    expect(list.items.map((r) => r.rate)).toEqual(['49.300000', '49.250000']);
  });
});

describe('statements as files', () => {
  it.each([
    'trial-balance?to=2026-03-31',
    'balance-sheet?asOf=2026-03-31',
    'profit-and-loss?from=2026-01-01&to=2026-03-31',
    'cash-flow?from=2026-01-01&to=2026-03-31',
  ])('%s as CSV, XLSX and PDF', async (path) => {
    const csv = await api.get(`/reports/${path}&format=csv`, manager);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toMatch(/^Code,/);
    const xlsx = await api.get(`/reports/${path}&format=xlsx`, manager);
    expect(xlsx.status).toBe(200);
    const workbook = new Uint8Array(await xlsx.arrayBuffer());
    expect([...workbook.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip
    const pdf = await api.get(`/reports/${path}&format=pdf`, manager);
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  });

  it('general-ledger?accountId= as CSV, XLSX and PDF', async () => {
    const path = `/reports/general-ledger?accountId=${h.account('1120')}&to=2026-03-31`;
    const csv = await api.get(`${path}&format=csv`, manager);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toMatch(/^Date,Entry,Memo,Debit,Credit,Balance/);
    expect(text.split('\r\n').filter((l) => /^\d{4}-\d{2}-\d{2},/.test(l)).length).toBeGreaterThan(0);
    const xlsx = await api.get(`${path}&format=xlsx`, manager);
    expect(xlsx.status, await xlsx.clone().text()).toBe(200);
    expect([...new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)]).toEqual([0x50, 0x4b]);
    const pdf = await api.get(`${path}&format=pdf`, manager);
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  });

  it('XLSX amounts are numeric cells', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const res = await api.get('/reports/trial-balance?to=2026-03-31&format=xlsx', manager);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as never);
    const sheet = wb.worksheets[0];
    const row = sheet?.getRows(5, sheet.rowCount)?.find((r) => r.getCell(1).value === '1120');
    expect(typeof row?.getCell(7).value).toBe('number');
  });
});

/** Which default roles may do each operation (docs: Finance Staff posts and reads; Finance Manager also closes and reopens). */
const matrix: [string, (id: string) => [string, string, unknown?], RoleName[]][] = [
  ['read accounts', () => ['GET', '/accounts'], ['System Admin', 'Finance Manager', 'Finance Staff']],
  ['read the settings', () => ['GET', '/settings'], ['System Admin', 'Finance Manager', 'Finance Staff']],
  [
    'create an account',
    () => ['POST', '/accounts', { code: 'X1', name: 'x', type: 'asset' }],
    ['System Admin', 'Finance Manager'],
  ],
  ['draft an entry', () => ['POST', '/journal-entries', {}], ['System Admin', 'Finance Manager', 'Finance Staff']],
  ['read entries', () => ['GET', '/journal-entries'], ['System Admin', 'Finance Manager', 'Finance Staff']],
  ['close a period', (id) => ['POST', `/periods/${id}/close`], ['System Admin', 'Finance Manager']],
  ['reopen a period', (id) => ['POST', `/periods/${id}/reopen`, {}], ['System Admin', 'Finance Manager']],
  ['close a year', (id) => ['POST', `/fiscal-years/${id}/close`], ['System Admin', 'Finance Manager']],
  ['enter a rate', () => ['POST', '/exchange-rates', {}], ['System Admin', 'Finance Manager', 'Finance Staff']],
  ['read statements', () => ['GET', '/reports/trial-balance'], ['System Admin', 'Finance Manager', 'Finance Staff']],
];

describe('journal list by account, and the settings', () => {
  it('?accountId= lists only the entries with a line on that account; a bad id is a 400 naming it', async () => {
    const body = (debitCode: string) => ({
      date: '2026-03-05',
      memo: `Filter ${debitCode}`,
      lines: [
        { accountId: h.account(debitCode), debit: '10.00', credit: '0' },
        { accountId: h.account('1120'), debit: '0', credit: '10.00' },
      ],
    });
    const travel = await expectJson<{ id: string }>(await api.post('/journal-entries', staff, body('5700')), 201);
    const supplies = await expectJson<{ id: string }>(await api.post('/journal-entries', staff, body('5500')), 201);
    const onTravel = await expectJson<{ items: { id: string }[] }>(
      await api.get(`/journal-entries?accountId=${h.account('5700')}&limit=100`, staff),
    );
    expect(onTravel.items.map((e) => e.id)).toContain(travel.id);
    expect(onTravel.items.map((e) => e.id)).not.toContain(supplies.id);
    const onBank = await expectJson<{ items: { id: string }[] }>(
      await api.get(`/journal-entries?accountId=${h.account('1120')}&limit=100`, staff),
    );
    expect(onBank.items.map((e) => e.id)).toEqual(expect.arrayContaining([travel.id, supplies.id]));
    const bad = await expectProblem(await api.get('/journal-entries?accountId=nope', staff), 400);
    expect(bad.errors?.[0]?.path).toBe('query.accountId');
  });

  it('GET /settings: the base currency, the fiscal-year start and the currencies in use', async () => {
    const settings = await expectJson<{ baseCurrency: string; fiscalYearStartMonth: number; currencies: string[] }>(
      await api.get('/settings', staff),
    );
    expect(settings.baseCurrency).toBe(h.ctx.config.baseCurrency);
    expect(settings.fiscalYearStartMonth).toBe(h.ctx.config.fiscalYearStartMonth);
    expect(settings.currencies[0]).toBe(h.ctx.config.baseCurrency);
    expect(settings.currencies).toContain('USD');
    expect(new Set(settings.currencies).size).toBe(settings.currencies.length);
  });
});

describe('role × operation', () => {
  it.each(matrix)('%s', async (_name, request, allowed) => {
    const [method, path, body] = request('00000000-0000-4000-8000-000000000000');
    for (const role of roleNames) {
      const token = await tokenAs(h.keys, role);
      const res = method === 'GET' ? await api.get(path, token) : await api.post(path, token, body ?? undefined);
      if (allowed.includes(role)) expect(res.status, role).not.toBe(403);
      else expect(res.status, role).toBe(403);
      expect(res.status, role).toBeLessThan(500);
    }
  });
});
