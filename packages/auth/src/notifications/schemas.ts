import { listQuery, notificationKindKeys, pageSchema, z } from '@konecta/core';

export const notificationSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().openapi({ description: "The web app's page of the record, e.g. `/hr/leave/approvals`." }),
    subject: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

export const notificationList = pageSchema(notificationSchema, 'NotificationList');

export const notificationQuery = listQuery().extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .openapi({ description: '`true`: only the notifications not yet read.' }),
});

export const unreadCountSchema = z.object({ unread: z.number().int() }).openapi('UnreadCount');
export const markedSchema = z.object({ marked: z.number().int() });

const preference = z.object({
  kind: z.enum(notificationKindKeys),
  inApp: z.boolean(),
  email: z.boolean(),
});

export const preferenceList = z
  .object({ items: z.array(preference.extend({ label: z.string() })) })
  .openapi('NotificationPreferences');

export const preferenceInput = z
  .object({ items: z.array(preference.strict()).max(notificationKindKeys.length * 2) })
  .strict()
  .openapi('NotificationPreferencesInput');
