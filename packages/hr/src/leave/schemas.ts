import { isoDate, z } from '@konecta/core';
import { accrualMethod, leaveRequestStatus, ledgerKind } from '@konecta/db';

/** Request and response schemas of leave: requests, balances, the ledger, leave types. */

export const requestSchema = z
  .object({
    id: z.string().uuid(),
    employeeId: z.string().uuid(),
    employeeName: z.string().nullable(),
    leaveTypeId: z.string().uuid(),
    leaveType: z.string().nullable(),
    startDate: z.string(),
    endDate: z.string(),
    halfDayStart: z.boolean(),
    halfDayEnd: z.boolean(),
    days: z.number(),
    reason: z.string().nullable(),
    status: z.enum(leaveRequestStatus.enumValues),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    createdAt: z.string(),
    cancellable: z
      .boolean()
      .openapi({ description: 'Pending, or approved and not started: the requester or HR may still cancel it.' }),
  })
  .openapi('LeaveRequest');
export const requestBody = z
  .object({
    leaveTypeId: z.string().uuid(),
    startDate: isoDate,
    endDate: isoDate,
    halfDayStart: z.boolean().optional(),
    halfDayEnd: z.boolean().optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
export const balanceSchema = z
  .object({
    leaveTypeId: z.string(),
    leaveType: z.string(),
    paid: z.boolean(),
    balance: z.number(),
    pending: z.number(),
    available: z.number(),
  })
  .openapi('LeaveBalance');
export const decisionBody = z.object({ note: z.string().trim().max(500).optional() });

export const ledgerEntrySchema = z
  .object({
    id: z.string(),
    leaveTypeId: z.string(),
    leaveType: z.string(),
    kind: z.enum(ledgerKind.enumValues),
    days: z.number(),
    effectiveDate: z.string(),
    period: z.string().nullable(),
    requestId: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('LeaveLedgerEntry');
/** The filters the request list and its export share. */
export const requestFilters = z.object({
  status: z.enum(leaveRequestStatus.enumValues).optional(),
  employeeId: z.string().uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const days = z.number().multipleOf(0.5, 'Use whole or half days.').min(0).max(366);
export const leaveTypeSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    code: z.string(),
    paid: z.boolean(),
    yearlyEntitlement: z.number(),
    accrual: z.enum(accrualMethod.enumValues),
    carryForwardCap: z.number(),
    active: z.boolean(),
  })
  .openapi('LeaveType');
export const leaveTypeBody = z
  .object({
    name: z.string().trim().min(2).max(80),
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9_-]{2,12}$/i, '2 to 12 letters, digits, dashes or underscores.'),
    paid: z.boolean(),
    yearlyEntitlement: days,
    accrual: z.enum(accrualMethod.enumValues),
    carryForwardCap: days.optional(),
    active: z.boolean().optional(),
  })
  .strict();
export const holidaySchema = z.object({ id: z.string(), date: z.string(), name: z.string() }).openapi('Holiday');
