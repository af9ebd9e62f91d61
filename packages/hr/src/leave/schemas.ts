import { isoDate } from '@konecta/core';
import * as z from '@konecta/core/z';
import { accrualMethod, leaveRequestStatus, ledgerKind } from '@konecta/db';

/** Request and response schemas of leave: requests, balances, the ledger, leave types. */

export const requestSchema = z.openapi(
  z.object({
    id: z.uuid(),
    employeeId: z.uuid(),
    employeeName: z.nullable(z.string()),
    leaveTypeId: z.uuid(),
    leaveType: z.nullable(z.string()),
    startDate: z.string(),
    endDate: z.string(),
    halfDayStart: z.boolean(),
    halfDayEnd: z.boolean(),
    days: z.number(),
    reason: z.nullable(z.string()),
    status: z.enum(leaveRequestStatus.enumValues),
    decidedBy: z.nullable(z.string()),
    decidedAt: z.nullable(z.string()),
    decisionNote: z.nullable(z.string()),
    createdAt: z.string(),
    cancellable: z.openapi(z.boolean(), {
      description: 'Pending, or approved and not started: the requester or HR may still cancel it.',
    }),
  }),
  'LeaveRequest',
);
export const requestBody = z.strictObject({
  leaveTypeId: z.uuid(),
  startDate: isoDate,
  endDate: isoDate,
  halfDayStart: z.optional(z.boolean()),
  halfDayEnd: z.optional(z.boolean()),
  reason: z.optional(z.string().check(z.trim(), z.maxLength(500))),
});
export const balanceSchema = z.openapi(
  z.object({
    leaveTypeId: z.string(),
    leaveType: z.string(),
    paid: z.boolean(),
    balance: z.number(),
    pending: z.number(),
    available: z.number(),
  }),
  'LeaveBalance',
);
export const decisionBody = z.object({ note: z.optional(z.string().check(z.trim(), z.maxLength(500))) });

export const ledgerEntrySchema = z.openapi(
  z.object({
    id: z.string(),
    leaveTypeId: z.string(),
    leaveType: z.string(),
    kind: z.enum(ledgerKind.enumValues),
    days: z.number(),
    effectiveDate: z.string(),
    period: z.nullable(z.string()),
    requestId: z.nullable(z.string()),
    note: z.nullable(z.string()),
    createdAt: z.string(),
  }),
  'LeaveLedgerEntry',
);
/** The filters the request list and its export share. */
export const requestFilters = z.object({
  status: z.optional(z.enum(leaveRequestStatus.enumValues)),
  employeeId: z.optional(z.uuid()),
  from: z.optional(isoDate),
  to: z.optional(isoDate),
});

const days = z.number().check(z.multipleOf(0.5, 'Use whole or half days.'), z.gte(0), z.lte(366));
export const leaveTypeSchema = z.openapi(
  z.object({
    id: z.uuid(),
    name: z.string(),
    code: z.string(),
    paid: z.boolean(),
    yearlyEntitlement: z.number(),
    accrual: z.enum(accrualMethod.enumValues),
    carryForwardCap: z.number(),
    active: z.boolean(),
  }),
  'LeaveType',
);
export const leaveTypeBody = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(2), z.maxLength(80)),
  code: z.string().check(z.trim(), z.regex(/^[A-Z0-9_-]{2,12}$/i, '2 to 12 letters, digits, dashes or underscores.')),
  paid: z.boolean(),
  yearlyEntitlement: days,
  accrual: z.enum(accrualMethod.enumValues),
  carryForwardCap: z.optional(days),
  active: z.optional(z.boolean()),
});
export const holidaySchema = z.openapi(z.object({ id: z.string(), date: z.string(), name: z.string() }), 'Holiday');
