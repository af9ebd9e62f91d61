import '../../../testing';
import { HttpErrorResponse } from '@angular/common/http';
import { describe, expect, it } from 'vitest';
import { visibleNavigation } from '../../core/nav';
import { applyProblem, controlError } from '../../core/problems';
import { entryForm, lineForm } from './entry-form';
import {
  accountTree,
  balanceSide,
  type DraftLine,
  entryBody,
  entryFiltersFrom,
  entryFiltersToParams,
  entryListQuery,
  entryTotals,
  fiscalYearToDate,
  formatThousandths,
  isIsoDate,
  parseAmount,
  postBlocker,
  rangeProblem,
  sameAmount,
  showAmount,
} from './ledger';
import type { Account } from './models';

const line = (debit: string, credit: string, accountId = 'a'): DraftLine => ({
  accountId,
  debit,
  credit,
  description: '',
  costCentre: '',
});

describe('amounts typed into an entry', () => {
  it('reads typed amounts exactly in thousandths, separators allowed', () => {
    expect(parseAmount('1,250.5')).toBe(1_250_500n);
    expect(parseAmount(' 300 ')).toBe(300_000n);
    expect(parseAmount('')).toBe(0n);
    expect(parseAmount('0.001')).toBe(1n);
    expect(parseAmount('9999999999999999.999')).toBe(9_999_999_999_999_999_999n);
    for (const bad of ['-5', '1.2345', 'abc', '1.2.3', '1e3']) expect(parseAmount(bad)).toBeNull();
  });

  it('writes thousandths back with the currency decimals, keeping a third decimal that is there', () => {
    expect(formatThousandths(1_250_500n)).toBe('1250.50');
    expect(formatThousandths(1_250_505n)).toBe('1250.505');
    expect(formatThousandths(-10n)).toBe('-0.01');
    expect(formatThousandths(7_000n, 0)).toBe('7');
    expect(formatThousandths(7_000n, 3)).toBe('7.000');
  });

  it('sums where floating point would not: 0.1 + 0.2 against 0.3 balances', () => {
    // In floating point 0.1 + 0.2 !== 0.3; here the entry balances exactly.
    const totals = entryTotals([line('0.1', ''), line('0.2', ''), line('', '0.3')], 'EGP');
    expect(totals).toMatchObject({ debit: '0.30', credit: '0.30', difference: '0.00', heavier: null, balanced: true });
  });

  it('keeps every digit of amounts beyond 2^53', () => {
    const totals = entryTotals([line('9007199254740993.01', ''), line('', '9007199254740993.00')], 'EGP');
    expect(totals.difference).toBe('0.01');
    expect(totals.heavier).toBe('debit');
    expect(totals.balanced).toBe(false);
  });

  it('shows the running difference and which side is heavier while typing', () => {
    expect(entryTotals([line('1,000', ''), line('', '250.25')], 'EGP')).toMatchObject({
      debit: '1000.00',
      credit: '250.25',
      difference: '749.75',
      heavier: 'debit',
      balanced: false,
    });
    expect(entryTotals([line('1', ''), line('', '1.5')], 'EGP').heavier).toBe('credit');
    expect(entryTotals([line('', ''), line('', '')], 'EGP').balanced).toBe(false);
  });

  it('uses three decimals for a dinar', () => {
    expect(entryTotals([line('1.005', ''), line('', '1')], 'KWD').difference).toBe('0.005');
  });

  it('names lines that are not amounts or carry both sides, and does not call them balanced', () => {
    const totals = entryTotals([line('100', '100'), line('abc', ''), line('', '100')], 'EGP');
    expect(totals.invalidLines).toEqual([0, 1]);
    expect(totals.balanced).toBe(false);
  });
});

