import { addDays, systemActor } from '@konecta/core';
import { accounts, customers } from '@konecta/db';
import { count } from 'drizzle-orm';
import { approveBill, createBill, getBill, voidBill } from '../bills/bills';
import type { FinanceContext } from '../context';
import { createCreditNote } from '../documents/credit-notes';
import { createInvoice, issueInvoice, voidInvoice } from '../invoices/invoices';
import { createParty } from '../parties/parties';
import { recordPayment } from '../payments/payments';
import { seedDocumentVolume } from './volume';

const seeder = systemActor('finance');

/**
 * Demo customers and vendors and invoices and bills in every state: first the year's volume
 * (seed/volume.ts, posted in bulk), then a handful made through the same code a clerk's requests
 * take, dated in the last few weeks: drafts, issued (some overdue), credited by lines and by an
 * amount, partly and fully paid, void; bills drafted, approved, credited by the vendor, paid and
 * void. Runs once (nothing happens when customers exist).
 */
export async function seedDocuments(ctx: FinanceContext): Promise<number> {
  const [existing] = await ctx.db.select({ n: count() }).from(customers);
  if (existing?.n) return 0;
  const codes = new Map(
    (await ctx.db.select({ id: accounts.id, code: accounts.code }).from(accounts)).map((a) => [a.code, a.id]),
  );
  if (!codes.has('4100')) return 0;
  const id = (code: string) => codes.get(code) as string;
  const today = ctx.calendar.today();
  const day = (n: number) => addDays(today, -n);
  let made = await seedDocumentVolume(ctx, { base: id('1120'), usd: id('1125') });

  const party = (kind: 'customer' | 'vendor', name: string, extra: Record<string, unknown> = {}) =>
    createParty(ctx, seeder, kind, {
      name,
      contactName: extra.contactName as string,
      email: extra.email as string,
      phone: '+20 2 2345 6789',
      address: (extra.address as string) ?? 'Cairo, Egypt',
      taxNumber: (extra.taxNumber as string) ?? null,
      paymentTermsDays: (extra.terms as number) ?? 30,
      currency: (extra.currency as string) ?? ctx.config.baseCurrency,
      ...(kind === 'customer'
        ? {
            creditLimit: (extra.limit as string) ?? null,
            creditLimitAction: (extra.action as 'warn' | 'stop') ?? 'warn',
          }
        : {}),
    });
  const nile = await party('customer', 'Nile Textiles SAE', {
    contactName: 'Hoda Mansour',
    email: 'ap@niletextiles.example',
    taxNumber: '204-118-553',
    limit: '250000',
  });
  const delta = await party('customer', 'Delta Foods', {
    contactName: 'Karim Fathy',
    email: 'finance@deltafoods.example',
    taxNumber: '311-902-774',
    terms: 15,
    limit: '60000',
    action: 'stop',
  });
  const pyramid = await party('customer', 'Pyramid Hotels', { contactName: 'Sara Nabil', terms: 45 });
  const atlas = await party('customer', 'Atlas Trading LLC', {
    contactName: 'John Reed',
    email: 'payables@atlas.example',
    address: 'Dubai, UAE',
    currency: 'USD',
  });
  const harbor = await party('customer', 'Harbor Logistics Inc.', {
    contactName: 'Amy Chen',
    address: 'Rotterdam, NL',
    currency: 'USD',
    terms: 60,
  });
  const paper = await party('vendor', 'Cairo Paper Supplies', { contactName: 'Mahmoud Ali', taxNumber: '455-210-009' });
  const power = await party('vendor', 'Giza Power & Water', { terms: 14 });
  const office = await party('vendor', 'Office Hub', { contactName: 'Mona Adel' });
  const cloud = await party('vendor', 'CloudNine Hosting Ltd', { currency: 'USD', address: 'Dublin, IE' });

  const line = (description: string, quantity: string, unitPrice: string, account: string, extra = {}) => ({
    description,
    quantity,
    unitPrice,
    accountId: id(account),
    taxPercent: '14',
    ...extra,
  });
  const invoice = async (customerId: string, n: number, lines: ReturnType<typeof line>[]) => {
    made += 1;
    return createInvoice(ctx, seeder, { customerId, issueDate: day(n), lines });
  };
  const issue = async (customerId: string, n: number, lines: ReturnType<typeof line>[]) => {
    const draft = await invoice(customerId, n, lines);
    return issueInvoice(ctx, seeder, draft.id);
  };

  const paidInFull = await issue(nile.id, 40, [
    line('Cotton fabric, roll', '12', '3450.00', '4100', { discountPercent: '5' }),
    line('Delivery', '1', '750.00', '4200'),
  ]);
  const consulting = await issue(nile.id, 12, [
    line('Design consulting (hours)', '18.5', '600.00', '4200', { withholdingPercent: '3' }),
  ]);
  await createCreditNote(ctx, seeder, 'receivable', consulting.id, {
    date: day(8),
    reason: 'Agreed discount on the consulting hours',
    amount: '1000.00',
  });
  const partlyPaid = await issue(delta.id, 25, [line('Packaging film', '150', '42.75', '4100')]);
  const credited = await issue(pyramid.id, 20, [
    line('Linen sets', '40', '890.00', '4100'),
    line('Installation', '1', '2500.00', '4200', { withholdingPercent: '1' }),
  ]);
  const linen = credited.lines[0];
  if (linen)
    await createCreditNote(ctx, seeder, 'receivable', credited.id, {
      date: day(15),
      reason: 'Five sets returned damaged',
      lines: [{ lineId: linen.id, quantity: '5' }],
    });
  const voided = await issue(delta.id, 9, [line('Spices, mixed crate', '10', '1200.00', '4100')]);
  await voidInvoice(ctx, seeder, voided.id);
  await issue(atlas.id, 18, [line('Software licence, annual', '3', '1200.00', '4200', { taxPercent: '0' })]);
  const cancelled = await issue(harbor.id, 6, [
    line('Freight consulting', '12', '150.00', '4200', { taxPercent: '0' }),
  ]);
  await createCreditNote(ctx, seeder, 'receivable', cancelled.id, { date: day(3), reason: 'Engagement cancelled' });
  await invoice(pyramid.id, 2, [line('Towels, premium', '200', '145.00', '4100')]);
  await invoice(atlas.id, 1, [line('Support retainer', '1', '900.00', '4200', { taxPercent: '0' })]);

  const bill = async (vendorId: string, n: number, ref: string | null, lines: ReturnType<typeof line>[]) => {
    made += 1;
    const billId = await createBill(ctx, seeder, { vendorId, billDate: day(n), vendorReference: ref, lines });
    return billId;
  };
  await approveBill(
    ctx,
    seeder,
    await bill(paper.id, 30, 'CPS-10231', [line('Copy paper A4, box', '40', '310.00', '5500')]),
  );
  const utilitiesId = await bill(power.id, 14, 'GPW-2026-118', [line('Electricity and water', '1', '8420.00', '5400')]);
  await approveBill(ctx, seeder, utilitiesId);
  const chairs = await approveBill(
    ctx,
    seeder,
    await bill(office.id, 10, 'OH-5531', [
      line('Office chairs', '6', '2150.00', '1210'),
      line('Assembly', '1', '600.00', '5500', { withholdingPercent: '1' }),
    ]),
  );
  const chairLine = chairs.lines[0];
  if (chairLine)
    await createCreditNote(ctx, seeder, 'payable', chairs.id, {
      date: day(4),
      reason: 'Two chairs returned with broken arms',
      lines: [{ lineId: chairLine.id, quantity: '2' }],
    });
  await approveBill(
    ctx,
    seeder,
    await bill(cloud.id, 8, 'CN-88412', [line('Hosting, monthly', '1', '640.00', '5400', { taxPercent: '0' })]),
  );
  const wrong = await bill(paper.id, 7, 'CPS-10277', [line('Toner cartridges', '8', '1250.00', '5500')]);
  await approveBill(ctx, seeder, wrong);
  await voidBill(ctx, seeder, wrong);
  await bill(office.id, 3, null, [line('Whiteboards', '4', '780.00', '1210')]);

  // Payments: one invoice paid in full by transfer, one in part, and the utilities bill paid.
  const bank = id('1120');
  await recordPayment(ctx, seeder, {
    direction: 'received',
    partyId: nile.id,
    date: day(28),
    accountId: bank,
    amount: paidInFull.amountDue,
    reference: `Transfer for ${paidInFull.number}`,
    allocations: [{ invoiceId: paidInFull.id, amount: paidInFull.amountDue }],
  });
  await recordPayment(ctx, seeder, {
    direction: 'received',
    partyId: delta.id,
    date: day(10),
    accountId: bank,
    amount: '3000.00',
    reference: `On account, ${partlyPaid.number}`,
    allocations: [{ invoiceId: partlyPaid.id, amount: '3000.00' }],
  });
  const utilities = await getBill(ctx, utilitiesId);
  await recordPayment(ctx, seeder, {
    direction: 'made',
    partyId: power.id,
    date: day(5),
    accountId: bank,
    amount: utilities.amountDue,
    reference: 'GPW-2026-118',
    allocations: [{ billId: utilitiesId, amount: utilities.amountDue }],
  });
  return made;
}
