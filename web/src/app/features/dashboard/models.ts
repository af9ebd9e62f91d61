/** The answer of `GET /api/hr/dashboard` (to be generated from HR's OpenAPI document). */
export interface HrDashboard {
  today: string;
  month: { month: string; from: string; to: string };
  timeZone: string;
  headcount?: { total: number; byDepartment: { departmentId: string | null; name: string; headcount: number }[] };
  attendanceToday?: {
    scope: 'everyone' | 'team';
    workingDay: boolean;
    expected: number;
    present: number;
    remote: number;
    late: number;
    onLeave: number;
    holiday: number;
    absent: number;
    notInYet: number;
  };
  leaveThisMonth?: { days: number; byType: { leaveTypeId: string; leaveType: string; days: number }[] };
  outToday?: { employeeId: string; name: string; leaveType: string; until: string }[];
  pendingApprovals?: number;
  myDay?: { status: string; checkInAt: string | null; checkOutAt: string | null } | null;
}
