import { addMonths, monthRange, systemActor } from '@konecta/core';
import { accounts, fiscalYears, journalEntries } from '@konecta/db';
import { count } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { setRates } from '../currencies/rates';
import { revalueMonth } from '../currencies/revaluation';
import { type EntryInput, type EntryLineInput, postNewEntries } from '../journals/entries';
import { closePeriod, createFiscalYear, listPeriods } from '../periods/periods';

const seeder = systemActor('finance');

/** A small deterministic generator, so every demo ledger is the same. */
export function numbers(seed: number) {
  let state = seed;
  return (min: number, max: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return min + Math.floor((state / 2 ** 31) * (max - min + 1));
  };
}

/** Whole pounds (or dollars) in minor units. */
const units = (amount: number) => BigInt(Math.round(amount)) * 100n;

/** A demo-year entry's lines, and the running balances (base currency, debit positive) they move. */
function ledgerBook(id: (code: string) => string) {
  const balances = new Map<string, bigint>();
  const entries: EntryInput[] = [];
  return {
    entries,
    balance: (code: string) => balances.get(code) ?? 0n,
    dr: (code: string, amount: bigint): EntryLineInput => ({ accountId: id(code), debit: amount, credit: 0n }),
    cr: (code: string, amount: bigint): EntryLineInput => ({ accountId: id(code), debit: 0n, credit: amount }),
    /** Adds an entry; base-currency entries move the balances the plan reads (foreign ones only USD accounts). */
    add(input: EntryInput, codes: string[]) {
      entries.push(input);
      if (input.currency) return;
      input.lines.forEach((l, i) => {
        const code = codes[i] as string;
        balances.set(code, (balances.get(code) ?? 0n) + l.debit - l.credit);
      });
    },
  };
}

type Side = ['dr' | 'cr', string, bigint];

/**
 * The demo company's ledger: opening balances, then twelve months of sales on credit with their
 * cost (inventory out), stock bought to cover the month's sales (inventory in), collections and
 * supplier payments, salaries with social insurance and withholding, rent, utilities,
 * depreciation, VAT settlements, a USD loan in a USD bank account with its interest and month-end
 * revaluations; the first month is closed. Supplier payments are held back to keep a cash
 * reserve, so the bank never goes below zero. Runs once (nothing happens when entries exist).
 *
 * The year is posted in one transaction of a few bulk statements (the database's rules still check
 * every entry), then the month-end revaluations, which read the ledger, one month at a time.
 */
