import { hr } from './schemas';

/**
 * HR's enums that its published views (`hr.views.ts`) show too: a module of their own, so a reader
 * of the views (finance's directory of people) does not bundle HR's tables with them.
 */
export const employmentType = hr.enum('employment_type', ['full_time', 'part_time', 'contract', 'intern']);
export const employeeStatus = hr.enum('employee_status', ['active', 'on_leave', 'resigned', 'terminated']);
export const salaryPeriod = hr.enum('salary_period', ['monthly', 'yearly', 'hourly']);
