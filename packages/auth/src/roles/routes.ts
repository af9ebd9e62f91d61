import {
  bearerSecurity,
  countUpTo,
  createRoute,
  createRouter,
  jsonContent,
  listQuery,
  pageOf,
  pageSchema,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import { permissions } from '@konecta/db';
import { asc } from 'drizzle-orm';
import type { AuthContext } from '../context';
import { currentSession, idParam, userCaller } from '../http';
import { createRole, deleteRole, getRole, listRoles, setRolePermissions, updateRole } from './roles';

const roleSchema = z.openapi(
  z.object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    builtIn: z.boolean(),
    permissions: z.array(z.string()),
    userCount: z.int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  'Role',
);
const permissionCodes = z
  .array(z.string().check(z.regex(/^[a-z]+\.[a-z-]+\.[a-z-]+$/, 'A permission looks like domain.resource.action.')))
  .check(z.maxLength(500));
const roleName = z.string().check(z.trim(), z.minLength(2, 'Use at least 2 characters.'), z.maxLength(80));

export function roleRoutes(ctx: AuthContext) {
  const r = createRouter();
  const read = [requirePermission('auth.roles.read', 'auth.users.read'), currentSession(ctx)];
  const manage = [requirePermission('auth.roles.manage'), currentSession(ctx)];
  r.openapi(
    createRoute({
      method: 'get',
      path: '/roles',
      tags: ['roles'],
      summary: 'Every role with its permissions and how many users hold it',
      security: bearerSecurity,
      middleware: read,
      request: { query: listQuery() },
      responses: {
        200: { description: 'Roles', ...jsonContent(pageSchema(roleSchema, 'RoleList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listRoles(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/roles',
      tags: ['roles'],
      summary: 'Create a role (only with permissions you hold)',
      security: bearerSecurity,
      middleware: manage,
      request: {
        body: {
          required: true,
          ...jsonContent(
            z.object({
              name: roleName,
              description: z.optional(z.string().check(z.trim(), z.maxLength(500))),
              permissions: z._default(permissionCodes, []),
            }),
          ),
        },
      },
      responses: {
        201: { description: 'Created', ...jsonContent(roleSchema) },
        ...problemResponses(401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await createRole(ctx, userCaller(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/roles/{id}',
      tags: ['roles'],
      summary: 'One role',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: { 200: { description: 'Role', ...jsonContent(roleSchema) }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(await getRole(ctx, c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/roles/{id}',
      tags: ['roles'],
      summary: 'Rename or describe a role (built-in roles keep their names)',
      security: bearerSecurity,
      middleware: manage,
      request: {
        params: idParam,
        body: {
          required: true,
          ...jsonContent(
            z.catchall(
              z.partial(z.object({ name: roleName, description: z.string().check(z.trim(), z.maxLength(500)) })),
              z.never(),
            ),
          ),
        },
      },
      responses: {
        200: { description: 'Updated', ...jsonContent(roleSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await updateRole(ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/roles/{id}',
      tags: ['roles'],
      summary: 'Delete a custom role nobody holds',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await deleteRole(ctx, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'put',
      path: '/roles/{id}/permissions',
      tags: ['roles'],
      summary: "Replace a role's permissions (you can only add what you hold)",
      security: bearerSecurity,
      middleware: manage,
      request: {
        params: idParam,
        body: { required: true, ...jsonContent(z.object({ permissions: permissionCodes })) },
      },
      responses: {
        200: { description: 'Updated', ...jsonContent(roleSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) =>
      c.json(
        await setRolePermissions(ctx, userCaller(c), c.req.valid('param').id, c.req.valid('json').permissions),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/permissions',
      tags: ['roles'],
      summary: 'The permission catalogue',
      security: bearerSecurity,
      middleware: read,
      request: { query: listQuery() },
      responses: {
        200: {
          description: 'Permissions',
          ...jsonContent(
            pageSchema(z.object({ code: z.string(), domain: z.string(), description: z.string() }), 'PermissionList'),
          ),
        },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const page = c.req.valid('query');
      const items = await ctx.db
        .select()
        .from(permissions)
        .orderBy(asc(permissions.code))
        .limit(page.limit)
        .offset(page.offset);
      const total = await countUpTo(ctx.db, ctx.db.select({ code: permissions.code }).from(permissions));
      return c.json(pageOf(items, total, page), 200);
    },
  );
  return r;
}
