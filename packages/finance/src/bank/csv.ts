import { isIsoDate, unprocessable } from '@konecta/core';
import type { BankCsvMapping } from '@konecta/db';
import { minorOf, type ParsedStatement, type StatementLineInput } from './statement-file';

/** Rows of a CSV text (RFC 4180 quoting), each with the line number it starts on. */
export function csvRows(text: string, delimiter: string): { lineNo: number; cells: string[] }[] {
  const rows: { lineNo: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) rows.push({ lineNo: start, cells: cells.map((c) => c.trim()) });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      start = line;
    } else cell += ch;
  }
  if (quoted)
    throw unprocessable(`Line ${start}: a quoted value is never closed.`, [
      { path: 'content', message: `Line ${start}: unclosed quote.` },
    ]);
  endRow();
  return rows;
}

const DATE_FORMATS: Record<string, RegExp> = {
  'yyyy-mm-dd': /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$/,
  'dd/mm/yyyy': /^(?<d>\d{1,2})\/(?<m>\d{1,2})\/(?<y>\d{4})$/,
  'mm/dd/yyyy': /^(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4})$/,
  'dd.mm.yyyy': /^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})$/,
  'dd-mm-yyyy': /^(?<d>\d{1,2})-(?<m>\d{1,2})-(?<y>\d{4})$/,
};
export const csvDateFormats = Object.keys(DATE_FORMATS);

function parseDate(text: string, format: string): string | undefined {
  const g = DATE_FORMATS[format]?.exec(text)?.groups;
  if (!g) return undefined;
  const iso = `${g.y}-${String(g.m).padStart(2, '0')}-${String(g.d).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** `1.234,56` with decimal comma, `1,234.56` with decimal point, `(12.00)` or `-12.00` negative → a plain decimal string. */
function plainAmount(text: string, decimal: '.' | ','): string | undefined {
  let t = text.replace(/[\s\u00a0']/g, '').replace(/^[A-Z]{3}|[A-Z]{3}$/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  if (t.endsWith('-')) {
    negative = true;
    t = t.slice(0, -1);
  }
  if (t.startsWith('-')) {
    negative = !negative;
    t = t.slice(1);
  } else if (t.startsWith('+')) t = t.slice(1);
  const thousands = decimal === '.' ? ',' : '.';
  t = t.split(thousands).join('');
  if (decimal === ',') t = t.replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) return undefined;
  return negative ? `-${t}` : t;
}

/**
 * A CSV statement read with `mapping`: a header row naming the columns, then one line per row.
 * Opening and closing balances come from the balance column (the first row's balance less its
 * amount, the last row's balance) unless given.
 */
export function parseCsvStatement(
  text: string,
  mapping: BankCsvMapping,
  currency: string,
  given: { openingBalance?: bigint; closingBalance?: bigint },
): ParsedStatement {
  const rows = csvRows(text.replace(/^\uFEFF/, ''), mapping.delimiter ?? ',');
  const header = rows.shift();
  if (!header) throw unprocessable('The file is empty.', [{ path: 'content', message: 'The file is empty.' }]);
  const names = header.cells.map((c) => c.toLowerCase());
  const column = (name: string | null | undefined, path: string) => {
    if (!name) return undefined;
    const i = names.indexOf(name.trim().toLowerCase());
    if (i < 0)
      throw unprocessable(
        `Line ${header.lineNo}: there is no column “${name}” (columns: ${header.cells.join(', ')}).`,
        [{ path: `mapping.${path}`, message: `No column “${name}” in the file’s header.` }],
      );
    return i;
  };
  const dateCol = column(mapping.date, 'date') as number;
  const descCol = column(mapping.description, 'description');
  const refCol = column(mapping.reference, 'reference');
  const amountCol = column(mapping.amount, 'amount');
  const debitCol = column(mapping.debit, 'debit');
  const creditCol = column(mapping.credit, 'credit');
  const balanceCol = column(mapping.balance, 'balance');
  if (amountCol === undefined && (debitCol === undefined || creditCol === undefined))
    throw unprocessable('Map either an amount column or both debit and credit columns.', [
      { path: 'mapping.amount', message: 'Map an amount column, or debit and credit columns.' },
    ]);
  if (!DATE_FORMATS[mapping.dateFormat])
    throw unprocessable('Unknown date format.', [
      { path: 'mapping.dateFormat', message: `Use one of ${csvDateFormats.join(', ')}.` },
    ]);

  const lines: (StatementLineInput & { balance: bigint | null })[] = [];
  for (const row of rows) {
    const bad = (message: string): never => {
      throw unprocessable(`Line ${row.lineNo}: ${message}`, [
        { path: 'content', message: `Line ${row.lineNo}: ${message}` },
      ]);
    };
    const cell = (i: number | undefined) => (i === undefined ? '' : (row.cells[i] ?? ''));
    const money = (i: number | undefined, what: string) => {
      const raw = cell(i);
      if (raw === '') return 0n;
      const plain = plainAmount(raw, mapping.decimalSeparator);
      if (plain === undefined) return bad(`the ${what} “${raw}” is not a number.`);
      try {
        return minorOf(plain, currency);
      } catch (err) {
        return bad(`the ${what} “${raw}”: ${(err as Error).message}`);
      }
    };
    const date = parseDate(cell(dateCol), mapping.dateFormat);
    if (!date) bad(`the date “${cell(dateCol)}” is not a ${mapping.dateFormat} date.`);
    let amount: bigint;
    if (amountCol !== undefined) amount = money(amountCol, 'amount');
    else {
      const out = money(debitCol, 'debit');
      const inn = money(creditCol, 'credit');
      if (out < 0n || inn < 0n) bad('debit and credit are written without a sign.');
      if (out !== 0n && inn !== 0n) bad('a row has both a debit and a credit.');
      amount = inn - out;
    }
    if (amount === 0n) bad('the amount is zero or missing.');
    lines.push({
      date: date as string,
      description: cell(descCol),
      reference: cell(refCol) || null,
      amount,
      balance: balanceCol !== undefined && cell(balanceCol) !== '' ? money(balanceCol, 'balance') : null,
      sourceLine: row.lineNo,
    });
  }
  if (!lines.length)
    throw unprocessable('The file has no statement lines.', [
      { path: 'content', message: 'No lines after the header.' },
    ]);
  const first = lines[0] as (typeof lines)[number];
  const last = lines[lines.length - 1] as (typeof lines)[number];
  const opening = given.openingBalance ?? (first.balance !== null ? first.balance - first.amount : undefined);
  const closing = given.closingBalance ?? last.balance ?? undefined;
  if (opening === undefined || closing === undefined)
    throw unprocessable('Give the opening and closing balances, or map a balance column.', [
      { path: 'openingBalance', message: 'Needed when the file has no balance column.' },
    ]);
  const dates = lines.map((l) => l.date).sort();
  return {
    reference: null,
    currency,
    startDate: dates[0] as string,
    endDate: dates[dates.length - 1] as string,
    openingBalance: opening,
    closingBalance: closing,
    lines,
  };
}
