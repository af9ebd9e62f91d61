import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openPage, shot, signIn } from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Controls on the page without an accessible name (label, aria-label, aria-labelledby, text, title). */
function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const named = (el: Element): boolean => {
      const aria = el.getAttribute('aria-label')?.trim();
      if (aria) return true;
      const by = el.getAttribute('aria-labelledby');
      if (by?.split(/\s+/).some((id) => document.getElementById(id)?.textContent?.trim())) return true;
      if ((el as HTMLInputElement).labels?.length) {
        return [...((el as HTMLInputElement).labels ?? [])].some((l) => l.textContent?.trim());
      }
      if (el.getAttribute('title')?.trim()) return true;
      const type = el.getAttribute('type');
      if (el.tagName === 'INPUT' && (type === 'submit' || type === 'button')) return !!(el as HTMLInputElement).value;
      return ['BUTTON', 'A'].includes(el.tagName) && !!el.textContent?.trim();
    };
    const controls = document.querySelectorAll(
      'input:not([type=hidden]), select, textarea, button, a[href], [role=combobox], [role=checkbox], [role=switch]',
    );
    return [...controls]
      .filter((el) => (el as HTMLElement).offsetParent !== null || el.getAttribute('role') === 'combobox')
      .filter((el) => !named(el))
      .map((el) => el.outerHTML.slice(0, 160));
  });
}

const screens: Record<string, string[]> = {
  'hr.admin@konecta.local': [
    '/',
    '/hr/employees',
    '/hr/employees/new',
    '/hr/organisation',
    '/hr/org-chart',
    '/hr/attendance/daily',
    '/hr/attendance/offices',
    '/hr/holidays',
    '/hr/leave/approvals',
    '/hr/reviews',
    '/hr/training',
    '/hr/recruitment',
    '/hr/offboarding',
    '/admin/users',
  ],
  'admin@konecta.local': ['/admin/roles', '/admin/mailbox', '/admin/status', '/profile'],
  'finance.manager@konecta.local': [
    '/finance/accounts',
    '/finance/journal-entries',
    '/finance/journal-entries/new',
    '/finance/periods',
    '/finance/exchange-rates',
    '/finance/trial-balance',
    '/finance/general-ledger',
    '/finance/profit-and-loss',
    '/finance/balance-sheet',
    '/finance/cash-flow',
    '/finance',
    '/finance/ageing',
    '/finance/customers',
    '/finance/vendors',
    '/finance/invoices',
    '/finance/invoices/new',
    '/finance/bills',
    '/finance/bills/new',
    '/finance/payments',
  ],
  'employee@konecta.local': ['/', '/hr/attendance/me', '/hr/leave/me', '/hr/leave/request', '/hr/employees/me'],
};

describe('every control on the main screens has a label, and the screens log no errors', () => {
  it('(the check itself finds unlabelled controls)', async () => {
    const { page, context } = await openPage(browser);
    await page.setContent(
      '<label for="a">Name</label><input id="a"><input id="b"><button></button><button>Save</button>' +
        '<div role="combobox" aria-labelledby="missing" tabindex="0"></div>',
    );
    const found = await unlabelled(page);
    expect(found).toHaveLength(3);
    expect(found[0]).toContain('id="b"');
    await context.close();
  });

  for (const [email, paths] of Object.entries(screens)) {
    it(email, async () => {
      const { page, context, errors } = await openPage(browser);
      await signIn(page, email);
      const problems: string[] = [];
      for (const path of paths) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        for (const control of await unlabelled(page)) problems.push(`${path}: ${control}`);
        await shot(page, `screen-${email.split('@')[0]}${path.replaceAll('/', '-') || '-home'}`);
      }
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('at a phone width (390 px) none of 21 screens scrolls sideways; wide tables scroll inside their frame', async () => {
    const phone: Record<string, string[]> = {
      'employee@konecta.local': ['/', '/hr/attendance/me', '/hr/leave/me', '/hr/leave/request', '/profile'],
      'hr.admin@konecta.local': [
        '/hr/employees',
        '/hr/employees/new',
        '/hr/org-chart',
        '/hr/leave/approvals',
        '/admin/users',
      ],
    };
    const overflowing: string[] = [];
    for (const [email, paths] of Object.entries(phone)) {
      const { page, context, errors } = await openPage(browser, { width: 390, height: 844 });
      await signIn(page, email);
      for (const path of paths) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        // The page scrolls in the shell's content pane, not the document: check both.
        const excess = await page.evaluate(() =>
          Math.max(
            ...[document.documentElement, document.querySelector('mat-sidenav-content')]
              .filter((el): el is Element => el !== null)
              .map((el) => el.scrollWidth - el.clientWidth),
          ),
        );
        if (excess > 0) overflowing.push(`${email} ${path}: ${excess}px too wide`);
        await shot(page, `phone-${email.split('@')[0]}${path.replaceAll('/', '-') || '-home'}`);
      }
      expect(errors).toEqual([]);
      await context.close();
    }
    expect(overflowing).toEqual([]);
  });

  it('the sign-in page is usable from the keyboard alone', async () => {
    const { page, context } = await openPage(browser);
    await page.goto('/sign-in');
    await page.getByLabel('Email or username').focus();
    await page.keyboard.type('employee@konecta.local');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Konecta#2026');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('user-name').textContent()).toContain('Nour Adel');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await context.close();
  });
});
