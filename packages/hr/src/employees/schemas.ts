import { isoDate, moneyInput, moneySchema, z } from '@konecta/core';
import { employeeStatus, employmentType, salaryPeriod } from '@konecta/db';

const emergency = z.object({
  name: z.string().trim().min(1).max(120),
  phone: z.string().trim().min(3).max(40),
  relation: z.string().trim().max(40).optional(),
});

export const employeeSchema = z
  .object({
    id: z.string().uuid(),
    number: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    fullName: z.string(),
    workEmail: z.string(),
    phone: z.string().nullable(),
    positionId: z.string().uuid().nullable(),
    positionTitle: z.string().nullable(),
    departmentId: z.string().uuid().nullable(),
    departmentName: z.string().nullable(),
    managerId: z.string().uuid().nullable(),
    managerName: z.string().nullable(),
    status: z.enum(employeeStatus.enumValues),
    visibility: z
      .enum(['directory', 'full', 'pay'])
      .openapi({ description: 'How much of the record this caller may see.' }),
    employmentType: z.enum(employmentType.enumValues).optional(),
    hireDate: z.string().optional(),
    exitDate: z.string().nullable().optional(),
    exitReason: z.string().nullable().optional(),
    weeklyHours: z.number().optional(),
    address: z.string().nullable().optional(),
    emergencyContact: emergency.nullable().optional(),
    remote: z.boolean().optional(),
    userId: z.string().uuid().nullable().optional(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
    salary: moneySchema.optional(),
    salaryPeriod: z.enum(salaryPeriod.enumValues).optional(),
    nationalId: z.string().nullable().optional().openapi({ description: 'Masked: •••• and the last 4 characters.' }),
    payoutAccount: z.string().nullable().optional().openapi({ description: 'Masked: •••• and the last 4 characters.' }),
  })
  .openapi('Employee');

const name = z.string().trim().min(1, 'Required.').max(80);
/** What HR sends to hire or edit someone (the import reads the same fields). */
export const employeeBody = z
  .object({
    firstName: name,
    lastName: name,
    workEmail: z.string().trim().email('Enter a valid email address.').max(254),
    phone: z.string().trim().max(40).nullable().optional(),
    positionId: z.string().uuid().nullable().optional(),
    departmentId: z.string().uuid().nullable().optional(),
    managerId: z.string().uuid().nullable().optional(),
    employmentType: z.enum(employmentType.enumValues).optional(),
    hireDate: isoDate,
    salary: moneyInput({ sign: 'positive' }),
    salaryPeriod: z.enum(salaryPeriod.enumValues).optional(),
    weeklyHours: z.number().min(1).max(80).optional(),
    nationalId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{5,30}$/, '5 to 30 letters, digits or dashes.')
      .nullable()
      .optional(),
    payoutAccount: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9 ]{6,40}$/, '6 to 40 letters, digits or spaces (an IBAN or account number).')
      .nullable()
      .optional(),
    address: z.string().trim().max(500).nullable().optional(),
    emergencyContact: emergency.nullable().optional(),
    remote: z.boolean().optional(),
  })
  .strict();
