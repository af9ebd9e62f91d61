import { currencyScale, executorFor, SUPPORTED_CURRENCIES, toMoneyJson, unprocessable } from '@konecta/core';
import { rowsOf } from '@konecta/db';
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
 * What payments had paid of each document by `asOf`, grouped per document (joined as one relation,
 * a hash join, not looked up per document): the allocations of posted payments dated on or before
 * it, in the document's currency. A payment counts from its own date, as its entry in the ledger
 * does, whenever it was entered or allocated. A removed allocation is gone, as the document's own
 * paid amount is.
 */
function paidBy(kind: AgeingKind, asOf: string): SQL {
  const document = kind === 'receivables' ? sql.raw('a.invoice_id') : sql.raw('a.bill_id');
  return sql`left join (select ${document} as document_id, sum(a.amount)::bigint as amount
                          from finance.payment_allocations a
                          join finance.payments p on p.id = a.payment_id
                         where ${document} is not null and p.status = 'posted' and p.date <= ${asOf}::date
                         group by 1) paid on paid.document_id = d.id`;
}

const pgArray = (values: readonly (string | number)[]) => `{${values.join(',')}}`;
const SCALE_0 = SUPPORTED_CURRENCIES.filter((c) => currencyScale(c) === 0);
const SCALE_3 = SUPPORTED_CURRENCIES.filter((c) => currencyScale(c) === 3);

/** 10^n as a decimal string (n may be negative). */
const tenTo = (n: number) => (n >= 0 ? `1${'0'.repeat(n)}` : `0.${'0'.repeat(-n - 1)}1`);

/**
 * What turns minor units of a currency into minor units of the base currency besides the rate:
 * 10^(base scale − its scale), as a relation (currency, factor) of the currencies whose minor unit
 * is not a hundredth, to join (the rest take `defaultFactor`).
 */
function scaleFactors(base: string) {
  const baseScale = currencyScale(base);
  const odd = [...SCALE_0, ...SCALE_3].map((c) => `('${c}', ${tenTo(baseScale - currencyScale(c))}::numeric)`);
  return {
    relation: sql.raw(`(values ${odd.join(', ')}) as s(currency, factor)`),
    defaultFactor: sql.raw(`${tenTo(baseScale - 2)}::numeric`),
  };
}

/**
 * The documents open at `asOf`, one row each: id, number, party id, dates, currency, rate, total,
 * `owed` (document currency), `base_owed` (base currency, rounded once per document, half away
 * from zero) and `days` past due. `partyId` narrows to one party.
 */
export function openDocumentsAt(ctx: FinanceContext, kind: AgeingKind, asOf: string, partyId?: string): SQL {
  const factors = scaleFactors(ctx.config.baseCurrency);
  const paidJoin = paidBy(kind, asOf);
  const paidAmount = sql`coalesce(paid.amount, 0)`;
  const party = (column: SQL) => (partyId ? sql`and ${column} = ${partyId}` : sql``);
  // A void counts from the date of its reversing entry: before that the document was owed.
  const voids = sql`left join finance.journal_entries v on v.id = d.void_entry_id`;
  const notVoided = sql`(d.void_entry_id is null or v.date > ${asOf})`;
  const docs =
    kind === 'receivables'
      ? sql`select d.id, d.number, d.customer_id as party_id, d.issue_date as doc_date,
                   d.due_date, d.currency, d.rate, d.total,
                   d.total - coalesce(cn.applied, 0) - ${paidAmount} as owed
              from finance.invoices d ${voids}
              left join (select invoice_id, sum(applied_amount)::bigint as applied from finance.credit_notes
                          where date <= ${asOf} ${party(sql`customer_id`)} group by invoice_id) cn on cn.invoice_id = d.id
              ${paidJoin}
             where d.status <> 'draft' and d.issue_date <= ${asOf} and ${notVoided} ${party(sql`d.customer_id`)}`
      : sql`select d.id, d.number, d.vendor_id as party_id, d.bill_date as doc_date,
                   d.due_date, d.currency, d.rate, d.total,
                   d.total - coalesce(cn.applied, 0) - ${paidAmount} as owed
              from finance.bills d ${voids}
              left join (select bill_id, sum(applied_amount)::bigint as applied from finance.credit_notes
                          where date <= ${asOf} ${party(sql`vendor_id`)} group by bill_id) cn on cn.bill_id = d.id
              ${paidJoin}
             where d.status <> 'draft' and d.bill_date <= ${asOf} and ${notVoided} ${party(sql`d.vendor_id`)}`;
  return sql`select o.*, (${asOf}::date - o.due_date) as days,
                    round(o.owed * o.rate * coalesce(s.factor, ${factors.defaultFactor}))::bigint as base_owed
               from (${docs}) o left join ${factors.relation} on s.currency = o.currency
              where o.owed > 0`;
}

interface BucketRow {
  party_id: string;
  party_name: string;
  currency: string;
  bucket: number;
  documents: number;
  owed: string;
  base_owed: string;
}

/** Sums per party, currency and bucket (width_bucket over the buckets' first days: 0 is current). */
async function bucketSums(ctx: FinanceContext, kind: AgeingKind, asOf: string, edges: number[], partyId?: string) {
  const lowerBounds = [1, ...edges.map((e) => e + 1)];
  return rowsOf<BucketRow>(
    await executorFor(ctx.db).execute(
      sql`select g.party_id, p.name as party_name, g.currency, g.bucket, g.documents, g.owed::text as owed, g.base_owed::text as base_owed
            from (select d.party_id, d.currency, width_bucket(d.days, ${pgArray(lowerBounds)}::int[]) as bucket,
                         count(*)::int as documents, sum(d.owed) as owed, sum(d.base_owed) as base_owed
                    from (${openDocumentsAt(ctx, kind, asOf, partyId)}) d
                   group by 1, 2, 3) g
            join ${kind === 'receivables' ? sql`finance.customers` : sql`finance.vendors`} p on p.id = g.party_id
           order by p.name, g.party_id, g.currency, g.bucket`,
    ),
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
  type Acc = {
    partyId: string;
    partyName: string;
    currency: string;
    documents: number;
    owed: bigint[];
    base: bigint[];
  };
  const rows: Acc[] = [];
  const byCurrency = new Map<string, { owed: bigint[]; documents: number }>();
  const totalBase = zeros();
  const totalDocs = Array.from({ length: n }, () => 0);
  for (const s of sums) {
    let row = rows[rows.length - 1];
    if (!row || row.partyId !== s.party_id || row.currency !== s.currency) {
      row = {
        partyId: s.party_id,
        partyName: s.party_name,
        currency: s.currency,
        documents: 0,
        owed: zeros(),
        base: zeros(),
      };
      rows.push(row);
    }
    const b = Number(s.bucket);
    row.owed[b] = (row.owed[b] ?? 0n) + BigInt(s.owed);
    row.base[b] = (row.base[b] ?? 0n) + BigInt(s.base_owed);
    row.documents += Number(s.documents);
    totalBase[b] = (totalBase[b] ?? 0n) + BigInt(s.base_owed);
    totalDocs[b] = (totalDocs[b] ?? 0) + Number(s.documents);
    const cur = byCurrency.get(s.currency) ?? { owed: zeros(), documents: 0 };
    cur.owed[b] = (cur.owed[b] ?? 0n) + BigInt(s.owed);
    cur.documents += Number(s.documents);
    byCurrency.set(s.currency, cur);
  }
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
