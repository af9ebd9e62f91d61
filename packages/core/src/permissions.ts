/**
 * The permission catalogue: every permission any service checks, named
 * `{domain}.{resource}.{action}`. The auth service stores it and the default roles; services refer
 * to these codes in `requirePermission(...)`. Record scope (own, department, everyone) is decided
 * by the route from the caller's permissions: `*.read` without `.read-all` means own records.
 */
export const permissionCatalogue = {
  // User management and the platform
  'auth.users.read': 'See users and their roles',
  'auth.users.invite': 'Invite people and resend invitations',
  'auth.users.manage': 'Edit users, assign roles, disable and enable them',
  'auth.roles.read': 'See roles and the permission catalogue',
  'auth.roles.manage': 'Create, edit and delete roles and their permissions',
  'platform.system.read': 'See system status, services and discovery',
  'platform.audit.read': 'Read the audit log',
  'auth.service.logins.read': 'Services only: read the login linked to an employee (with a service token)',

  // HR: organisation and people
  'hr.departments.read': 'See departments and positions',
  'hr.departments.manage': 'Create and edit departments and positions',
  'hr.employees.read': 'See the employee directory',
  'hr.employees.read-all': "See every employee's full record",
  'hr.employees.read-sensitive': 'See salary, national id and payout account',
  'hr.employees.manage': 'Create, edit and terminate employees',
  'hr.employees.import': 'Import employees from CSV or XLSX',
  'hr.employees.export': 'Export employees, attendance and leave',
  // Attendance and holidays
  'hr.attendance.self': 'Check in and out, see own attendance',
  'hr.attendance.read': "See the team's or everyone's attendance",
  'hr.attendance.manage': 'Correct attendance and manage office locations',
  'hr.holidays.read': 'See the holiday calendar',
  'hr.holidays.manage': 'Edit the holiday calendar',
  // Leave
  'hr.leaves.request': 'Request leave and see own balances',
  'hr.leaves.read': "See the team's or everyone's leave",
  'hr.leaves.approve': 'Approve or reject leave requests',
  'hr.leaves.manage': 'Manage leave types, allocations and adjustments',
  // Performance, training, recruitment, offboarding
  'hr.reviews.self': 'See and acknowledge own reviews',
  'hr.reviews.manage': 'Run review cycles and write reviews',
  'hr.training.self': 'Enrol in courses and download own certificates',
  'hr.training.manage': 'Manage courses, enrolments and completions',
  'hr.recruitment.read': 'See job openings and applications',
  'hr.recruitment.manage': 'Manage openings, applications, interviews and hiring',
  'hr.offboarding.self': 'Submit own resignation',
  'hr.offboarding.manage': 'Decide resignations and run exit checklists',

  // Finance
  'finance.accounts.read': 'See the chart of accounts and fiscal periods',
  'finance.accounts.manage': 'Create and edit accounts and fiscal years',
  'finance.periods.close': 'Close and reopen periods, close fiscal years',
  'finance.rates.manage': 'Enter and import exchange rates, revalue foreign-currency balances',
  'finance.journals.read': 'See journal entries and the general ledger',
  'finance.journals.post': 'Draft, post and reverse journal entries',
  'finance.parties.read': 'See customers and vendors',
  'finance.parties.manage': 'Manage customers and vendors',
  'finance.invoices.read': 'See sales invoices and vendor bills',
  'finance.invoices.manage': 'Draft, issue and void invoices and bills',
  'finance.payments.read': 'See payments and their allocations',
  'finance.payments.manage': 'Record and allocate payments',
  'finance.bank.read': 'See bank accounts, statements and reconciliation',
  'finance.bank.manage': 'Add and edit bank accounts',
  'finance.bank.reconcile': 'Import bank statements and match their lines',
  'finance.expenses.submit': 'Submit own expense claims',
  'finance.expenses.read': "See their reports' expense claims (managers) and download their receipts",
  'finance.expenses.read-all': "See everyone's expense claims and receipts",
  'finance.expenses.approve':
    "Approve or reject expense claims: their reports' (managers), anyone's but their own with read-all (finance)",
  'finance.expenses.import': 'Import department expenses',
  'finance.budgets.read': 'See budgets and budget against actual',
  'finance.budgets.manage': 'Edit budgets',
  'finance.budgets.override': 'Approve over a budget set to stop, with a reason (audited)',
  'finance.payroll.self': 'See own payslips',
  'finance.payroll.read': 'See payroll runs and payslips',
  'finance.payroll.manage': 'Compute and approve payroll runs',
  'finance.payroll.pay': 'Post and pay payroll runs',
  'finance.statements.read': 'See financial statements and ageing',

  // Operation
  'operation.items.read': 'See items, warehouses and stock',
  'operation.items.manage': 'Manage items and warehouses',
  'operation.stock.move': 'Receive, issue, adjust and transfer stock',
  'operation.suppliers.read': 'See suppliers',
  'operation.suppliers.manage': 'Manage suppliers',
  'operation.purchases.read': 'See purchase orders',
  'operation.purchases.manage': 'Draft, submit and receive purchase orders',
  'operation.purchases.approve': 'Approve purchase orders above the threshold',
  'operation.projects.read': 'See projects and tasks',
  'operation.projects.manage': 'Manage projects and tasks',
  'operation.time.self': 'Log own time entries',

  // Reporting
  'reporting.activity.read': 'See the activity feed',
  'reporting.dashboards.read': 'See dashboards',
  'reporting.hr.read': 'Run HR reports',
  'reporting.finance.read': 'Run financial reports',
  'reporting.operation.read': 'Run inventory and project reports',
  'reporting.hr.export': 'Export HR reports',
  'reporting.finance.export': 'Export financial reports',
  'reporting.operation.export': 'Export inventory and project reports',
  'reporting.snapshots.share': 'Share data snapshots with roles',
} as const;

