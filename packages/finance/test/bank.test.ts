/**
 * Bank accounts and reconciliation through the real app with real tokens: IBANs, CSV and camt.053
 * imports, the balance check, duplicate imports, suggestions, matching held by the database (raw
 * SQL too), undo, entries from lines, and role × operation.
 */

import { toProblemError } from '@konecta/core';
import { auditLog, bankAccounts, rowsOf } from '@konecta/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financeConstraints, financeRules } from '../src/constraints';
import {
  cr,
  createHarness,
  dr,
  expectJson,
  expectProblem,
  type Harness,
  openYear,
  post,
  type RoleName,
  rejection,
  requester,
  roleNames,
  tokenAs,
} from './helpers';

/** What the client would be told of a database refusal. */
const refusal = (err: unknown) => toProblemError(err, { ...financeConstraints, ...financeRules })?.detail;

let h: Harness;
let api: ReturnType<typeof requester>;
let staff: string;
let bankId: string;

interface Statement {
  id: string;
  status: string;
  openingBalance: string;
  closingBalance: string;
  reconciledAmount: string;
  bookBalance: string;
  matchedCount: number;
  lines: {
    id: string;
    amount: string;
    description: string;
    match: { journalLineId: string; entryNumber: string } | null;
  }[];
}
interface Suggestion {
  journalLineId: string;
  memo: string;
  score: number;
  referenceFound: boolean;
  days: number;
}

const mapping = {
  date: 'Date',
  description: 'Details',
  reference: 'Ref',
  amount: 'Amount',
  balance: 'Balance',
  dateFormat: 'dd/mm/yyyy',
  decimalSeparator: '.',
};
const marchCsv = [
  'Date,Details,Ref,Amount,Balance',
  '03/03/2026,Transfer from Nile Foods,INV-7,1500.00,11500.00',
  '05/03/2026,Rent March,,-12000.00,-500.00',
  '31/03/2026,Monthly account fee,,-25.50,-525.50',
].join('\n');

beforeAll(async () => {
  h = await createHarness({ now: '2026-04-05T10:00:00Z' });
  api = requester(h.app);
  staff = await tokenAs(h.keys, 'Finance Staff');
  await openYear(h, 2026);
  // The books: an opening balance, two receipts of the same amount, the rent.
  await post(h, '2026-02-01', [dr(h, '1120', 10000), cr(h, '3100', 10000)], 'Capital');
  await post(h, '2026-03-02', [dr(h, '1120', 1500), cr(h, '4100', 1500)], 'Receipt INV-7 Nile Foods');
  await post(h, '2026-03-04', [dr(h, '1120', 1500), cr(h, '4100', 1500)], 'Receipt Delta Trading');
  await post(h, '2026-03-05', [dr(h, '5300', 12000), cr(h, '1120', 12000)], 'Rent March');
});
afterAll(() => h?.close());

