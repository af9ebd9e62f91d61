import {
  bearerSecurity,
  callerOf,
  createRoute,
  createRouter,
  forbidden,
  idParam,
  jsonContent,
  listQuery,
  notFound,
  pageSchema,
  problemResponses,
  requirePermission,
} from '@konecta/core';
import { type SheetColumn, sheetContent, sheetResponse, writeSheet } from '@konecta/core/spreadsheets';
import * as z from '@konecta/core/z';
import { employees } from '@konecta/db';
import { eq } from 'drizzle-orm';
import type { HrContext } from '../context';
import { scopeOf, visibilityOf } from '../scope';
import { adjustBalance, balancesOf, ledgerOf } from './ledger';
import { cancelLeave, decideLeave, listLeaveRequests, previewLeave, requestLeave } from './requests';
import { balanceSchema, decisionBody, ledgerEntrySchema, requestBody, requestFilters, requestSchema } from './schemas';

const LEAVE_COLUMNS: SheetColumn[] = [
  { header: 'Employee', key: 'employeeName', width: 24 },
  { header: 'Leave type', key: 'leaveType', width: 16 },
  { header: 'From', key: 'startDate', width: 12, type: 'date' },
  { header: 'To', key: 'endDate', width: 12, type: 'date' },
  { header: 'Days', key: 'days', width: 8, type: 'number' },
  { header: 'Status', key: 'status', width: 10 },
  { header: 'Reason', key: 'reason', width: 30 },
  { header: 'Decision note', key: 'decisionNote', width: 30 },
];

