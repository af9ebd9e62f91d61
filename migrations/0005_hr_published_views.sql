-- Read-only views the HR service publishes for other services (payroll, reporting). Other
-- services read HR data only through these, never its tables.

-- The directory: who works here, where, for whom. No pay, no national id, no bank data.
CREATE VIEW "hr"."employee_directory" AS
SELECT e.id, e.number, e.first_name, e.last_name, e.first_name || ' ' || e.last_name AS full_name,
       e.work_email, e.phone, e.status, e.employment_type, e.hire_date, e.exit_date,
       e.department_id, d.name AS department_name, d.cost_centre,
       e.position_id, p.title AS position_title, e.manager_id, e.user_id, e.remote
FROM "hr"."employees" e
LEFT JOIN "hr"."departments" d ON d.id = e.department_id
LEFT JOIN "hr"."positions" p ON p.id = e.position_id;
--> statement-breakpoint
-- What payroll needs: pay terms and the payout account (still encrypted; payroll holds the key).
CREATE VIEW "hr"."payroll_employees" AS
SELECT e.id AS employee_id, e.number, e.first_name || ' ' || e.last_name AS full_name, e.status,
       e.hire_date, e.exit_date, e.department_id, d.cost_centre,
       e.salary_amount, e.salary_currency, e.salary_period, e.weekly_hours,
       e.payout_account_encrypted, e.payout_account_last4, e.national_id_encrypted
FROM "hr"."employees" e
LEFT JOIN "hr"."departments" d ON d.id = e.department_id;
--> statement-breakpoint
-- Attendance per employee and month: days by status and minutes worked.
CREATE VIEW "hr"."monthly_attendance" AS
SELECT a.employee_id, to_char(a.work_date, 'YYYY-MM') AS month,
       count(*) FILTER (WHERE a.status = 'present')::int AS present_days,
       count(*) FILTER (WHERE a.status = 'remote')::int AS remote_days,
       count(*) FILTER (WHERE a.status = 'absent')::int AS absent_days,
       count(*) FILTER (WHERE a.status = 'on_leave')::int AS leave_days,
       count(*) FILTER (WHERE a.status = 'holiday')::int AS holiday_days,
       coalesce(sum(a.worked_minutes), 0)::int AS worked_minutes
FROM "hr"."attendance_records" a
GROUP BY a.employee_id, to_char(a.work_date, 'YYYY-MM');
--> statement-breakpoint
-- Approved unpaid leave per employee and month (by the month the leave starts), for payroll's
-- unpaid-leave deduction.
CREATE VIEW "hr"."monthly_unpaid_leave" AS
SELECT r.employee_id, to_char(r.start_date, 'YYYY-MM') AS month, sum(r.days)::numeric(6, 2) AS unpaid_days
FROM "hr"."leave_requests" r
JOIN "hr"."leave_types" t ON t.id = r.leave_type_id
WHERE r.status = 'approved' AND NOT t.paid
GROUP BY r.employee_id, to_char(r.start_date, 'YYYY-MM');
