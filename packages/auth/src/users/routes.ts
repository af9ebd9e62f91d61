import {
  bearerSecurity,
  createRoute,
  createRouter,
  jsonContent,
  listQuery,
  pageSchema,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import { userStatus } from '@konecta/db';
import type { AuthContext } from '../context';
import { currentSession, idParam, userCaller, userSchema } from '../http';
import { disableUser, enableUser, getUser, listUsers, resendInvitation, setUserRoles, updateUser } from './users';

const userQuery = z.extend(listQuery({ sort: ['name', 'email', 'lastLogin', 'created'] }), {
  search: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  role: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  status: z.optional(z.enum(userStatus.enumValues)),
});
const userList = pageSchema(userSchema, 'UserList');

export function userRoutes(ctx: AuthContext) {
  const r = createRouter();
  const read = [requirePermission('auth.users.read'), currentSession(ctx)];
  const manage = [requirePermission('auth.users.manage'), currentSession(ctx)];
  r.openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags: ['users'],
      summary: 'Search users by name, role and status',
      security: bearerSecurity,
      middleware: read,
      request: { query: userQuery },
      responses: { 200: { description: 'Users', ...jsonContent(userList) }, ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json(await listUsers(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/users/{id}',
      tags: ['users'],
      summary: 'One user',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: { 200: { description: 'User', ...jsonContent(userSchema) }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(await getUser(ctx, c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/users/{id}',
      tags: ['users'],
      summary: 'Edit a user (the email only while they are invited)',
      security: bearerSecurity,
      middleware: manage,
      request: {
        params: idParam,
        body: {
          required: true,
          ...jsonContent(
            z.catchall(
              z.partial(
                z.object({
                  fullName: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
                  phone: z.nullable(z.string().check(z.trim(), z.maxLength(40))),
                  username: z
                    .string()
                    .check(
                      z.trim(),
                      z.regex(/^[A-Za-z0-9._-]{3,40}$/, '3 to 40 letters, digits, dots, dashes or underscores.'),
                    ),
                  email: z.string().check(z.trim(), z.email(), z.maxLength(254)),
                }),
              ),
              z.never(),
            ),
          ),
        },
      },
      responses: {
        200: { description: 'Updated', ...jsonContent(userSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await updateUser(ctx, userCaller(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'put',
      path: '/users/{id}/roles',
      tags: ['users'],
      summary: "Replace a user's roles (you can only grant what you hold)",
      security: bearerSecurity,
      middleware: manage,
      request: {
        params: idParam,
        body: { required: true, ...jsonContent(z.object({ roleIds: z.array(z.uuid()).check(z.maxLength(20)) })) },
      },
      responses: {
        200: { description: 'Updated', ...jsonContent(userSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) =>
      c.json(await setUserRoles(ctx, userCaller(c), c.req.valid('param').id, c.req.valid('json').roleIds), 200),
  );
  const reasonBody = z.object({ reason: z.optional(z.string().check(z.trim(), z.maxLength(500))) });
  r.openapi(
    createRoute({
      method: 'post',
      path: '/users/{id}/disable',
      tags: ['users'],
      summary: 'Disable a user: no sign-in, sessions ended (users are never deleted)',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: false, ...jsonContent(reasonBody) } },
      responses: {
        200: { description: 'Disabled', ...jsonContent(userSchema) },
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const body = c.req.valid('json') as z.infer<typeof reasonBody>;
      return c.json(await disableUser(ctx, userCaller(c), c.req.valid('param').id, body.reason), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/users/{id}/enable',
      tags: ['users'],
      summary: 'Enable a user again and lift any lock-out',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: { 200: { description: 'Enabled', ...jsonContent(userSchema) }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(await enableUser(ctx, userCaller(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/users/{id}/invitations',
      tags: ['users'],
      summary: 'Send a new invitation link to a user who has not joined yet',
      security: bearerSecurity,
      middleware: [requirePermission('auth.users.invite'), currentSession(ctx)],
      request: { params: idParam },
      responses: { 202: { description: 'Sent' }, ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await resendInvitation(ctx, userCaller(c), c.req.valid('param').id);
      return c.body(null, 202);
    },
  );
  return r;
}
