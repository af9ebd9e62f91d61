import { consumeOnce, operationEvents } from '@konecta/core';
import type { BackgroundModule } from '@konecta/core/lambda';
import { draftBillFromReceipt } from './bills/goods-received';
import { financeContext } from './context';

/**
 * What finance runs outside requests: its event subscriptions. Kept apart from the HTTP app so
 * the consumer function bundles neither the routes nor the spreadsheet and PDF libraries.
 */
export const financeBackground: BackgroundModule = {
  name: 'finance',
  subscribe(bus, deps) {
    const ctx = financeContext(deps);
    bus.subscribe(operationEvents.goodsReceived, 'finance.goods-received-bills', async (event) => {
      await consumeOnce(ctx.db, 'finance.goods-received-bills', event, async () => {
        await draftBillFromReceipt(ctx, event);
      });
    });
  },
};
