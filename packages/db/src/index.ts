export * from './auth.sql';
export * from './database';
export * from './hr.sql';
export { defaultMigrationsFolder, type MigrationResult, migrate, rowsOf } from './migrate';
export * from './platform.sql';
export * from './schemas';
