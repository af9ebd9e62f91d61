import {
  consumeOnce,
  countUpTo,
  type DomainEvent,
  executorFor,
  inTransaction,
  type ListPage,
  type NotificationKind,
  notFound,
  notificationKinds,
  pageOf,
  type Recipient,
} from '@konecta/core';
import { type Executor, notificationPreferences, notifications, rolePermissions, userRoles, users } from '@konecta/db';
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { AuthContext } from '../context';

type NotificationRow = typeof notifications.$inferSelect;

export function toNotificationView(n: NotificationRow) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    subject: n.subject,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

/** The consumer name of a kind: its idempotency records stay apart from every other consumer's. */
export const notificationConsumer = (kind: NotificationKind) => `auth.notify.${kind.kind}`;

/**
 * The active logins the recipients name: employees through their linked login, and everyone
 * whose roles grant a named permission. Invited, disabled and locked-out people are not told.
 */
async function resolveRecipients(tx: Executor, recipients: Recipient[]) {
  const employeeIds = recipients.flatMap((r) => ('employeeId' in r ? [r.employeeId] : []));
  const userIds = recipients.flatMap((r) => ('userId' in r ? [r.userId] : []));
  const perms = recipients.flatMap((r) => ('permission' in r ? [r.permission] : []));
  const holders = perms.length
    ? tx
        .select({ id: userRoles.userId })
        .from(userRoles)
        .innerJoin(rolePermissions, eq(rolePermissions.roleId, userRoles.roleId))
        .where(inArray(rolePermissions.permission, perms))
    : undefined;
  const who = or(
    employeeIds.length ? inArray(users.employeeId, employeeIds) : undefined,
    userIds.length ? inArray(users.id, userIds) : undefined,
    holders ? inArray(users.id, holders) : undefined,
  );
  if (!who) return [];
  return tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(who, inArray(users.status, ['active', 'locked'])));
}

/**
 * Turns one event into this kind's notifications: in the app and by mail, each as the person's
 * preferences say. Once per event and kind (`consumeOnce`), and the unique (event, user, kind)
 * index keeps a second row out even if that record were lost; mail goes through the mail outbox in
 * the same transaction, so it is sent if and only if the notification is recorded.
 */
export async function notifyFromEvent(ctx: AuthContext, kind: NotificationKind, event: DomainEvent): Promise<void> {
  await consumeOnce(ctx.db, notificationConsumer(kind), event, async (tx) => {
    const composed = kind.compose(event.data);
    if (!composed.recipients.length) return;
    const people = await resolveRecipients(tx, composed.recipients);
    if (!people.length) return;
    const prefs = await tx
      .select()
      .from(notificationPreferences)
      .where(
        and(
          eq(notificationPreferences.kind, kind.kind),
          inArray(
            notificationPreferences.userId,
            people.map((p) => p.id),
          ),
        ),
      );
    for (const person of people) {
      const pref = prefs.find((p) => p.userId === person.id);
      if (pref?.inApp ?? true) {
        await tx
          .insert(notifications)
          .values({
            userId: person.id,
            kind: kind.kind,
            title: composed.title,
            body: composed.body,
            link: composed.link,
            subject: event.subject ?? null,
            eventId: event.id,
            createdAt: ctx.now(),
          })
          .onConflictDoNothing();
      }
      if (pref?.email ?? true) {
        await ctx.mailer.send(tx, {
          to: person.email,
          subject: composed.title,
          text: `${composed.body}\n\nOpen it in Konecta ERP: ${ctx.config.publicUrl}${composed.link}\n\nYou can choose which notifications you receive by email on your profile page.`,
          template: `notification.${kind.kind}`,
        });
      }
    }
  });
}

const mine = (userId: string) => eq(notifications.userId, userId);

/** The caller's notifications, newest first; `unread` keeps only those not yet read. */
export async function listNotifications(ctx: AuthContext, userId: string, filters: ListPage & { unread?: boolean }) {
  const db = executorFor(ctx.db);
  const where = and(mine(userId), filters.unread ? isNull(notifications.readAt) : undefined);
  const rows = await db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(filters.limit)
    .offset(filters.offset);
  const total = await countUpTo(db, db.select({ id: notifications.id }).from(notifications).where(where));
  return pageOf(rows.map(toNotificationView), total, filters);
}

/** The bell's figure. */
export async function unreadCount(ctx: AuthContext, userId: string): Promise<{ unread: number }> {
  const [row] = await executorFor(ctx.db)
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(mine(userId), isNull(notifications.readAt)));
  return { unread: Number(row?.n ?? 0) };
}

/** Marks one of the caller's notifications read (again is harmless); another's is not found. */
export async function markRead(ctx: AuthContext, userId: string, id: string) {
  return inTransaction(ctx.db, async (tx) => {
    await tx
      .update(notifications)
      .set({ readAt: ctx.now() })
      .where(and(eq(notifications.id, id), mine(userId), isNull(notifications.readAt)));
    const [row] = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, id), mine(userId)));
    if (!row) throw notFound('There is no such notification.');
    return toNotificationView(row);
  });
}

/** Marks every unread notification of the caller read; answers how many were. */
export async function markAllRead(ctx: AuthContext, userId: string): Promise<{ marked: number }> {
  return inTransaction(ctx.db, async (tx) => {
    const rows = await tx
      .update(notifications)
      .set({ readAt: ctx.now() })
      .where(and(mine(userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return { marked: rows.length };
  });
}

export interface PreferenceInput {
  kind: string;
  inApp: boolean;
  email: boolean;
}

/** Every kind with the caller's choice (both on unless they turned one off). */
export async function listPreferences(ctx: AuthContext, userId: string) {
  const rows = await executorFor(ctx.db)
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return {
    items: notificationKinds.map((k) => {
      const row = rows.find((r) => r.kind === k.kind);
      return { kind: k.kind, label: k.label, inApp: row?.inApp ?? true, email: row?.email ?? true };
    }),
  };
}

/** Saves the choices given (kinds not listed keep theirs) and answers them all. */
export async function savePreferences(ctx: AuthContext, userId: string, input: PreferenceInput[]) {
  await inTransaction(ctx.db, async (tx) => {
    for (const p of input) {
      await tx
        .insert(notificationPreferences)
        .values({ userId, kind: p.kind, inApp: p.inApp, email: p.email, updatedAt: ctx.now() })
        .onConflictDoUpdate({
          target: [notificationPreferences.userId, notificationPreferences.kind],
          set: { inApp: p.inApp, email: p.email, updatedAt: ctx.now() },
        });
    }
  });
  return listPreferences(ctx, userId);
}