export async function seedLedger(ctx: FinanceContext): Promise<number> {
  const [existing] = await ctx.db.select({ n: count() }).from(journalEntries);
  if (existing?.n) return 0;
  const codes = new Map(
    (await ctx.db.select({ id: accounts.id, code: accounts.code }).from(accounts)).map((a) => [a.code, a.id]),
  );
  if (!codes.size) return 0;
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
  // USD rates: the pound drifting from 48 to about 51 to the dollar, set on the 1st and the last day.
  await setRates(
    ctx,
    seeder,
    months.flatMap((month, i) => {
      const base = 48 + i * 0.25;
      const { from, to } = monthRange(month);
      return [
        { currency: 'USD', date: from, rate: (base + rand(0, 20) / 100).toFixed(4) },
        { currency: 'USD', date: to, rate: (base + 0.2 + rand(0, 20) / 100).toFixed(4) },
      ];
    }),
  );

  const book = ledgerBook((code) => codes.get(code) as string);
  const entry = (input: Omit<EntryInput, 'lines'>, sides: Side[]) => {
    const moving = sides.filter(([, , amount]) => amount > 0n);
    if (input.date > today || moving.length < 2) return;
    book.add(
      { ...input, lines: moving.map(([side, code, amount]) => book[side](code, amount)) },
      moving.map(([, code]) => code),
    );
  };
  const day = (month: string, d: number) => {
    const { to } = monthRange(month);
    const last = Number(to.slice(8));
    return `${month}-${String(Math.min(d, last)).padStart(2, '0')}`;
  };

  const first = months[0] as string;
  entry({ date: monthRange(first).from, memo: 'Opening balances' }, [
    ['dr', '1120', units(3_000_000)],
    ['dr', '1110', units(50_000)],
    ['dr', '1140', units(2_400_000)],
    ['dr', '1210', units(300_000)],
    ['dr', '1220', units(450_000)],
    ['cr', '3100', units(2_000_000)],
    ['cr', '3200', units(3_600_000)],
    ['cr', '2110', units(600_000)],
  ]);

  /** What the bank keeps after paying suppliers: the salaries and the first bills of next month. */
  const reserve = units(2_500_000);
  let socialInsurance = 0n;
  let withholding = 0n;
  let vatOut = 0n;
  let vatIn = 0n;
  for (const [i, month] of months.entries()) {
    const season = 1 + 0.25 * Math.sin((i / 12) * 2 * Math.PI);
    const tag = month.replace('-', '');
    const lastVat = { out: vatOut, in: vatIn };
    vatOut = vatIn = 0n;
    const sale = (n: number, d: number) => {
      const net = units(Math.round((1_500_000 + rand(0, 300_000)) * season));
      const vat = (net * 14n) / 100n;
      const ref = `INV-${tag}-${n}`;
      entry({ date: day(month, d), memo: `Sales invoice ${ref}`, source: 'invoice', sourceRef: ref }, [
        ['dr', '1130', net + vat],
        ['cr', '4100', net],
        ['cr', '2130', vat],
      ]);
      // The goods sold leave inventory at cost (half the price); never more than is in stock.
      const cost = net / 2n < book.balance('1140') ? net / 2n : book.balance('1140');
      entry({ date: day(month, d), memo: `Cost of goods sold, ${ref}`, source: 'stock', sourceRef: ref }, [
        ['dr', '5100', cost],
        ['cr', '1140', cost],
      ]);
      vatOut += vat;
    };

    entry({ date: day(month, 1), memo: 'Office rent' }, [
      ['dr', '5300', units(120_000)],
      ['cr', '1120', units(120_000)],
    ]);
    if (i === 1)
      entry({ date: day(month, 3), memo: 'USD term loan from Banque Misr', currency: 'USD' }, [
        ['dr', '1125', units(50_000)],
        ['cr', '2210', units(50_000)],
      ]);
    if (i >= 2)
      entry({ date: day(month, 3), memo: 'Loan interest', currency: 'USD' }, [
        ['dr', '5850', units(250)],
        ['cr', '1125', units(250)],
      ]);
    sale(1, 5);
    // Stock bought to hold about a month and a fifth of the season's cost of sales.
    const target = units(Math.round(2_700_000 * season));
    const purchase = target > book.balance('1140') ? target - book.balance('1140') : 0n;
    const inputVat = (purchase * 14n) / 100n;
    entry({ date: day(month, 6), memo: 'Stock purchase', source: 'bill', sourceRef: `BILL-${tag}` }, [
      ['dr', '1140', purchase],
      ['dr', '1150', inputVat],
      ['cr', '2110', purchase + inputVat],
    ]);
    vatIn += inputVat;
    const receivable = book.balance('1130');
    if (receivable > 0n) {
      const collected = (receivable * BigInt(rand(80, 95))) / 100n;
      entry({ date: day(month, 8), memo: 'Customer receipts' }, [
        ['dr', '1120', collected],
        ['cr', '1130', collected],
      ]);
    }
    // Last month's VAT return: output tax less input tax (a refund when input tax is larger).
    const due = lastVat.out - lastVat.in;
    entry({ date: day(month, 10), memo: 'VAT return' }, [
      ['dr', '2130', lastVat.out],
      ['cr', '1150', lastVat.in],
      due >= 0n ? ['cr', '1120', due] : ['dr', '1120', -due],
    ]);
    const marketing = units(rand(30_000, 90_000));
    entry({ date: day(month, 11), memo: 'Online advertising' }, [
      ['dr', '5600', marketing],
      ['cr', '1120', marketing],
    ]);
    entry({ date: day(month, 12), memo: 'Social insurance' }, [
      ['dr', '2160', socialInsurance],
      ['cr', '1120', socialInsurance],
    ]);
    entry({ date: day(month, 12), memo: 'Withholding tax' }, [
      ['dr', '2140', withholding],
      ['cr', '1120', withholding],
    ]);
    socialInsurance = withholding = 0n;
    sale(2, 14);
    const payable = -book.balance('2110');
    const wanted = (payable * BigInt(rand(75, 90))) / 100n;
    const room = book.balance('1120') - reserve;
    const paid = wanted < room ? wanted : room > 0n ? room : 0n;
    entry({ date: day(month, 15), memo: 'Supplier payments' }, [
      ['dr', '2110', paid],
      ['cr', '1120', paid],
    ]);
    const utilities = units(18_000 + rand(0, 6_000));
    entry({ date: day(month, 18), memo: 'Electricity, water and internet' }, [
      ['dr', '5400', utilities],
      ['cr', '1120', utilities],
    ]);
    const supplies = units(rand(8_000, 20_000));
    entry({ date: day(month, 20), memo: 'Office supplies' }, [
      ['dr', '5500', supplies],
      ['cr', '1110', supplies],
    ]);
    entry({ date: day(month, 21), memo: 'Cash top-up' }, [
      ['dr', '1110', supplies],
      ['cr', '1120', supplies],
    ]);
    sale(3, 22);
    const gross = units(1_650_000);
    const employer = (gross * 1875n) / 10_000n;
    const employee = (gross * 11n) / 100n;
    const tax = (gross * 9n) / 100n;
    entry({ date: day(month, 28), memo: `Payroll ${month}`, source: 'payroll', sourceRef: month }, [
      ['dr', '5200', gross],
      ['dr', '5210', employer],
      ['cr', '2160', employer + employee],
      ['cr', '2140', tax],
      ['cr', '2150', gross - employee - tax],
    ]);
    entry({ date: day(month, 28), memo: `Salaries paid ${month}` }, [
      ['dr', '2150', gross - employee - tax],
      ['cr', '1120', gross - employee - tax],
    ]);
    if (day(month, 28) <= today) {
      socialInsurance += employer + employee;
      withholding += tax;
    }
    entry({ date: monthRange(month).to, memo: 'Depreciation' }, [
      ['dr', '5800', units(12_500)],
      ['cr', '1290', units(12_500)],
    ]);
  }
  await postNewEntries(ctx, seeder, book.entries);
  for (const [i, month] of months.entries())
    if (i >= 1 && monthRange(month).to < today) await revalueMonth(ctx, seeder, month);
  const firstPeriod = (await listPeriods(ctx, {})).items.find((p) => p.name === first);
  if (firstPeriod && firstPeriod.status === 'open') await closePeriod(ctx, seeder, firstPeriod.id);
  return book.entries.length;
}