describe('when an entry may be posted', () => {
  it('only when it has two lines with accounts, one side each, and balances', () => {
    expect(postBlocker([line('100', '')], 'EGP')).toBe('An entry needs at least two lines.');
    expect(postBlocker([line('100', '50'), line('', '50')], 'EGP')).toMatch(/^Line 1: give a debit or a credit/);
    expect(postBlocker([line('100', ''), line('', '')], 'EGP')).toBe('Line 2 has no amount.');
    expect(postBlocker([line('100', ''), line('', '100', '')], 'EGP')).toBe('Choose the account of line 2.');
    expect(postBlocker([line('1,000.00', ''), line('', '999.99')], 'EGP')).toBe(
      'Debits and credits differ by 0.01 EGP: the debits are larger.',
    );
    expect(postBlocker([line('1,000.00', ''), line('', '400'), line('', '600.00')], 'EGP')).toBeNull();
  });

  it('sends amounts as decimal strings without separators, an empty side as 0', () => {
    expect(
      entryBody({
        date: '2026-03-01',
        memo: '  Rent  ',
        lines: [
          { ...line('12,500.50', ''), description: ' March ', costCentre: 'ADM' },
          { ...line('', '12500.5', 'b'), description: '', costCentre: ' ' },
        ],
      }),
    ).toEqual({
      date: '2026-03-01',
      memo: 'Rent',
      lines: [
        { accountId: 'a', debit: '12500.50', credit: '0', description: 'March', costCentre: 'ADM' },
        { accountId: 'b', debit: '0', credit: '12500.5', description: null, costCentre: null },
      ],
    });
  });
});

const account = (id: string, code: string, parentId: string | null = null, isGroup = false): Account => ({
  id,
  code,
  name: `Account ${code}`,
  type: 'asset',
  parentId,
  isGroup,
  active: true,
  currency: null,
  cash: false,
  role: null,
  description: null,
  createdAt: '',
  updatedAt: '',
});

describe('the chart as a tree', () => {
  it('puts each account under its parent, by code, with its depth', () => {
    const rows = accountTree([
      account('cash', '1110', 'current'),
      account('assets', '1000', null, true),
      account('bank', '1120', 'current'),
      account('current', '1100', 'assets', true),
      account('fixed', '1500', 'assets', true),
      account('liab', '2000', null, true),
      account('orphan', '9999', 'missing'),
    ]);
    expect(rows.map((r) => `${r.depth}:${r.account.code}`)).toEqual([
      '0:1000',
      '1:1100',
      '2:1110',
      '2:1120',
      '1:1500',
      '0:2000',
      '0:9999',
    ]);
  });

  it('writes an amount of the API with separators, and nothing for none', () => {
    expect(showAmount('1234567.50')).toBe('1,234,567.50');
    expect(showAmount('-300.00')).toBe('-300.00');
    expect(showAmount(undefined)).toBe('');
  });

  it('writes a balance on its side', () => {
    expect(balanceSide('1250000.50')).toEqual({ amount: '1,250,000.50', side: 'Dr' });
    expect(balanceSide('-300.00')).toEqual({ amount: '300.00', side: 'Cr' });
    expect(balanceSide('0.00')).toEqual({ amount: '0.00', side: '' });
    expect(balanceSide(undefined)).toEqual({ amount: '', side: '' });
  });

  it('compares statement totals exactly', () => {
    expect(sameAmount('1500.00', '1500')).toBe(true);
    expect(sameAmount('123456789012345678.01', '123456789012345678.02')).toBe(false);
    expect(sameAmount('x', 'x')).toBe(false);
  });
});

describe('statement dates', () => {
  const years = [
    { startDate: '2026-07-01', endDate: '2027-06-30' },
    { startDate: '2025-07-01', endDate: '2026-06-30' },
  ];

  it('default to the fiscal year holding today, to today', () => {
    expect(fiscalYearToDate(years, '2026-11-24')).toEqual({ from: '2026-07-01', to: '2026-11-24' });
    expect(fiscalYearToDate(years, '2026-06-30')).toEqual({ from: '2025-07-01', to: '2026-06-30' });
    expect(fiscalYearToDate([], '2026-03-05')).toEqual({ from: '2026-01-01', to: '2026-03-05' });
  });

  it('refuse a range that is missing a date or runs backwards', () => {
    expect(rangeProblem({ from: '2026-01-01', to: '2026-01-31' })).toBeNull();
    expect(rangeProblem({ from: '2026-02-01', to: '2026-01-31' })).toBe('The start date is after the end date.');
    expect(rangeProblem({ from: '', to: '2026-01-31' })).toBe('Choose both dates.');
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });
});

