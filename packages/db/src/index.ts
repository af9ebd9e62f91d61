// Tables, enums and schemas are listed once, in schema.ts (drizzle-kit reads it too); this adds
// the helpers that are not tables.
export * from './database';
export * from './finance.views';
export * from './hr.views';
export { defaultMigrationsFolder, type MigrationResult, migrate, rowsOf } from './migrate';
export * from './schema';
