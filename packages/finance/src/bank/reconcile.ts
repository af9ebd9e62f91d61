import {
  addDays,
  type Caller,
  daysBetween,
  executorFor,
  inTransaction,
  notFound,
  recordAudit,
  unprocessable,
} from '@konecta/core';
import { bankStatementLines, customers, journalEntries, journalLines, payments, vendors } from '@konecta/db';
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { postNewEntry } from '../journals/entries';
import { getBankAccount } from './bank-accounts';
import { signed } from './statement-file';
import { alreadyMatched, getStatement, lockLine, statementRow } from './statements';

type Actor = Pick<Caller, 'kind' | 'id'>;
type StatementLine = typeof bankStatementLines.$inferSelect;

/** Posted lines of the bank's ledger account in its currency that no statement line is matched to. */
function unreconciledLines(accountId: string, currency: string) {
  return and(
    eq(journalLines.accountId, accountId),
    eq(journalLines.posted, true),
    eq(journalLines.currency, currency),
    sql`not exists (select 1 from ${bankStatementLines} m where m.journal_line_id = ${journalLines.id})`,
  );
}

const glColumns = {
  id: journalLines.id,
  entryId: journalLines.entryId,
  entryNumber: journalLines.entryNumber,
  date: journalLines.date,
  memo: journalLines.memo,
  description: journalLines.description,
  partyId: journalLines.partyId,
  amount: sql<string>`(${journalLines.txnDebit} - ${journalLines.txnCredit})::text`,
  sourceRef: journalEntries.sourceRef,
};
/** The posted payment a ledger line is the bank side of, with its party. */
const paymentColumns = {
  paymentId: payments.id,
  partyName: sql<string | null>`coalesce(${customers.name}, ${vendors.name})`,
};
interface GlRow {
  id: bigint;
  entryId: string;
  entryNumber: string | null;
  date: string;
  memo: string;
  description: string | null;
  partyId: string | null;
  amount: string;
  sourceRef: string | null;
}
interface SuggestionRow extends GlRow {
  paymentId: string | null;
  partyName: string | null;
}

const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 3),
  );

/**
 * How well a ledger line fits a statement line (amount and direction already equal): nearer dates,
 * the statement's reference found in the entry (number, memo, description, source), and shared
 * words of the descriptions score higher.
 */
export function matchScore(line: Pick<StatementLine, 'date' | 'reference' | 'description'>, gl: GlRow) {
  const days = Math.abs(daysBetween(line.date, gl.date));
  const haystack = [gl.entryNumber, gl.memo, gl.description, gl.sourceRef].filter(Boolean).join(' ').toLowerCase();
  const reference = line.reference?.trim().toLowerCase();
  const referenceFound = Boolean(reference && reference.length >= 3 && haystack.includes(reference));
  const ours = words(line.description);
  const theirs = words(haystack);
  const shared = [...ours].filter((w) => theirs.has(w)).length;
  const similarity = ours.size ? shared / ours.size : 0;
  const score = Math.max(0, 40 - 4 * days) + (referenceFound ? 40 : 0) + Math.round(20 * similarity);
  return { score, days, referenceFound, similarity: Math.round(similarity * 100) / 100 };
}

function glJson(gl: GlRow, currency: string) {
  return {
    journalLineId: gl.id.toString(),
    entryId: gl.entryId,
    entryNumber: gl.entryNumber,
    date: gl.date,
    memo: gl.memo,
    description: gl.description,
    partyId: gl.partyId,
    amount: signed(BigInt(gl.amount), currency),
  };
}

/**
 * Candidates for a statement line, best first: not yet reconciled, same amount and direction, dated
 * within ±`windowDays` — or, whatever its date, the bank side of a posted payment (a cheque can
 * take weeks to clear), shown with its payment and party.
 */
export async function suggestMatches(
  ctx: FinanceContext,
  statementId: string,
  lineId: string,
  options: { windowDays?: number } = {},
) {
  const s = await statementRow(ctx, statementId);
  const bank = await getBankAccount(ctx, s.bankAccountId);
  const [line] = await executorFor(ctx.db)
    .select()
    .from(bankStatementLines)
    .where(and(eq(bankStatementLines.id, lineId), eq(bankStatementLines.statementId, statementId)));
  if (!line) throw notFound('No such line on this statement.');
  const window = options.windowDays ?? 7;
  const rows = (await executorFor(ctx.db)
    .select({ ...glColumns, ...paymentColumns })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .leftJoin(payments, and(eq(payments.journalEntryId, journalLines.entryId), eq(payments.status, 'posted')))
    .leftJoin(customers, eq(customers.id, payments.customerId))
    .leftJoin(vendors, eq(vendors.id, payments.vendorId))
    .where(
      and(
        unreconciledLines(bank.accountId, bank.currency),
        sql`${journalLines.txnDebit} - ${journalLines.txnCredit} = ${line.amount}`,
        or(
          sql`${journalLines.date} between ${addDays(line.date, -window)} and ${addDays(line.date, window)}`,
          sql`${payments.id} is not null`,
        ),
      ),
    )
    .limit(200)) as SuggestionRow[];
  return rows
    .map((gl) => ({
      ...glJson(gl, s.currency),
      paymentId: gl.paymentId,
      partyName: gl.partyName,
      ...matchScore(line, gl),
    }))
    .sort((a, b) => b.score - a.score || a.days - b.days || a.journalLineId.localeCompare(b.journalLineId));
}

