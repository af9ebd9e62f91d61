import { currencyScale, SUPPORTED_CURRENCIES, selectCompact, toMoneyJson, unprocessable } from '@konecta/core';
import { type SQL, sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';

/**
 * Receivables and payables ageing as of any date, in one SQL statement: the invoices issued (bills
 * approved) on or before `asOf` and not voided by then, each with what it still owed at `asOf`,
 * bucketed by its days past due at `asOf` and summed per party and currency, in the document's
 * currency and in the base currency at the document's rate. JavaScript only lays the sums out.
 */

export type AgeingKind = 'receivables' | 'payables';

export const DEFAULT_BUCKETS = [30, 60, 90];

export interface AgeingBucket {
  label: string;
  /** Days past due, inclusive; null for "current" (not yet due) and the open-ended last bucket. */
  fromDays: number | null;
  toDays: number | null;
}

/**
 * `30,60,90` as bucket edges: 1 to 6 increasing whole days from 1 to 3650. A bad list answers 422
 * naming `buckets`.
 */
export function parseBuckets(text: string | undefined): number[] {
  if (text === undefined || text === '') return DEFAULT_BUCKETS;
  const bad = (message: string) => unprocessable('The ageing buckets are not valid.', [{ path: 'buckets', message }]);
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length > 6) throw bad('Give at most 6 bucket edges.');
  const edges = parts.map((p) => (/^\d{1,4}$/.test(p) ? Number(p) : Number.NaN));
  if (edges.some((e) => !Number.isInteger(e) || e < 1 || e > 3650))
    throw bad('Give whole numbers of days from 1 to 3650, separated by commas (30,60,90).');
  if (edges.some((e, i) => i > 0 && e <= (edges[i - 1] as number)))
    throw bad('Give the edges in increasing order, each once.');
  return edges;
}

export function bucketsOf(edges: number[]): AgeingBucket[] {
  const out: AgeingBucket[] = [{ label: 'Current', fromDays: null, toDays: 0 }];
  let from = 1;
  for (const e of edges) {
    out.push({ label: `${from}-${e}`, fromDays: from, toDays: e });
    from = e + 1;
  }
  out.push({ label: `Over ${edges[edges.length - 1]}`, fromDays: from, toDays: null });
  return out;
}

/**
 * What to add to each document's `amount_due` (today's: total less every applied credit note and
 * every allocation, both kept by the database) for what it owed at `asOf`, as one grouped relation
 * joined once (a hash join, not a lookup per document): what relieved it after `asOf` — credit
 * notes dated after it and the allocations of payments dated after it (a payment counts from its
 * own date, as its entry in the ledger does, whenever it was entered or allocated; a removed
 * allocation is gone, as it is from `amount_due`) — less, for a document voided on or before
 * `asOf` (its reversing entry's date), its whole total: a void needs nothing paid or credited, so
 * it then owes nothing. As of today the relation is nearly empty; the further back `asOf`, the
 * more it holds.
 */
function laterChanges(kind: AgeingKind, asOf: string, partyId?: string): SQL {
  const receivables = kind === 'receivables';
  const documentOf = sql.raw(receivables ? 'a.invoice_id' : 'a.bill_id');
  const documents = sql.raw(receivables ? 'finance.invoices' : 'finance.bills');
  const [noteOf, partyOf] = receivables ? ['invoice_id', 'customer_id'] : ['bill_id', 'vendor_id'];
  return sql`left join (select s.document_id, sum(s.amount)::bigint as amount
                          from (select ${sql.raw(noteOf)}, applied_amount from finance.credit_notes
                                 where ${sql.raw(noteOf)} is not null and date > ${asOf}::date
                                       ${partyId ? sql`and ${sql.raw(partyOf)} = ${partyId}` : sql``}
                                union all
                                select ${documentOf}, a.amount
                                  from finance.payment_allocations a
                                  join finance.payments p on p.id = a.payment_id
                                 where ${documentOf} is not null and p.date > ${asOf}::date
                                union all
                                select v.id, -v.total
                                  from ${documents} v join finance.journal_entries e on e.id = v.void_entry_id
                                 where e.date <= ${asOf}::date) s(document_id, amount)
                         group by 1) later on later.document_id = d.id`;
}