describe('bank accounts', () => {
  it('refuses a wrong IBAN naming the field, and a ledger account that is not an asset posting account', async () => {
    const body = { name: 'NBE current', accountId: h.account('1120'), bankName: 'National Bank of Egypt' };
    const p = await expectProblem(
      await api.post('/bank-accounts', staff, { ...body, iban: 'EG380019000500000000263180003' }),
      422,
    );
    expect(p.errors?.map((e) => e.path)).toEqual(['iban']);
    for (const code of ['1100', '4100']) {
      const q = await expectProblem(
        await api.post('/bank-accounts', staff, { ...body, accountId: h.account(code) }),
        422,
      );
      expect(q.errors?.map((e) => e.path)).toEqual(['accountId']);
    }
  });

  it('stores the IBAN encrypted and only ever shows it masked', async () => {
    const created = await expectJson<{ id: string; iban: string; currency: string }>(
      await api.post('/bank-accounts', staff, {
        name: 'NBE current',
        accountId: h.account('1120'),
        bankName: 'National Bank of Egypt',
        iban: 'EG38 0019 0005 0000 0000 2631 8000 2',
      }),
      201,
    );
    bankId = created.id;
    expect(created).toMatchObject({ iban: 'EG38 **** **** 0002', currency: 'EGP' });
    const [row] = await h.db.db.select().from(bankAccounts).where(eq(bankAccounts.id, bankId));
    expect(row?.ibanEncrypted).toMatch(/^v1\./);
    expect(row?.ibanEncrypted).not.toContain('263180002');
    const listed = JSON.stringify(await expectJson(await api.get('/bank-accounts', staff)));
    expect(listed).toContain('EG38 **** **** 0002');
    expect(listed).not.toContain('263180002');
    const audit = JSON.stringify(await h.db.db.select().from(auditLog).where(eq(auditLog.entityId, bankId)));
    expect(audit).not.toContain('263180002');
  });

  it('holds one bank account per ledger account', async () => {
    const p = await expectProblem(
      await api.post('/bank-accounts', staff, { name: 'Second', accountId: h.account('1120'), bankName: 'CIB' }),
      409,
    );
    expect(p.errors?.map((e) => e.path)).toEqual(['accountId']);
    // The trigger holds the ledger account's kind against raw SQL too.
    expect(
      refusal(
        await rejection(
          h.db.db.execute(sql`update finance.bank_accounts set account_id = ${h.account('4100')} where id = ${bankId}`),
        ),
      ),
    ).toBe('The ledger account must be an active asset account that is not a group.');
  });
});

let statement: Statement;

describe('statement import', () => {
  it('asks for a mapping the first time, then imports CSV and remembers the mapping', async () => {
    const p = await expectProblem(
      await api.post('/bank-statements', staff, { bankAccountId: bankId, format: 'csv', content: marchCsv }),
      422,
    );
    expect(p.errors?.map((e) => e.path)).toEqual(['mapping']);
    statement = await expectJson<Statement>(
      await api.post('/bank-statements', staff, { bankAccountId: bankId, format: 'csv', content: marchCsv, mapping }),
      201,
    );
    expect(statement).toMatchObject({
      status: 'open',
      openingBalance: '10000.00',
      closingBalance: '-525.50',
      reconciledAmount: '0.00',
      bookBalance: '1000.00',
    });
    expect(statement.lines.map((l) => l.amount)).toEqual(['1500.00', '-12000.00', '-25.50']);
    const bank = await expectJson<{ csvMapping: unknown }>(await api.get(`/bank-accounts/${bankId}`, staff));
    expect(bank.csvMapping).toMatchObject(mapping);
  });

  it('refuses the same statement again, with or without the mapping (no line is duplicated)', async () => {
    const again = await expectProblem(
      await api.post('/bank-statements', staff, { bankAccountId: bankId, format: 'csv', content: marchCsv }),
      409,
    );
    expect(again.detail).toMatch(/already been imported/);
    const [count] = rowsOf<{ n: number }>(
      await h.db.db.execute(sql`select count(*)::int as n from finance.bank_statement_lines`),
    );
    expect(count?.n).toBe(3);
    const list = await expectJson<{ items: unknown[] }>(
      await api.get(`/bank-statements?bankAccountId=${bankId}`, staff),
    );
    expect(list.items).toHaveLength(1);
  });

  it('refuses a statement that does not add up, and a bad file with its line number', async () => {
    const off = await expectProblem(
      await api.post('/bank-statements', staff, {
        bankAccountId: bankId,
        format: 'csv',
        content: 'Date,Details,Ref,Amount,Balance\n01/04/2026,Interest,,5.00,\n',
        openingBalance: '-525.50',
        closingBalance: '-500.00',
      }),
      422,
    );
    expect(off.detail).toMatch(
      /does not add up: opening -525.50 \+ lines 5.00 = -520.50, but the closing balance is -500.00/,
    );
    const bad = await expectProblem(
      await api.post('/bank-statements', staff, {
        bankAccountId: bankId,
        format: 'csv',
        content: 'Date,Details,Ref,Amount,Balance\n01/04/2026,Interest,,5.00,5\n2026-04-02,x,,1,6\n',
      }),
      422,
    );
    expect(bad.detail).toMatch(/^Line 3: the date “2026-04-02” is not a dd\/mm\/yyyy date/);
    const xml = await expectProblem(
      await api.post('/bank-statements', staff, {
        bankAccountId: bankId,
        format: 'camt053',
        content: '<Document>\n<x>',
      }),
      422,
    );
    expect(xml.detail).toMatch(/^Line 2: <x> \(line 2\) is never closed/);
  });
});

