import { type Caller, inTransaction, toMoneyJson } from '@konecta/core';
import type { FinanceContext } from '../context';
import { type AllocationInput, recordPayment } from '../payments/payments';
import { getBankAccount } from './bank-accounts';
import { bankLineOf, setMatch } from './reconcile';
import { alreadyMatched, getStatement, lockLine, statementRow } from './statements';

type Actor = Pick<Caller, 'kind' | 'id'>;

export interface PaymentFromLine {
  /** The customer (money in) or the vendor (money out). */
  partyId: string;
  /** To that party's open invoices (money in) or bills (money out); the rest stays its credit. */
  allocations?: AllocationInput[] | undefined;
  reference?: string | undefined;
  memo?: string | undefined;
}

/**
 * A payment for an unmatched line the books lack: money in is a payment received from the customer
 * given, money out one made to the vendor given, from the statement's bank account, in its
 * currency, for the line's amount and dated the line's date, allocated as asked (the payments' own
 * code and rules), and the line matched to the payment's bank line, all in one transaction: a
 * refused allocation or a line matched meanwhile (409) leaves nothing behind.
 */
export async function paymentFromLine(
  ctx: FinanceContext,
  caller: Actor,
  statementId: string,
  lineId: string,
  input: PaymentFromLine,
) {
  const s = await statementRow(ctx, statementId);
  const bank = await getBankAccount(ctx, s.bankAccountId);
  const paymentId = await inTransaction(ctx.db, async () => {
    const line = await lockLine(ctx, statementId, lineId);
    if (line.journalLineId !== null) throw alreadyMatched();
    const moneyIn = line.amount > 0n;
    const payment = await recordPayment(ctx, caller, {
      direction: moneyIn ? 'received' : 'made',
      partyId: input.partyId,
      date: line.date,
      accountId: bank.accountId,
      amount: toMoneyJson({ minor: moneyIn ? line.amount : -line.amount, currency: bank.currency }).amount,
      currency: bank.currency,
      reference: input.reference ?? line.reference ?? undefined,
      memo: input.memo ?? line.description,
      allocations: input.allocations,
    });
    await setMatch(ctx, caller, line, await bankLineOf(ctx, payment.journalEntryId, bank.accountId));
    return payment.id;
  });
  return { ...(await getStatement(ctx, statementId)), paymentId };
}
