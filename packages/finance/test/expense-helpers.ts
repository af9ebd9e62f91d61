/**
 * People for the expense suites: HR's tables written directly (finance reads them only through the
 * published directory), tokens for each person carrying a default role's permissions and their
 * employee id, and small claim helpers.
 */
import { randomUUID } from 'node:crypto';
import { defaultRoles } from '@konecta/core';
import { departments, employees, expenseCategories } from '@konecta/db';
import { installExpenseCategories } from '../src/expenses/categories';
import { demoReceiptPng } from '../src/seed/expenses';
import { type Harness, type RoleName, requester } from './helpers';

export interface Person {
  employeeId: string;
  userId: string;
  token: string;
}

export interface Org {
  engineering: string;
  sales: string;
  /** Tarek: Engineering's manager (Department Manager). */
  manager: Person;
  /** Nour: reports to Tarek (Employee). */
  employee: Person;
  /** Sara: in Sales, reports to Samir (Employee). */
  other: Person;
  /** Samir: Sales' manager (Department Manager), not Nour's. */
  otherManager: Person;
  /** Mona: Finance Manager, reports to nobody here. */
  financeManager: Person;
  /** Karim: Finance Staff (sees all, does not approve). */
  financeStaff: Person;
  category: (code: string) => string;
}

let seq = 0;

/** An employee in HR's tables with a login token carrying `role`'s permissions and their employee id. */
export async function hireAs(
  h: Harness,
  first: string,
  departmentId: string,
  role: RoleName,
  managerId?: string,
): Promise<Person> {
  seq += 1;
  const [row] = await h.db.db
    .insert(employees)
    .values({
      number: `E-${String(seq).padStart(5, '0')}`,
      firstName: first,
      lastName: 'Test',
      workEmail: `${first.toLowerCase()}.${seq}@konecta.test`,
      hireDate: '2024-01-01',
      departmentId,
      managerId: managerId ?? null,
      salaryAmount: 1_000_000n,
      salaryCurrency: 'EGP',
    })
    .returning({ id: employees.id });
  if (!row) throw new Error('employee not inserted');
  const userId = randomUUID();
  const token = await h.keys.tokenFor([...(defaultRoles[role]?.permissions ?? [])], {
    sub: userId,
    roles: [role],
    emp: row.id,
    name: `${first} Test`,
  });
  return { employeeId: row.id, userId, token };
}

export async function seedOrg(h: Harness): Promise<Org> {
  await installExpenseCategories(h.db.db);
  const [eng] = await h.db.db
    .insert(departments)
    .values({ name: 'Engineering', costCentre: 'CC-300' })
    .returning({ id: departments.id });
  const [sales] = await h.db.db
    .insert(departments)
    .values({ name: 'Sales', costCentre: 'CC-400' })
    .returning({ id: departments.id });
  const [fin] = await h.db.db
    .insert(departments)
    .values({ name: 'Finance', costCentre: 'CC-200' })
    .returning({ id: departments.id });
  if (!eng || !sales || !fin) throw new Error('departments not inserted');
  const hire = (first: string, departmentId: string, role: RoleName, managerId?: string) =>
    hireAs(h, first, departmentId, role, managerId);

  const manager = await hire('Tarek', eng.id, 'Department Manager');
  const employee = await hire('Nour', eng.id, 'Employee', manager.employeeId);
  const otherManager = await hire('Samir', sales.id, 'Department Manager');
  const other = await hire('Sara', sales.id, 'Employee', otherManager.employeeId);
  const financeManager = await hire('Mona', fin.id, 'Finance Manager');
  const financeStaff = await hire('Karim', fin.id, 'Finance Staff', financeManager.employeeId);
  const cats = await h.db.db.select().from(expenseCategories);
  const category = (code: string) => {
    const c = cats.find((x) => x.code === code);
    if (!c) throw new Error(`no category ${code}`);
    return c.id;
  };
  return {
    engineering: eng.id,
    sales: sales.id,
    manager,
    employee,
    other,
    otherManager,
    financeManager,
    financeStaff,
    category,
  };
}

/** A claim body: `lines` as [category code, amount in EGP, date]. */
export function claimOf(org: Org, title: string, lines: [string, string, string?][]) {
  return {
    title,
    lines: lines.map(([code, amount, date]) => ({
      date: date ?? '2026-03-10',
      categoryId: org.category(code),
      amount: { amount, currency: 'EGP' },
      description: `${code} ${amount}`,
    })),
  };
}

/** Creates and submits a claim as `who`; returns its id. */
export async function submittedClaim(h: Harness, who: Person, body: ReturnType<typeof claimOf>): Promise<string> {
  const api = requester(h.app);
  const created = await api.post('/expense-claims', who.token, body);
  if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const submitted = await api.post(`/expense-claims/${id}/submit`, who.token);
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${await submitted.text()}`);
  return id;
}

/** A 1×1 PNG: a receipt. */
export const TINY_PNG = demoReceiptPng;

/** POSTs a file as multipart/form-data field `file` (and `lineId`). */
export function upload(h: Harness, path: string, token: string, data: Uint8Array, name: string, lineId?: string) {
  const form = new FormData();
  form.append('file', new File([data.slice()], name));
  if (lineId) form.append('lineId', lineId);
  return h.app.request(`/api/finance${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}
