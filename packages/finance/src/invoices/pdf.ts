import { formatDecimal, parseDecimal, toMoneyJson } from '@konecta/core';
import type { FinanceContext } from '../context';
import { getParty } from '../parties/parties';
import { printable } from '../reports/files';
import { invoiceWithLines } from './invoices';

/**
 * An invoice as a PDF (A4 portrait): the company's header from the settings, the customer, the
 * lines with their discount, tax and withholding, the totals and what is still owed. A draft is
 * marked DRAFT and a void invoice VOID.
 */
export async function invoicePdf(ctx: FinanceContext, id: string): Promise<{ file: Uint8Array; name: string }> {
  const { invoice, lines } = await invoiceWithLines(ctx, id);
  const customer = await getParty(ctx, 'customer', invoice.customerId);
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setTitle(`Invoice ${invoice.number ?? 'draft'}`);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const [width, height] = [595, 842];
  const margin = 40;
  let page = doc.addPage([width, height]);
  let y = height - margin;
  const money = (minor: bigint) => toMoneyJson({ minor, currency: invoice.currency }).amount;
  const text = (t: string, x: number, size = 9, f = font) => page.drawText(printable(t), { x, y, size, font: f });
  const right = (t: string, x: number, size = 9, f = font) =>
    page.drawText(printable(t), { x: x - f.widthOfTextAtSize(printable(t), size), y, size, font: f });

  const company = ctx.config.company;
  text(company.name, margin, 16, bold);
  right(invoice.status === 'draft' ? 'DRAFT INVOICE' : 'TAX INVOICE', width - margin, 14, bold);
  y -= 16;
  for (const l of [company.address, company.taxNumber ? `Tax registration no. ${company.taxNumber}` : ''])
    if (l) {
      text(l, margin);
      y -= 12;
    }
  y -= 12;
  const head: [string, string][] = [
    ['Invoice no.', invoice.number ?? '(draft)'],
    ['Issue date', invoice.issueDate],
    ['Due date', invoice.dueDate],
    ['Currency', invoice.currency],
  ];
  const top = y;
  text('Bill to', margin, 9, bold);
  y -= 12;
  for (const l of [
    customer.name,
    customer.address ?? '',
    customer.taxNumber ? `Tax registration no. ${customer.taxNumber}` : '',
    customer.contactName ?? '',
    customer.email ?? '',
  ])
    if (l) {
      text(l, margin);
      y -= 12;
    }
  const left = y;
  y = top;
  for (const [k, v] of head) {
    text(k, 360, 9, bold);
    text(v, 450);
    y -= 12;
  }
  y = Math.min(left, y) - 18;

  const cols = [
    { h: 'Description', x: margin, w: 180 },
    { h: 'Qty', x: 255, r: true },
    { h: 'Unit price', x: 315, r: true },
    { h: 'Disc %', x: 355, r: true },
    { h: 'Net', x: 420, r: true },
    { h: 'Tax %', x: 455, r: true },
    { h: 'WHT %', x: 490, r: true },
    { h: 'Amount', x: width - margin, r: true },
  ];
  const row = (cells: string[], f = font) => {
    cells.forEach((c, i) => {
      const col = cols[i];
      if (!col) return;
      if (col.r) right(c, col.x, 8, f);
      else {
        let t = printable(c);
        while (t.length > 1 && f.widthOfTextAtSize(t, 8) > (col.w ?? 100)) t = t.slice(0, -1);
        page.drawText(t, { x: col.x, y, size: 8, font: f });
      }
    });
    y -= 13;
  };
  const header = () => {
    row(
      cols.map((c) => c.h),
      bold,
    );
    page.drawLine({ start: { x: margin, y: y + 9 }, end: { x: width - margin, y: y + 9 }, thickness: 0.5 });
  };
  header();
  const pct = (p: string) => formatDecimal(parseDecimal(p));
  for (const l of lines) {
    if (y < margin + 120) {
      page = doc.addPage([width, height]);
      y = height - margin;
      header();
    }
    row([
      l.description,
      formatDecimal(parseDecimal(l.quantity)),
      money(l.unitPrice),
      pct(l.discountPercent),
      money(l.net),
      pct(l.taxPercent),
      pct(l.withholdingPercent),
      money(l.net + l.tax),
    ]);
  }
  y -= 8;
  const totals: [string, bigint, boolean?][] = [
    ['Gross', invoice.gross],
    ['Discount', -invoice.discount],
    ['Net amount', invoice.net],
    ['Tax', invoice.tax],
    ['Total with tax', invoice.net + invoice.tax, true],
    ['Withholding tax', -invoice.withholding],
    ['Total due from customer', invoice.total, true],
    ['Credited', -invoice.creditedAmount],
    ['Paid', -invoice.paidAmount],
    ['Amount due', invoice.status === 'void' ? 0n : invoice.amountDue, true],
  ];
  for (const [label, amount, strong] of totals) {
    text(label, 360, 9, strong ? bold : font);
    right(`${money(amount)} ${invoice.currency}`, width - margin, 9, strong ? bold : font);
    y -= 13;
  }
  if (invoice.status === 'void') {
    page.drawText('VOID', { x: 200, y: 400, size: 96, font: bold, color: rgb(0.85, 0.2, 0.2), opacity: 0.3 });
  }
  if (invoice.memo) {
    y -= 10;
    text(invoice.memo, margin);
  }
  return { file: await doc.save(), name: `${invoice.number ?? `draft-${invoice.id.slice(0, 8)}`}.pdf` };
}
