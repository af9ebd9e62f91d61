import { currencySchema, listQuery, unprocessable } from '@konecta/core';
import * as z from '@konecta/core/z';
import { bool } from '../accounts/schemas';
import { csvDateFormats } from './csv';

/** Request and response schemas of bank accounts, statements and reconciliation. Amounts are signed decimal strings. */

const text = (max: number) => z.string().check(z.trim(), z.minLength(1, 'Required.'), z.maxLength(max));
const column = z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(100))));
const signedAmount = z.openapi(
  z.string().check(z.regex(/^-?\d{1,15}(\.\d{1,3})?$/, 'A decimal string, e.g. "-12.50".')),
  { example: '-12.50' },
);

export const csvMappingSchema = z.openapi(
  z.strictObject({
    date: text(100),
    description: text(100),
    reference: column,
    amount: z.openapi(column, { description: 'One signed column (money in positive); or `debit` and `credit`.' }),
    debit: z.openapi(column, { description: 'Money out.' }),
    credit: z.openapi(column, { description: 'Money in.' }),
    balance: column,
    dateFormat: z.enum(csvDateFormats as [string, ...string[]]),
    decimalSeparator: z.enum(['.', ',']),
    delimiter: z.optional(z.enum([',', ';', '\t'])),
  }),
  'BankCsvMapping',
);

export const bankAccountSchema = z.openapi(
  z.object({
    id: z.uuid(),
    name: z.string(),
    accountId: z.uuid(),
    accountCode: z.nullable(z.string()),
    accountName: z.nullable(z.string()),
    bankName: z.string(),
    iban: z.openapi(z.nullable(z.string()), { description: 'Masked: `EG38 **** **** 1234`.' }),
    currency: z.string(),
    active: z.boolean(),
    csvMapping: z.nullable(csvMappingSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  'BankAccount',
);

export const bankAccountBody = z.strictObject({
  name: text(120),
  accountId: z.uuid(),
  bankName: text(120),
  iban: z.openapi(z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(50)))), {
    description: 'Checked with mod 97; stored encrypted, shown masked.',
  }),
  currency: z.optional(currencySchema),
  active: z.optional(z.boolean()),
});
export const bankAccountPatch = z.catchall(z.partial(bankAccountBody), z.never());

export const bankAccountQuery = z.extend(listQuery(), { active: z.optional(bool) });

export const statementImportBody = z.strictObject({
  bankAccountId: z.uuid(),
  format: z.enum(['csv', 'camt053']),
  content: z.openapi(z.string().check(z.minLength(1, 'The file is empty.'), z.maxLength(5_000_000)), {
    description: 'The file’s text (CSV or camt.053 XML).',
  }),
  mapping: z.optional(csvMappingSchema),
  openingBalance: z.optional(signedAmount),
  closingBalance: z.optional(signedAmount),
});

/** The same import as multipart/form-data: the file in `file`, `mapping` as a JSON string. */
export const statementUploadBody = z.object({
  file: z.openapi(z.any(), { type: 'string', format: 'binary' }),
  bankAccountId: z.uuid(),
  format: z.enum(['csv', 'camt053']),
  mapping: z.optional(z.string().check(z.maxLength(2000))),
  openingBalance: z.optional(signedAmount),
  closingBalance: z.optional(signedAmount),
});

/** A multipart upload as the JSON import: the file's text, the mapping parsed and checked (422 naming `mapping…`). */
export async function importFromUpload(form: z.infer<typeof statementUploadBody>) {
  const { file, mapping, ...rest } = form;
  if (!(file instanceof File))
    throw unprocessable('Attach the statement as the form field "file".', [{ path: 'file', message: 'Required.' }]);
  if (file.size > 5_000_000)
    throw unprocessable('The file is larger than 5 MB.', [{ path: 'file', message: 'At most 5 MB.' }]);
  let parsedMapping: z.infer<typeof csvMappingSchema> | undefined;
  if (mapping) {
    let json: unknown;
    try {
      json = JSON.parse(mapping);
    } catch {
      throw unprocessable('The mapping is not JSON.', [
        { path: 'mapping', message: 'Send the mapping as a JSON object.' },
      ]);
    }
    const result = z.safeParse(csvMappingSchema, json);
    if (!result.success)
      throw unprocessable('The mapping is not valid.', [
        {
          path: `mapping.${result.error.issues[0]?.path.join('.') ?? ''}`,
          message: result.error.issues[0]?.message ?? 'Invalid.',
        },
      ]);
    parsedMapping = result.data;
  }
  return { ...rest, content: await file.text(), ...(parsedMapping ? { mapping: parsedMapping } : {}) };
}

