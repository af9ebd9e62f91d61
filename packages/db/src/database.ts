import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';

/**
 * A Drizzle database over either driver (postgres.js or PGlite); services only see this. Without
 * a schema: queries name their tables (`db.select().from(employees)`); Drizzle's relational
 * `db.query` API is not used, and giving it every table put every table in every bundle.
 */
export type Database = PgDatabase<PgQueryResultHKT>;
type NoSchema = Record<string, never>;
export type Transaction = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
/** Anything that runs queries: the database itself or an open transaction. */
export type Executor = Database | Transaction;
