import { bearerSecurity, createRoute, createRouter, problemResponses, requirePermission } from '@konecta/core';
import type { FinanceContext } from '../context';
import { ageing } from './ageing';
import { contentOf, file } from './files';
import { generalLedger } from './general-ledger';
import {
  ageingQuery,
  ageingSchema,
  balanceSheetQuery,
  balanceSheetSchema,
  cashFlowSchema,
  generalLedgerQuery,
  generalLedgerSchema,
  profitAndLossQuery,
  profitAndLossSchema,
  rangeQuery,
  trialBalanceQuery,
  trialBalanceSchema,
} from './schemas';
import { balanceSheet, cashFlow, profitAndLoss, trialBalance } from './statements';
import {
  ageingTable,
  balanceSheetTable,
  cashFlowTable,
  generalLedgerTable,
  profitAndLossTable,
  trialBalanceTable,
} from './tables';

export function reportRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const read = [requirePermission('finance.statements.read')];

  r.openapi(
    createRoute({
      method: 'get',
      path: '/reports/trial-balance',
      tags: ['reports'],
      summary: 'Trial balance: opening, debits, credits and closing per account, rolled up the tree',
      security: bearerSecurity,
      middleware: read,
      request: { query: trialBalanceQuery },
      responses: {
        200: { description: 'Trial balance', content: contentOf(trialBalanceSchema) },
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const { format, ...query } = c.req.valid('query');
      const result = await trialBalance(ctx, query);
      return format === 'json'
        ? c.json(result, 200)
        : file(c, trialBalanceTable(result), format, `trial-balance-${result.to}`);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/reports/general-ledger',
      tags: ['reports'],
      summary: 'One account’s lines with the running balance, paged by keyset (`cursor`)',
      security: bearerSecurity,
      middleware: [requirePermission('finance.journals.read')],
      request: { query: generalLedgerQuery },
      responses: {
        200: { description: 'General ledger', content: contentOf(generalLedgerSchema) },
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const { format, ...query } = c.req.valid('query');
      const result = await generalLedger(ctx, query);
      return format === 'json'
        ? c.json(result, 200)
        : file(c, generalLedgerTable(result), format, `general-ledger-${result.account.code}-${result.to}`);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/reports/profit-and-loss',
      tags: ['reports'],
      summary: 'Profit and loss by month, with the previous period or year beside it',
      security: bearerSecurity,
      middleware: read,
      request: { query: profitAndLossQuery },
      responses: {
        200: { description: 'Profit and loss', content: contentOf(profitAndLossSchema) },
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const { format, ...query } = c.req.valid('query');
      const result = await profitAndLoss(ctx, query);
      return format === 'json'
        ? c.json(result, 200)
        : file(c, profitAndLossTable(result), format, `profit-and-loss-${result.from}-${result.to}`);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/reports/balance-sheet',
      tags: ['reports'],
      summary: 'Balance sheet as of a date, current-year earnings inside equity',
      security: bearerSecurity,
      middleware: read,
      request: { query: balanceSheetQuery },
      responses: {
        200: { description: 'Balance sheet', content: contentOf(balanceSheetSchema) },
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const { format, ...query } = c.req.valid('query');
      const result = await balanceSheet(ctx, query);
      return format === 'json'
        ? c.json(result, 200)
        : file(c, balanceSheetTable(result), format, `balance-sheet-${result.asOf}`);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/reports/cash-flow',
      tags: ['reports'],
      summary: 'Cash and bank movements by the type of their counterpart accounts',
      security: bearerSecurity,
      middleware: read,
      request: { query: rangeQuery },
      responses: {
        200: { description: 'Cash flow', content: contentOf(cashFlowSchema) },
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => {
      const { format, ...query } = c.req.valid('query');
      const result = await cashFlow(ctx, query);
      return format === 'json'
        ? c.json(result, 200)
        : file(c, cashFlowTable(result), format, `cash-flow-${result.from}-${result.to}`);
    },
  );
  for (const kind of ['receivables', 'payables'] as const) {
    r.openapi(
      createRoute({
        method: 'get',
        path: `/reports/${kind}-ageing`,
        tags: ['reports'],
        summary: `${kind === 'receivables' ? 'Receivables' : 'Payables'} ageing as of a date: what each ${kind === 'receivables' ? 'customer' : 'vendor'} owed${kind === 'receivables' ? '' : ' to'} by days past due`,
        security: bearerSecurity,
        middleware: read,
        request: { query: ageingQuery },
        responses: {
          200: { description: `${kind} ageing`, content: contentOf(ageingSchema) },
          ...problemResponses(400, 401, 403, 422),
        },
      }),
      async (c) => {
        const { format, ...query } = c.req.valid('query');
        const result = await ageing(ctx, kind, query);
        return format === 'json'
          ? c.json(result, 200)
          : file(c, ageingTable(result), format, `${kind}-ageing-${result.asOf}`);
      },
    );
  }
  return r;
}
