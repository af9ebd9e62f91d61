/**
 * Every table, enum and PostgreSQL schema of every service: the one list drizzle-kit reads and
 * index.ts re-exports. A new `<svc>-<area>.sql.ts` file is added here and nowhere else.
 */
export * from './auth.sql';
export * from './auth-notifications.sql';
export * from './finance.sql';
export * from './finance-allocations.sql';
export * from './finance-bank.sql';
export * from './finance-expenses.sql';
export * from './finance-parties.sql';
export * from './finance-payments.sql';
export * from './finance-receivables.sql';
export * from './hr.sql';
export * from './hr-attendance.sql';
export * from './hr-enums.sql';
export * from './hr-leave.sql';
export * from './hr-people.sql';
export * from './platform.sql';
export * from './schemas';
