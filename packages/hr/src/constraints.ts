import type { ConstraintFields } from '@konecta/core';

/**
 * The HR schema's check and unique constraints as a client meets them: the field at fault and what
 * to do. Domain code checks most of these first with friendlier wording; these answer when a race
 * or an unchecked path reaches the database. A test fails when a constraint has no entry.
 */
export const hrConstraints: ConstraintFields = {
  departments_name_idx: { path: 'name', message: 'Another department has this name.' },
  departments_cost_centre_idx: { path: 'costCentre', message: 'Another department has this cost centre.' },
  positions_title_department_idx: {
    path: 'title',
    message: 'The department already has a position with this title.',
  },
  positions_band_check: {
    path: 'salaryMax',
    message: 'The band cannot be negative, and its maximum cannot be below its minimum.',
  },
  employees_number_idx: { message: 'Two employees were given the same number at once; try again.' },
  employees_work_email_idx: { path: 'workEmail', message: 'Another employee has this work email.' },
  employees_user_idx: { message: 'This login already belongs to another employee.' },
  employees_salary_check: { path: 'salary.amount', message: 'The salary cannot be negative.' },
  employees_exit_check: { path: 'exitDate', message: 'The exit date cannot be before the hire date.' },
  office_locations_name_idx: { path: 'name', message: 'Another office has this name.' },
  office_locations_radius_check: { path: 'radiusMeters', message: 'Use a radius from 10 m to 50 km.' },
  office_locations_coordinates_check: {
    path: 'latitude',
    message: 'Latitude runs from -90 to 90 and longitude from -180 to 180.',
  },
  attendance_employee_day_idx: { path: 'workDate', message: 'There is already an attendance record for this day.' },
  attendance_times_check: { path: 'checkOutAt', message: 'The check-out cannot be before the check-in.' },
  holidays_date_idx: { path: 'date', message: 'There is already a holiday on this date.' },
  leave_types_name_idx: { path: 'name', message: 'Another leave type has this name.' },
  leave_types_code_idx: { path: 'code', message: 'Another leave type has this code.' },
  leave_requests_dates_check: { path: 'endDate', message: 'The end date cannot be before the start date.' },
  leave_requests_days_check: { path: 'endDate', message: 'The request must cover at least one working day.' },
  leave_ledger_period_idx: { message: 'This period was already credited; try again.' },
  leave_ledger_request_idx: { message: 'This request was already booked; try again.' },
  review_cycles_name_idx: { path: 'name', message: 'Another review cycle has this name.' },
  review_cycles_dates_check: { path: 'endDate', message: 'The end date cannot be before the start date.' },
  reviews_self_rating_check: { path: 'selfRating', message: 'Rate yourself from 1 to 5.' },
  review_goals_review_position_idx: { path: 'goals', message: 'The goals changed at the same time; try again.' },
  review_goals_weight_check: { path: 'goals', message: 'Weigh each goal from 1 to 100%.' },
  review_goals_progress_check: { path: 'goals', message: 'Progress runs from 0 to 100%.' },
  review_comments_body_check: { path: 'body', message: 'Write a comment of up to 4,000 characters.' },
  reviews_cycle_employee_idx: { path: 'employeeId', message: 'This employee already has a review in this cycle.' },
  reviews_rating_check: { path: 'rating', message: 'Use a rating from 1 to 5.' },
  resignations_one_pending_idx: { message: 'There is already a pending resignation.' },
  courses_capacity_check: { path: 'capacity', message: 'Use a capacity of at least 1.' },
  courses_dates_check: { path: 'endsOn', message: 'The end date cannot be before the start date.' },
  enrolments_course_employee_idx: { path: 'employeeId', message: 'This employee is already enrolled in this course.' },
  enrolments_certificate_idx: { message: 'Two certificates were given the same number at once; try again.' },
  applications_opening_email_idx: { path: 'email', message: 'This person has already applied to this opening.' },
};
