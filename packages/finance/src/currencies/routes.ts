import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  jsonContent,
  ProblemError,
  pageSchema,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import type { FinanceContext } from '../context';
import { importRates, ledgerSettings, listRates, setRate } from './rates';
import { revalueMonth } from './revaluation';
import {
  importResult,
  rateBody,
  rateQuery,
  rateSchema,
  revaluationBody,
  revaluationSchema,
  settingsSchema,
} from './schemas';

export function currencyRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const manage = [requirePermission('finance.rates.manage')];

  r.openapi(
    createRoute({
      method: 'get',
      path: '/settings',
      tags: ['currencies'],
      summary: 'The base currency, the month fiscal years start in, and the currencies in use',
      security: bearerSecurity,
      middleware: [requirePermission('finance.accounts.read')],
      responses: {
        200: { description: 'Settings', ...jsonContent(settingsSchema) },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => c.json(await ledgerSettings(ctx), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/exchange-rates',
      tags: ['currencies'],
      summary: 'Exchange rates into the base currency, newest first',
      security: bearerSecurity,
      middleware: [requirePermission('finance.accounts.read')],
      request: { query: rateQuery },
      responses: {
        200: { description: 'Rates', ...jsonContent(pageSchema(rateSchema, 'ExchangeRateList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listRates(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/exchange-rates',
      tags: ['currencies'],
      summary: 'Set a currency’s rate on a day (replaces that day’s rate)',
      security: bearerSecurity,
      middleware: manage,
      request: { body: { required: true, ...jsonContent(rateBody) } },
      responses: {
        201: { description: 'The rate', ...jsonContent(rateSchema) },
        ...problemResponses(400, 401, 403, 422),
      },
    }),
    async (c) => c.json(await setRate(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/exchange-rates/import',
      tags: ['currencies'],
      summary: 'Import rates from CSV (`currency,date,rate`; a header row is optional): all or nothing',
      security: bearerSecurity,
      middleware: manage,
      request: { body: { required: true, content: { 'text/csv': { schema: z.string() } } } },
      responses: {
        200: { description: 'Imported', ...jsonContent(importResult) },
        ...problemResponses(400, 401, 403, 415, 422),
      },
    }),
    async (c) => {
      if (!c.req.header('content-type')?.startsWith('text/csv'))
        throw new ProblemError(415, 'Send the rates as text/csv.');
      return c.json(await importRates(ctx, callerOf(c), await c.req.text()), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/revaluations',
      tags: ['currencies'],
      summary:
        'Revalue foreign-currency balances at a month’s last rate: posts the unrealised difference on its last day and the reversal on the 1st of the next',
      security: bearerSecurity,
      middleware: manage,
      request: { body: { required: true, ...jsonContent(revaluationBody) } },
      responses: {
        200: { description: 'Posted (null entries when nothing changed)', ...jsonContent(revaluationSchema) },
        ...problemResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await revalueMonth(ctx, callerOf(c), c.req.valid('json').month), 200),
  );
  return r;
}
