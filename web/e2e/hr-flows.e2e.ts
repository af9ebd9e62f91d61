import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, apiToken, iso, launch, openPage, shot, signIn, sundayAfter } from './support';

interface Position {
  id: string;
  departmentId: string;
  title: string;
  salaryMin: { amount: string; currency: string };
}

/** Cairo HQ, one of the demo offices: checking in from here is inside its geofence. */
const CAIRO_HQ = { latitude: 30.0444, longitude: 31.2357 };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function availableDays(page: Page, typeName: string): Promise<number> {
  const card = page.getByTestId('leave-balance').filter({ hasText: typeName });
  const text = (await card.getByTestId('balance-available').textContent()) ?? '';
  const value = Number.parseFloat(text.replace(/[^\d.-]/g, ''));
  if (Number.isNaN(value)) throw new Error(`no number in "${text}"`);
  return value;
}

describe('leave: the employee requests, the manager approves, the balance drops', () => {
  const from = sundayAfter(50);
  const to = new Date(from.getTime() + 86_400_000); // Monday
  let typeName = '';
  let before = 0;
  let days = 0;

  it('the employee checks in from the office', async () => {
    const { page, context, errors } = await openPage(browser, { geolocation: CAIRO_HQ });
    await signIn(page, 'employee@konecta.local');
    await page.goto('/hr/attendance/me');
    await page.getByRole('button', { name: 'Check in' }).click();
    await expect.poll(() => page.getByTestId('attendance-today').textContent()).toMatch(/checked in/i);
    await shot(page, 'attendance-me');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the employee sees the working days before sending, and the request is pending', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, 'employee@konecta.local');
    await page.goto('/hr/leave/me');
    const annual = page
      .getByTestId('leave-balance')
      .filter({ hasText: /annual/i })
      .first();
    await annual.waitFor();
    typeName = ((await annual.textContent()) ?? '').match(/annual[^\d]*/i)?.[0]?.trim() ?? 'Annual';
    before = await availableDays(page, 'Annual');
    await shot(page, 'leave-me');

    await page
      .getByRole('button', { name: 'Request leave' })
      .or(page.getByRole('link', { name: 'Request leave' }))
      .click();
    await page.getByLabel('Leave type').click();
    await page.getByRole('option', { name: /annual/i }).click();
    await page.getByLabel('From').fill(iso(from));
    await page.getByLabel('To').fill(iso(to));
    await expect.poll(() => page.getByTestId('working-days').textContent()).toMatch(/2/);
    days = 2;
    await page.getByLabel('Reason').fill('End-to-end test trip');
    await shot(page, 'leave-request');
    await page.getByRole('button', { name: 'Submit request' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/hr/leave/me');
    const row = page
      .getByTestId('leave-request-row')
      .filter({ hasText: 'End-to-end test trip' })
      .or(page.getByTestId('leave-request-row').filter({ hasText: iso(from) }));
    await expect.poll(() => row.first().textContent()).toContain('Pending');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the manager approves it from the inbox', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, 'manager@konecta.local');
    await page.goto('/hr/leave/approvals');
    const row = page.getByTestId('approval-row').filter({ hasText: 'End-to-end test trip' });
    await row.waitFor();
    await shot(page, 'leave-approvals');
    await row.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the employee's balance is lower by the approved days", async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, 'employee@konecta.local');
    await page.goto('/hr/leave/me');
    await page.getByTestId('leave-balance').first().waitFor();
    expect(await availableDays(page, 'Annual')).toBe(before - days);
    const row = page
      .getByTestId('leave-request-row')
      .filter({ hasText: 'End-to-end test trip' })
      .or(page.getByTestId('leave-request-row').filter({ hasText: iso(from) }));
    await expect.poll(() => row.first().textContent()).toContain('Approved');
    expect(typeName).not.toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('HR creates an employee with a login; the invitation is completed from the mailbox', () => {
  const stamp = Date.now().toString(36);
  const email = `new.hire.${stamp}@konecta.local`;

  it('HR fills the form (errors on the fields first), and the employee exists', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, 'hr.admin@konecta.local');
    await page.goto('/hr/employees/new');
    await page
      .getByRole('button', { name: /save|create/i })
      .first()
      .click();
    await expect.poll(async () => (await page.locator('mat-error').allTextContents()).length).toBeGreaterThan(2);
    await shot(page, 'employee-form-validation');

    await page.getByLabel('First name').fill('Salma');
    await page.getByLabel('Last name').fill(`Fathy ${stamp}`);
    await page.getByLabel('Work email').fill('not-an-email');
    await page.getByLabel('Work email').blur();
    await expect.poll(() => page.locator('mat-error').allTextContents()).toContain('Enter a valid email address.');
    await page.getByLabel('Work email').fill(email);
    // A position with its salary band; choosing it also sets its department.
    const token = await apiToken('hr.admin@konecta.local');
    const positions = await api<{ items: Position[] } | Position[]>(token, '/api/hr/positions');
    const position = (Array.isArray(positions) ? positions : positions.items)[0] as Position;
    await page.getByLabel('Position').click();
    await page
      .getByRole('option', { name: new RegExp(position.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
      .first()
      .click();
    await expect.poll(() => page.getByLabel('Department').textContent()).not.toBe('');
    await page.getByLabel('Hire date').fill(iso(new Date()));
    await page.getByLabel('Currency').fill(position.salaryMin.currency);
    // Outside the band is an error before sending, as the service refuses it: nothing is saved.
    await page.getByLabel('Salary', { exact: true }).fill('99999999');
    await page.getByLabel('Create a login').check();
    await page
      .getByRole('button', { name: /save|create/i })
      .first()
      .click();
    await expect
      .poll(async () => (await page.locator('mat-error').allTextContents()).join(' '))
      .toContain(`The band of ${position.title} is`);
    // The form's own error, not the service's answer: the form was not sent (no 422 in the console).
    expect((await page.locator('mat-error').allTextContents()).join(' ')).toContain('choose a salary within it');
    expect(new URL(page.url()).pathname).toBe('/hr/employees/new');
    await page.getByLabel('Salary', { exact: true }).fill(position.salaryMin.amount);
    await expect.poll(async () => (await page.locator('mat-error').allTextContents()).join(' ')).toBe('');
    await page
      .getByRole('button', { name: /save|create/i })
      .first()
      .click();
    await expect
      .poll(() => new URL(page.url()).pathname, { timeout: 10_000 })
      .toMatch(/^\/hr\/employees\/[0-9a-f-]{36}$/);
    await shot(page, 'employee-detail');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the invitation arrives in the mailbox, is accepted, and the code signs the person in', async () => {
    const { page, context, errors } = await openPage(browser);
    await signIn(page, 'admin@konecta.local');
    await page.goto('/admin/mailbox');
    const mail = page.getByTestId('mail-row').filter({ hasText: email }).first();
    await expect.poll(() => mail.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await shot(page, 'mailbox');
    const text = (await mail.getByTestId('mail-text').textContent()) ?? '';
    const link = text.match(/https?:\/\/\S+\/invitations\/\S+/)?.[0];
    expect(link).toBeTruthy();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    await page.goto(new URL(link as string).pathname);
    await page.getByLabel('Password', { exact: true }).fill('Salma#Joins2026');
    await page.getByLabel('Confirm password').fill('Salma#Joins2026');
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/verify');

    const token = await apiToken('admin@konecta.local');
    const box = await api<{ items: { to: string; text: string; template: string }[] }>(
      token,
      `/api/auth/dev/mailbox?to=${encodeURIComponent(email)}`,
    );
    const code = box.items.find((m) => m.template === 'verification-code')?.text.match(/\b(\d{6})\b/)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await page.getByLabel('Code').fill(code as string);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.getByTestId('user-name').textContent()).toContain('Salma');
    await shot(page, 'new-hire-dashboard');
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await context.close();
  });
});

describe('HR exports the employee list', () => {
  it('as XLSX that opens with the rows the list shows', async () => {
    const token = await apiToken('hr.admin@konecta.local');
    const list = await api<{ total: number }>(token, '/api/hr/employees?limit=1');

    const { page, context, errors } = await openPage(browser);
    await signIn(page, 'hr.admin@konecta.local');
    await page.goto('/hr/employees');
    await page.getByTestId('employee-row').first().waitFor();
    await shot(page, 'employees');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(path)) as never);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('the workbook has no sheet');
    const header = (sheet.getRow(1).values as unknown[]).filter(Boolean).map(String);
    expect(header.join(' ')).toMatch(/email/i);
    expect(sheet.actualRowCount - 1).toBe(list.total);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('HR hires a candidate from the opening board', () => {
  it('the hire form asks for position, manager, work email and first day, and hires with them', async () => {
    const token = await apiToken('hr.admin@konecta.local');
    const post = <T>(path: string, body: unknown, method = 'POST') =>
      api<T>(token, path, { method, body: JSON.stringify(body) });
    const positions = await api<{ items: Position[] }>(token, '/api/hr/positions');
    const position = positions.items[0] as Position;
    const stamp = Date.now().toString(36);
    const opening = await post<{ id: string }>('/api/hr/job-openings', {
      title: `Opening ${stamp}`,
      departmentId: position.departmentId,
      positionId: position.id,
      location: 'Cairo',
    });
    await post(`/api/hr/job-openings/${opening.id}`, { status: 'open' }, 'PATCH');
    const candidate = `Hala ${stamp}`;
    const application = await post<{ id: string }>('/api/hr/applications', {
      openingId: opening.id,
      candidateName: candidate,
      email: `hala.${stamp}@example.com`,
    });
    for (const stage of ['screening', 'interview', 'offer'])
      await post(`/api/hr/applications/${application.id}/stage`, { stage });

    const { page, context, errors } = await openPage(browser);
    await signIn(page, 'hr.admin@konecta.local');
    await page.goto(`/hr/recruitment/${opening.id}`);
    await page.getByRole('button', { name: `Hire ${candidate}` }).click();
    const panel = page.locator('#hire-panel');
    await panel.waitFor();
    // Nothing is guessed: no personal address as work email, no first day, no manager.
    expect(await panel.getByLabel('Work email').inputValue()).toBe('');
    expect(await panel.getByLabel('First day').inputValue()).toBe('');
    await panel.getByRole('button', { name: 'Hire', exact: true }).click();
    await expect
      .poll(async () => (await panel.locator('mat-error').allTextContents()).join(' '))
      .toMatch(/Choose the manager.*Work email is required.*First day is required/);

    // The manager is searched on the server as HR types, not chosen from every employee.
    // The search matches finance.manager@… too: pick the department manager by exact email.
    const manager = await api<{ items: { id: string; fullName: string; workEmail: string }[] }>(
      token,
      '/api/hr/employees?search=manager@konecta.local&limit=20',
    );
    const tarek = manager.items.find((e) => e.workEmail === 'manager@konecta.local') as {
      id: string;
      fullName: string;
    };
    const search = page.waitForRequest(
      (r) => r.url().includes('/api/hr/employees') && r.url().includes('search=Tarek'),
    );
    await panel.getByTestId('hire-manager').fill('Tarek');
    await search;
    await page
      .getByRole('option', { name: new RegExp(tarek.fullName) })
      .first()
      .click();
    await panel.getByLabel('Work email').fill(`hala.${stamp}@example.com`);
    await panel.getByLabel('First day').fill(iso(sundayAfter(7)));
    await panel.getByLabel('Salary').fill(position.salaryMin.amount);
    await panel.getByLabel('Currency').fill(position.salaryMin.currency);
    await panel.getByRole('button', { name: 'Hire', exact: true }).click();
    await expect
      .poll(async () => (await panel.locator('mat-error').allTextContents()).join(' '))
      .toContain('not the personal one');
    await panel.getByLabel('Work email').fill(`hala.${stamp}@konecta.local`);
    await panel.getByRole('button', { name: 'Hire', exact: true }).click();
    await panel.waitFor({ state: 'detached' });

    const hired = await api<{ items: { id: string; stage: string; hiredEmployeeId: string | null }[] }>(
      token,
      `/api/hr/applications?openingId=${opening.id}`,
    );
    const employeeId = hired.items.find((a) => a.id === application.id)?.hiredEmployeeId;
    expect(employeeId).toBeTruthy();
    const employee = await api<{ workEmail: string; positionId: string; managerId: string | null; hireDate: string }>(
      token,
      `/api/hr/employees/${employeeId}`,
    );
    expect(employee).toMatchObject({
      workEmail: `hala.${stamp}@konecta.local`,
      positionId: position.id,
      managerId: tarek.id,
      hireDate: iso(sundayAfter(7)),
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});