export function leaveRoutes(ctx: HrContext) {
  const r = createRouter();
  const request = [requirePermission('hr.leaves.request')];
  const manageLeave = [requirePermission('hr.leaves.manage')];

  /** The employee whose leave is asked about: the caller by default; others within scope. */
  async function subject(c: Parameters<typeof callerOf>[0], employeeId?: string) {
    const caller = callerOf(c);
    const scope = await scopeOf(ctx, caller);
    const id = employeeId ?? scope.employeeId;
    if (!id) throw notFound('Your sign-in is not linked to an employee record.');
    if (id === scope.employeeId) return id;
    const [e] = await ctx.db.select().from(employees).where(eq(employees.id, id));
    if (!e) throw notFound('There is no such employee.');
    const mayRead = caller.permissions.has('hr.leaves.read') || caller.permissions.has('hr.leaves.manage');
    if (!mayRead || visibilityOf(scope, e).level !== 'full') throw forbidden("You cannot see this employee's leave.");
    return id;
  }

  r.openapi(
    createRoute({
      method: 'get',
      path: '/leave-balances',
      tags: ['leave'],
      summary: 'Leave balances per type: mine, or an employee’s in my scope',
      security: bearerSecurity,
      middleware: [requirePermission('hr.leaves.request', 'hr.leaves.read')],
      request: { query: z.object({ employeeId: z.optional(z.uuid()) }) },
      responses: {
        200: {
          description: 'Balances',
          ...jsonContent(z.object({ employeeId: z.string(), items: z.array(balanceSchema) })),
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const employeeId = await subject(c, c.req.valid('query').employeeId);
      return c.json({ employeeId, items: await balancesOf(ctx, employeeId) }, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/leave-ledger',
      tags: ['leave'],
      summary: 'The leave ledger behind a balance',
      security: bearerSecurity,
      middleware: [requirePermission('hr.leaves.request', 'hr.leaves.read')],
      request: {
        query: z.extend(listQuery(), {
          employeeId: z.optional(z.uuid()),
          leaveTypeId: z.optional(z.uuid()),
        }),
      },
      responses: {
        200: {
          description: 'Entries',
          ...jsonContent(pageSchema(ledgerEntrySchema, 'LeaveLedgerList')),
        },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { employeeId, leaveTypeId, ...page } = c.req.valid('query');
      return c.json(await ledgerOf(ctx, await subject(c, employeeId), leaveTypeId, page), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/leave-ledger/adjustments',
      tags: ['leave'],
      summary: 'Adjust a balance by hand (HR), with a note',
      security: bearerSecurity,
      middleware: manageLeave,
      request: {
        body: {
          required: true,
          ...jsonContent(
            z.object({
              employeeId: z.uuid(),
              leaveTypeId: z.uuid(),
              days: z.number().check(
                z.multipleOf(0.5),
                z.gte(-366),
                z.lte(366),
                z.refine((d) => d !== 0, 'Not zero.'),
              ),
              note: z.string().check(z.trim(), z.minLength(3), z.maxLength(500)),
            }),
          ),
        },
      },
      responses: {
        201: { description: 'Adjusted', ...jsonContent(z.object({ balance: z.number() })) },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => c.json(await adjustBalance(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/leave-requests/preview',
      tags: ['leave'],
      summary: 'Working days a request would take and the balance it would draw on',
      security: bearerSecurity,
      middleware: request,
      request: { body: { required: true, ...jsonContent(requestBody) } },
      responses: {
        200: {
          description: 'Preview',
          ...jsonContent(z.object({ days: z.number(), balance: z.number(), available: z.number(), paid: z.boolean() })),
        },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const p = await previewLeave(ctx, await subject(c), c.req.valid('json'));
      return c.json({ days: p.days, balance: p.balance, available: p.available, paid: p.paid }, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/leave-requests',
      tags: ['leave'],
      summary: 'Leave requests: mine, or my team’s / everyone’s for approvers and HR',
      security: bearerSecurity,
      middleware: [requirePermission('hr.leaves.request', 'hr.leaves.read', 'hr.leaves.approve')],
      request: {
        query: z.extend(z.extend(listQuery(), requestFilters.shape), {
          scope: z.optional(z.enum(['mine', 'team'])),
          decided: z.openapi(z.optional(z.enum(['by-me'])), {
            description: 'by-me: the requests I decided, newest decision first.',
          }),
          open: z.openapi(
            z.optional(
              z.pipe(
                z.enum(['true', 'false']),
                z.transform((v) => v === 'true'),
              ),
            ),
            { description: 'true: only approved or pending requests (the team calendar).' },
          ),
        }),
      },
      responses: {
        200: { description: 'Requests', ...jsonContent(pageSchema(requestSchema, 'LeaveRequestList')) },
        ...problemResponses(400, 401, 403),
      },
    }),
    async (c) => c.json(await listLeaveRequests(ctx, callerOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/leave-requests/export',
      tags: ['leave'],
      summary: 'Leave requests in scope as a CSV or XLSX file',
      security: bearerSecurity,
      middleware: [requirePermission('hr.employees.export')],
      request: {
        query: z.extend(requestFilters, { format: z._default(z.enum(['csv', 'xlsx']), 'xlsx') }),
      },
      responses: { 200: { description: 'The file', content: sheetContent }, ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { format, ...filters } = c.req.valid('query');
      const { items } = await listLeaveRequests(ctx, callerOf(c), { ...filters, limit: 100_000, offset: 0 });
      const file = await writeSheet('Leave', LEAVE_COLUMNS, items, format, ctx.calendar);
      return sheetResponse(c, file, format, `leave-${ctx.calendar.today()}`);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/leave-requests',
      tags: ['leave'],
      summary: 'Ask for leave',
      security: bearerSecurity,
      middleware: request,
      request: { body: { required: true, ...jsonContent(requestBody) } },
      responses: {
        201: { description: 'Requested (pending)', ...jsonContent(requestSchema) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await requestLeave(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  for (const [action, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    r.openapi(
      createRoute({
        method: 'post',
        path: `/leave-requests/{id}/${action}`,
        tags: ['leave'],
        summary: `${action === 'approve' ? 'Approve' : 'Reject'} a pending request (manager or HR)`,
        security: bearerSecurity,
        middleware: [requirePermission('hr.leaves.approve')],
        request: { params: idParam, body: { required: false, ...jsonContent(decisionBody) } },
        responses: {
          200: { description: 'Decided', ...jsonContent(requestSchema) },
          ...problemResponses(401, 403, 404, 409),
        },
      }),
      async (c) => {
        const body = c.req.valid('json') as z.infer<typeof decisionBody>;
        return c.json(await decideLeave(ctx, callerOf(c), c.req.valid('param').id, decision, body.note), 200);
      },
    );
  }
  r.openapi(
    createRoute({
      method: 'post',
      path: '/leave-requests/{id}/cancel',
      tags: ['leave'],
      summary: 'Withdraw a pending request, or cancel approved leave that has not started (requester or HR)',
      security: bearerSecurity,
      middleware: [requirePermission('hr.leaves.request', 'hr.leaves.manage')],
      request: { params: idParam },
      responses: {
        200: { description: 'Cancelled', ...jsonContent(requestSchema) },
        ...problemResponses(401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await cancelLeave(ctx, callerOf(c), c.req.valid('param').id), 200),
  );
  return r;
}