export type Permission = keyof typeof permissionCatalogue;
export const allPermissions = Object.keys(permissionCatalogue) as Permission[];

const matching = (...prefixes: string[]) =>
  allPermissions.filter((p) => prefixes.some((prefix) => (prefix.endsWith('.') ? p.startsWith(prefix) : p === prefix)));

/** What every employee can do for themself. */
const selfService: Permission[] = [
  'hr.departments.read',
  'hr.employees.read',
  'hr.attendance.self',
  'hr.holidays.read',
  'hr.leaves.request',
  'hr.reviews.self',
  'hr.training.self',
  'hr.offboarding.self',
  'finance.expenses.submit',
  'finance.payroll.self',
  'operation.time.self',
  'operation.projects.read',
  'reporting.dashboards.read',
];

/** The roles shipped by default, with their grants. Roles are data: admins may edit them. */
export const defaultRoles: Record<string, { description: string; permissions: readonly Permission[] }> = {
  'System Admin': { description: 'Everything, including users, roles and system status', permissions: allPermissions },
  'HR Admin': {
    description: 'Runs HR: people, policies, leave, payroll data and HR users',
    permissions: [
      ...selfService,
      ...matching('hr.', 'reporting.hr.', 'reporting.activity.read'),
      'auth.users.read',
      'auth.users.invite',
      'auth.roles.read',
      'finance.payroll.read',
      'platform.audit.read',
    ],
  },
  'HR Staff': {
    description: 'Day-to-day HR work, without sensitive pay data or policy changes',
    permissions: [
      ...selfService,
      'hr.departments.manage',
      'hr.employees.read-all',
      'hr.employees.manage',
      'hr.employees.import',
      'hr.employees.export',
      'hr.attendance.read',
      'hr.attendance.manage',
      'hr.leaves.read',
      'hr.leaves.approve',
      'hr.reviews.manage',
      'hr.training.manage',
      'hr.recruitment.read',
      'hr.recruitment.manage',
      'hr.offboarding.manage',
      'reporting.hr.read',
      'reporting.activity.read',
      'auth.users.invite',
    ],
  },
  'Finance Manager': {
    description: 'Owns the books: ledger, periods, approvals, payroll and budgets',
    permissions: [
      ...selfService,
      ...matching('finance.', 'reporting.finance.', 'reporting.activity.read'),
      'hr.employees.read-all',
      'hr.employees.read-sensitive',
      'operation.purchases.read',
      'operation.purchases.approve',
      'operation.suppliers.read',
      'reporting.snapshots.share',
    ],
  },
  'Finance Staff': {
    description: 'Invoices, bills, payments and expense processing',
    permissions: [
      ...selfService,
      'finance.accounts.read',
      'finance.journals.read',
      'finance.journals.post',
      'finance.rates.manage',
      'finance.parties.read',
      'finance.parties.manage',
      'finance.invoices.read',
      'finance.invoices.manage',
      'finance.payments.read',
      'finance.payments.manage',
      'finance.bank.read',
      'finance.bank.manage',
      'finance.bank.reconcile',
      'finance.expenses.read',
      'finance.expenses.read-all',
      'finance.expenses.import',
      'finance.budgets.read',
      'finance.payroll.read',
      'finance.statements.read',
      'reporting.finance.read',
      'operation.purchases.read',
    ],
  },
  'Inventory Manager': {
    description: 'Items, warehouses, stock, suppliers and purchasing',
    permissions: [...selfService, ...matching('operation.', 'reporting.operation.', 'reporting.activity.read')],
  },
  'Operations Staff': {
    description: 'Stock movements, purchase orders and projects',
    permissions: [
      ...selfService,
      'operation.items.read',
      'operation.stock.move',
      'operation.suppliers.read',
      'operation.purchases.read',
      'operation.purchases.manage',
      'operation.projects.manage',
      'reporting.operation.read',
    ],
  },
  'Department Manager': {
    description: "Approves and oversees their own department's people",
    permissions: [
      ...selfService,
      'hr.attendance.read',
      'hr.leaves.read',
      'hr.leaves.approve',
      'hr.reviews.manage',
      'hr.recruitment.read',
      'finance.expenses.read',
      'finance.expenses.approve',
      'finance.budgets.read',
      'reporting.hr.read',
    ],
  },
  Employee: {
    description: 'Self-service: own attendance, leave, payslips, reviews and training',
    permissions: selfService,
  },
};
