import type { AttendanceStatus, LeaveStatus } from './time-logic';

/** The HR service's answers the time screens use (see packages/hr/src/attendance and leave). */
export interface AttendanceRecord {
  id: string;
  employeeId: string;
  employeeName: string | null;
  workDate: string;
  status: AttendanceStatus;
  checkInAt: string | null;
  checkOutAt: string | null;
  officeLocationId: string | null;
  workedMinutes: number | null;
  hours: number | null;
  corrected: boolean;
  correctionReason: string | null;
}

export interface AttendanceSummary {
  employeeId: string;
  employeeName: string;
  month: string;
  present: number;
  remote: number;
  absent: number;
  onLeave: number;
  holiday: number;
  workedMinutes: number;
  hours: number;
}

export interface OfficeLocation {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  radiusMeters: number;
  active: boolean;
}

export interface Holiday {
  id: string;
  date: string;
  name: string;
}

export interface LeaveType {
  id: string;
  name: string;
  code: string;
  paid: boolean;
  active: boolean;
}

export interface LeaveBalance {
  leaveTypeId: string;
  leaveType: string;
  paid: boolean;
  balance: number;
  pending: number;
  available: number;
}

export interface LeaveRequest {
  id: string;
  employeeId: string;
  employeeName: string | null;
  leaveTypeId: string;
  leaveType: string | null;
  startDate: string;
  endDate: string;
  halfDayStart: boolean;
  halfDayEnd: boolean;
  days: number;
  reason: string | null;
  status: LeaveStatus;
  decisionNote: string | null;
  createdAt: string;
}

export interface LeavePreview {
  days: number;
  balance: number;
  available: number;
  paid: boolean;
}

export interface ListOf<T> {
  items: T[];
  total?: number;
}
