import {
  type Caller,
  conflict,
  countUpTo,
  executorFor,
  inTransaction,
  type ListPage,
  notFound,
  pageOf,
  recordAudit,
  unprocessable,
} from '@konecta/core';
import { type BankCsvMapping, bankStatementLines, bankStatements, journalLines, payments } from '@konecta/db';
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { getBankAccount, rememberCsvMapping } from './bank-accounts';
import { parseCamt053 } from './camt053';
import { parseCsvStatement } from './csv';
import { assertReconciles, fingerprints, minorOf, type ParsedStatement, signed } from './statement-file';

type Actor = Pick<Caller, 'kind' | 'id'>;
type Statement = typeof bankStatements.$inferSelect;

export interface StatementImport {
  bankAccountId: string;
  format: 'csv' | 'camt053';
  /** The file's text. */
  content: string;
  /** CSV only: the columns; the bank account's remembered mapping when not given. */
  mapping?: BankCsvMapping;
  /** CSV without a balance column: decimal strings. */
  openingBalance?: string;
  closingBalance?: string;
}

function givenBalance(text: string | undefined, currency: string, path: string) {
  if (text === undefined) return undefined;
  try {
    return minorOf(text, currency);
  } catch (err) {
    throw unprocessable((err as Error).message, [{ path, message: (err as Error).message }]);
  }
}

/**
 * Imports a statement: read, checked to add up (opening + lines = closing), stored with each line's
 * fingerprint. A statement imported again is refused by the fingerprints' unique index (409). The
 * CSV mapping used is remembered for the bank account.
 */
export async function importStatement(ctx: FinanceContext, caller: Actor, input: StatementImport) {
  const bank = await getBankAccount(ctx, input.bankAccountId);
  if (!bank.active)
    throw unprocessable('The bank account is deactivated.', [{ path: 'bankAccountId', message: 'Deactivated.' }]);
  let parsed: ParsedStatement;
  let mapping: BankCsvMapping | undefined;
  if (input.format === 'csv') {
    mapping = input.mapping ?? bank.csvMapping ?? undefined;
    if (!mapping)
      throw unprocessable('Map the CSV columns (nothing is remembered for this bank account yet).', [
        { path: 'mapping', message: 'Required for the first CSV import of a bank account.' },
      ]);
    parsed = parseCsvStatement(input.content, mapping, bank.currency, {
      openingBalance: givenBalance(input.openingBalance, bank.currency, 'openingBalance'),
      closingBalance: givenBalance(input.closingBalance, bank.currency, 'closingBalance'),
    });
  } else parsed = parseCamt053(input.content, bank.currency);
  assertReconciles(parsed);
  const prints = fingerprints(parsed.lines);
  const id = await inTransaction(ctx.db, async (tx) => {
    const [statement] = await tx
      .insert(bankStatements)
      .values({
        bankAccountId: bank.id,
        format: input.format,
        reference: parsed.reference,
        startDate: parsed.startDate,
        endDate: parsed.endDate,
        currency: parsed.currency,
        openingBalance: parsed.openingBalance,
        closingBalance: parsed.closingBalance,
        importedBy: caller.id ?? null,
      })
      .returning();
    if (!statement) throw new Error('insert returned nothing');
    await tx.insert(bankStatementLines).values(
      parsed.lines.map((l, i) => ({
        statementId: statement.id,
        bankAccountId: bank.id,
        lineNo: i + 1,
        date: l.date,
        description: l.description,
        reference: l.reference,
        amount: l.amount,
        balance: l.balance ?? null,
        fingerprint: prints[i] as string,
      })),
    );
    if (input.format === 'csv' && mapping) await rememberCsvMapping(ctx, bank.id, mapping);
    await recordAudit(tx, {
      action: 'bank-statement.imported',
      entityType: 'bank_statement',
      entityId: statement.id,
      after: {
        bankAccountId: bank.id,
        format: input.format,
        startDate: parsed.startDate,
        endDate: parsed.endDate,
        lines: parsed.lines.length,
        closingBalance: signed(parsed.closingBalance, parsed.currency),
      },
      actor: caller,
      service: 'finance',
    });
    return statement.id;
  });
  return getStatement(ctx, id);
}

const matchedSum = sql<string>`coalesce(sum(${bankStatementLines.amount}) filter (where ${bankStatementLines.journalLineId} is not null), 0)::text`;
const lineCount = sql<number>`count(${bankStatementLines.id})::int`;
const matchedCount = sql<number>`count(${bankStatementLines.journalLineId})::int`;

