import { listQuery, notificationKindKeys, pageSchema } from '@konecta/core';
import * as z from '@konecta/core/z';

export const notificationSchema = z.openapi(
  z.object({
    id: z.uuid(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.openapi(z.string(), { description: "The web app's page of the record, e.g. `/hr/leave/approvals`." }),
    subject: z.nullable(z.string()),
    createdAt: z.string(),
    readAt: z.nullable(z.string()),
  }),
  'Notification',
);

export const notificationList = pageSchema(notificationSchema, 'NotificationList');

export const notificationQuery = z.extend(listQuery(), {
  unread: z.openapi(
    z.pipe(
      z.optional(z.enum(['true', 'false'])),
      z.transform((v) => v === 'true'),
    ),
    { description: '`true`: only the notifications not yet read.' },
  ),
});

export const unreadCountSchema = z.openapi(z.object({ unread: z.int() }), 'UnreadCount');
export const markedSchema = z.object({ marked: z.int() });

const preference = z.object({
  kind: z.enum(notificationKindKeys),
  inApp: z.boolean(),
  email: z.boolean(),
});

export const preferenceList = z.openapi(
  z.object({ items: z.array(z.extend(preference, { label: z.string() })) }),
  'NotificationPreferences',
);

export const preferenceInput = z.openapi(
  z.strictObject({
    items: z.array(z.catchall(preference, z.never())).check(z.maxLength(notificationKindKeys.length * 2)),
  }),
  'NotificationPreferencesInput',
);