/** The bank ledger account's unreconciled posted lines up to the statement's end (the right-hand side of reconciliation). */
export async function unreconciledLedgerLines(ctx: FinanceContext, statementId: string) {
  const s = await statementRow(ctx, statementId);
  const bank = await getBankAccount(ctx, s.bankAccountId);
  const rows = (await executorFor(ctx.db)
    .select(glColumns)
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(
      and(unreconciledLines(bank.accountId, bank.currency), sql`${journalLines.date} <= ${addDays(s.endDate, 31)}`),
    )
    .orderBy(asc(journalLines.date), asc(journalLines.id))
    .limit(500)) as GlRow[];
  return rows.map((gl) => glJson(gl, s.currency));
}

export async function setMatch(ctx: FinanceContext, caller: Actor, line: StatementLine, journalLineId: bigint) {
  const [updated] = await executorFor(ctx.db)
    .update(bankStatementLines)
    .set({ journalLineId, matchedBy: caller.id ?? null, matchedAt: ctx.now() })
    .where(and(eq(bankStatementLines.id, line.id), isNull(bankStatementLines.journalLineId)))
    .returning();
  if (!updated) throw alreadyMatched();
  await recordAudit(executorFor(ctx.db), {
    action: 'bank-statement-line.matched',
    entityType: 'bank_statement_line',
    entityId: line.id,
    after: { journalLineId: journalLineId.toString() },
    actor: caller,
    service: 'finance',
  });
}

/**
 * Confirms a match: the statement line (locked) to one posted journal line. The database holds the
 * rest: one statement line per journal line (a second clerk gets 409), same account, amount and
 * direction (422).
 */
export async function confirmMatch(
  ctx: FinanceContext,
  caller: Actor,
  statementId: string,
  lineId: string,
  journalLineId: string,
) {
  await inTransaction(ctx.db, async () => {
    const line = await lockLine(ctx, statementId, lineId);
    if (line.journalLineId !== null) throw alreadyMatched();
    await setMatch(ctx, caller, line, BigInt(journalLineId));
  });
  return getStatement(ctx, statementId);
}

export async function undoMatch(ctx: FinanceContext, caller: Actor, statementId: string, lineId: string) {
  await inTransaction(ctx.db, async (tx) => {
    const line = await lockLine(ctx, statementId, lineId);
    if (line.journalLineId === null) throw notFound('This statement line is not matched.');
    await tx
      .update(bankStatementLines)
      .set({ journalLineId: null, matchedBy: null, matchedAt: null })
      .where(eq(bankStatementLines.id, line.id));
    await recordAudit(tx, {
      action: 'bank-statement-line.unmatched',
      entityType: 'bank_statement_line',
      entityId: line.id,
      before: { journalLineId: line.journalLineId.toString() },
      actor: caller,
      service: 'finance',
    });
  });
  return getStatement(ctx, statementId);
}

/**
 * An entry for an unmatched line (a bank charge, interest, a fee): money out debits `accountId` and
 * credits the bank's ledger account, money in the other way round; posted through the ledger on the
 * line's date and matched to the line at once.
 */
export async function entryFromLine(
  ctx: FinanceContext,
  caller: Actor,
  statementId: string,
  lineId: string,
  input: { accountId: string; memo?: string },
) {
  const s = await statementRow(ctx, statementId);
  const bank = await getBankAccount(ctx, s.bankAccountId);
  if (input.accountId === bank.accountId)
    throw unprocessable('Choose the other side of the entry, not the bank’s own account.', [
      { path: 'accountId', message: 'Not the bank’s ledger account.' },
    ]);
  await inTransaction(ctx.db, async () => {
    const line = await lockLine(ctx, statementId, lineId);
    if (line.journalLineId !== null) throw alreadyMatched();
    const magnitude = line.amount < 0n ? -line.amount : line.amount;
    const moneyIn = line.amount > 0n;
    const entry = await postNewEntry(ctx, caller, {
      date: line.date,
      memo: input.memo || line.description || 'Bank statement line',
      currency: bank.currency,
      sourceRef: `bank-line:${line.id}`,
      lines: [
        {
          accountId: bank.accountId,
          debit: moneyIn ? magnitude : 0n,
          credit: moneyIn ? 0n : magnitude,
          description: line.reference ?? null,
        },
        {
          accountId: input.accountId,
          debit: moneyIn ? 0n : magnitude,
          credit: moneyIn ? magnitude : 0n,
          description: line.description || null,
        },
      ],
    });
    await setMatch(ctx, caller, line, await bankLineOf(ctx, entry.id, bank.accountId));
  });
  return getStatement(ctx, statementId);
}

/** The posted line of an entry on the bank's ledger account. */
export async function bankLineOf(ctx: FinanceContext, entryId: string, accountId: string) {
  const [gl] = await executorFor(ctx.db)
    .select({ id: journalLines.id })
    .from(journalLines)
    .where(and(eq(journalLines.entryId, entryId), eq(journalLines.accountId, accountId)));
  if (!gl) throw new Error('the posted entry has no line on the bank account');
  return gl.id;
}
