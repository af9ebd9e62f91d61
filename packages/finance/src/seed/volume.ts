import { randomUUID } from 'node:crypto';
import { addDays, formatDecimal, systemActor } from '@konecta/core';
import {
  billLines,
  bills,
  customers,
  fiscalYears,
  invoiceLines,
  invoices,
  numberSeries,
  paymentAllocations,
  payments,
  periods,
  vendors,
} from '@konecta/db';
import { eq, sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { rateOn } from '../currencies/rates';
import { type LineAmounts, type LineBody, type PreparedLine, prepareLines, sumAmounts } from '../documents/lines';
import { entryLinesWith, postingAccounts, type Side } from '../documents/posting';
import { type EntryInput, postNewEntries } from '../journals/entries';
import { numbers } from './index';

const seeder = systemActor('finance');

/** Customers and vendors besides the few the demo documents name: [name, city, currency, terms]. */
const CUSTOMERS: [string, string, string, number][] = [
  ['Alexandria Marine Services', 'Alexandria, Egypt', 'EGP', 30],
  ['Sinai Resorts Group', 'Sharm El Sheikh, Egypt', 'EGP', 45],
  ['Mansoura Pharma', 'Mansoura, Egypt', 'EGP', 30],
  ['Luxor Heritage Tours', 'Luxor, Egypt', 'EGP', 15],
  ['Red Sea Fisheries', 'Hurghada, Egypt', 'EGP', 30],
  ['Tanta Agro Industries', 'Tanta, Egypt', 'EGP', 60],
  ['Zamalek Dental Clinics', 'Cairo, Egypt', 'EGP', 15],
  ['Heliopolis Motors', 'Cairo, Egypt', 'EGP', 30],
  ['Suez Canal Containers', 'Ismailia, Egypt', 'EGP', 45],
  ['Fayoum Solar Farms', 'Fayoum, Egypt', 'EGP', 30],
  ['Aswan Granite Works', 'Aswan, Egypt', 'EGP', 30],
  ['October City Packaging', '6th of October, Egypt', 'EGP', 30],
  ['Gulf Retail Holdings', 'Riyadh, KSA', 'USD', 45],
  ['Mediterranean Shipping Agents', 'Piraeus, GR', 'USD', 30],
  ['Levant Software House', 'Amman, JO', 'USD', 30],
];
const VENDORS: [string, string, string, number][] = [
  ['Nasr City Stationery', 'Cairo, Egypt', 'EGP', 30],
  ['Maadi Facility Services', 'Cairo, Egypt', 'EGP', 15],
  ['Orascom Telecom Business', 'Cairo, Egypt', 'EGP', 30],
  ['Egypt Post Courier', 'Cairo, Egypt', 'EGP', 14],
  ['Sixth Gear Fleet Rentals', 'Giza, Egypt', 'EGP', 30],
  ['Badr Cleaning Co.', 'Cairo, Egypt', 'EGP', 15],
  ['Dokki Print House', 'Giza, Egypt', 'EGP', 30],
  ['Ain Shams Security', 'Cairo, Egypt', 'EGP', 30],
  ['New Cairo Catering', 'Cairo, Egypt', 'EGP', 14],
  ['Atlassian Pty Ltd', 'Sydney, AU', 'USD', 30],
  ['Figma Inc.', 'San Francisco, US', 'USD', 30],
];

/** What each side sells or buys: [description, lowest and highest unit price (whole units), account]. */
const SALES: [string, number, number, string][] = [
  ['Cotton fabric, roll', 1_800, 4_200, '4100'],
  ['Packaging film, reel', 250, 900, '4100'],
  ['Linen sets', 600, 1_400, '4100'],
  ['Implementation consulting (days)', 4_000, 9_000, '4200'],
  ['Support retainer, monthly', 2_500, 7_500, '4200'],
  ['Training workshop', 6_000, 15_000, '4200'],
];
const PURCHASES: [string, number, number, string][] = [
  ['Copy paper and stationery', 300, 1_800, '5500'],
  ['Cleaning and facility services', 2_000, 6_000, '5500'],
  ['Mobile and data lines', 1_200, 4_500, '5400'],
  ['Courier shipments', 150, 900, '5500'],
  ['Vehicle rental, monthly', 3_000, 8_000, '5500'],
  ['Printed brochures', 800, 3_500, '5600'],
];
const USD_SALES: [string, number, number, string][] = [['Software licence, annual', 400, 1_500, '4200']];
const USD_PURCHASES: [string, number, number, string][] = [['Software subscription', 60, 400, '5400']];

interface Planned {
  id: string;
  side: Side;
  partyId: string;
  currency: string;
  rate: string;
  date: string;
  dueDate: string;
  lines: PreparedLine[];
  totals: LineAmounts;
  /** Not issued (approved) yet. */
  draft: boolean;
  /** What a payment took off it, and when. */
  payment?: { amount: bigint; date: string };
}

/**
 * The demo's volume: about twenty customers and fifteen vendors in all (a few in USD) and a few
 * hundred invoices and bills spread over the open months of the demo year, issued (some overdue),
 * partly and fully paid, a few drafts. Posted in bulk as the demo ledger is: every document's
 * entry and every payment's in one `postNewEntries`, the documents and their lines in a few
 * inserts, the payments' allocations in one (the database's triggers still move what each
 * document has been paid, and its checks still hold every amount). Returns the documents made.
 */
export async function seedDocumentVolume(ctx: FinanceContext, banks: { base: string; usd: string }): Promise<number> {
  const today = ctx.calendar.today();
  const [closed] = await ctx.db
    .select({ end: sql<string | null>`max(${periods.endDate})::text` })
    .from(periods)
    .where(eq(periods.status, 'closed'));
  const [open] = await ctx.db.select({ start: sql<string | null>`min(${periods.startDate})::text` }).from(periods);
  const first = closed?.end ? addDays(closed.end, 1) : open?.start;
  if (!first || first > today) return 0;
  const days = Math.round((Date.parse(today) - Date.parse(first)) / 86_400_000);
  const codes = new Map(
    (await ctx.db.select({ id: sql<string>`id`, code: sql<string>`code` }).from(sql`finance.accounts`)).map((a) => [
      a.code,
      a.id,
    ]),
  );
  const rand = numbers(1504);
  const pick = <T>(list: readonly T[]): T => list[rand(0, list.length - 1)] as T;
  const partyRow = ([name, address, currency, terms]: [string, string, string, number], i: number) => ({
    name,
    address,
    currency,
    paymentTermsDays: terms,
    contactName: `Accounts team ${i + 1}`,
    email: `accounts@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
    phone: `+20 2 2${String(100_000 + i * 7_919).slice(0, 6)}`,
    taxNumber: `${300 + i}-${400 + i * 3}-${500 + i * 7}`,
  });
  const newCustomers = await ctx.db
    .insert(customers)
    .values(CUSTOMERS.map((c, i) => ({ ...partyRow(c, i), creditLimit: null })))
    .returning();
  const newVendors = await ctx.db.insert(vendors).values(VENDORS.map(partyRow)).returning();

  const usdRates = new Map<string, string>();
  const rateOf = async (currency: string, date: string) => {
    if (currency === ctx.config.baseCurrency) return '1';
    const key = `${currency}:${date}`;
    if (!usdRates.has(key)) usdRates.set(key, formatDecimal(await rateOn(ctx, currency, date)));
    return usdRates.get(key) as string;
  };

  const planned: Planned[] = [];
  const plan = async (side: Side, party: (typeof newCustomers)[number] | (typeof newVendors)[number]) => {
    const date = addDays(first, rand(0, days));
    const usd = party.currency !== ctx.config.baseCurrency;
    const catalogue = side === 'receivable' ? (usd ? USD_SALES : SALES) : usd ? USD_PURCHASES : PURCHASES;
    const bodies: LineBody[] = Array.from({ length: rand(1, 3) }, () => {
      const [description, low, high, account] = pick(catalogue);
      return {
        description,
        quantity: String(rand(1, side === 'receivable' ? 6 : 3)),
        unitPrice: `${rand(low, high)}.${String(rand(0, 3) * 25).padStart(2, '0')}`,
        discountPercent: side === 'receivable' && rand(0, 9) === 0 ? '5' : '0',
        taxPercent: usd ? '0' : '14',
        withholdingPercent: !usd && rand(0, 5) === 0 ? pick(['1', '3']) : '0',
        accountId: codes.get(account) as string,
      };
    });
    const lines = await prepareLines(ctx, party.currency, bodies);
    const dueDate = addDays(date, party.paymentTermsDays);
    const age = Math.round((Date.parse(today) - Date.parse(date)) / 86_400_000);
    const doc: Planned = {
      id: randomUUID(),
      side,
      partyId: party.id,
      currency: party.currency,
      rate: await rateOf(party.currency, date),
      date,
      dueDate,
      lines,
      totals: sumAmounts(lines),
      draft: age < 10 && rand(0, 3) === 0,
    };
    // Older documents are mostly settled: paid in full after their terms (give or take), or in part.
    const chance = rand(0, 99);
    const settled = age > party.paymentTermsDays ? 80 : age > 14 ? 35 : 0;
    if (!doc.draft && chance < settled) {
      const part = chance % 5 === 0;
      const payDate = addDays(date, rand(5, Math.max(6, Math.min(age, party.paymentTermsDays + 15))));
      const amount = part ? (doc.totals.total * BigInt(rand(30, 70))) / 100n : doc.totals.total;
      if (payDate <= today && amount > 0n) doc.payment = { amount, date: payDate };
    }
    planned.push(doc);
  };
  for (let i = 0; i < 200; i++) await plan('receivable', pick(newCustomers));
  for (let i = 0; i < 130; i++) await plan('payable', pick(newVendors));
  planned.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));

  // Numbers per series and fiscal year, in date order, after any the year has given already.
  const years = await ctx.db.select({ start: fiscalYears.startDate, end: fiscalYears.endDate }).from(fiscalYears);
  const yearOf = (date: string) => Number(years.find((y) => y.start <= date && date <= y.end)?.start.slice(0, 4));
  const last = new Map(
    (await ctx.db.select().from(numberSeries)).map((s) => [`${s.series}:${s.fiscalYear}`, s.lastNumber]),
  );
  const numberOf = (series: 'INV' | 'BILL', date: string) => {
    const key = `${series}:${yearOf(date)}`;
    const n = (last.get(key) ?? 0) + 1;
    last.set(key, n);
    return `${series}-${yearOf(date)}-${String(n).padStart(5, '0')}`;
  };

  const accountsOf = {
    receivable: await postingAccounts(ctx, 'receivable'),
    payable: await postingAccounts(ctx, 'payable'),
  };
  const partyNames = new Map([...newCustomers, ...newVendors].map((p) => [p.id, p.name]));
  const issued = planned.filter((d) => !d.draft);
  const numbered = new Map(issued.map((d) => [d.id, numberOf(d.side === 'receivable' ? 'INV' : 'BILL', d.date)]));
  const entries: EntryInput[] = issued.map((d) => {
    const number = numbered.get(d.id) as string;
    const invoice = d.side === 'receivable';
    return {
      date: d.date,
      memo: `${invoice ? 'Invoice' : 'Bill'} ${number} – ${partyNames.get(d.partyId)}`,
      currency: d.currency,
      rate: d.rate,
      source: invoice ? 'invoice' : 'bill',
      sourceRef: number,
      lines: entryLinesWith(accountsOf[d.side], d.side, d.partyId, d.lines, 'post'),
    };
  });
  // A party's payments of a month settle its documents of that month together (one transfer, several
  // allocations); foreign ones one by one, at the document's own rate (no exchange differences).
  const groups = new Map<string, Planned[]>();
  for (const d of issued.filter((x) => x.payment)) {
    const base = d.currency === ctx.config.baseCurrency;
    const key = base ? `${d.side}:${d.partyId}:${d.payment?.date.slice(0, 7)}` : d.id;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const paid = [...groups.values()].map((docs) => {
    const d = docs[0] as Planned;
    const date = docs.reduce((m, x) => ((x.payment?.date ?? '') > m ? (x.payment?.date ?? m) : m), '');
    const numbers = docs.map((x) => numbered.get(x.id)).join(', ');
    return {
      id: randomUUID(),
      side: d.side,
      partyId: d.partyId,
      currency: d.currency,
      rate: d.rate,
      date,
      amount: docs.reduce((sum, x) => sum + (x.payment?.amount ?? 0n), 0n),
      reference: `${d.side === 'receivable' ? 'Transfer for' : 'Paid'} ${numbers}`.slice(0, 200),
      docs,
    };
  });
  for (const p of paid) {
    const received = p.side === 'receivable';
    const bank = p.currency === ctx.config.baseCurrency ? banks.base : banks.usd;
    const control = accountsOf[p.side].party;
    entries.push({
      date: p.date,
      memo: `Payment ${received ? 'from' : 'to'} ${partyNames.get(p.partyId)} – ${p.reference}`,
      currency: p.currency,
      rate: p.rate,
      source: 'payment',
      sourceRef: p.id,
      lines: received
        ? [
            { accountId: bank, debit: p.amount, credit: 0n },
            { accountId: control, debit: 0n, credit: p.amount, partyId: p.partyId },
          ]
        : [
            { accountId: control, debit: p.amount, credit: 0n, partyId: p.partyId },
            { accountId: bank, debit: 0n, credit: p.amount },
          ],
    });
  }
  const posted = await postNewEntries(ctx, seeder, entries);
  const entryOf = new Map(issued.map((d, i) => [d.id, posted[i]?.id as string]));

  // As text: a Date is no parameter postgres.js takes in raw SQL (PGlite did).
  const now = ctx.now().toISOString();
  const common = (d: Planned) => ({
    id: d.id,
    dueDate: d.dueDate,
    currency: d.currency,
    rate: d.rate,
    ...d.totals,
    memo: '',
    createdBy: seeder.id,
  });
  const lineRows = (d: Planned) => d.lines.map((l) => ({ ...l }));
  const ofSide = (side: Side) => planned.filter((d) => d.side === side);
  // Drafts first (the lines of an issued document cannot be added), then issued in one statement each.
  const sales = ofSide('receivable');
  const purchases = ofSide('payable');
  if (sales.length) {
    await ctx.db
      .insert(invoices)
      .values(sales.map((d) => ({ ...common(d), customerId: d.partyId, issueDate: d.date })));
    await ctx.db.insert(invoiceLines).values(sales.flatMap((d) => lineRows(d).map((l) => ({ ...l, invoiceId: d.id }))));
  }
  if (purchases.length) {
    await ctx.db.insert(bills).values(
      purchases.map((d, i) => ({
        ...common(d),
        vendorId: d.partyId,
        billDate: d.date,
        vendorReference: `${partyNames.get(d.partyId)?.slice(0, 3).toUpperCase()}-${String(7_000 + i)}`,
      })),
    );
    await ctx.db.insert(billLines).values(purchases.flatMap((d) => lineRows(d).map((l) => ({ ...l, billId: d.id }))));
  }
  const issue = (table: 'invoices' | 'bills', docs: Planned[]) => {
    if (!docs.length) return;
    const rows = sql.join(
      docs.map((d) => sql`(${d.id}::uuid, ${numbered.get(d.id)}, ${entryOf.get(d.id)}::uuid)`),
      sql`, `,
    );
    return table === 'invoices'
      ? ctx.db.execute(sql`update finance.invoices i set status = 'issued', number = v.number, journal_entry_id = v.entry,
          issued_by = ${seeder.id}, issued_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
          from (values ${rows}) as v(id, number, entry) where i.id = v.id`)
      : ctx.db.execute(sql`update finance.bills b set status = 'approved', number = v.number, journal_entry_id = v.entry,
          approved_by = ${seeder.id}, approved_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
          from (values ${rows}) as v(id, number, entry) where b.id = v.id`);
  };
  await issue(
    'invoices',
    sales.filter((d) => !d.draft),
  );
  await issue(
    'bills',
    purchases.filter((d) => !d.draft),
  );
  for (const [key, lastNumber] of last) {
    const [series, year] = key.split(':') as [string, string];
    await ctx.db
      .insert(numberSeries)
      .values({ series, fiscalYear: Number(year), lastNumber })
      .onConflictDoUpdate({ target: [numberSeries.series, numberSeries.fiscalYear], set: { lastNumber } });
  }
  if (paid.length) {
    await ctx.db.insert(payments).values(
      paid.map((p, i) => {
        const received = p.side === 'receivable';
        return {
          id: p.id,
          direction: received ? ('received' as const) : ('made' as const),
          customerId: received ? p.partyId : null,
          vendorId: received ? null : p.partyId,
          date: p.date,
          accountId: p.currency === ctx.config.baseCurrency ? banks.base : banks.usd,
          currency: p.currency,
          rate: p.rate,
          amount: p.amount,
          reference: p.reference,
          journalEntryId: posted[issued.length + i]?.id as string,
          createdBy: seeder.id,
        };
      }),
    );
    await ctx.db.insert(paymentAllocations).values(
      paid.flatMap((p) =>
        p.docs.map((d) => ({
          paymentId: p.id,
          ...(d.side === 'receivable' ? { invoiceId: d.id } : { billId: d.id }),
          amount: d.payment?.amount as bigint,
          createdBy: seeder.id,
        })),
      ),
    );
  }
  return planned.length;
}
