import { consumeOnce, operationEvents } from '@konecta/core';
import type { BackgroundModule } from '@konecta/core/lambda';
import { draftBillFromReceipt } from './bills/goods-received';
import { financeContext } from './context';
import { expireUploads } from './expenses/upload-expiry';

/**
 * What finance runs outside requests: its event subscriptions and scheduled jobs. Kept apart from
 * the HTTP app so the consumer and job functions bundle neither the routes nor the spreadsheet and
 * PDF libraries.
 */
export const financeBackground: BackgroundModule = {
  name: 'finance',
  jobs: {
    /** Hourly: receipts uploaded straight to storage and never confirmed are deleted. */
    expireUploads: (deps) => expireUploads(financeContext(deps)),
  },
  subscribe(bus, deps) {
    const ctx = financeContext(deps);
    bus.subscribe(operationEvents.goodsReceived, 'finance.goods-received-bills', async (event) => {
      await consumeOnce(ctx.db, 'finance.goods-received-bills', event, async () => {
        await draftBillFromReceipt(ctx, event);
      });
    });
  },
};
