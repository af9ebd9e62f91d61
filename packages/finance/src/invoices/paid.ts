import { type Caller, financeEvents, inTransaction, publishEvent, toMoneyJson } from '@konecta/core';
import { invoices } from '@konecta/db';
import { inArray } from 'drizzle-orm';
import type { FinanceContext } from '../context';

type Actor = Pick<Caller, 'kind' | 'id'>;

/**
 * Runs `change`, which may take some of `invoiceIds` to paid (a payment's allocation, or a credit
 * note clearing the rest of a partly paid invoice: the status follows from the amounts, by
 * trigger), and publishes `finance.invoice.paid` for each invoice that was not paid before it and is
 * after, dated `paidOn`. The one place that event is published. The caller holds the invoices' row
 * locks, so nobody else moves their status in between.
 */
export async function publishingInvoicesPaid<T>(
  ctx: FinanceContext,
  caller: Actor,
  invoiceIds: readonly string[],
  paidOn: string,
  change: () => Promise<T>,
): Promise<T> {
  if (!invoiceIds.length) return change();
  return inTransaction(ctx.db, async (tx) => {
    const ids = [...new Set(invoiceIds)];
    const before = new Map(
      (
        await tx.select({ id: invoices.id, status: invoices.status }).from(invoices).where(inArray(invoices.id, ids))
      ).map((r) => [r.id, r.status]),
    );
    const result = await change();
    const rows = (await tx.select().from(invoices).where(inArray(invoices.id, ids))).filter(
      (r) => r.status === 'paid' && before.get(r.id) !== 'paid',
    );
    for (const invoice of rows)
      await publishEvent(tx, financeEvents.invoicePaid, {
        subject: invoice.id,
        ...(caller.id ? { actorId: caller.id } : {}),
        data: {
          invoiceId: invoice.id,
          number: invoice.number ?? '',
          customerId: invoice.customerId,
          paidOn,
          total: toMoneyJson({ minor: invoice.total, currency: invoice.currency }),
        },
      });
    return result;
  });
}