describe('reconciliation', () => {
  const line = (i: number) => statement.lines[i] as Statement['lines'][number];

  it('suggests ledger lines of the same amount and direction, the one naming the reference first', async () => {
    const s = await expectJson<{ items: Suggestion[] }>(
      await api.get(`/bank-statements/${statement.id}/lines/${line(0).id}/suggestions`, staff),
    );
    expect(s.items.map((i) => i.memo)).toEqual(['Receipt INV-7 Nile Foods', 'Receipt Delta Trading']);
    expect(s.items[0]).toMatchObject({ referenceFound: true, days: 1 });
    expect(s.items[0]?.score).toBeGreaterThan(s.items[1]?.score ?? 0);
    // Outside the window, nothing.
    const narrow = await expectJson<{ items: Suggestion[] }>(
      await api.get(`/bank-statements/${statement.id}/lines/${line(0).id}/suggestions?windowDays=0`, staff),
    );
    expect(narrow.items).toEqual([]);
    // The rent (money out) is not offered for the receipt.
    const rent = await expectJson<{ items: Suggestion[] }>(
      await api.get(`/bank-statements/${statement.id}/lines/${line(1).id}/suggestions`, staff),
    );
    expect(rent.items.map((i) => i.memo)).toEqual(['Rent March']);
  });

  it('confirms a match once; the same ledger line cannot be matched to another line, even in raw SQL', async () => {
    const [best] = (
      await expectJson<{ items: Suggestion[] }>(
        await api.get(`/bank-statements/${statement.id}/lines/${line(0).id}/suggestions`, staff),
      )
    ).items;
    const after = await expectJson<Statement>(
      await api.post(`/bank-statements/${statement.id}/lines/${line(0).id}/match`, staff, {
        journalLineId: best?.journalLineId,
      }),
    );
    expect(after).toMatchObject({ reconciledAmount: '1500.00', matchedCount: 1 });
    expect(after.lines[0]?.match?.journalLineId).toBe(best?.journalLineId);
    // Matched already: 409; and once matched, it is no longer suggested anywhere.
    await expectProblem(
      await api.post(`/bank-statements/${statement.id}/lines/${line(0).id}/match`, staff, {
        journalLineId: best?.journalLineId,
      }),
      409,
    );
    const s = await expectJson<{ items: Suggestion[] }>(
      await api.get(`/bank-statements/${statement.id}/lines/${line(0).id}/suggestions`, staff),
    );
    expect(s.items.map((i) => i.journalLineId)).not.toContain(best?.journalLineId);
    // A wrong amount or direction: the rent line to the receipt.
    const wrong = await expectProblem(
      await api.post(`/bank-statements/${statement.id}/lines/${line(1).id}/match`, staff, {
        journalLineId: s.items[0]?.journalLineId,
      }),
      422,
    );
    expect(wrong.errors?.map((e) => e.path)).toEqual(['journalLineId']);
    // Raw SQL: a second statement line on the same ledger line is refused by the unique index.
    expect(
      refusal(
        await rejection(
          h.db.db.execute(sql`update finance.bank_statement_lines set journal_line_id = ${best?.journalLineId},
            matched_at = now() where id = ${line(1).id}`),
        ),
      ),
    ).toMatch(/same amount and direction/);
    expect(
      refusal(
        await rejection(
          h.db.db.execute(sql`insert into finance.bank_statement_lines
            (statement_id, bank_account_id, line_no, date, amount, fingerprint, journal_line_id, matched_at)
            values (${statement.id}, ${bankId}, 99, '2026-03-03', 150000, 'raw', ${best?.journalLineId}, now())`),
        ),
      ),
    ).toBe('This ledger line is already matched to another statement line.');
  });

  it('undoes a match and matches again', async () => {
    const undone = await expectJson<Statement>(
      await api.del(`/bank-statements/${statement.id}/lines/${line(0).id}/match`, staff),
    );
    expect(undone).toMatchObject({ reconciledAmount: '0.00', matchedCount: 0 });
    expect(undone.lines[0]?.match).toBeNull();
    await expectProblem(await api.del(`/bank-statements/${statement.id}/lines/${line(0).id}/match`, staff), 404);
    const [best] = (
      await expectJson<{ items: Suggestion[] }>(
        await api.get(`/bank-statements/${statement.id}/lines/${line(0).id}/suggestions`, staff),
      )
    ).items;
    expect(best?.memo).toBe('Receipt INV-7 Nile Foods');
    await expectJson(
      await api.post(`/bank-statements/${statement.id}/lines/${line(0).id}/match`, staff, {
        journalLineId: best?.journalLineId,
      }),
    );
  });

  it('posts a bank-charge entry from an unmatched line, balanced, and matches it at once', async () => {
    const res = await api.post(`/bank-statements/${statement.id}/lines/${line(2).id}/entry`, staff, {
      accountId: h.account('5850'),
    });
    const after = await expectJson<Statement>(res, 201);
    expect(after).toMatchObject({ reconciledAmount: '1474.50', matchedCount: 2, bookBalance: '974.50' });
    const number = after.lines[2]?.match?.entryNumber;
    expect(number).toMatch(/^JE-2026-/);
    const [entry] = rowsOf<{ debit: string; credit: string; lines: number }>(
      await h.db.db.execute(sql`select sum(l.debit)::text as debit, sum(l.credit)::text as credit, count(*)::int as lines
        from finance.journal_lines l join finance.journal_entries e on e.id = l.entry_id
        where e.number = ${number} and e.status = 'posted' and e.date = '2026-03-31'`),
    );
    expect(entry).toEqual({ debit: '2550', credit: '2550', lines: 2 });
    const tb = await expectJson<{ rows: { code: string; debit: string }[]; totals: { debit: string; credit: string } }>(
      await api.get('/reports/trial-balance?from=2026-01-01&to=2026-03-31', staff),
    );
    expect(tb.totals.debit).toBe(tb.totals.credit);
    expect(tb.rows.find((r) => r.code === '5850')).toMatchObject({ debit: '25.50' });
    // The line is matched now: a second entry for it is refused, and nothing more is posted.
    await expectProblem(
      await api.post(`/bank-statements/${statement.id}/lines/${line(2).id}/entry`, staff, {
        accountId: h.account('5850'),
      }),
      409,
    );
    const p = await expectProblem(
      await api.post(`/bank-statements/${statement.id}/lines/${line(1).id}/entry`, staff, {
        accountId: h.account('1120'),
      }),
      422,
    );
    expect(p.errors?.map((e) => e.path)).toEqual(['accountId']);
  });

  it('imports camt.053 on another bank account', async () => {
    const usd = await expectJson<{ id: string; currency: string }>(
      await api.post('/bank-accounts', staff, {
        name: 'USD account',
        accountId: h.account('1125'),
        bankName: 'CIB',
        iban: 'DE89370400440532013000',
      }),
      201,
    );
    expect(usd.currency).toBe('USD');
    const xml = `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>S1</Id>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="USD">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-01</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="USD">90.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-03-31</Dt></Dt></Bal>
<Ntry><Amt Ccy="USD">10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-03-31</Dt></BookgDt><AcctSvcrRef>X1</AcctSvcrRef></Ntry>
</Stmt></BkToCstmrStmt></Document>`;
    const s = await expectJson<Statement>(
      await api.post('/bank-statements', staff, { bankAccountId: usd.id, format: 'camt053', content: xml }),
      201,
    );
    expect(s).toMatchObject({ openingBalance: '100.00', closingBalance: '90.00', currency: 'USD' });
    await expectProblem(
      await api.post('/bank-statements', staff, { bankAccountId: usd.id, format: 'camt053', content: xml }),
      409,
    );
  });
});

