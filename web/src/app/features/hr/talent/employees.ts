import type { Api } from '../../../core/api';
import type { HrAnswer } from '../../../core/api-types';
import type { EmployeeRef } from './models';

/**
 * Current employees the caller may act on (full records: their team, or everyone for HR), for
 * pickers. The directory rows everyone sees are left out: the server would refuse them anyway.
 */
export async function employeesInScope(api: Api, excludeId?: string | null): Promise<EmployeeRef[]> {
  const out: EmployeeRef[] = [];
  for (let offset = 0; offset < 2000; offset += 200) {
    const page = await api.get<HrAnswer<'/api/hr/employees'>>('/api/hr/employees', {
      limit: 200,
      offset,
      sort: 'name',
    });
    for (const e of page.items) {
      if (e.visibility === 'directory' || e.id === excludeId) continue;
      if (e.status === 'resigned' || e.status === 'terminated') continue;
      out.push({ id: e.id, fullName: e.fullName, departmentId: e.departmentId });
    }
    if (offset + 200 >= page.total) break;
  }
  return out;
}
