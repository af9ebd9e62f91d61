import { sql } from 'drizzle-orm';
import { boolean, index, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.sql';
import { createdAt, updatedAt } from './columns';
import { auth } from './schemas';

/** What a person is told in the app: one row per recipient, event and kind (so a redelivery adds nothing). */
export const notifications = auth.table(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The notification kind's key (`leave-requested`), declared in the kernel's registry. */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** The web app's page of the record. */
    link: text('link').notNull(),
    /** The record the event is about (its outbox subject), when it names one. */
    subject: text('subject'),
    eventId: uuid('event_id').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_event_user_kind_idx').on(t.eventId, t.userId, t.kind),
    index('notifications_user_created_idx').on(t.userId, t.createdAt),
    index('notifications_user_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

/** A person's choice per kind; without a row, both channels are on. */
export const notificationPreferences = auth.table(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    inApp: boolean('in_app').notNull().default(true),
    email: boolean('email').notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
