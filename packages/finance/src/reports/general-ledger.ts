import { currencyScale, formatUnits, unprocessable } from '@konecta/core';
import { sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import { type AccountRow, amount, checkRange, EARLIEST, monthStart, rows } from './statements';

/** An account's general ledger, a keyset page at a time with its running balance. */

/** A line of the general-ledger page as the statement returns it (amounts as strings or bigints). */
interface LedgerLineRow {
  line_id: string | bigint;
  date: string;
  entry_id: string;
  entry_number: string;
  memo: string;
  description: string | null;
  debit: string | bigint;
  credit: string | bigint;
  txn_debit: string | bigint;
  txn_credit: string | bigint;
  currency: string;
}

/** The general ledger cursor: where the previous page ended and the balance there. */
interface LedgerCursor {
  date: string;
  id: string;
  balance: string;
}

export function encodeCursor(c: LedgerCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string): LedgerCursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString()) as LedgerCursor;
    if (/^\d{4}-\d{2}-\d{2}$/.test(c.date) && /^\d{1,19}$/.test(c.id) && /^-?\d{1,30}$/.test(c.balance)) return c;
  } catch {}
  throw unprocessable('The cursor is not one this report gave.', [{ path: 'cursor', message: 'Not a valid cursor.' }]);
}

/**
 * One account's posted lines from `from` to `to` with the running balance, a page at a time by
 * keyset on (date, line id): the next page starts after the cursor, whose balance it carries, so a
 * page never sums what came before it. A first page starting at `from` takes the balance before it
 * once: the posted month totals before its month and the lines of its month before it.
 *
 * One plain statement (an index range of at most limit + 1 lines); the running balance is added up
 * as the rows are mapped, their amounts printed from the driver's values as they come (integer
 * text from postgres.js, bigints from PGlite). Measured with bench/ledger.ts against the bare
 * keyset query of the page's columns.
 */
export async function generalLedger(
  ctx: FinanceContext,
  query: { accountId: string; from?: string; to?: string; limit: number; cursor?: string },
) {
  const to = query.to ?? ctx.calendar.today();
  const from = query.from ?? EARLIEST;
  checkRange(from, to);
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  // The balance the page starts from: the cursor's, or the lines before `from` summed in the
  // statement (whole months from the month totals, the month's first days from the lines), or none.
  const summed = !cursor && Boolean(query.from);
  const opening = sql`(select coalesce(sum(debit - credit), 0) from finance.account_month_totals
                        where account_id = ${query.accountId} and month < ${monthStart(from)})
                      + (select coalesce(sum(debit - credit), 0) from finance.journal_lines
                          where account_id = ${query.accountId} and posted and date >= ${monthStart(from)} and date < ${from})`;
  // A cursor's position already lies on or after `from` (unless it was made for another range).
  const lower = cursor
    ? sql`and (l.date, l.id) > (${cursor.date}::date, ${cursor.id}::bigint) ${cursor.date < from ? sql`and l.date >= ${from}` : sql``}`
    : sql`and l.date >= ${from}`;
  // The page's lines, the keyset range read in index order under the limit, each carrying the
  // account's row as one JSON value (with the opening on a first page from `from`): a subquery the
  // server works out once for the statement. A page without lines asks for the account alone. Why
  // not a union or two statements: docs/decisions.md, "The general-ledger page".
  const accountJson = sql`(select json_build_object('id', a.id, 'code', a.code, 'name', a.name, 'type', a.type,
                                                    'parent_id', a.parent_id, 'is_group', a.is_group, 'active', a.active,
                                                    'opening', ${summed ? sql`(${opening})::text` : sql`null`})::text
                             from finance.accounts a where a.id = ${query.accountId})`;
  const lines = await rows<LedgerLineRow & { account: string | null }>(
    ctx,
    sql`select ${accountJson} as account, l.id as line_id, l.date, l.entry_id, l.entry_number, l.memo, l.description,
               l.debit, l.credit, l.txn_debit, l.txn_credit, l.currency
          from finance.journal_lines l
         where l.account_id = ${query.accountId} and l.posted and l.date <= ${to} ${lower}
         order by l.date, l.id limit ${query.limit + 1}`,
  );
  const accountText = lines.length
    ? lines[0]?.account
    : (await rows<{ account: string | null }>(ctx, sql`select ${accountJson} as account`))[0]?.account;
  if (!accountText) throw unprocessable('No such account.', [{ path: 'accountId', message: 'No such account.' }]);
  const account = JSON.parse(accountText) as Omit<AccountRow, 'depth'> & { opening: string | null };
  if (account.is_group)
    throw unprocessable('A group account has no lines of its own; choose an account under it.', [
      { path: 'accountId', message: 'Choose a posting account.' },
    ]);
  const opened = cursor ? BigInt(cursor.balance) : BigInt(account.opening ?? 0);
  const more = lines.length > query.limit;
  const page = more ? lines.slice(0, query.limit) : lines;
  const scale = currencyScale(ctx.config.baseCurrency);
  let balance = opened;
  const items = page.map((l) => {
    balance += BigInt(l.debit) - BigInt(l.credit);
    const txnScale = currencyScale(l.currency);
    return {
      // Ids as text on both engines (PGlite gives bigints).
      lineId: String(l.line_id),
      date: l.date,
      entryId: l.entry_id,
      number: l.entry_number,
      memo: l.memo,
      description: l.description,
      debit: formatUnits(l.debit, scale),
      credit: formatUnits(l.credit, scale),
      transactionCurrency: l.currency,
      transactionDebit: formatUnits(l.txn_debit, txnScale),
      transactionCredit: formatUnits(l.txn_credit, txnScale),
      balance: formatUnits(balance, scale),
    };
  });
  const last = items.at(-1);
  return {
    account: {
      accountId: account.id,
      code: account.code,
      name: account.name,
      type: account.type,
      parentId: account.parent_id,
      isGroup: account.is_group,
      active: account.active,
    },
    from: query.from ?? null,
    to,
    currency: ctx.config.baseCurrency,
    opening: amount(ctx, opened),
    items,
    closing: amount(ctx, balance),
    nextCursor: more && last ? encodeCursor({ date: last.date, id: last.lineId, balance: balance.toString() }) : null,
  };
}
