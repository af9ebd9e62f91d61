import { type Caller, type Decimal, executorFor, formatDecimal } from '@konecta/core';
import {
  billLines,
  bills,
  customerCredits,
  customers,
  invoiceLines,
  invoices,
  vendorCredits,
  vendors,
} from '@konecta/db';
import { asc, eq, sql } from 'drizzle-orm';
import type { FinanceContext } from '../context';
import type { LineAmounts } from './lines';

type Actor = Pick<Caller, 'kind' | 'id'>;

/** What the shared rules need of an invoice or a bill, locked for the transaction. */
export interface LockedDocument {
  id: string;
  number: string;
  partyId: string;
  date: string;
  status: string;
  currency: string;
  rate: string;
  net: bigint;
  tax: bigint;
  withholding: bigint;
  amountDue: bigint;
  journalEntryId: string | null;
  creditedNet: bigint;
  creditedTax: bigint;
  creditedWithholding: bigint;
}

/**
 * The few things that differ between an invoice and a bill where they share their rules (credit
 * notes, voiding): tables, series and words.
 */
export const SIDES = {
  receivable: {
    noun: 'invoice',
    series: 'CN',
    source: 'invoice',
    creditable: ['issued', 'partially_paid', 'paid'],
    posted: 'issued',
    async markVoid(ctx: FinanceContext, caller: Actor, id: string, voidEntryId: string) {
      await executorFor(ctx.db)
        .update(invoices)
        .set({ status: 'void', voidEntryId, voidedBy: caller.id, voidedAt: ctx.now(), updatedAt: ctx.now() })
        .where(eq(invoices.id, id));
    },
    async lock(ctx: FinanceContext, id: string): Promise<LockedDocument | undefined> {
      const [d] = await executorFor(ctx.db).select().from(invoices).where(eq(invoices.id, id)).for('update');
      return d && { ...d, number: d.number ?? '', partyId: d.customerId, date: d.issueDate };
    },
    lines: (ctx: FinanceContext, id: string) =>
      executorFor(ctx.db)
        .select()
        .from(invoiceLines)
        .where(eq(invoiceLines.invoiceId, id))
        .orderBy(asc(invoiceLines.lineNo)),
    async partyName(ctx: FinanceContext, id: string) {
      const [p] = await executorFor(ctx.db)
        .select({ name: customers.name })
        .from(customers)
        .where(eq(customers.id, id));
      return p?.name ?? '';
    },
    async credit(ctx: FinanceContext, d: LockedDocument, totals: LineAmounts) {
      await executorFor(ctx.db)
        .update(invoices)
        .set({
          creditedNet: sql`${invoices.creditedNet} + ${totals.net}`,
          creditedTax: sql`${invoices.creditedTax} + ${totals.tax}`,
          creditedWithholding: sql`${invoices.creditedWithholding} + ${totals.withholding}`,
          updatedAt: ctx.now(),
        })
        .where(eq(invoices.id, d.id));
    },
    async creditLine(ctx: FinanceContext, lineId: string, quantity: Decimal, net: bigint) {
      await executorFor(ctx.db)
        .update(invoiceLines)
        .set({
          creditedQuantity: sql`${invoiceLines.creditedQuantity} + ${formatDecimal(quantity)}::numeric`,
          creditedNet: sql`${invoiceLines.creditedNet} + ${net}`,
        })
        .where(eq(invoiceLines.id, lineId));
    },
    keys: (d: LockedDocument) => ({ invoiceId: d.id, customerId: d.partyId }),
    lineKey: (lineId: string) => ({ invoiceLineId: lineId }),
    async partyCredit(ctx: FinanceContext, d: LockedDocument, creditNoteId: string, amount: bigint) {
      await executorFor(ctx.db)
        .insert(customerCredits)
        .values({ customerId: d.partyId, currency: d.currency, amount, remaining: amount, creditNoteId });
    },
  },
  payable: {
    noun: 'bill',
    series: 'VCN',
    source: 'bill',
    creditable: ['approved', 'partially_paid', 'paid'],
    posted: 'approved',
    async markVoid(ctx: FinanceContext, caller: Actor, id: string, voidEntryId: string) {
      await executorFor(ctx.db)
        .update(bills)
        .set({ status: 'void', voidEntryId, voidedBy: caller.id, voidedAt: ctx.now(), updatedAt: ctx.now() })
        .where(eq(bills.id, id));
    },
    async lock(ctx: FinanceContext, id: string): Promise<LockedDocument | undefined> {
      const [d] = await executorFor(ctx.db).select().from(bills).where(eq(bills.id, id)).for('update');
      return d && { ...d, number: d.number ?? '', partyId: d.vendorId, date: d.billDate };
    },
    lines: (ctx: FinanceContext, id: string) =>
      executorFor(ctx.db).select().from(billLines).where(eq(billLines.billId, id)).orderBy(asc(billLines.lineNo)),
    async partyName(ctx: FinanceContext, id: string) {
      const [p] = await executorFor(ctx.db).select({ name: vendors.name }).from(vendors).where(eq(vendors.id, id));
      return p?.name ?? '';
    },
    async credit(ctx: FinanceContext, d: LockedDocument, totals: LineAmounts) {
      await executorFor(ctx.db)
        .update(bills)
        .set({
          creditedNet: sql`${bills.creditedNet} + ${totals.net}`,
          creditedTax: sql`${bills.creditedTax} + ${totals.tax}`,
          creditedWithholding: sql`${bills.creditedWithholding} + ${totals.withholding}`,
          updatedAt: ctx.now(),
        })
        .where(eq(bills.id, d.id));
    },
    async creditLine(ctx: FinanceContext, lineId: string, quantity: Decimal, net: bigint) {
      await executorFor(ctx.db)
        .update(billLines)
        .set({
          creditedQuantity: sql`${billLines.creditedQuantity} + ${formatDecimal(quantity)}::numeric`,
          creditedNet: sql`${billLines.creditedNet} + ${net}`,
        })
        .where(eq(billLines.id, lineId));
    },
    keys: (d: LockedDocument) => ({ billId: d.id, vendorId: d.partyId }),
    lineKey: (lineId: string) => ({ billLineId: lineId }),
    async partyCredit(ctx: FinanceContext, d: LockedDocument, creditNoteId: string, amount: bigint) {
      await executorFor(ctx.db)
        .insert(vendorCredits)
        .values({ vendorId: d.partyId, currency: d.currency, amount, remaining: amount, creditNoteId });
    },
  },
} as const;
