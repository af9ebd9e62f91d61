import {
  bearerSecurity,
  createRoute,
  createRouter,
  jsonContent,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import type { FinanceContext } from '../context';
import { financeDashboard } from './dashboard';

const side = z.object({
  outstanding: z.string(),
  documents: z.int(),
  overdue: z.string(),
  overdueDocuments: z.int(),
  buckets: z.array(z.object({ label: z.string(), amount: z.string(), documents: z.int() })),
});

export const dashboardSchema = z.openapi(
  z.object({
    asOf: z.string(),
    currency: z.string(),
    cash: z.object({
      total: z.string(),
      accounts: z.array(z.object({ accountId: z.uuid(), code: z.string(), name: z.string(), balance: z.string() })),
    }),
    receivables: side,
    payables: side,
    profit: z.object({
      from: z.string(),
      to: z.string(),
      income: z.string(),
      expenses: z.string(),
      netIncome: z.string(),
    }),
  }),
  'FinanceDashboard',
);

/** The finance dashboard: one route, in the main finance function and the local app. */
export function dashboardRoutes(ctx: FinanceContext) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/dashboard',
      tags: ['reports'],
      summary: 'Cash position, receivables and payables outstanding and overdue, and this month’s profit, as of today',
      security: bearerSecurity,
      middleware: [requirePermission('finance.statements.read')],
      responses: {
        200: { description: 'The finance dashboard', ...jsonContent(dashboardSchema) },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => c.json(await financeDashboard(ctx), 200),
  );
  return r;
}