describe('statement upload as multipart/form-data', () => {
  const upload = async (fields: Record<string, string>, file?: string) => {
    const form = new FormData();
    if (file !== undefined) form.append('file', new File([file], 'april.csv', { type: 'text/csv' }));
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return h.app.request('/api/finance/bank-statements', {
      method: 'POST',
      headers: { authorization: `Bearer ${staff}` },
      body: form,
    });
  };
  const april = 'Date;Text;Out;In\n02.04.2026;Interest;;3,10\n';
  const mapping = JSON.stringify({
    date: 'Date',
    description: 'Text',
    debit: 'Out',
    credit: 'In',
    dateFormat: 'dd.mm.yyyy',
    decimalSeparator: ',',
    delimiter: ';',
  });

  it('imports a file with its mapping as a JSON field, and names what is wrong', async () => {
    const fields = { bankAccountId: bankId, format: 'csv', openingBalance: '-525.50', closingBalance: '-522.40' };
    const bad = await expectProblem(await upload({ ...fields, mapping: '{"date":' }, april), 422);
    expect(bad.errors?.map((e) => e.path)).toEqual(['mapping']);
    const noFile = await expectProblem(await upload({ ...fields, mapping }), 422);
    expect(noFile.errors?.map((e) => e.path)).toEqual(['file']);
    const s = await expectJson<Statement>(await upload({ ...fields, mapping }, april), 201);
    expect(s).toMatchObject({ openingBalance: '-525.50', closingBalance: '-522.40' });
    expect(s.lines.map((l) => [l.description, l.amount])).toEqual([['Interest', '3.10']]);
  });
});

