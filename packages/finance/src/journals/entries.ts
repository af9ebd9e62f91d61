import { randomUUID } from 'node:crypto';
import {
  allocateMoney,
  type Caller,
  conflict,
  countUpTo,
  currencyScale,
  type Decimal,
  DecimalError,
  executorFor,
  type FieldError,
  financeEvents,
  formatDecimal,
  inTransaction,
  type ListPage,
  multiplyMoney,
  notFound,
  pageOf,
  parseDecimal,
  parseMoney,
  publishEvent,
  publishEvents,
  recordAudit,
  recordAudits,
  roundDecimal,
  toMoneyJson,
  unprocessable,
} from '@konecta/core';
import { accounts, journalEntries, journalLines } from '@konecta/db';
import { and, asc, desc, eq, exists, gte, ilike, inArray, lte, or, type SQL, sql as sqlTemplate } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { accountByRole } from '../accounts/accounts';
import type { FinanceContext } from '../context';
import { rateOn } from '../currencies/rates';

type Actor = Pick<Caller, 'kind' | 'id'>;
export type JournalSource = (typeof journalEntries.$inferSelect)['source'];
export type Entry = typeof journalEntries.$inferSelect;
type Line = typeof journalLines.$inferSelect;
type Account = typeof accounts.$inferSelect;
type Tx = Parameters<Parameters<typeof inTransaction>[1]>[0];

/** A line as a caller gives it: one side, in minor units of the entry's currency. */
export interface EntryLineInput {
  accountId: string;
  debit: bigint;
  credit: bigint;
  description?: string | null;
  costCentre?: string | null;
  partyId?: string | null;
  projectId?: string | null;
}

export interface EntryInput {
  date: string;
  memo?: string;
  /** The transaction currency; the base currency unless given. */
  currency?: string;
  /** Base units per unit of `currency` (decimal string, at most 6 decimals); the day's rate unless given. */
  rate?: string;
  source?: JournalSource;
  sourceRef?: string | null;
  lines: EntryLineInput[];
}

/** A line with its base-currency amounts worked out, ready to insert. */
interface PreparedLine extends EntryLineInput {
  baseDebit: bigint;
  baseCredit: bigint;
  isRounding: boolean;
}

const RATE_SCALE = 6;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** `amount` of a currency with scale `from` at `rate`, in minor units of a currency with scale `to`, rounded once. */
function convert(amount: bigint, rate: Decimal, from: number, to: number): bigint {
  // amount × rate × 10^(to − from): the rate's scale carries the change of scale (it stays ≥ 0).
  return multiplyMoney({ minor: amount, currency: 'XXX' }, { units: rate.units, scale: rate.scale + from - to }).minor;
}

/** The accounts the entries' lines name, by id, in one query. */
async function accountsOf(ctx: FinanceContext, inputs: EntryInput[]): Promise<Map<string, Account>> {
  const ids = [...new Set(inputs.flatMap((input) => input.lines.map((l) => l.accountId)))];
  const found = ids.length ? await executorFor(ctx.db).select().from(accounts).where(inArray(accounts.id, ids)) : [];
  return new Map(found.map((a) => [a.id, a]));
}

/**
 * Checks the lines and works out each one's base amounts. Each side's base total is its
 * transaction total converted once, shared over its lines in proportion (allocateMoney), so a
 * foreign-currency entry balances in the base currency exactly, without a rounding line. A system
 * entry (not manual) in the base currency whose sides differ by one minor unit gets a rounding line.
 */
