import {
  bearerSecurity,
  createRoute,
  createRouter,
  idParam,
  jsonContent,
  listQuery,
  moneyInput,
  moneySchema,
  pageSchema,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import * as z from '@konecta/core/z';
import type { HrContext } from '../context';
import { orgChart } from '../employees/org-chart';
import { createDepartment, deleteDepartment, getDepartment, listDepartments, updateDepartment } from './departments';
import { createPosition, deletePosition, listPositions, updatePosition } from './positions';

const departmentSchema = z.openapi(
  z.object({
    id: z.uuid(),
    name: z.string(),
    costCentre: z.string(),
    parentId: z.nullable(z.uuid()),
    managerId: z.nullable(z.uuid()),
    managerName: z.nullable(z.string()),
    headcount: z.int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  'Department',
);
const departmentBody = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(2, 'Use at least 2 characters.'), z.maxLength(120)),
  costCentre: z
    .string()
    .check(z.trim(), z.regex(/^[A-Za-z0-9-]{2,20}$/, '2 to 20 letters, digits or dashes, e.g. CC-410.')),
  parentId: z.optional(z.nullable(z.uuid())),
  managerId: z.optional(z.nullable(z.uuid())),
});
const positionSchema = z.openapi(
  z.object({
    id: z.uuid(),
    title: z.string(),
    departmentId: z.uuid(),
    grade: z.string(),
    salaryMin: moneySchema,
    salaryMax: moneySchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  'Position',
);
const positionBody = z.strictObject({
  title: z.string().check(z.trim(), z.minLength(2), z.maxLength(120)),
  departmentId: z.uuid(),
  grade: z.string().check(z.trim(), z.minLength(1), z.maxLength(20)),
  salaryMin: moneyInput({ sign: 'nonNegative' }),
  salaryMax: moneyInput({ sign: 'nonNegative' }),
});

type Node = {
  id: string;
  fullName: string;
  positionTitle: string | null;
  departmentName: string | null;
  reports: Node[];
};
const orgNode: z.ZodMiniType<Node> = z.openapi(
  z.object({
    id: z.string(),
    fullName: z.string(),
    positionTitle: z.nullable(z.string()),
    departmentName: z.nullable(z.string()),
    reports: z.array(z.lazy(() => orgNode)),
  }),
  'OrgNode',
);

export function organisationRoutes(ctx: HrContext) {
  const r = createRouter();
  const read = [requirePermission('hr.departments.read')];
  const manage = [requirePermission('hr.departments.manage')];

  r.openapi(
    createRoute({
      method: 'get',
      path: '/departments',
      tags: ['organisation'],
      summary: 'Departments with manager and headcount',
      security: bearerSecurity,
      middleware: read,
      request: { query: listQuery() },
      responses: {
        200: { description: 'Departments', ...jsonContent(pageSchema(departmentSchema, 'DepartmentList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listDepartments(ctx, c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/departments',
      tags: ['organisation'],
      summary: 'Create a department',
      security: bearerSecurity,
      middleware: manage,
      request: { body: { required: true, ...jsonContent(departmentBody) } },
      responses: {
        201: { description: 'Created', ...jsonContent(departmentSchema) },
        ...problemResponses(401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await createDepartment(ctx, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/departments/{id}',
      tags: ['organisation'],
      summary: 'One department',
      security: bearerSecurity,
      middleware: read,
      request: { params: idParam },
      responses: {
        200: { description: 'Department', ...jsonContent(departmentSchema) },
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => c.json(await getDepartment(ctx, c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/departments/{id}',
      tags: ['organisation'],
      summary: 'Edit a department',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(z.partial(departmentBody)) } },
      responses: {
        200: { description: 'Updated', ...jsonContent(departmentSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await updateDepartment(ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/departments/{id}',
      tags: ['organisation'],
      summary: 'Delete an empty department',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await deleteDepartment(ctx, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/positions',
      tags: ['organisation'],
      summary: 'Positions with salary bands',
      security: bearerSecurity,
      middleware: read,
      request: { query: z.extend(listQuery(), { departmentId: z.optional(z.uuid()) }) },
      responses: {
        200: { description: 'Positions', ...jsonContent(pageSchema(positionSchema, 'PositionList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => {
      const { departmentId, ...page } = c.req.valid('query');
      return c.json(await listPositions(ctx, departmentId, page), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/positions',
      tags: ['organisation'],
      summary: 'Create a position',
      security: bearerSecurity,
      middleware: manage,
      request: { body: { required: true, ...jsonContent(positionBody) } },
      responses: {
        201: { description: 'Created', ...jsonContent(positionSchema) },
        ...problemResponses(401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await createPosition(ctx, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/positions/{id}',
      tags: ['organisation'],
      summary: 'Edit a position',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam, body: { required: true, ...jsonContent(z.partial(positionBody)) } },
      responses: {
        200: { description: 'Updated', ...jsonContent(positionSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await updatePosition(ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/positions/{id}',
      tags: ['organisation'],
      summary: 'Delete a position nobody holds',
      security: bearerSecurity,
      middleware: manage,
      request: { params: idParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await deletePosition(ctx, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/org-chart',
      tags: ['organisation'],
      summary: 'Everyone current, as a tree by manager',
      security: bearerSecurity,
      middleware: [requirePermission('hr.employees.read')],
      responses: {
        200: { description: 'Org chart', ...jsonContent(z.object({ roots: z.array(orgNode) })) },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => c.json({ roots: await orgChart(ctx) }, 200),
  );
  return r;
}