const zero = '00000000-0000-4000-8000-000000000000';
const matrix: [string, () => [string, string, unknown?], RoleName[]][] = [
  ['read bank accounts', () => ['GET', '/bank-accounts'], ['System Admin', 'Finance Manager', 'Finance Staff']],
  ['add a bank account', () => ['POST', '/bank-accounts', {}], ['System Admin', 'Finance Manager', 'Finance Staff']],
  ['read statements', () => ['GET', '/bank-statements'], ['System Admin', 'Finance Manager', 'Finance Staff']],
  ['import a statement', () => ['POST', '/bank-statements', {}], ['System Admin', 'Finance Manager', 'Finance Staff']],
  [
    'confirm a match',
    () => ['POST', `/bank-statements/${zero}/lines/${zero}/match`, {}],
    ['System Admin', 'Finance Manager', 'Finance Staff'],
  ],
  [
    'undo a match',
    () => ['DELETE', `/bank-statements/${zero}/lines/${zero}/match`],
    ['System Admin', 'Finance Manager', 'Finance Staff'],
  ],
  [
    'entry from a line',
    () => ['POST', `/bank-statements/${zero}/lines/${zero}/entry`, {}],
    ['System Admin', 'Finance Manager', 'Finance Staff'],
  ],
];

describe('role × operation', () => {
  it.each(matrix)('%s', async (_name, request, allowed) => {
    const [method, path, body] = request();
    for (const role of roleNames) {
      const token = await tokenAs(h.keys, role);
      const res =
        method === 'GET'
          ? await api.get(path, token)
          : method === 'DELETE'
            ? await api.del(path, token)
            : await api.post(path, token, body);
      if (allowed.includes(role)) expect(res.status, role).not.toBe(403);
      else expect(res.status, role).toBe(403);
      expect(res.status, role).toBeLessThan(500);
    }
    expect((await api.get('/bank-accounts')).status).toBe(401);
  });
});
