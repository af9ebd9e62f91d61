/**
 * Test data for HR tests that need a few records rather than the demo company: a department, a
 * position, an employee, a manager with reports. Each is made through the API as HR Admin, so it
 * is as valid as any real record (numbers, history, encrypted fields), and returned as the API
 * answered. Names, cost centres and emails are unique per call; pass fields to set what a test
 * is about.
 */
import { type EmployeeBody, expectJson, type Harness, newHire, requester, tokenAs } from './helpers';

export interface DepartmentBody {
  id: string;
  name: string;
  costCentre: string;
  managerId: string | null;
}
export interface PositionBody {
  id: string;
  title: string;
  departmentId: string;
}

let made = 0;
const unique = () => `${Date.now().toString(36)}${++made}`.toUpperCase();
const egp = (amount: string) => ({ amount, currency: 'EGP' });

export function factories(h: Harness) {
  const api = requester(h.app);
  const admin = tokenAs(h.keys, 'HR Admin');
  const create = async <T>(path: string, body: Record<string, unknown>): Promise<T> =>
    expectJson<T>(await api.post(path, await admin, body), 201);

  const department = (fields: Record<string, unknown> = {}) => {
    const tag = unique();
    return create<DepartmentBody>('/departments', { name: `Department ${tag}`, costCentre: `CC-${tag}`, ...fields });
  };

  /** A position in `departmentId` paying 10,000–100,000 EGP a month. */
  const position = (departmentId: string, fields: Record<string, unknown> = {}) =>
    create<PositionBody>('/positions', {
      title: `Position ${unique()}`,
      departmentId,
      grade: 'P1',
      salaryMin: egp('10000.00'),
      salaryMax: egp('100000.00'),
      ...fields,
    });

  /** Someone hired in 2024 on 40,000 EGP a month, with no position or manager unless given. */
  const employee = (fields: Record<string, unknown> = {}) => create<EmployeeBody>('/employees', newHire(fields));

  /** A department whose manager has `count` direct reports, all in that department. */
  const managerWithReports = async (count = 2) => {
    const dept = await department();
    const lead = await position(dept.id, { title: 'Team Lead', grade: 'M1' });
    const member = await position(dept.id, { title: 'Team Member' });
    const manager = await employee({ firstName: 'Team', lastName: `Lead ${unique()}`, positionId: lead.id });
    await expectJson(await api.patch(`/departments/${dept.id}`, await admin, { managerId: manager.id }));
    const reports: EmployeeBody[] = [];
    for (let i = 0; i < count; i++) reports.push(await employee({ positionId: member.id, managerId: manager.id }));
    return { department: dept, manager, reports };
  };

  return { department, position, employee, managerWithReports };
}
