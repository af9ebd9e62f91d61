import { isoDate, moneyInput, moneySchema } from '@konecta/core';
import * as z from '@konecta/core/z';
import { employeeStatus, employmentType, salaryPeriod } from '@konecta/db';

const emergency = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  phone: z.string().check(z.trim(), z.minLength(3), z.maxLength(40)),
  relation: z.optional(z.string().check(z.trim(), z.maxLength(40))),
});

export const employeeSchema = z.openapi(
  z.object({
    id: z.uuid(),
    number: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    fullName: z.string(),
    workEmail: z.string(),
    phone: z.nullable(z.string()),
    positionId: z.nullable(z.uuid()),
    positionTitle: z.nullable(z.string()),
    departmentId: z.nullable(z.uuid()),
    departmentName: z.nullable(z.string()),
    managerId: z.nullable(z.uuid()),
    managerName: z.nullable(z.string()),
    status: z.enum(employeeStatus.enumValues),
    visibility: z.openapi(z.enum(['directory', 'full', 'pay']), {
      description: 'How much of the record this caller may see.',
    }),
    employmentType: z.optional(z.enum(employmentType.enumValues)),
    hireDate: z.optional(z.string()),
    exitDate: z.optional(z.nullable(z.string())),
    exitReason: z.optional(z.nullable(z.string())),
    weeklyHours: z.optional(z.number()),
    address: z.optional(z.nullable(z.string())),
    emergencyContact: z.optional(z.nullable(emergency)),
    remote: z.optional(z.boolean()),
    userId: z.optional(z.nullable(z.uuid())),
    createdAt: z.optional(z.string()),
    updatedAt: z.optional(z.string()),
    salary: z.optional(moneySchema),
    salaryPeriod: z.optional(z.enum(salaryPeriod.enumValues)),
    nationalId: z.openapi(z.optional(z.nullable(z.string())), {
      description: 'Masked: •••• and the last 4 characters.',
    }),
    payoutAccount: z.openapi(z.optional(z.nullable(z.string())), {
      description: 'Masked: •••• and the last 4 characters.',
    }),
  }),
  'Employee',
);

const name = z.string().check(z.trim(), z.minLength(1, 'Required.'), z.maxLength(80));
/** What HR sends to hire or edit someone (the import reads the same fields). */
export const employeeBody = z.strictObject({
  firstName: name,
  lastName: name,
  workEmail: z.string().check(z.trim(), z.email('Enter a valid email address.'), z.maxLength(254)),
  phone: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(40)))),
  positionId: z.optional(z.nullable(z.uuid())),
  departmentId: z.optional(z.nullable(z.uuid())),
  managerId: z.optional(z.nullable(z.uuid())),
  employmentType: z.optional(z.enum(employmentType.enumValues)),
  hireDate: isoDate,
  salary: moneyInput({ sign: 'positive' }),
  salaryPeriod: z.optional(z.enum(salaryPeriod.enumValues)),
  weeklyHours: z.optional(z.number().check(z.gte(1), z.lte(80))),
  nationalId: z.optional(
    z.nullable(z.string().check(z.trim(), z.regex(/^[A-Za-z0-9-]{5,30}$/, '5 to 30 letters, digits or dashes.'))),
  ),
  payoutAccount: z.optional(
    z.nullable(
      z
        .string()
        .check(
          z.trim(),
          z.regex(/^[A-Za-z0-9 ]{6,40}$/, '6 to 40 letters, digits or spaces (an IBAN or account number).'),
        ),
    ),
  ),
  address: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(500)))),
  emergencyContact: z.optional(z.nullable(emergency)),
  remote: z.optional(z.boolean()),
});

/** The directory's filters: the list and the export take the same. */
export const filters = z.object({
  search: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  departmentId: z.optional(z.uuid()),
  managerId: z.optional(z.uuid()),
  status: z.optional(z.enum(employeeStatus.enumValues)),
  employmentType: z.optional(z.enum(employmentType.enumValues)),
  current: z.openapi(
    z.optional(
      z.pipe(
        z.enum(['true', 'false']),
        z.transform((v) => v === 'true'),
      ),
    ),
    { description: 'true: only people employed now (active or on leave), as pickers want.' },
  ),
  scope: z.openapi(z.optional(z.enum(['directory', 'mine'])), {
    description: 'mine: only the records the caller manages or may see in full (team, or everyone for HR).',
  }),
});