async function prepare(
  ctx: FinanceContext,
  input: EntryInput,
  known?: Map<string, Account>,
): Promise<{ currency: string; rate: string; lines: PreparedLine[] }> {
  const base = ctx.config.baseCurrency;
  const currency = input.currency ?? base;
  const source = input.source ?? 'manual';
  const errors: FieldError[] = [];
  if (input.lines.length < 2) errors.push({ path: 'lines', message: 'An entry needs at least two lines.' });
  input.lines.forEach((l, i) => {
    if (l.debit < 0n || l.credit < 0n)
      errors.push({ path: `lines.${i}.debit`, message: 'Amounts cannot be negative.' });
    else if ((l.debit === 0n) === (l.credit === 0n))
      errors.push({ path: `lines.${i}.debit`, message: 'Give a debit or a credit, not both and not neither.' });
  });
  const byId = known ?? (await accountsOf(ctx, [input]));
  input.lines.forEach((l, i) => {
    const a = byId.get(l.accountId);
    const path = `lines.${i}.accountId`;
    if (!a) errors.push({ path, message: 'No such account.' });
    else if (a.isGroup) errors.push({ path, message: `${a.code} ${a.name} is a group; post to an account under it.` });
    else if (!a.active) errors.push({ path, message: `${a.code} ${a.name} is deactivated.` });
    else if (a.currency && a.currency !== currency && source === 'manual')
      errors.push({ path, message: `${a.code} ${a.name} is kept in ${a.currency}; enter the entry in ${a.currency}.` });
  });
  if (errors.length) throw unprocessable(errors[0]?.message ?? 'The entry is not valid.', errors);

  const debitTotal = input.lines.reduce((s, l) => s + l.debit, 0n);
  const creditTotal = input.lines.reduce((s, l) => s + l.credit, 0n);
  const lines: PreparedLine[] = input.lines.map((l) => ({
    ...l,
    baseDebit: l.debit,
    baseCredit: l.credit,
    isRounding: false,
  }));
  if (debitTotal !== creditTotal) {
    const difference = debitTotal - creditTotal;
    if (source === 'manual' || currency !== base || (difference !== 1n && difference !== -1n))
      throw unprocessable('Debits must equal credits.', [
        {
          path: 'lines',
          message: `Debits and credits differ by ${toMoneyJson({ minor: difference < 0n ? -difference : difference, currency }).amount}.`,
        },
      ]);
    const rounding = await accountByRole(ctx, 'rounding');
    lines.push({
      accountId: rounding.id,
      debit: difference < 0n ? 1n : 0n,
      credit: difference > 0n ? 1n : 0n,
      baseDebit: difference < 0n ? 1n : 0n,
      baseCredit: difference > 0n ? 1n : 0n,
      description: 'Rounding',
      isRounding: true,
    });
  }
  if (currency === base) return { currency, rate: '1.000000', lines };

  let rate: Decimal;
  try {
    rate = input.rate ? parseDecimal(input.rate, RATE_SCALE) : await rateOn(ctx, currency, input.date);
  } catch (err) {
    if (err instanceof DecimalError) throw unprocessable(err.message, [{ path: 'rate', message: err.message }]);
    throw err;
  }
  rate = roundDecimal(rate, RATE_SCALE);
  if (rate.units <= 0n)
    throw unprocessable('The rate must be greater than zero.', [
      { path: 'rate', message: 'Must be greater than zero.' },
    ]);
  const from = currencyScale(currency);
  const to = currencyScale(base);
  const baseTotal = convert(debitTotal, rate, from, to);
  for (const side of ['debit', 'credit'] as const) {
    const onSide = lines.filter((l) => l[side] > 0n);
    const shares = allocateMoney(
      { minor: baseTotal, currency: base },
      onSide.map((l) => l[side]),
    );
    onSide.forEach((l, i) => {
      const share = shares[i]?.minor ?? 0n;
      if (side === 'debit') l.baseDebit = share;
      else l.baseCredit = share;
    });
  }
  if (lines.some((l) => l.baseDebit + l.baseCredit === 0n))
    throw unprocessable('A line is too small to have a base-currency amount at this rate.', [
      { path: 'lines', message: 'Each line must come to at least one minor unit of the base currency.' },
    ]);
  return { currency, rate: formatDecimal(rate), lines };
}