describe('journal list filters in the address', () => {
  it('read what is valid, drop the rest, and round-trip', () => {
    const f = entryFiltersFrom({
      from: '2026-01-01',
      to: 'nope',
      status: 'posted',
      source: 'bogus',
      accountId: 'not-an-id',
      page: '3',
      size: '50',
    });
    expect(f).toEqual({
      from: '2026-01-01',
      to: '',
      status: 'posted',
      source: '',
      accountId: '',
      q: '',
      pageIndex: 2,
      pageSize: 50,
    });
    expect(entryFiltersToParams(f)).toEqual({
      from: '2026-01-01',
      to: null,
      status: 'posted',
      source: null,
      accountId: null,
      q: null,
      page: '3',
      size: '50',
    });
    expect(entryListQuery(f)).toMatchObject({ limit: 50, offset: 100, status: 'posted' });
    const onAccount = entryFiltersFrom({ accountId: '0b6a4c0e-1f2d-4e3a-9b8c-7d6e5f4a3b2c' });
    expect(entryFiltersToParams(onAccount).accountId).toBe('0b6a4c0e-1f2d-4e3a-9b8c-7d6e5f4a3b2c');
    expect(entryListQuery(onAccount).accountId).toBe('0b6a4c0e-1f2d-4e3a-9b8c-7d6e5f4a3b2c');
    expect(entryListQuery(f).accountId).toBeUndefined();
  });
});

describe('the Finance menu', () => {
  const labels = (held: string[]) => visibleNavigation(new Set(held)).flatMap((s) => s.items.map((i) => i.label));

  it('shows to finance staff and not to an employee who only submits expenses and sees payslips', () => {
    const staff = labels(['finance.accounts.read', 'finance.journals.read', 'finance.statements.read']);
    expect(staff).toEqual(expect.arrayContaining(['Chart of accounts', 'Journal entries', 'Trial balance']));
    const employee = visibleNavigation(
      new Set(['hr.employees.read', 'finance.expenses.submit', 'finance.payroll.self']),
    );
    expect(employee.map((s) => s.title)).not.toContain('Finance');
  });

  it('lists invoices, customers, bills and vendors to whoever may read them, and to nobody else', () => {
    const clerk = labels(['finance.parties.read', 'finance.invoices.read']);
    expect(clerk).toEqual(expect.arrayContaining(['Invoices', 'Customers', 'Bills', 'Vendors']));
    const ledgerOnly = labels(['finance.accounts.read', 'finance.journals.read']);
    expect(ledgerOnly).not.toContain('Invoices');
    expect(ledgerOnly).not.toContain('Vendors');
  });
});

describe("the entry form's fields take the server's errors", () => {
  it('puts a 422 on the line, field and date it names, and the unbalanced total on the lines', () => {
    const form = entryForm('2026-03-01');
    form.controls.lines.push(lineForm());
    const message = applyProblem(
      form,
      new HttpErrorResponse({
        status: 422,
        error: {
          title: 'Unprocessable Content',
          status: 422,
          detail: 'The period of this date is closed.',
          errors: [
            { path: 'date', message: 'The period of this date is closed.' },
            { path: 'lines.2.accountId', message: '1000 Assets is a group; post to an account under it.' },
            { path: 'lines.1.debit', message: 'Give a debit or a credit, not both and not neither.' },
            { path: 'lines', message: 'Debits and credits differ by 0.01.' },
          ],
        },
      }),
    );
    expect(message).toBeUndefined();
    expect(controlError(form.get('date'), 'Date')).toBe('The period of this date is closed.');
    expect(controlError(form.get('lines.2.accountId'), 'Account')).toBe(
      '1000 Assets is a group; post to an account under it.',
    );
    expect(controlError(form.get('lines.1.debit'), 'Debit')).toMatch(/^Give a debit or a credit/);
    expect(form.controls.lines.errors).toEqual({ server: 'Debits and credits differ by 0.01.' });
    expect(form.controls.lines.at(0).controls.accountId.errors).toEqual({ required: true });
  });
});
