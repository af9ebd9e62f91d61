import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  idParam,
  jsonContent,
  pageSchema,
  problemResponses,
  requirePermission,
  unprocessable,
} from '@konecta/core';
import type { FinanceContext } from '../context';
import { bankAccountView, createBankAccount, listBankAccounts, updateBankAccount } from './bank-accounts';
import { confirmMatch, entryFromLine, suggestMatches, undoMatch, unreconciledLedgerLines } from './reconcile';
import {
  bankAccountBody,
  bankAccountPatch,
  bankAccountQuery,
  bankAccountSchema,
  entryFromLineBody,
  importFromUpload,
  ledgerLinesSchema,
  lineParams,
  matchBody,
  statementImportBody,
  statementQuery,
  statementSchema,
  statementSummarySchema,
  statementUploadBody,
  suggestionQuery,
  suggestionsSchema,
} from './schemas';
import { getStatement, importStatement, listStatements, type StatementImport } from './statements';

export function bankRoutes(ctx: FinanceContext) {
  const r = createRouter();
  const read = [requirePermission('finance.bank.read')];
  const manage = [requirePermission('finance.bank.manage')];
  const reconcile = [requirePermission('finance.bank.reconcile')];
  const tags = ['bank'];

  r.openapi(
    createRoute({
      method: 'get',
      path: '/bank-accounts',
      tags,
      summary: 'Bank accounts (IBANs masked)',
      security: bearerSecurity,
      middleware: read,
      request: { query: bankAccountQuery },
      responses: {
        200: { description: 'Bank accounts', ...jsonContent(pageSchema(bankAccountSchema, 'BankAccountList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listBankAccounts(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/bank-accounts',
      tags,
      summary: 'Add a bank account on an asset account of the ledger (one bank account per ledger account)',
      security: bearerSecurity,
      middleware: manage,
      request: { body: { required: true, ...jsonContent(bankAccountBody) } },
      responses: {
        201: { description: 'Created', ...jsonContent(bankAccountSchema) },
        ...problemResponses(400, 401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await createBankAccount(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/bank-accounts/{id}',
      tags,
      summary: 'One bank account',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'Bank account', ...jsonContent(bankAccountSchema) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await bankAccountView(ctx, c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/bank-accounts/{id}',
      tags,
      summary: 'Edit a bank account; `active: false` deactivates it',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(bankAccountPatch) } },
      responses: {
        200: { description: 'Updated', ...jsonContent(bankAccountSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await updateBankAccount(ctx, callerOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  r.openapi(
    createRoute({
      method: 'get',
      path: '/bank-statements',
      tags,
      summary: 'Imported statements with how much of each is reconciled',
      security: bearerSecurity,
      middleware: read,
      request: { query: statementQuery },
      responses: {
        200: {
          description: 'Statements',
          ...jsonContent(pageSchema(statementSummarySchema, 'BankStatementList')),
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listStatements(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/bank-statements',
      tags,
      summary:
        'Import a statement from CSV (with a column mapping, remembered per bank account) or camt.053; it must add up, and a statement already imported is refused (409)',
      description:
        'Send JSON with the file’s text in `content`, or multipart/form-data with the file in `file` and the other fields beside it (`mapping` as a JSON string).',
      security: bearerSecurity,
      middleware: reconcile,
      request: {
        body: {
          required: false,
          content: {
            'application/json': { schema: statementImportBody },
            'multipart/form-data': { schema: statementUploadBody },
          },
        },
      },
      responses: {
        201: { description: 'Imported', ...jsonContent(statementSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 415, 422),
      },
    }),
    async (c) => {
      const multipart = /^multipart\/form-data/i.test(c.req.header('content-type') ?? '');
      const input = multipart ? await importFromUpload(c.req.valid('form')) : c.req.valid('json');
      if (!('bankAccountId' in input) || !input.bankAccountId)
        throw unprocessable('Send the statement as JSON or as multipart/form-data.', [
          { path: 'bankAccountId', message: 'Required.' },
        ]);
      return c.json(await importStatement(ctx, callerOf(c), input as StatementImport), 201);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/bank-statements/{id}',
      tags,
      summary: 'A statement with its lines and matches, and the reconciled, book and closing balances',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'Statement', ...jsonContent(statementSchema) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json(await getStatement(ctx, c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/bank-statements/{id}/ledger-lines',
      tags,
      summary: 'The bank ledger account’s posted lines that are not yet reconciled',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'Ledger lines', ...jsonContent(ledgerLinesSchema) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => c.json({ items: await unreconciledLedgerLines(ctx, c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/bank-statements/{id}/lines/{lineId}/suggestions',
      tags,
      summary: 'Ledger lines that may be this statement line, best first (same amount and direction, ±windowDays)',
      security: bearerSecurity,
      middleware: read,
      request: { params: lineParams, query: suggestionQuery },
      responses: {
        200: { description: 'Suggestions', ...jsonContent(suggestionsSchema) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id, lineId } = c.req.valid('param');
      return c.json({ items: await suggestMatches(ctx, id, lineId, c.req.valid('query')) }, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/bank-statements/{id}/lines/{lineId}/match',
      tags,
      summary: 'Match the line to a posted ledger line (each matched once: 409 otherwise)',
      security: bearerSecurity,
      middleware: reconcile,
      request: { params: lineParams, body: { required: true, ...jsonContent(matchBody) } },
      responses: {
        200: { description: 'The statement', ...jsonContent(statementSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id, lineId } = c.req.valid('param');
      return c.json(await confirmMatch(ctx, callerOf(c), id, lineId, c.req.valid('json').journalLineId), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/bank-statements/{id}/lines/{lineId}/match',
      tags,
      summary: 'Undo the line’s match',
      security: bearerSecurity,
      middleware: reconcile,
      request: { params: lineParams },
      responses: {
        200: { description: 'The statement', ...jsonContent(statementSchema) },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id, lineId } = c.req.valid('param');
      return c.json(await undoMatch(ctx, callerOf(c), id, lineId), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/bank-statements/{id}/lines/{lineId}/entry',
      tags,
      summary:
        'Post an entry for an unmatched line (a bank charge: debit the account given, credit the bank) and match it',
      security: bearerSecurity,
      middleware: [requirePermission('finance.bank.reconcile'), requirePermission('finance.journals.post')],
      request: { params: lineParams, body: { required: true, ...jsonContent(entryFromLineBody) } },
      responses: {
        201: { description: 'The statement', ...jsonContent(statementSchema) },
        ...problemResponses(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id, lineId } = c.req.valid('param');
      return c.json(await entryFromLine(ctx, callerOf(c), id, lineId, c.req.valid('json')), 201);
    },
  );
  return r;
}
