import type { HrAnswer, HrSchemas } from '../../../core/api-types';

/** The HR service's answers the time screens use (see packages/hr/src/attendance and leave). */
export type AttendanceRecord = HrSchemas['AttendanceRecord'];
export type AttendanceDayRow = HrSchemas['AttendanceDay']['items'][number];
export type AttendanceSummary = HrAnswer<'/api/hr/attendance/summary'>['items'][number];
export type OfficeLocation = HrSchemas['OfficeLocation'];
export type Holiday = HrAnswer<'/api/hr/holidays'>['items'][number];
export type LeaveType = HrSchemas['LeaveType'];
export type LeaveBalance = HrSchemas['LeaveBalance'];
export type LeaveRequest = HrSchemas['LeaveRequest'];
export type LeavePreview = HrAnswer<'/api/hr/leave-requests/preview', 'post'>;
