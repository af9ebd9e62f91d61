/** The menu: each entry shows only to users holding one of its permissions (none = everyone). */
export interface NavItem {
  label: string;
  path: string;
  permissions: string[];
  /** Shown only to a user whose sign-in is linked to an employee record. */
  employeeOnly?: boolean;
}
export interface NavSection {
  title: string;
  items: NavItem[];
}

export const navigation: NavSection[] = [
  {
    title: 'Home',
    items: [
      { label: 'Dashboard', path: '/', permissions: [] },
      { label: 'My profile', path: '/profile', permissions: [] },
    ],
  },
  {
    title: 'Human resources',
    items: [
      { label: 'Employees', path: '/hr/employees', permissions: ['hr.employees.read'] },
      { label: 'Departments & positions', path: '/hr/organisation', permissions: ['hr.departments.read'] },
      { label: 'Org chart', path: '/hr/org-chart', permissions: ['hr.employees.read'] },
      {
        label: 'My employee record',
        path: '/hr/employees/me',
        permissions: ['hr.employees.read'],
        employeeOnly: true,
      },
      { label: 'My attendance', path: '/hr/attendance/me', permissions: ['hr.attendance.self'] },
      { label: 'Team attendance', path: '/hr/attendance/daily', permissions: ['hr.attendance.read'] },
      { label: 'Office locations', path: '/hr/attendance/offices', permissions: ['hr.attendance.manage'] },
      { label: 'Holidays', path: '/hr/holidays', permissions: ['hr.holidays.read'] },
      { label: 'My leave', path: '/hr/leave/me', permissions: ['hr.leaves.request'] },
      { label: 'Leave approvals', path: '/hr/leave/approvals', permissions: ['hr.leaves.approve'] },
      { label: 'Performance reviews', path: '/hr/reviews', permissions: ['hr.reviews.self', 'hr.reviews.manage'] },
      { label: 'Training', path: '/hr/training', permissions: ['hr.training.self', 'hr.training.manage'] },
      { label: 'Recruitment', path: '/hr/recruitment', permissions: ['hr.recruitment.read'] },
      { label: 'Offboarding', path: '/hr/offboarding', permissions: ['hr.offboarding.self', 'hr.offboarding.manage'] },
    ],
  },
  {
    title: 'Expenses & budgets',
    items: [
      { label: 'My expense claims', path: '/expenses', permissions: ['finance.expenses.submit'], employeeOnly: true },
      {
        label: 'Expense approvals',
        path: '/expenses/approvals',
        permissions: ['finance.expenses.approve', 'finance.expenses.read-all'],
      },
      { label: 'Budgets', path: '/finance/budgets', permissions: ['finance.budgets.read'] },
    ],
  },
  {
    title: 'Finance',
    items: [
      { label: 'Finance dashboard', path: '/finance', permissions: ['finance.statements.read'] },
      { label: 'Invoices', path: '/finance/invoices', permissions: ['finance.invoices.read'] },
      { label: 'Customers', path: '/finance/customers', permissions: ['finance.parties.read'] },
      { label: 'Bills', path: '/finance/bills', permissions: ['finance.invoices.read'] },
      { label: 'Vendors', path: '/finance/vendors', permissions: ['finance.parties.read'] },
      { label: 'Payments', path: '/finance/payments', permissions: ['finance.payments.read'] },
      { label: 'Chart of accounts', path: '/finance/accounts', permissions: ['finance.accounts.read'] },
      { label: 'Journal entries', path: '/finance/journal-entries', permissions: ['finance.journals.read'] },
      { label: 'Periods & fiscal years', path: '/finance/periods', permissions: ['finance.accounts.read'] },
      { label: 'Exchange rates', path: '/finance/exchange-rates', permissions: ['finance.accounts.read'] },
      { label: 'Bank accounts', path: '/finance/bank-accounts', permissions: ['finance.bank.read'] },
      { label: 'Bank reconciliation', path: '/finance/bank-statements', permissions: ['finance.bank.read'] },
      { label: 'Trial balance', path: '/finance/trial-balance', permissions: ['finance.statements.read'] },
      { label: 'General ledger', path: '/finance/general-ledger', permissions: ['finance.journals.read'] },
      { label: 'Profit and loss', path: '/finance/profit-and-loss', permissions: ['finance.statements.read'] },
      { label: 'Balance sheet', path: '/finance/balance-sheet', permissions: ['finance.statements.read'] },
      { label: 'Cash flow', path: '/finance/cash-flow', permissions: ['finance.statements.read'] },
      { label: 'Ageing', path: '/finance/ageing', permissions: ['finance.statements.read'] },
    ],
  },
  {
    title: 'Administration',
    items: [
      { label: 'Users', path: '/admin/users', permissions: ['auth.users.read'] },
      { label: 'Roles & permissions', path: '/admin/roles', permissions: ['auth.roles.read'] },
      { label: 'System status', path: '/admin/status', permissions: ['auth.users.read'] },
      { label: 'Mailbox (local)', path: '/admin/mailbox', permissions: ['auth.users.invite'] },
    ],
  },
];

/**
 * The sections and items a holder of `held` may see (`linkedEmployee`: their sign-in has an
 * employee record); empty sections are dropped.
 */
export function visibleNavigation(
  held: ReadonlySet<string>,
  who: { linkedEmployee?: boolean } = {},
  sections: NavSection[] = navigation,
): NavSection[] {
  return sections
    .map((s) => ({
      ...s,
      items: s.items.filter(
        (i) =>
          (!i.employeeOnly || who.linkedEmployee === true) &&
          (!i.permissions.length || i.permissions.some((p) => held.has(p))),
      ),
    }))
    .filter((s) => s.items.length > 0);
}
