import type { Api } from '../../../core/api';
import type { HrSchemas } from '../../../core/api-types';
import type { EmployeeRef } from './models';

/**
 * Current employees the caller may act on (full records: their team, or everyone for HR), for
 * pickers. The directory rows everyone sees are left out: the server would refuse them anyway.
 */
export async function employeesInScope(api: Api, excludeId?: string | null): Promise<EmployeeRef[]> {
  const { items } = await api.all<HrSchemas['Employee']>('/api/hr/employees', { sort: 'name' });
  return items
    .filter((e) => e.visibility !== 'directory' && e.id !== excludeId)
    .filter((e) => e.status !== 'resigned' && e.status !== 'terminated')
    .map((e) => ({ id: e.id, fullName: e.fullName, departmentId: e.departmentId }));
}
