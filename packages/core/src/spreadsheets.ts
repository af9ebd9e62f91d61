/**
 * Spreadsheets in and out (CSV and XLSX), for every service's imports and exports: exceljs is
 * loaded only when a file is read or written, so it never enters a cold start.
 */
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import type { AppEnv } from './http';
import { unprocessable } from './problem';
import * as z from './z';

export type SheetFormat = 'csv' | 'xlsx';
export const SHEET_TYPES: Record<SheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** exceljs is loaded only when a spreadsheet is read or written: it stays out of cold starts. */
async function workbook() {
  const { default: ExcelJS } = await import('exceljs');
  return new ExcelJS.Workbook();
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  // exceljs reads a date cell as midnight UTC of that calendar date: its UTC day is the date.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return String(v.text);
    if (v.result !== undefined) return cellText(v.result);
  }
  return String(value).trim();
}

/**
 * The first sheet as rows keyed by header (headers lower-cased, spaces and punctuation dropped);
 * each row has every header of the sheet, '' for an empty cell. Empty rows are left out, unless
 * `keepEmptyRows` (an import that reports rows by their line in the file keeps every line).
 */
export async function readSheet(
  data: Buffer,
  format: SheetFormat,
  options: { keepEmptyRows?: boolean } = {},
): Promise<Record<string, string>[]> {
  const wb = await workbook();
  try {
    if (format === 'xlsx') await wb.xlsx.load(data as unknown as ArrayBuffer);
    else await wb.csv.read(Readable.from(data));
  } catch {
    throw unprocessable(`The file is not a readable ${format.toUpperCase()} file.`, [
      { path: 'file', message: 'Unreadable file.' },
    ]);
  }
  const sheet = wb.worksheets[0];
  if (!sheet || sheet.rowCount < 1) throw unprocessable('The file is empty.', [{ path: 'file', message: 'No rows.' }]);
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col] = cellText(cell.value)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  });
  const rows: Record<string, string>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row: Record<string, string> = {};
    let filled = false;
    sheet.getRow(r).eachCell({ includeEmpty: true }, (cell, col) => {
      const key = headers[col];
      if (!key) return;
      row[key] = unguard(cellText(cell.value));
      if (row[key]) filled = true;
    });
    // Every column of the sheet is in every row: an empty cell reads as '' (a missing column as undefined).
    for (const key of headers) if (key && row[key] === undefined) row[key] = '';
    if (filled || options.keepEmptyRows) rows.push(row);
  }
  return rows;
}

/** What a spreadsheet would run as a formula: a text starting with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** The guard `safe` writes: an apostrophe before a text a spreadsheet would run as a formula. */
const GUARDED = /^'[=+\-@\t\r]/;

/** Undoes `safe` exactly, so an exported file imports back unchanged (`'+20 …` is `+20 …`). */
export function unguard(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}

/** A cell a spreadsheet would run as a formula is written as text instead (CSV injection). */
export function safe(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * What a column holds, so an XLSX cell gets the right kind: `date` (`YYYY-MM-DD`) a date cell,
 * `instant` (ISO) a date-time cell on the company's clocks, `amount` (a decimal string) and
 * `number` numeric cells; anything else text. A CSV carries the same values as text.
 */
export type ColumnType = 'text' | 'date' | 'instant' | 'amount' | 'number';

export interface SheetColumn {
  header: string;
  key: string;
  width?: number;
  type?: ColumnType;
}

/** The company calendar's view of an instant, for `instant` columns. */
export interface SheetClock {
  timeZone: string;
  dateOf(instant: Date): string;
  timeOf(instant: Date): string;
}

const DATE_FORMAT = 'yyyy-mm-dd';
const INSTANT_FORMAT = 'yyyy-mm-dd hh:mm';

/** Excel has no time zones: an instant is written as the company-zone wall clock, read as UTC. */
function wallClock(value: unknown, clock: SheetClock): { date: string; time: string } | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const instant = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(instant.getTime())) return undefined;
  return { date: clock.dateOf(instant), time: clock.timeOf(instant) };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d+(?:\.(\d+))?$/;

/** One cell's value and number format for a typed column. */
function typedCell(
  value: unknown,
  type: ColumnType,
  format: SheetFormat,
  clock: SheetClock | undefined,
): { value: unknown; numFmt?: string } {
  if (value === null || value === undefined || value === '') return { value: '' };
  if (type === 'date' && typeof value === 'string' && ISO_DAY.test(value)) {
    return format === 'xlsx' ? { value: new Date(`${value}T00:00:00Z`), numFmt: DATE_FORMAT } : { value };
  }
  if (type === 'instant' && clock) {
    const wall = wallClock(value, clock);
    if (!wall) return { value: safe(value) };
    return format === 'xlsx'
      ? { value: new Date(`${wall.date}T${wall.time}:00Z`), numFmt: INSTANT_FORMAT }
      : { value: `${wall.date} ${wall.time}` };
  }
  if (type === 'amount') {
    const m = DECIMAL.exec(String(value));
    if (!m) return { value: safe(value) };
    // The string is exact; the cell shows as many decimals as the currency has.
    const decimals = m[1]?.length ?? 0;
    return format === 'xlsx'
      ? { value: Number(value), numFmt: decimals ? `#,##0.${'0'.repeat(decimals)}` : '#,##0' }
      : { value: String(value) };
  }
  if (type === 'number') return { value: typeof value === 'number' ? value : Number(value) };
  return { value: safe(value) };
}

export async function writeSheet(
  name: string,
  columns: SheetColumn[],
  rows: Record<string, unknown>[],
  format: SheetFormat,
  clock?: SheetClock,
): Promise<Buffer> {
  const wb = await workbook();
  const sheet = wb.addWorksheet(name);
  sheet.columns = columns.map((c) => ({
    header: c.type === 'instant' && clock ? `${c.header} (${clock.timeZone})` : c.header,
    key: c.key,
    width: c.width ?? 18,
  }));
  for (const row of rows) {
    const added = sheet.addRow([]);
    columns.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      const typed = typedCell(row[c.key], c.type ?? 'text', format, clock);
      cell.value = typed.value as never;
      if (typed.numFmt) cell.numFmt = typed.numFmt;
    });
  }
  if (format === 'xlsx') {
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const out = format === 'xlsx' ? await wb.xlsx.writeBuffer() : await wb.csv.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** OpenAPI content of a file response. */
export const sheetContent = {
  'text/csv': { schema: z.string() },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    schema: z.openapi(z.string(), { format: 'binary' }),
  },
};

/** A spreadsheet as a download. */
export function sheetResponse(c: Context<AppEnv>, file: Buffer, format: SheetFormat, name: string) {
  return c.body(new Uint8Array(file), 200, {
    'content-type': SHEET_TYPES[format],
    'content-disposition': `attachment; filename="${name}.${format}"`,
  });
}