function statementJson(s: Statement, counts: { lines: number; matched: number; reconciled: bigint }) {
  return {
    id: s.id,
    bankAccountId: s.bankAccountId,
    format: s.format,
    reference: s.reference,
    startDate: s.startDate,
    endDate: s.endDate,
    currency: s.currency,
    openingBalance: signed(s.openingBalance, s.currency),
    closingBalance: signed(s.closingBalance, s.currency),
    lineCount: counts.lines,
    matchedCount: counts.matched,
    reconciledAmount: signed(counts.reconciled, s.currency),
    status: counts.matched === counts.lines ? ('reconciled' as const) : ('open' as const),
    createdAt: s.createdAt.toISOString(),
  };
}

export async function listStatements(ctx: FinanceContext, filter: ListPage & { bankAccountId?: string }) {
  const db = executorFor(ctx.db);
  const where: SQL[] = [];
  if (filter.bankAccountId) where.push(eq(bankStatements.bankAccountId, filter.bankAccountId));
  const condition = where.length ? and(...where) : undefined;
  const rows = await db
    .select({ s: bankStatements, lines: lineCount, matched: matchedCount, reconciled: matchedSum })
    .from(bankStatements)
    .leftJoin(bankStatementLines, eq(bankStatementLines.statementId, bankStatements.id))
    .where(condition)
    .groupBy(bankStatements.id)
    .orderBy(desc(bankStatements.endDate), desc(bankStatements.createdAt), asc(bankStatements.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const total = await countUpTo(db, db.select({ id: bankStatements.id }).from(bankStatements).where(condition));
  return pageOf(
    rows.map((r) => statementJson(r.s, { lines: r.lines, matched: r.matched, reconciled: BigInt(r.reconciled) })),
    total,
    filter,
  );
}

export async function statementRow(ctx: FinanceContext, id: string): Promise<Statement> {
  const [s] = await executorFor(ctx.db).select().from(bankStatements).where(eq(bankStatements.id, id));
  if (!s) throw notFound('No such bank statement.');
  return s;
}

/** The ledger balance of the bank's ledger account as of `date`, in the bank's currency. */
export async function bookBalance(ctx: FinanceContext, accountId: string, currency: string, date: string) {
  const base = currency === ctx.config.baseCurrency;
  const [row] = await executorFor(ctx.db)
    .select({
      balance: base
        ? sql<string>`coalesce(sum(${journalLines.debit} - ${journalLines.credit}), 0)::text`
        : sql<string>`coalesce(sum(${journalLines.txnDebit} - ${journalLines.txnCredit}), 0)::text`,
    })
    .from(journalLines)
    .where(
      and(eq(journalLines.accountId, accountId), eq(journalLines.posted, true), sql`${journalLines.date} <= ${date}`),
    );
  return BigInt(row?.balance ?? '0');
}

/** A statement with its lines (and what each is matched to), its status and the three balances side by side. */
export async function getStatement(ctx: FinanceContext, id: string) {
  const s = await statementRow(ctx, id);
  const bank = await getBankAccount(ctx, s.bankAccountId);
  const rows = await executorFor(ctx.db)
    .select({ line: bankStatementLines, gl: journalLines, paymentId: payments.id })
    .from(bankStatementLines)
    .leftJoin(journalLines, eq(journalLines.id, bankStatementLines.journalLineId))
    .leftJoin(payments, eq(payments.journalEntryId, journalLines.entryId))
    .where(eq(bankStatementLines.statementId, id))
    .orderBy(asc(bankStatementLines.lineNo));
  const matched = rows.filter((r) => r.line.journalLineId !== null);
  const reconciled = matched.reduce((sum, r) => sum + r.line.amount, 0n);
  const book = await bookBalance(ctx, bank.accountId, s.currency, s.endDate);
  return {
    ...statementJson(s, { lines: rows.length, matched: matched.length, reconciled }),
    bankAccountName: bank.name,
    ledgerAccountId: bank.accountId,
    bookBalance: signed(book, s.currency),
    lines: rows.map(({ line, gl, paymentId }) => ({
      id: line.id,
      lineNo: line.lineNo,
      date: line.date,
      description: line.description,
      reference: line.reference,
      amount: signed(line.amount, s.currency),
      balance: line.balance === null ? null : signed(line.balance, s.currency),
      match: gl
        ? {
            journalLineId: gl.id.toString(),
            entryId: gl.entryId,
            entryNumber: gl.entryNumber,
            date: gl.date,
            memo: gl.memo,
            paymentId,
            matchedBy: line.matchedBy,
            matchedAt: line.matchedAt?.toISOString() ?? null,
          }
        : null,
    })),
  };
}

/** A statement line, locked for the rest of the transaction (matching and undoing take turns on it). */
export async function lockLine(ctx: FinanceContext, statementId: string, lineId: string) {
  const [line] = await executorFor(ctx.db)
    .select()
    .from(bankStatementLines)
    .where(and(eq(bankStatementLines.id, lineId), eq(bankStatementLines.statementId, statementId)))
    .for('update');
  if (!line) throw notFound('No such line on this statement.');
  return line;
}

export const alreadyMatched = () => conflict('This statement line is already matched; undo the match first.');
