import type { HrSchemas } from '../../../core/api-types';

/** What the HR service answers for performance, training, recruitment and offboarding. */
export type ReviewCycle = HrSchemas['ReviewCycle'];
export type Review = HrSchemas['Review'];
export type ReviewStatus = Review['status'];
export type Goal = Review['goals'][number];
export type GoalStatus = Goal['status'];
export type ReviewComment = HrSchemas['ReviewComment'];
export type Course = HrSchemas['Course'];
export type Enrolment = HrSchemas['Enrolment'];
export type Money = HrSchemas['Money'];
export type Opening = HrSchemas['JobOpening'];
export type OpeningStatus = Opening['status'];
export type Application = HrSchemas['Application'];
export type Stage = Application['stage'];
export type Interview = HrSchemas['Interview'];
export type Resignation = HrSchemas['Resignation'];
export type ResignationStatus = Resignation['status'];
export type Checklist = Resignation['checklist'];

/** The parts of an employee and a department the pickers need. */
export type DepartmentRef = Pick<HrSchemas['Department'], 'id' | 'name'>;
