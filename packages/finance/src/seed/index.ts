import { addMonths, monthRange, systemActor } from '@konecta/core';
import { accounts, fiscalYears, journalEntries } from '@konecta/db';
import { count } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { setRate } from '../currencies/rates';
import { revalueMonth } from '../currencies/revaluation';
import { type EntryInput, type EntryLineInput, postNewEntry } from '../journals/entries';
import { closePeriod, createFiscalYear, listPeriods } from '../periods/periods';

const seeder = systemActor('finance');

/** A small deterministic generator, so every demo ledger is the same. */
function numbers(seed: number) {
  let state = seed;
  return (min: number, max: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return min + Math.floor((state / 2 ** 31) * (max - min + 1));
  };
}

/** Whole pounds (or dollars) in minor units. */
const units = (amount: number) => BigInt(Math.round(amount)) * 100n;

/**
 * The demo company's ledger: opening balances, then twelve months of sales on credit, purchases,
 * collections and supplier payments, salaries with social insurance and withholding, rent,
 * utilities, depreciation, VAT settlements, a USD loan in a USD bank account with its interest and
 * month-end revaluations; the first month is closed. Runs once (nothing happens when entries exist).
 */
export async function seedLedger(ctx: FinanceContext): Promise<number> {
  const [existing] = await ctx.db.select({ n: count() }).from(journalEntries);
  if (existing?.n) return 0;
  const codes = new Map(
    (await ctx.db.select({ id: accounts.id, code: accounts.code }).from(accounts)).map((a) => [a.code, a.id]),
  );
  if (!codes.size) return 0;
  const id = (code: string) => codes.get(code) as string;
  const dr = (code: string, amount: bigint): EntryLineInput => ({ accountId: id(code), debit: amount, credit: 0n });
  const cr = (code: string, amount: bigint): EntryLineInput => ({ accountId: id(code), debit: 0n, credit: amount });
  const today = ctx.calendar.today();
  const thisMonth = ctx.calendar.thisMonth();
  const months = Array.from({ length: 13 }, (_, i) => addMonths(thisMonth, i - 12));
  const startMonth = ctx.config.fiscalYearStartMonth;
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4)) - (Number(m.slice(5, 7)) < startMonth ? 1 : 0)))];
  const have = new Set(
    (await ctx.db.select({ start: fiscalYears.startDate }).from(fiscalYears)).map((y) => y.start.slice(0, 4)),
  );
  for (const year of years) if (!have.has(String(year))) await createFiscalYear(ctx, seeder, { year });

  const rand = numbers(2026);
  let posted = 0;
  const entry = async (input: EntryInput) => {
    if (input.date > today) return;
    await postNewEntry(ctx, seeder, input);
    posted += 1;
  };
  const day = (month: string, d: number) => {
    const { to } = monthRange(month);
    const last = Number(to.slice(8));
    return `${month}-${String(Math.min(d, last)).padStart(2, '0')}`;
  };

  // USD rates: the pound drifting from 48 to about 51 to the dollar, set on the 1st and the last day.
  for (const [i, month] of months.entries()) {
    const base = 48 + i * 0.25;
    await setRate(ctx, seeder, {
      currency: 'USD',
      date: monthRange(month).from,
      rate: (base + rand(0, 20) / 100).toFixed(4),
    });
    await setRate(ctx, seeder, {
      currency: 'USD',
      date: monthRange(month).to,
      rate: (base + 0.2 + rand(0, 20) / 100).toFixed(4),
    });
  }

  const first = months[0] as string;
  await entry({
    date: monthRange(first).from,
    memo: 'Opening balances',
    lines: [
      dr('1120', units(2_500_000)),
      dr('1110', units(50_000)),
      dr('1140', units(400_000)),
      dr('1210', units(300_000)),
      dr('1220', units(450_000)),
      cr('3100', units(2_000_000)),
      cr('3200', units(1_100_000)),
      cr('2110', units(600_000)),
    ],
  });

  let receivable = 0n;
  let payable = units(600_000);
  let socialInsurance = 0n;
  let withholding = 0n;
  let vatOut = 0n;
  let vatIn = 0n;
  for (const [i, month] of months.entries()) {
    const season = 1 + 0.25 * Math.sin((i / 12) * 2 * Math.PI);
    // Settle last month's taxes and social insurance.
    if (vatOut > 0n) {
      await entry({
        date: day(month, 10),
        memo: 'VAT return',
        lines: [dr('2130', vatOut), cr('1150', vatIn), cr('1120', vatOut - vatIn)],
      });
      vatOut = vatIn = 0n;
    }
    if (socialInsurance > 0n) {
      await entry({
        date: day(month, 12),
        memo: 'Social insurance',
        lines: [dr('2160', socialInsurance), cr('1120', socialInsurance)],
      });
      await entry({
        date: day(month, 12),
        memo: 'Withholding tax',
        lines: [dr('2140', withholding), cr('1120', withholding)],
      });
      socialInsurance = withholding = 0n;
    }
    if (i === 1)
      await entry({
        date: day(month, 3),
        memo: 'USD term loan from Banque Misr',
        currency: 'USD',
        lines: [dr('1125', units(50_000)), cr('2210', units(50_000))],
      });
    if (i >= 2)
      await entry({
        date: day(month, 3),
        memo: 'Loan interest',
        currency: 'USD',
        lines: [dr('5850', units(250)), cr('1125', units(250))],
      });
    // Collections of what customers owed, and payments to suppliers.
    if (receivable > 0n) {
      const collected = (receivable * BigInt(rand(80, 95))) / 100n;
      await entry({
        date: day(month, 8),
        memo: 'Customer receipts',
        lines: [dr('1120', collected), cr('1130', collected)],
      });
      receivable -= collected;
    }
    if (payable > 0n) {
      const paid = (payable * BigInt(rand(75, 90))) / 100n;
      await entry({ date: day(month, 15), memo: 'Supplier payments', lines: [dr('2110', paid), cr('1120', paid)] });
      payable -= paid;
    }
    for (const [n, d] of [5, 14, 22].entries()) {
      const net = units(Math.round((1_500_000 + rand(0, 300_000)) * season));
      const vat = (net * 14n) / 100n;
      await entry({
        date: day(month, d),
        memo: `Sales invoice INV-${month.replace('-', '')}-${n + 1}`,
        source: 'invoice',
        sourceRef: `INV-${month.replace('-', '')}-${n + 1}`,
        lines: [dr('1130', net + vat), cr('4100', net), cr('2130', vat)],
      });
      await entry({
        date: day(month, d),
        memo: 'Cost of goods sold',
        source: 'stock',
        lines: [dr('5100', net / 2n), cr('1140', net / 2n)],
      });
      receivable += net + vat;
      vatOut += vat;
    }
    const purchase = units(Math.round((2_100_000 + rand(0, 400_000)) * season));
    const inputVat = (purchase * 14n) / 100n;
    await entry({
      date: day(month, 6),
      memo: 'Stock purchase',
      source: 'bill',
      sourceRef: `BILL-${month.replace('-', '')}`,
      lines: [dr('1140', purchase), dr('1150', inputVat), cr('2110', purchase + inputVat)],
    });
    payable += purchase + inputVat;
    vatIn += inputVat;
    await entry({
      date: day(month, 1),
      memo: 'Office rent',
      lines: [dr('5300', units(120_000)), cr('1120', units(120_000))],
    });
    const utilities = units(18_000 + rand(0, 6_000));
    await entry({
      date: day(month, 18),
      memo: 'Electricity, water and internet',
      lines: [dr('5400', utilities), cr('1120', utilities)],
    });
    const gross = units(1_650_000);
    const employer = (gross * 1875n) / 10_000n;
    const employee = (gross * 11n) / 100n;
    const tax = (gross * 9n) / 100n;
    await entry({
      date: day(month, 28),
      memo: `Payroll ${month}`,
      source: 'payroll',
      sourceRef: month,
      lines: [
        dr('5200', gross),
        dr('5210', employer),
        cr('2160', employer + employee),
        cr('2140', tax),
        cr('2150', gross - employee - tax),
      ],
    });
    await entry({
      date: day(month, 28),
      memo: `Salaries paid ${month}`,
      lines: [dr('2150', gross - employee - tax), cr('1120', gross - employee - tax)],
    });
    socialInsurance += employer + employee;
    withholding += tax;
    const supplies = units(rand(8_000, 20_000));
    await entry({ date: day(month, 20), memo: 'Office supplies', lines: [dr('5500', supplies), cr('1110', supplies)] });
    await entry({ date: day(month, 21), memo: 'Cash top-up', lines: [dr('1110', supplies), cr('1120', supplies)] });
    const marketing = units(rand(30_000, 90_000));
    await entry({
      date: day(month, 11),
      memo: 'Online advertising',
      lines: [dr('5600', marketing), cr('1120', marketing)],
    });
    await entry({
      date: monthRange(month).to,
      memo: 'Depreciation',
      lines: [dr('5800', units(12_500)), cr('1290', units(12_500))],
    });
    if (i >= 1 && monthRange(month).to < today) await revalueMonth(ctx, seeder, month);
  }
  const firstPeriod = (await listPeriods(ctx, {})).items.find((p) => p.name === first);
  if (firstPeriod && firstPeriod.status === 'open') await closePeriod(ctx, seeder, firstPeriod.id);
  return posted;
}