/** Inserts the lines of one or more entries, a few thousand rows per statement. */
async function insertLines(tx: Tx, batch: { entry: Entry; lines: PreparedLine[] }[]) {
  const rows = batch.flatMap(({ entry, lines }) =>
    lines.map((l, i) => ({
      entryId: entry.id,
      lineNo: i + 1,
      accountId: l.accountId,
      debit: l.baseDebit,
      credit: l.baseCredit,
      txnDebit: l.debit,
      txnCredit: l.credit,
      currency: entry.currency,
      rate: entry.rate,
      date: entry.date,
      description: l.description ?? null,
      costCentre: l.costCentre ?? null,
      partyId: l.partyId ?? null,
      projectId: l.projectId ?? null,
      isRounding: l.isRounding,
    })),
  );
  for (let i = 0; i < rows.length; i += 2_000) await tx.insert(journalLines).values(rows.slice(i, i + 2_000));
}

/** Creates a draft entry: checked, converted, not yet in the ledger. */
export async function createDraft(ctx: FinanceContext, caller: Actor, input: EntryInput) {
  const [entry] = await createDrafts(ctx, caller, [input]);
  return entry as Entry;
}

/** Creates many drafts in one transaction: one insert of entries, one of lines (per few thousand), one of audit. */
async function createDrafts(ctx: FinanceContext, caller: Actor, inputs: EntryInput[]): Promise<Entry[]> {
  return inTransaction(ctx.db, async (tx) => {
    const known = inputs.length > 1 ? await accountsOf(ctx, inputs) : undefined;
    const prepared: Awaited<ReturnType<typeof prepare>>[] = [];
    for (const input of inputs) prepared.push(await prepare(ctx, input, known));
    // Ids given here so each entry meets its lines whatever order the insert returns rows in.
    const ids = inputs.map(() => randomUUID());
    const inserted = await tx
      .insert(journalEntries)
      .values(
        inputs.map((input, i) => ({
          id: ids[i],
          date: input.date,
          memo: input.memo ?? '',
          source: input.source ?? 'manual',
          sourceRef: input.sourceRef ?? null,
          currency: prepared[i]?.currency as string,
          rate: prepared[i]?.rate as string,
          createdBy: caller.id ?? null,
        })),
      )
      .returning();
    const byId = new Map(inserted.map((e) => [e.id, e]));
    const entries = ids.map((id) => byId.get(id) as Entry);
    await insertLines(
      tx,
      entries.map((entry, i) => ({ entry, lines: prepared[i]?.lines ?? [] })),
    );
    await recordAudits(
      tx,
      entries.map((entry, i) => ({
        action: 'journal-entry.drafted',
        entityType: 'journal_entry',
        entityId: entry.id,
        after: { date: entry.date, memo: entry.memo, currency: entry.currency, lines: prepared[i]?.lines.length },
        actor: caller,
        service: 'finance',
      })),
    );
    return entries;
  });
}

/** Replaces a draft's date, memo, currency and lines. A posted entry is refused (409). */
export async function updateDraft(ctx: FinanceContext, caller: Actor, id: string, input: EntryInput) {
  await inTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(journalEntries).where(eq(journalEntries.id, id)).for('update');
    if (!before) throw notFound('No such journal entry.');
    if (before.status !== 'draft') throw conflict('A posted entry cannot be edited; reverse it.');
    const prepared = await prepare(ctx, { ...input, source: before.source });
    await tx.delete(journalLines).where(eq(journalLines.entryId, id));
    const [entry] = await tx
      .update(journalEntries)
      .set({
        date: input.date,
        memo: input.memo ?? '',
        currency: prepared.currency,
        rate: prepared.rate,
        updatedAt: ctx.now(),
      })
      .where(eq(journalEntries.id, id))
      .returning();
    if (!entry) throw notFound('No such journal entry.');
    await insertLines(tx, [{ entry, lines: prepared.lines }]);
    await recordAudit(tx, {
      action: 'journal-entry.edited',
      entityType: 'journal_entry',
      entityId: id,
      before: { date: before.date, memo: before.memo, currency: before.currency },
      after: { date: entry.date, memo: entry.memo, currency: entry.currency, lines: prepared.lines.length },
      actor: caller,
      service: 'finance',
    });
  });
  return getEntry(ctx, id);
}

