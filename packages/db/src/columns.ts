import { timestamp } from 'drizzle-orm/pg-core';

/** `created_at` / `updated_at`, as every table writes them. */
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
