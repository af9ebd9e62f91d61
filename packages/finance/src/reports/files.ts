import { type AppEnv, jsonContent } from '@konecta/core';
import * as z from '@konecta/core/z';
import type { Context } from 'hono';

/**
 * A statement as a file: CSV, XLSX (amounts as numeric cells with the currency's decimals) or PDF
 * (a plain paginated table). The statement is computed in SQL first; this only lays out its rows.
 */

export type FileFormat = 'csv' | 'xlsx' | 'pdf';

export interface Column {
  key: string;
  header: string;
  /** A decimal-string amount: a number cell in XLSX, right-aligned in PDF. */
  amount?: boolean;
  width?: number;
}

export interface Table {
  title: string;
  subtitle: string;
  columns: Column[];
  rows: Record<string, string | number | boolean | null>[];
}

export const FILE_TYPES: Record<FileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** A cell as CSV text: quoted when needed, and a leading =+-@ guarded so no spreadsheet runs it. */
function csvCell(value: string | number | boolean | null, amount: boolean): string {
  if (value === null) return '';
  let text = String(value);
  if (!amount && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function writeTable(table: Table, format: FileFormat): Promise<Uint8Array> {
  if (format === 'csv') {
    const lines = [table.columns.map((c) => csvCell(c.header, false)).join(',')];
    for (const row of table.rows)
      lines.push(table.columns.map((c) => csvCell(row[c.key] ?? null, !!c.amount)).join(','));
    return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
  }
  if (format === 'xlsx') return xlsx(table);
  return pdf(table);
}

async function xlsx(table: Table): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  // Excel refuses sheet names with * ? : \ / [ ] ("General ledger: 1120 …") or over 31 characters.
  const sheet = wb.addWorksheet(table.title.replace(/[*?:\\/[\]]/g, ' ').slice(0, 31));
  sheet.addRow([table.title]).font = { bold: true, size: 13 };
  sheet.addRow([table.subtitle]);
  sheet.addRow([]);
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  table.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width ?? (c.amount ? 16 : 28);
  });
  for (const row of table.rows) {
    const added = sheet.addRow([]);
    table.columns.forEach((c, i) => {
      const value = row[c.key] ?? null;
      const cell = added.getCell(i + 1);
      if (c.amount && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) {
        const decimals = value.split('.')[1]?.length ?? 0;
        cell.value = Number(value);
        cell.numFmt = decimals ? `#,##0.${'0'.repeat(decimals)};-#,##0.${'0'.repeat(decimals)}` : '#,##0';
      } else {
        cell.value = value as never;
      }
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Text as Helvetica's standard encoding can print it: no glyphs beyond Latin-1, anything else prints as '?'. */
export const printable = (text: string) =>
  text
    .replace(/[–—]/g, '-')
    .replace(/[’‘]/g, "'")
    .replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

async function pdf(table: Table): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const size = 8;
  const [width, height] = [842, 595]; // A4 landscape
  const margin = 36;
  const widths = table.columns.map((c) => c.width ?? (c.amount ? 14 : 26));
  const scale = (width - 2 * margin) / widths.reduce((a, b) => a + b, 0);
  let page = doc.addPage([width, height]);
  let y = height - margin;
  const line = (cells: string[], f = font) => {
    let x = margin;
    cells.forEach((text, i) => {
      const w = (widths[i] ?? 10) * scale;
      let t = printable(text);
      while (t.length > 1 && f.widthOfTextAtSize(t, size) > w - 4) t = t.slice(0, -1);
      const right = table.columns[i]?.amount;
      page.drawText(t, { x: right ? x + w - 4 - f.widthOfTextAtSize(t, size) : x, y, size, font: f });
      x += w;
    });
    y -= size + 4;
  };
  const heading = () => {
    page.drawText(printable(table.title), { x: margin, y, size: 13, font: bold });
    y -= 18;
    page.drawText(printable(table.subtitle), { x: margin, y, size: 9, font });
    y -= 18;
    line(
      table.columns.map((c) => c.header),
      bold,
    );
  };
  heading();
  for (const row of table.rows) {
    if (y < margin) {
      page = doc.addPage([width, height]);
      y = height - margin;
      heading();
    }
    line(table.columns.map((c) => String(row[c.key] ?? '')));
  }
  return doc.save();
}

/** The JSON statement, or the file its `format` asks for. */
export function contentOf<T extends z.ZodMiniType>(schema: T) {
  return {
    ...jsonContent(schema).content,
    'text/csv': { schema: z.string() },
    [FILE_TYPES.xlsx]: { schema: z.openapi(z.string(), { format: 'binary' }) },
    [FILE_TYPES.pdf]: { schema: z.openapi(z.string(), { format: 'binary' }) },
  };
}

export async function file(c: Context<AppEnv>, table: Table, format: FileFormat, name: string) {
  const body = await writeTable(table, format);
  return c.body(body as Uint8Array<ArrayBuffer>, 200, {
    'content-type': FILE_TYPES[format],
    'content-disposition': `attachment; filename="${name}.${format}"`,
  });
}