export async function deleteDraft(ctx: FinanceContext, caller: Actor, id: string) {
  await inTransaction(ctx.db, async (tx) => {
    const [entry] = await tx.select().from(journalEntries).where(eq(journalEntries.id, id)).for('update');
    if (!entry) throw notFound('No such journal entry.');
    if (entry.status !== 'draft') throw conflict('A posted entry cannot be deleted; reverse it.');
    await tx.delete(journalEntries).where(eq(journalEntries.id, id));
    await recordAudit(tx, {
      action: 'journal-entry.deleted',
      entityType: 'journal_entry',
      entityId: id,
      before: { date: entry.date, memo: entry.memo },
      actor: caller,
      service: 'finance',
    });
  });
}

/**
 * Posts a draft. The database refuses it if the period of its date is closed or missing (taking
 * the period row FOR SHARE against a concurrent close), and at commit if it does not balance.
 */
export async function postEntry(ctx: FinanceContext, caller: Actor, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    const [entry] = await tx.select().from(journalEntries).where(eq(journalEntries.id, id)).for('update');
    if (!entry) throw notFound('No such journal entry.');
    if (entry.status !== 'draft') throw conflict('The entry is already posted.');
    const [posted] = await postDrafts(ctx, tx, caller, [id]);
    if (!posted) throw notFound('No such journal entry.');
    return posted;
  });
}

/**
 * Marks drafts posted in one update — the database's per-row trigger checks and numbers each one
 * and its deferred trigger checks each balances at commit — then audits and publishes each posting.
 */
async function postDrafts(ctx: FinanceContext, tx: Tx, caller: Actor, ids: string[]): Promise<Entry[]> {
  const rows = await tx
    .update(journalEntries)
    .set({ status: 'posted', postedBy: caller.id ?? null, postedAt: ctx.now(), updatedAt: ctx.now() })
    .where(and(inArray(journalEntries.id, ids), eq(journalEntries.status, 'draft')))
    .returning();
  const byId = new Map(rows.map((e) => [e.id, e]));
  const posted = ids.flatMap((id) => byId.get(id) ?? []);
  const totals = await tx
    .select({ entryId: journalLines.entryId, debit: sqlSum(journalLines.debit) })
    .from(journalLines)
    .where(inArray(journalLines.entryId, ids))
    .groupBy(journalLines.entryId);
  const totalOf = new Map(
    totals.map((t) => [t.entryId, toMoneyJson({ minor: BigInt(t.debit), currency: ctx.config.baseCurrency })]),
  );
  const zero = toMoneyJson({ minor: 0n, currency: ctx.config.baseCurrency });
  await recordAudits(
    tx,
    posted.map((e) => ({
      action: 'journal-entry.posted',
      entityType: 'journal_entry',
      entityId: e.id,
      after: { number: e.number, date: e.date, source: e.source, total: (totalOf.get(e.id) ?? zero).amount },
      actor: caller,
      service: 'finance',
    })),
  );
  await publishEvents(
    tx,
    financeEvents.entryPosted,
    posted.map((e) => ({
      subject: e.id,
      ...(caller.id ? { actorId: caller.id } : {}),
      data: {
        entryId: e.id,
        number: e.number as string,
        date: e.date,
        source: e.source,
        sourceRef: e.sourceRef,
        total: totalOf.get(e.id) ?? zero,
      },
    })),
  );
  return posted;
}

/** Drafts and posts in one transaction: what other parts of finance call. */
export async function postNewEntry(ctx: FinanceContext, caller: Actor, input: EntryInput) {
  const [posted] = await postNewEntries(ctx, caller, [input]);
  return posted as Entry;
}

/**
 * Drafts and posts many entries in one transaction and a few statements (the demo ledger), the
 * database checking every entry as it checks one.
 */
export async function postNewEntries(ctx: FinanceContext, caller: Actor, inputs: EntryInput[]) {
  if (!inputs.length) return [];
  return inTransaction(ctx.db, async (tx) => {
    const drafts = await createDrafts(ctx, caller, inputs);
    return postDrafts(
      ctx,
      tx,
      caller,
      drafts.map((d) => d.id),
    );
  });
}

/**
 * Reverses a posted entry with a new posted entry of the opposite sides, dated `date` (today unless
 * given, e.g. the first of the next month for a revaluation), into an open period; the two are
 * linked both ways. An entry is reversed once.
 */
