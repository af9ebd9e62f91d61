import { addDays, type Caller, defaultRoles, type Money } from '@konecta/core';
import { accounts, employeeDirectory, expenseCategories, expenseClaims, fiscalYears } from '@konecta/db';
import { and, count, gte, lte } from 'drizzle-orm';
import { saveBudget } from '../budgets/budgets';
import type { FinanceContext } from '../context';
import { approveClaim, createClaim, reimburseClaim, rejectClaim, submitClaim } from '../expenses/claims';
import { departments } from '../expenses/people';
import { uploadReceipt } from '../expenses/receipts';

/** The smallest PNG there is (1×1): the demo's photographed receipts. */
export const demoReceiptPng = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** A one-page receipt as a PDF. */
async function receiptPdf(title: string, amount: string): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([300, 200]);
  page.drawText('RECEIPT', { x: 20, y: 160, size: 16, font });
  page.drawText(title, { x: 20, y: 130, size: 10, font });
  page.drawText(`Total: ${amount} EGP`, { x: 20, y: 110, size: 10, font });
  return doc.save();
}

/** A signed-in person as the demo acts for them: their employee id and a default role's permissions. */
function personAs(employeeId: string, userId: string | null, name: string, role: string): Caller {
  return {
    kind: 'user',
    id: userId ?? employeeId,
    employeeId,
    name,
    roles: [role],
    permissions: new Set(defaultRoles[role]?.permissions ?? []),
  };
}

/**
 * Demo expense claims in every state (with PNG and PDF receipts) and budgets for the current fiscal
 * year: travel for every department (warn), Engineering's office supplies set to stop, and Sales'
 * travel small enough that an approved claim took it over. Runs once (nothing when claims exist).
 */
export async function seedExpenses(ctx: FinanceContext): Promise<number> {
  const [existing] = await ctx.db.select({ n: count() }).from(expenseClaims);
  if (existing?.n) return 0;
  const people = await ctx.db.select().from(employeeDirectory);
  const byEmail = (email: string) => people.find((p) => p.workEmail === email);
  const nour = byEmail('employee@konecta.local');
  const tarek = byEmail('manager@konecta.local');
  const mona = byEmail('finance.manager@konecta.local');
  const salesManager = byEmail('sales.manager@konecta.local');
  const salesPerson = people.find((p) => p.departmentName === 'Sales' && p.managerId === salesManager?.id);
  if (!nour || !tarek || !mona || !salesManager || !salesPerson) return 0;
  const today = ctx.calendar.today();
  const [year] = await ctx.db
    .select()
    .from(fiscalYears)
    .where(and(lte(fiscalYears.startDate, today), gte(fiscalYears.endDate, today)));
  if (!year) return 0;

  const as = (p: typeof nour, role: string) => personAs(p.id, p.userId, p.fullName, role);
  const employee = as(nour, 'Employee');
  const manager = as(tarek, 'Department Manager');
  const finance = as(mona, 'Finance Manager');
  const seller = as(salesPerson, 'Employee');
  const salesBoss = as(salesManager, 'Department Manager');

  // Budgets first, so that approvals below are measured against them.
  const codes = new Map((await ctx.db.select().from(accounts)).map((a) => [a.code, a.id]));
  const egp = (amount: number): Money => ({ minor: BigInt(amount) * 100n, currency: ctx.config.baseCurrency });
  for (const d of await departments(ctx)) {
    await saveBudget(ctx, finance, {
      fiscalYearId: year.id,
      departmentId: d.id,
      accountId: codes.get('5700') as string,
      mode: 'warn',
      annual: egp(d.name === 'Sales' ? 1_200 : 60_000),
    });
    await saveBudget(ctx, finance, {
      fiscalYearId: year.id,
      departmentId: d.id,
      accountId: codes.get('5500') as string,
      mode: d.name === 'Engineering' ? 'stop' : 'warn',
      annual: egp(24_000),
    });
  }

  const categories = new Map((await ctx.db.select().from(expenseCategories)).map((c) => [c.code, c.id]));
  // Lines dated in the current month, so that the month's budget is what they meet.
  const monthStart = `${today.slice(0, 8)}01`;
  const day = (back: number) => {
    const d = addDays(today, -back);
    return d < monthStart ? monthStart : d;
  };
  let made = 0;
  const claim = async (who: Caller, title: string, lines: [string, number, number][], pdf = false) => {
    const created = await createClaim(ctx, who, {
      title,
      lines: lines.map(([code, amount, back]) => ({
        date: day(back),
        categoryId: categories.get(code) as string,
        amount: egp(amount),
        description: title,
      })),
    });
    const total = String(lines.reduce((s, [, a]) => s + a, 0));
    const data = pdf ? await receiptPdf(title, total) : demoReceiptPng;
    await uploadReceipt(ctx, who, created.id, { data, fileName: pdf ? 'receipt.pdf' : 'receipt.png' });
    made += 1;
    return created.id;
  };

  await claim(employee, 'Conference tickets (draft)', [['travel', 2_400, 1]]);
  await submitClaim(ctx, employee, await claim(employee, 'Team lunch with client', [['meals', 850, 2]]));
  const approved = await claim(employee, 'Cairo–Alexandria trip', [
    ['transport', 320, 3],
    ['accommodation', 1_450, 3],
  ]);
  await submitClaim(ctx, employee, approved);
  await approveClaim(ctx, manager, approved);
  const paid = await claim(employee, 'Printer toner', [['office-supplies', 640, 4]], true);
  await submitClaim(ctx, employee, paid);
  await approveClaim(ctx, manager, paid);
  await reimburseClaim(ctx, finance, paid);
  const rejected = await claim(employee, 'Personal taxi', [['transport', 90, 1]]);
  await submitClaim(ctx, employee, rejected);
  await rejectClaim(ctx, manager, rejected, 'Commuting is not a business expense.');
  // Sales' travel budget is small: this approval takes the month over (the budget warns).
  const over = await claim(seller, 'Client visits in Giza', [['travel', 900, 2]], true);
  await submitClaim(ctx, seller, over);
  await approveClaim(ctx, salesBoss, over);
  return made;
}
