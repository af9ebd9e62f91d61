import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/db/src/schema.ts',
  out: './migrations',
  schemaFilter: ['platform', 'auth', 'hr', 'finance', 'operation', 'reporting'],
  strict: true,
  verbose: true,
});
