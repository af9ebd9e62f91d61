import {
  type EventOf,
  type operationEvents,
  parseDecimal,
  parseMoney,
  systemActor,
  unprocessable,
} from '@konecta/core';
import { accountByRole } from '../accounts/accounts';
import type { FinanceContext } from '../context';
import { createBill } from './bills';

const receiver = systemActor('finance');

/**
 * Drafts the vendor's bill from goods received against a purchase order: each line billed at the
 * received quantity and the order's price, to its account or inventory, keeping the ordered
 * quantity and price beside it (the line flags any difference). Runs inside the consumer's
 * transaction (`consumeOnce`), so a redelivered event drafts nothing more.
 */
export async function draftBillFromReceipt(ctx: FinanceContext, event: EventOf<typeof operationEvents.goodsReceived>) {
  const d = event.data;
  const inventory = await accountByRole(ctx, 'inventory');
  // Lines of the order with nothing received yet are not billed.
  const arrived = d.lines.filter((l) => parseDecimal(l.receivedQuantity).units > 0n);
  if (!arrived.length) throw unprocessable(`Nothing was received on ${d.orderNumber}.`);
  const lines = arrived.map((l) => ({
    description: l.description,
    quantity: l.receivedQuantity,
    unitPrice: l.unitPrice,
    accountId: l.accountId ?? inventory.id,
  }));
  const received = arrived.map((l) => ({
    itemId: l.itemId,
    orderedQuantity: l.orderedQuantity,
    receivedQuantity: l.receivedQuantity,
    orderedUnitPrice: parseMoney({ amount: l.unitPrice, currency: d.currency }).minor,
  }));
  return createBill(
    ctx,
    receiver,
    {
      vendorId: d.vendorId,
      billDate: d.receivedDate,
      currency: d.currency,
      memo: `Goods received on ${d.orderNumber}`,
      lines,
    },
    {
      orderId: d.orderId,
      orderNumber: d.orderNumber,
      received,
    },
  );
}
