/** What the HR service answers for performance, training, recruitment and offboarding. */
export interface Items<T> {
  items: T[];
}

export interface ReviewCycle {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  status: 'draft' | 'open' | 'closed';
}

export interface Goal {
  title: string;
  progress: number;
}

export type ReviewStatus = 'draft' | 'submitted' | 'acknowledged';
export interface Review {
  id: string;
  cycleId: string;
  cycleName: string | null;
  employeeId: string;
  employeeName: string | null;
  reviewerId: string | null;
  rating: number | null;
  strengths: string | null;
  improvements: string | null;
  goals: Goal[];
  status: ReviewStatus;
  submittedAt: string | null;
  acknowledgedAt: string | null;
}

export interface Course {
  id: string;
  title: string;
  description: string | null;
  capacity: number;
  enrolled: number;
  seatsLeft: number;
  startsOn: string;
  endsOn: string;
  active: boolean;
}

export interface Enrolment {
  id: string;
  courseId: string;
  courseTitle: string | null;
  employeeId: string;
  employeeName: string | null;
  status: 'enrolled' | 'completed' | 'cancelled';
  completedAt: string | null;
  certificateNumber: string | null;
}

export interface Money {
  amount: string;
  currency: string;
}

export type OpeningStatus = 'draft' | 'open' | 'closed';
export interface Opening {
  id: string;
  title: string;
  departmentId: string;
  departmentName: string | null;
  positionId: string | null;
  location: string;
  employmentType: 'full_time' | 'part_time' | 'contract' | 'intern';
  salaryMin: Money | null;
  salaryMax: Money | null;
  status: OpeningStatus;
  closingDate: string | null;
  description: string | null;
}

export type Stage = 'applied' | 'screening' | 'interview' | 'offer' | 'hired' | 'rejected' | 'withdrawn';
export interface Application {
  id: string;
  openingId: string;
  openingTitle: string | null;
  candidateName: string;
  email: string;
  phone: string | null;
  stage: Stage;
  notes: string | null;
  hiredEmployeeId: string | null;
  createdAt: string;
}

export interface Interview {
  id: string;
  applicationId: string;
  scheduledAt: string;
  interviewerId: string | null;
  rating: number | null;
  feedback: string | null;
}

export type ResignationStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'completed';
export interface Checklist {
  equipmentReturned: boolean;
  accessRevoked: boolean;
  finalSettlementDone: boolean;
}
export interface Resignation {
  id: string;
  employeeId: string;
  employeeName: string | null;
  lastWorkingDay: string;
  reason: string;
  status: ResignationStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  checklist: Checklist;
  exitNotes: string | null;
  createdAt: string;
}

export interface EmployeeRef {
  id: string;
  fullName: string;
  departmentId: string | null;
}

export interface DepartmentRef {
  id: string;
  name: string;
}
