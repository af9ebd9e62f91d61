import { parseMoney, systemActor } from '@konecta/core';
import { departments, employees, positions } from '@konecta/db';
import { count, eq } from 'drizzle-orm';
import type { HrContext } from '../context';
import { createEmployee } from '../employees/employees';
import { seedAttendance } from './attendance';
import { seedLeave } from './leave';

const seeder = systemActor('hr');
/** The demo company pays in whole Egyptian pounds. */
const egp = (pounds: number) => parseMoney({ amount: String(pounds), currency: 'EGP' });

const DEPARTMENTS = [
  { name: 'Executive Office', costCentre: 'CC-100' },
  { name: 'Human Resources', costCentre: 'CC-200' },
  { name: 'Finance', costCentre: 'CC-300' },
  { name: 'Operations', costCentre: 'CC-400' },
  { name: 'Sales', costCentre: 'CC-500' },
  { name: 'Engineering', costCentre: 'CC-600' },
] as const;

/** Title, grade, band (EGP per month) per department. */
const POSITIONS: Record<(typeof DEPARTMENTS)[number]['name'], [string, string, number, number][]> = {
  'Executive Office': [
    ['Chief Executive', 'E1', 150_000, 300_000],
    ['System Administrator', 'P3', 30_000, 60_000],
  ],
  'Human Resources': [
    ['HR Director', 'M2', 60_000, 110_000],
    ['HR Specialist', 'P2', 18_000, 35_000],
  ],
  Finance: [
    ['Finance Manager', 'M2', 60_000, 110_000],
    ['Accountant', 'P2', 18_000, 35_000],
  ],
  Operations: [
    ['Operations Manager', 'M1', 45_000, 90_000],
    ['Inventory Controller', 'P2', 16_000, 32_000],
    ['Operations Associate', 'P1', 10_000, 20_000],
  ],
  Sales: [
    ['Sales Manager', 'M1', 45_000, 90_000],
    ['Account Executive', 'P2', 15_000, 35_000],
  ],
  Engineering: [
    ['Engineering Manager', 'M2', 70_000, 130_000],
    ['Software Engineer', 'P2', 25_000, 60_000],
    ['QA Engineer', 'P1', 15_000, 35_000],
  ],
};

/** The demo users of the auth service, as employees (their logins are linked through events). */
const LINKED = [
  {
    email: 'admin@konecta.local',
    first: 'Amira',
    last: 'Admin',
    dept: 'Executive Office',
    title: 'System Administrator',
    salary: 45_000,
  },
  {
    email: 'hr.admin@konecta.local',
    first: 'Hana',
    last: 'Haddad',
    dept: 'Human Resources',
    title: 'HR Director',
    salary: 85_000,
  },
  {
    email: 'hr@konecta.local',
    first: 'Omar',
    last: 'Farouk',
    dept: 'Human Resources',
    title: 'HR Specialist',
    salary: 26_000,
  },
  {
    email: 'finance.manager@konecta.local',
    first: 'Mona',
    last: 'Fathy',
    dept: 'Finance',
    title: 'Finance Manager',
    salary: 90_000,
  },
  {
    email: 'finance@konecta.local',
    first: 'Karim',
    last: 'Nabil',
    dept: 'Finance',
    title: 'Accountant',
    salary: 24_000,
  },
  {
    email: 'inventory@konecta.local',
    first: 'Youssef',
    last: 'Salem',
    dept: 'Operations',
    title: 'Inventory Controller',
    salary: 25_000,
  },
  {
    email: 'operations@konecta.local',
    first: 'Laila',
    last: 'Mostafa',
    dept: 'Operations',
    title: 'Operations Associate',
    salary: 15_000,
  },
  {
    email: 'manager@konecta.local',
    first: 'Tarek',
    last: 'Mansour',
    dept: 'Engineering',
    title: 'Engineering Manager',
    salary: 110_000,
  },
  {
    email: 'employee@konecta.local',
    first: 'Nour',
    last: 'Adel',
    dept: 'Engineering',
    title: 'Software Engineer',
    salary: 38_000,
  },
] as const;

const FIRST = [
  'Ahmed',
  'Sara',
  'Mahmoud',
  'Yasmin',
  'Mostafa',
  'Salma',
  'Hassan',
  'Dina',
  'Ali',
  'Rana',
  'Khaled',
  'Mariam',
  'Amr',
  'Heba',
  'Sherif',
  'Nada',
  'Ibrahim',
  'Reem',
  'Walid',
  'Farida',
];
const LAST = [
  'Hassan',
  'Ibrahim',
  'Saeed',
  'Kamal',
  'Zaki',
  'Ezzat',
  'Lotfy',
  'Gamal',
  'Sabry',
  'Shawky',
  'Fouad',
  'Ramzy',
];

/**
 * Local demo organisation: six departments with managers, their positions, and 50 employees —
 * nine of them the auth service's demo users (Nour Adel, `employee@`, reports to Tarek Mansour,
 * `manager@`, who manages Engineering). Runs once: nothing happens when employees exist.
 */
