import {
  bearerSecurity,
  createRoute,
  createRouter,
  idParam,
  jsonContent,
  problemResponses,
  requireAuth,
} from '@konecta/core';
import type { AuthContext } from '../context';
import { currentSession, userCaller } from '../http';
import {
  listNotifications,
  listPreferences,
  markAllRead,
  markRead,
  savePreferences,
  unreadCount,
} from './notifications';
import {
  markedSchema,
  notificationList,
  notificationQuery,
  notificationSchema,
  preferenceInput,
  preferenceList,
  unreadCountSchema,
} from './schemas';

/** Every route answers the signed-in person about their own notifications only. */
export function notificationRoutes(ctx: AuthContext) {
  const guard = [requireAuth(), currentSession(ctx)];
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      tags: ['notifications'],
      summary: 'My notifications, newest first',
      security: bearerSecurity,
      middleware: guard,
      request: { query: notificationQuery },
      responses: {
        200: { description: 'Notifications', ...jsonContent(notificationList) },
        ...problemResponses(400, 401),
      },
    }),
    async (c) => c.json(await listNotifications(ctx, userCaller(c).id, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/notifications/unread-count',
      tags: ['notifications'],
      summary: 'How many of my notifications are unread (the bell)',
      security: bearerSecurity,
      middleware: guard,
      responses: { 200: { description: 'Unread', ...jsonContent(unreadCountSchema) }, ...problemResponses(401) },
    }),
    async (c) => c.json(await unreadCount(ctx, userCaller(c).id), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/notifications/read-all',
      tags: ['notifications'],
      summary: 'Mark all my notifications read',
      security: bearerSecurity,
      middleware: guard,
      responses: { 200: { description: 'Marked', ...jsonContent(markedSchema) }, ...problemResponses(401) },
    }),
    async (c) => c.json(await markAllRead(ctx, userCaller(c).id), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/notifications/{id}/read',
      tags: ['notifications'],
      summary: 'Mark one of my notifications read',
      security: bearerSecurity,
      middleware: guard,
      request: { params: idParam },
      responses: {
        200: { description: 'Read', ...jsonContent(notificationSchema) },
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => c.json(await markRead(ctx, userCaller(c).id, c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/notification-preferences',
      tags: ['notifications'],
      summary: 'Which notifications I receive in the app and by email, per kind',
      security: bearerSecurity,
      middleware: guard,
      responses: { 200: { description: 'Preferences', ...jsonContent(preferenceList) }, ...problemResponses(401) },
    }),
    async (c) => c.json(await listPreferences(ctx, userCaller(c).id), 200),
  );
  r.openapi(
    createRoute({
      method: 'put',
      path: '/notification-preferences',
      tags: ['notifications'],
      summary: 'Change my choices for the kinds given',
      security: bearerSecurity,
      middleware: guard,
      request: { body: { required: true, ...jsonContent(preferenceInput) } },
      responses: {
        200: { description: 'Preferences', ...jsonContent(preferenceList) },
        ...problemResponses(400, 401, 422),
      },
    }),
    async (c) => c.json(await savePreferences(ctx, userCaller(c).id, c.req.valid('json').items), 200),
  );
  return r;
}