export async function reverseEntry(
  ctx: FinanceContext,
  caller: Actor,
  id: string,
  options: { date?: string; memo?: string } = {},
) {
  return inTransaction(ctx.db, async (tx) => {
    const [original] = await tx.select().from(journalEntries).where(eq(journalEntries.id, id)).for('update');
    if (!original) throw notFound('No such journal entry.');
    if (original.status !== 'posted') throw conflict('Only a posted entry can be reversed; delete or edit the draft.');
    if (original.reversedById) throw conflict('This entry has already been reversed.');
    const date = options.date ?? ctx.calendar.today();
    if (date < original.date)
      throw unprocessable('A reversal cannot be dated before the entry it reverses.', [
        { path: 'date', message: `Use ${original.date} or later.` },
      ]);
    const [reversal] = await tx
      .insert(journalEntries)
      .values({
        date,
        memo: options.memo ?? `Reversal of ${original.number}${original.memo ? `: ${original.memo}` : ''}`,
        source: 'reversal',
        sourceRef: original.number,
        currency: original.currency,
        rate: original.rate,
        reversesId: original.id,
        createdBy: caller.id ?? null,
      })
      .returning();
    if (!reversal) throw new Error('insert returned nothing');
    // The opposite of every line, amounts as they were (base and transaction), in SQL.
    await tx.execute(sqlTemplate`
      insert into finance.journal_lines
        (entry_id, line_no, account_id, debit, credit, txn_debit, txn_credit, currency, rate, date,
         description, cost_centre, party_id, project_id, is_rounding)
      select ${reversal.id}, line_no, account_id, credit, debit, txn_credit, txn_debit, currency, rate, ${date},
             description, cost_centre, party_id, project_id, is_rounding
        from finance.journal_lines where entry_id = ${original.id}`);
    const posted = await postEntry(ctx, caller, reversal.id);
    await tx
      .update(journalEntries)
      .set({ reversedById: reversal.id, updatedAt: ctx.now() })
      .where(eq(journalEntries.id, original.id));
    await recordAudit(tx, {
      action: 'journal-entry.reversed',
      entityType: 'journal_entry',
      entityId: original.id,
      after: { reversedById: reversal.id, reversalNumber: posted.number, date },
      actor: caller,
      service: 'finance',
    });
    await publishEvent(tx, financeEvents.entryReversed, {
      subject: original.id,
      ...(caller.id ? { actorId: caller.id } : {}),
      data: {
        entryId: original.id,
        number: original.number as string,
        reversalId: reversal.id,
        reversalNumber: posted.number as string,
        date,
      },
    });
    return posted;
  });
}

function lineJson(l: Line & { accountCode: string; accountName: string }, base: string) {
  const money = (minor: bigint, currency: string) => toMoneyJson({ minor, currency }).amount;
  return {
    id: l.id.toString(),
    lineNo: l.lineNo,
    accountId: l.accountId,
    accountCode: l.accountCode,
    accountName: l.accountName,
    debit: money(l.txnDebit, l.currency),
    credit: money(l.txnCredit, l.currency),
    baseDebit: money(l.debit, base),
    baseCredit: money(l.credit, base),
    description: l.description,
    costCentre: l.costCentre,
    partyId: l.partyId,
    projectId: l.projectId,
    isRounding: l.isRounding,
  };
}

export function entryJson(e: Entry) {
  return {
    id: e.id,
    number: e.number,
    date: e.date,
    memo: e.memo,
    source: e.source,
    sourceRef: e.sourceRef,
    status: e.status,
    currency: e.currency,
    rate: e.rate,
    reversesId: e.reversesId,
    reversedById: e.reversedById,
    periodId: e.periodId,
    createdBy: e.createdBy,
    postedBy: e.postedBy,
    postedAt: iso(e.postedAt),
    createdAt: e.createdAt.toISOString(),
  };
}

