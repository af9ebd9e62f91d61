import { pgSchema } from 'drizzle-orm/pg-core';

/**
 * One PostgreSQL schema per service; a service writes only to its own. `platform` holds what the
 * kernel itself needs (outbox, consumed events, audit log).
 */
export const platform = pgSchema('platform');
export const auth = pgSchema('auth');
export const hr = pgSchema('hr');
export const finance = pgSchema('finance');
export const operation = pgSchema('operation');
export const reporting = pgSchema('reporting');