export const statementQuery = z.extend(listQuery(), { bankAccountId: z.optional(z.uuid()) });

export const statementSummarySchema = z.openapi(
  z.object({
    id: z.uuid(),
    bankAccountId: z.uuid(),
    format: z.enum(['csv', 'camt053']),
    reference: z.nullable(z.string()),
    startDate: z.string(),
    endDate: z.string(),
    currency: z.string(),
    openingBalance: z.string(),
    closingBalance: z.string(),
    lineCount: z.int(),
    matchedCount: z.int(),
    reconciledAmount: z.openapi(z.string(), { description: 'The sum of the matched lines.' }),
    status: z.enum(['open', 'reconciled']),
    createdAt: z.string(),
  }),
  'BankStatementSummary',
);

const matchSchema = z.object({
  journalLineId: z.string(),
  entryId: z.uuid(),
  entryNumber: z.nullable(z.string()),
  date: z.string(),
  memo: z.string(),
  paymentId: z.openapi(z.nullable(z.uuid()), { description: 'The payment whose bank line it is, when it is one.' }),
  matchedBy: z.nullable(z.string()),
  matchedAt: z.nullable(z.string()),
});

export const statementSchema = z.openapi(
  z.extend(statementSummarySchema, {
    bankAccountName: z.string(),
    ledgerAccountId: z.uuid(),
    bookBalance: z.openapi(z.string(), { description: 'The ledger balance of the bank’s account on the end date.' }),
    lines: z.array(
      z.object({
        id: z.uuid(),
        lineNo: z.int(),
        date: z.string(),
        description: z.string(),
        reference: z.nullable(z.string()),
        amount: z.string(),
        balance: z.nullable(z.string()),
        match: z.nullable(matchSchema),
      }),
    ),
  }),
  'BankStatement',
);

const ledgerLineSchema = z.object({
  journalLineId: z.string(),
  entryId: z.uuid(),
  entryNumber: z.nullable(z.string()),
  date: z.string(),
  memo: z.string(),
  description: z.nullable(z.string()),
  partyId: z.nullable(z.string()),
  amount: z.string(),
});
export const ledgerLinesSchema = z.openapi(z.object({ items: z.array(ledgerLineSchema) }), 'BankLedgerLines');
export const suggestionsSchema = z.openapi(
  z.object({
    items: z.array(
      z.extend(ledgerLineSchema, {
        score: z.int(),
        days: z.int(),
        referenceFound: z.boolean(),
        similarity: z.number(),
        paymentId: z.openapi(z.nullable(z.uuid()), { description: 'A posted payment this is the bank side of.' }),
        partyName: z.nullable(z.string()),
      }),
    ),
  }),
  'BankMatchSuggestions',
);

export const lineParams = z.object({
  id: z.openapi(z.uuid(), { param: { name: 'id', in: 'path' } }),
  lineId: z.openapi(z.uuid(), { param: { name: 'lineId', in: 'path' } }),
});
export const suggestionQuery = z.object({
  windowDays: z.optional(z.pipe(z.string().check(z.regex(/^\d{1,2}$/, 'Days, 0 to 99.')), z.transform(Number))),
});
export const matchBody = z.strictObject({
  journalLineId: z.string().check(z.regex(/^\d{1,18}$/, 'A journal line id.')),
});
export const entryFromLineBody = z.strictObject({
  accountId: z.uuid(),
  memo: z.optional(z.string().check(z.trim(), z.maxLength(500))),
});