/** An entry with its lines (transaction and base amounts) and base totals. */
export async function getEntry(ctx: FinanceContext, id: string) {
  const db = executorFor(ctx.db);
  const [entry] = await db.select().from(journalEntries).where(eq(journalEntries.id, id));
  if (!entry) throw notFound('No such journal entry.');
  const lines = await db
    .select({ line: journalLines, accountCode: accounts.code, accountName: accounts.name })
    .from(journalLines)
    .innerJoin(accounts, eq(accounts.id, journalLines.accountId))
    .where(eq(journalLines.entryId, id))
    .orderBy(asc(journalLines.lineNo));
  const base = ctx.config.baseCurrency;
  const debit = lines.reduce((s, l) => s + l.line.debit, 0n);
  const credit = lines.reduce((s, l) => s + l.line.credit, 0n);
  return {
    ...entryJson(entry),
    baseCurrency: base,
    totals: {
      debit: toMoneyJson({ minor: debit, currency: base }).amount,
      credit: toMoneyJson({ minor: credit, currency: base }).amount,
    },
    lines: lines.map((l) => lineJson({ ...l.line, accountCode: l.accountCode, accountName: l.accountName }, base)),
  };
}

export interface EntryFilter extends ListPage {
  from?: string;
  to?: string;
  status?: Entry['status'];
  source?: JournalSource;
  /** Entries with at least one line on this account. */
  accountId?: string;
  q?: string;
}

export async function listEntries(ctx: FinanceContext, filter: EntryFilter) {
  const db = executorFor(ctx.db);
  const where: SQL[] = [];
  if (filter.from) where.push(gte(journalEntries.date, filter.from));
  if (filter.to) where.push(lte(journalEntries.date, filter.to));
  if (filter.status) where.push(eq(journalEntries.status, filter.status));
  if (filter.source) where.push(eq(journalEntries.source, filter.source));
  if (filter.accountId)
    where.push(
      exists(
        db
          .select({ one: sqlTemplate`1` })
          .from(journalLines)
          .where(and(eq(journalLines.entryId, journalEntries.id), eq(journalLines.accountId, filter.accountId))),
      ),
    );
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(journalEntries.memo, like), ilike(journalEntries.number, like)) as SQL);
  }
  const condition = where.length ? and(...where) : undefined;
  const rows = await db
    .select()
    .from(journalEntries)
    .where(condition)
    .orderBy(desc(journalEntries.date), desc(journalEntries.createdAt), asc(journalEntries.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const total = await countUpTo(db, db.select({ id: journalEntries.id }).from(journalEntries).where(condition));
  return pageOf(rows.map(entryJson), total, filter);
}

const sqlSum = (c: AnyPgColumn) => sqlTemplate<string>`coalesce(sum(${c}), 0)::text`;

/** A request body's lines, amounts as decimal strings of the entry's currency, as an EntryInput (422 naming `lines.<n>.debit`). */
export function entryInputFrom(
  ctx: FinanceContext,
  body: {
    date: string;
    memo?: string;
    currency?: string;
    rate?: string;
    lines: {
      accountId: string;
      debit: string;
      credit: string;
      description?: string | null;
      costCentre?: string | null;
      partyId?: string | null;
      projectId?: string | null;
    }[];
  },
): EntryInput {
  const currency = body.currency ?? ctx.config.baseCurrency;
  const errors: FieldError[] = [];
  const minor = (text: string, path: string) => {
    try {
      return parseMoney({ amount: text, currency }).minor;
    } catch (err) {
      errors.push({ path, message: (err as Error).message });
      return 0n;
    }
  };
  const lines = body.lines.map((l, i) => ({
    accountId: l.accountId,
    debit: minor(l.debit, `lines.${i}.debit`),
    credit: minor(l.credit, `lines.${i}.credit`),
    description: l.description ?? null,
    costCentre: l.costCentre ?? null,
    partyId: l.partyId ?? null,
    projectId: l.projectId ?? null,
  }));
  if (errors.length) throw unprocessable(errors[0]?.message ?? 'An amount is not valid.', errors);
  return {
    date: body.date,
    memo: body.memo ?? '',
    currency,
    ...(body.rate ? { rate: body.rate } : {}),
    lines,
  };
}
