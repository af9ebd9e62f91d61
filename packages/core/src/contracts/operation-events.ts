import { isoDate } from '../schemas';
import * as z from '../z';
import { defineEvent } from './define-event';

const id = z.uuid();

/** The events the operation service publishes (see `events.ts`). */
export const operationEvents = {
  /**
   * Goods of a purchase order were received. Finance drafts the vendor's bill from it, keeping the
   * ordered quantities and prices beside the received ones. Quantities are decimal strings (up to
   * 3 decimals); `unitPrice` is the order's price in `currency`.
   */
  goodsReceived: defineEvent(
    'operation.goods.received',
    z.object({
      orderId: id,
      orderNumber: z.string(),
      vendorId: id,
      receivedDate: isoDate,
      currency: z.string(),
      lines: z
        .array(
          z.object({
            itemId: z.nullable(id),
            description: z.string(),
            orderedQuantity: z.string(),
            receivedQuantity: z.string(),
            unitPrice: z.string(),
            /** The account the line is billed to; inventory when not given. */
            accountId: z.optional(z.nullable(id)),
          }),
        )
        .check(z.minLength(1)),
    }),
  ),
} as const;