export async function seedOrganisation(ctx: HrContext): Promise<number> {
  const [existing] = await ctx.db.select({ n: count() }).from(employees);
  if (existing?.n) return 0;
  const deptIds = new Map<string, string>();
  for (const d of DEPARTMENTS) {
    const [row] = await ctx.db.insert(departments).values(d).returning({ id: departments.id });
    if (row) deptIds.set(d.name, row.id);
  }
  const positionIds = new Map<string, string>();
  for (const [dept, list] of Object.entries(POSITIONS)) {
    for (const [title, grade, min, max] of list) {
      const [row] = await ctx.db
        .insert(positions)
        .values({
          title,
          grade,
          departmentId: deptIds.get(dept) as string,
          salaryMin: egp(min).minor,
          salaryMax: egp(max).minor,
          currency: 'EGP',
        })
        .returning({ id: positions.id });
      if (row) positionIds.set(`${dept}/${title}`, row.id);
    }
  }
  const hire = async (p: {
    email: string;
    first: string;
    last: string;
    dept: string;
    title: string;
    salary: number;
    managerId?: string;
    hireDate: string;
    remote?: boolean;
  }) =>
    createEmployee(ctx, seeder, {
      firstName: p.first,
      lastName: p.last,
      workEmail: p.email,
      positionId: positionIds.get(`${p.dept}/${p.title}`) ?? null,
      managerId: p.managerId ?? null,
      hireDate: p.hireDate,
      salary: egp(p.salary),
      nationalId: `2900101${String(Math.abs(hashOf(p.email)) % 10_000_000).padStart(7, '0')}`,
      payoutAccount: `EG38 0019 0005 ${String(Math.abs(hashOf(p.last + p.email)) % 100_000_000).padStart(8, '0')}`,
      remote: p.remote ?? false,
      emergencyContact: { name: `${p.first} ${p.last} (family)`, phone: '+20 100 000 0000' },
    });

  const year = ctx.calendar.thisYear();
  const ceo = await hire({
    email: 'ceo@konecta.local',
    first: 'Sameh',
    last: 'Rashad',
    dept: 'Executive Office',
    title: 'Chief Executive',
    salary: 220_000,
    hireDate: `${year - 8}-01-10`,
  });
  const people = new Map<string, string>();
  for (const [i, p] of LINKED.entries()) {
    const e = await hire({ ...p, managerId: ceo.id, hireDate: `${year - 3 + (i % 3)}-0${1 + (i % 9)}-15` });
    people.set(p.email, e.id);
  }
  const managerOf: Record<string, string | undefined> = {
    'Executive Office': ceo.id,
    'Human Resources': people.get('hr.admin@konecta.local'),
    Finance: people.get('finance.manager@konecta.local'),
    Operations: people.get('inventory@konecta.local'),
    Sales: undefined,
    Engineering: people.get('manager@konecta.local'),
  };
  // Managers manage their department; the team reports to them.
  for (const [dept, managerId] of Object.entries(managerOf)) {
    if (managerId)
      await ctx.db
        .update(departments)
        .set({ managerId })
        .where(eq(departments.id, deptIds.get(dept) as string));
  }
  for (const email of [
    'hr@konecta.local',
    'finance@konecta.local',
    'operations@konecta.local',
    'employee@konecta.local',
  ]) {
    const dept = LINKED.find((l) => l.email === email)?.dept as string;
    await ctx.db
      .update(employees)
      .set({ managerId: managerOf[dept] ?? ceo.id })
      .where(eq(employees.id, people.get(email) as string));
  }
  const salesManager = await hire({
    email: 'sales.manager@konecta.local',
    first: 'Adel',
    last: 'Shaker',
    dept: 'Sales',
    title: 'Sales Manager',
    salary: 70_000,
    managerId: ceo.id,
    hireDate: `${year - 5}-04-01`,
  });
  await ctx.db
    .update(departments)
    .set({ managerId: salesManager.id })
    .where(eq(departments.id, deptIds.get('Sales') as string));
  managerOf.Sales = salesManager.id;

  const staff: [string, string][] = [
    ['Engineering', 'Software Engineer'],
    ['Engineering', 'QA Engineer'],
    ['Sales', 'Account Executive'],
    ['Operations', 'Operations Associate'],
    ['Finance', 'Accountant'],
    ['Human Resources', 'HR Specialist'],
  ];
  for (let i = 0; i < 39; i++) {
    const [dept, title] = staff[i % staff.length] as [string, string];
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[(i * 7) % LAST.length] as string;
    const band = POSITIONS[dept as keyof typeof POSITIONS].find((p) => p[0] === title) as [
      string,
      string,
      number,
      number,
    ];
    await hire({
      email: `${first}.${last}.${i + 1}@konecta.local`.toLowerCase(),
      first,
      last,
      dept,
      title,
      salary: Math.round((band[2] + ((band[3] - band[2]) * ((i * 37) % 100)) / 100) / 100) * 100,
      managerId: managerOf[dept],
      hireDate: `${year - 1 - (i % 6)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
      remote: i % 5 === 0,
    });
  }
  await seedAttendance(ctx);
  await seedLeave(ctx, people);
  const [total] = await ctx.db.select({ n: count() }).from(employees);
  return total?.n ?? 0;
}

function hashOf(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}