const pgArray = (values: readonly (string | number)[]) => `{${values.join(',')}}`;
const SCALE_0 = SUPPORTED_CURRENCIES.filter((c) => currencyScale(c) === 0);
const SCALE_3 = SUPPORTED_CURRENCIES.filter((c) => currencyScale(c) === 3);

/** 10^n as a decimal string (n may be negative). */
const tenTo = (n: number) => (n >= 0 ? `1${'0'.repeat(n)}` : `0.${'0'.repeat(-n - 1)}1`);

/**
 * A document's amount owed turned into minor units of the base currency at its rate, rounded once
 * (half away from zero): × 10^(base scale − its scale) for the currencies whose minor unit is not a
 * hundredth, as a CASE on the currency (no join); a document in the base currency at rate 1 as it is.
 */
function baseOwed(base: string): SQL {
  const baseScale = currencyScale(base);
  const branches = [SCALE_0, SCALE_3]
    .filter((list) => list.length)
    .map(
      (list) =>
        `when o.currency in (${list.map((c) => `'${c}'`).join(', ')}) then round(o.owed * o.rate * ${tenTo(baseScale - currencyScale(list[0] as string))}::numeric)::bigint`,
    );
  const otherwise =
    baseScale === 2
      ? 'round(o.owed * o.rate)::bigint'
      : `round(o.owed * o.rate * ${tenTo(baseScale - 2)}::numeric)::bigint`;
  // A document in the base currency at rate 1 owes the same minor units: no numeric arithmetic.
  const same = `when o.currency = '${base.replace(/[^A-Z]/g, '')}' and o.rate = 1 then o.owed`;
  return sql.raw(`(case ${same} ${branches.join(' ')} else ${otherwise} end)`);
}

/**
 * The documents open at `asOf`, one row each: id, number, party id, dates, currency, rate, total,
 * `owed` (document currency), `base_owed` (base currency, rounded once per document, half away
 * from zero) and `days` past due. `partyId` narrows to one party.
 */
export function openDocumentsAt(ctx: FinanceContext, kind: AgeingKind, asOf: string, partyId?: string): SQL {
  const party = (column: SQL) => (partyId ? sql`and ${column} = ${partyId}` : sql``);
  const owed = sql`d.amount_due + coalesce(later.amount, 0)`;
  const docs =
    kind === 'receivables'
      ? sql`select d.id, d.number, d.customer_id as party_id, d.issue_date as doc_date,
                   d.due_date, d.currency, d.rate, d.total, ${owed} as owed
              from finance.invoices d ${laterChanges(kind, asOf, partyId)}
             where d.status <> 'draft' and d.issue_date <= ${asOf} ${party(sql`d.customer_id`)}`
      : sql`select d.id, d.number, d.vendor_id as party_id, d.bill_date as doc_date,
                   d.due_date, d.currency, d.rate, d.total, ${owed} as owed
              from finance.bills d ${laterChanges(kind, asOf, partyId)}
             where d.status <> 'draft' and d.bill_date <= ${asOf} ${party(sql`d.vendor_id`)}`;
  return sql`select o.*, (${asOf}::date - o.due_date) as days, ${baseOwed(ctx.config.baseCurrency)} as base_owed
               from (${docs}) o
              where o.owed > 0`;
}

/** The sums of one party, currency and bucket, with the party's name and place in name order. */
type BucketSum = {
  partyId: string;
  name: string;
  /** The party's place when all are ordered by name (then id). */
  rank: number;
  currency: string;
  bucket: number;
  documents: number;
  /** Minor units, as text. */
  owed: string;
  baseOwed: string;
};

/**
 * Sums per party, currency and bucket (width_bucket over the buckets' first days: 0 is current),
 * each with its party's name and rank in name order (the parties ranked once, not the sums sorted
 * by name), read in the engine's cheapest form (`selectCompact`). Gathering the buckets per party
 * in SQL cost more than the grouping itself (bench/ageing.ts); the report lays the rows out.
 */
