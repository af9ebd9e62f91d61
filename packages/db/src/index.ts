export * from './auth.sql';
export * from './database';
export * from './hr.sql';
export * from './hr-attendance.sql';
export * from './hr-leave.sql';
export * from './hr-people.sql';
export { defaultMigrationsFolder, type MigrationResult, migrate, rowsOf } from './migrate';
export * from './platform.sql';
export * from './schemas';