function bucketSums(ctx: FinanceContext, kind: AgeingKind, asOf: string, edges: number[], partyId?: string) {
  const lowerBounds = [1, ...edges.map((e) => e + 1)];
  const parties = kind === 'receivables' ? sql`finance.customers` : sql`finance.vendors`;
  return selectCompact<BucketSum>(
    ctx.db,
    {
      partyId: sql`g.party_id`,
      name: sql`p.name`,
      rank: sql`p.rank`,
      currency: sql`g.currency`,
      bucket: sql`g.bucket`,
      documents: sql`g.documents`,
      owed: sql`g.owed::text`,
      baseOwed: sql`g.base_owed::text`,
    },
    sql`(select d.party_id, d.currency, width_bucket(d.days, ${pgArray(lowerBounds)}::int[]) as bucket,
                count(*)::int as documents, sum(d.owed) as owed, sum(d.base_owed) as base_owed
           from (${openDocumentsAt(ctx, kind, asOf, partyId)}) d
          group by 1, 2, 3) g
        join (select id, name, row_number() over (order by name, id)::int as rank from ${parties}
               ${partyId ? sql`where id = ${partyId}` : sql``}) p on p.id = g.party_id`,
  );
}

const money = (minor: bigint, currency: string) => toMoneyJson({ minor, currency }).amount;

/** Ageing report: per party and currency, the amounts per bucket (document currency and base), and totals. */
export async function ageing(
  ctx: FinanceContext,
  kind: AgeingKind,
  query: { asOf?: string; buckets?: string; partyId?: string },
) {
  const edges = parseBuckets(query.buckets);
  const asOf = query.asOf ?? ctx.calendar.today();
  const base = ctx.config.baseCurrency;
  const buckets = bucketsOf(edges);
  const n = buckets.length;
  const sums = await bucketSums(ctx, kind, asOf, edges, query.partyId);
  const zeros = () => Array.from({ length: n }, () => 0n);
  type Row = {
    rank: number;
    partyId: string;
    partyName: string;
    currency: string;
    documents: number;
    owed: bigint[];
    base: bigint[];
  };
  const byParty = new Map<string, Row>();
  const byCurrency = new Map<string, { owed: bigint[]; documents: number }>();
  const totalBase = zeros();
  const totalDocs = Array.from({ length: n }, () => 0);
  for (const s of sums) {
    const key = `${s.partyId} ${s.currency}`;
    let row = byParty.get(key);
    if (!row) {
      row = {
        rank: s.rank,
        partyId: s.partyId,
        partyName: s.name,
        currency: s.currency,
        documents: 0,
        owed: zeros(),
        base: zeros(),
      };
      byParty.set(key, row);
    }
    let cur = byCurrency.get(s.currency);
    if (!cur) {
      cur = { owed: zeros(), documents: 0 };
      byCurrency.set(s.currency, cur);
    }
    const b = s.bucket;
    const owed = BigInt(s.owed);
    const baseOwed = BigInt(s.baseOwed);
    row.owed[b] = owed;
    row.base[b] = baseOwed;
    row.documents += s.documents;
    totalBase[b] = (totalBase[b] as bigint) + baseOwed;
    totalDocs[b] = (totalDocs[b] as number) + s.documents;
    cur.owed[b] = (cur.owed[b] as bigint) + owed;
    cur.documents += s.documents;
  }
  // In the parties' name order, then by currency.
  const rows = [...byParty.values()].sort((x, y) =>
    x.rank !== y.rank ? x.rank - y.rank : x.currency < y.currency ? -1 : x.currency > y.currency ? 1 : 0,
  );
  const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
  return {
    kind,
    asOf,
    currency: base,
    buckets,
    rows: rows.map((r) => ({
      partyId: r.partyId,
      partyName: r.partyName,
      currency: r.currency,
      documents: r.documents,
      amounts: r.owed.map((m) => money(m, r.currency)),
      total: money(sum(r.owed), r.currency),
      baseAmounts: r.base.map((m) => money(m, base)),
      baseTotal: money(sum(r.base), base),
    })),
    totals: {
      documents: totalDocs.reduce((a, b) => a + b, 0),
      documentsByBucket: totalDocs,
      baseAmounts: totalBase.map((m) => money(m, base)),
      baseTotal: money(sum(totalBase), base),
      overdueDocuments: totalDocs.slice(1).reduce((a, b) => a + b, 0),
      baseOverdue: money(sum(totalBase.slice(1)), base),
      byCurrency: [...byCurrency.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([currency, c]) => ({
          currency,
          documents: c.documents,
          amounts: c.owed.map((m) => money(m, currency)),
          total: money(sum(c.owed), currency),
        })),
    },
  };
}

export type Ageing = Awaited<ReturnType<typeof ageing>>;
