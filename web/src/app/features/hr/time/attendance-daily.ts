import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Api } from '../../../core/api';
import type { HrAnswer } from '../../../core/api-types';
import { Auth } from '../../../core/auth';
import { CompanyCalendar } from '../../../core/company-calendar';
import { controlError, problemMessage, toProblem } from '../../../core/problems';
import { FormMessage, formSubmission } from '../../../shared/form-submit';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import type { AttendanceDayRow, AttendanceRecord } from './models';
import { type AttendanceStatus, type DayState, dayStateLabel, hoursText, isIsoDate } from './time-logic';

const STATUSES: AttendanceStatus[] = ['present', 'remote', 'absent', 'on_leave', 'holiday'];
const DAY_STATES: DayState[] = ['present', 'remote', 'not_in_yet', 'absent', 'on_leave', 'holiday', 'weekend'];
const PAGE = 100;

@Component({
  selector: 'k-attendance-daily',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ListStateView,
    FormMessage,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Team attendance</h1>
        @if (canExport) {
          <div class="actions">
            <button mat-stroked-button type="button" data-testid="export-csv" [disabled]="exporting()" (click)="export('csv')">Export CSV</button>
            <button mat-stroked-button type="button" data-testid="export-xlsx" [disabled]="exporting()" (click)="export('xlsx')">Export XLSX</button>
          </div>
        }
      </header>

      <div class="toolbar">
        <mat-form-field>
          <mat-label>Date</mat-label>
          <input matInput type="date" [formControl]="date" data-testid="attendance-date" (change)="load()" />
          <mat-error>{{ dateError() }}</mat-error>
        </mat-form-field>
        <button mat-button type="button" (click)="date.setValue(today()); load()">Today</button>
        <mat-form-field>
          <mat-label>Show</mat-label>
          <mat-select [value]="state()" (selectionChange)="filter($event.value)" data-testid="attendance-state">
            <mat-option [value]="null">Everyone</mat-option>
            @for (s of dayStates; track s) {
              <mat-option [value]="s">{{ dayLabel(s) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </div>
      @if (records.data(); as d) {
        <p class="note" data-testid="attendance-counts">
          @if (d.holidayName) { {{ d.holidayName }} (public holiday) · }
          @for (s of dayStates; track s) {
            @if (d.counts[s]) { <span>{{ dayLabel(s) }}: {{ d.counts[s] }}</span>{{ ' ' }} }
          }
        </p>
      }
      @if (message()) {
        <p class="state error" role="alert">{{ message() }}</p>
      }

      @if (editing(); as row) {
        <form class="inline-form" [formGroup]="form" (ngSubmit)="saveCorrection(row)" novalidate data-testid="correction-form">
          <h2>{{ row.record ? 'Correct' : 'Add the day for' }} {{ row.employeeName }} · {{ calendar.date(day) }}</h2>
          <div class="form-grid">
            <mat-form-field>
              <mat-label>Status</mat-label>
              <mat-select formControlName="status">
                @for (s of statuses; track s) {
                  <mat-option [value]="s">{{ statusLabel(s) }}</mat-option>
                }
              </mat-select>
              <mat-error>{{ submission.error('status', 'Status') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Check-in time</mat-label>
              <input matInput type="time" formControlName="checkInAt" />
              <mat-hint>{{ calendar.timeZone() }} time</mat-hint>
              <mat-error>{{ submission.error('checkInAt', 'Check-in time') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Check-out time</mat-label>
              <input matInput type="time" formControlName="checkOutAt" />
              <mat-hint>{{ calendar.timeZone() }} time</mat-hint>
              <mat-error>{{ submission.error('checkOutAt', 'Check-out time') }}</mat-error>
            </mat-form-field>
          </div>
          <mat-form-field class="full-width">
            <mat-label>Reason</mat-label>
            <textarea matInput formControlName="reason" rows="2" required></textarea>
            <mat-error>{{ submission.error('reason', 'Reason') }}</mat-error>
          </mat-form-field>
          <k-form-message [message]="submission.message()" />
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="submission.busy()">{{ submission.busy() ? 'Saving…' : row.record ? 'Save correction' : 'Add day' }}</button>
            <button mat-button type="button" (click)="editing.set(null)">Cancel</button>
          </div>
        </form>
      }

      <k-list-state [state]="records.state()" [error]="records.error()" empty="Nobody in your scope matches on this day." (retry)="records.reload()" />
      @if (records.state() === 'ready') {
        <div class="table-wrap">
          <table class="k-table" data-testid="attendance-daily-table">
            <caption class="cdk-visually-hidden">Attendance on {{ calendar.date(day) }}</caption>
            <thead>
              <tr>
                <th scope="col">Employee</th><th scope="col">Department</th><th scope="col">Status</th><th scope="col">Check-in</th><th scope="col">Check-out</th><th scope="col">Hours</th>
                @if (canManage) { <th scope="col"><span class="cdk-visually-hidden">Actions</span></th> }
              </tr>
            </thead>
            <tbody>
              @for (r of records.data()!.items; track r.employeeId) {
                <tr data-testid="attendance-row" [attr.data-state]="r.state">
                  <td>{{ r.employeeName }}</td>
                  <td>{{ r.departmentName ?? '' }}</td>
                  <td>
                    {{ dayLabel(r.state) }}@if (r.leaveTypeName) { <span class="note"> ({{ r.leaveTypeName }})</span> }
                    @if (r.record?.corrected) { <span class="note" [title]="r.record?.correctionReason ?? ''"> (corrected)</span> }
                  </td>
                  <td>{{ time(r.record?.checkInAt ?? null) }}</td>
                  <td>{{ time(r.record?.checkOutAt ?? null) }}</td>
                  <td>{{ hours(r.record?.hours) }}</td>
                  @if (canManage) {
                    <td>
                      <button mat-button type="button" (click)="edit(r)" [attr.aria-label]="(r.record ? 'Correct ' : 'Add the day for ') + r.employeeName">
                        {{ r.record ? 'Correct' : 'Add day' }}
                      </button>
                    </td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (records.data(); as d) {
          @if (d.offset > 0 || d.total === null || d.total > d.offset + d.items.length) {
            <div class="actions">
              <button mat-button type="button" [disabled]="d.offset === 0" (click)="page(-1)">Previous</button>
              <span class="note">{{ d.offset + 1 }}–{{ d.offset + d.items.length }} of {{ d.total ?? 'many' }}</span>
              <button mat-button type="button" [disabled]="d.total !== null && d.offset + d.items.length >= d.total" (click)="page(1)">Next</button>
            </div>
          }
        }
      }
    </section>
  `,
  styleUrl: './time.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttendanceDailyPage {
  private readonly api = inject(Api);
  private readonly snack = inject(MatSnackBar);
  private readonly auth = inject(Auth);
  /** Times here are read and typed on the company's clocks, whatever the browser's zone. */
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly today = this.calendar.today;
  protected readonly canManage = this.auth.can('hr.attendance.manage');
  protected readonly canExport = this.auth.can('hr.employees.export');
  protected readonly statuses = STATUSES;
  protected readonly dayStates = DAY_STATES;
  protected readonly statusLabel = dayStateLabel;
  protected readonly dayLabel = dayStateLabel;
  protected readonly state = signal<DayState | null>(null);
  protected readonly time = (instant: string | null) => this.calendar.time(instant);
  protected readonly hours = hoursText;
  protected readonly date = new FormControl(this.today(), { nonNullable: true, validators: Validators.required });
  protected readonly editing = signal<AttendanceDayRow | null>(null);
  protected readonly exporting = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    status: ['present' as AttendanceStatus, Validators.required],
    checkInAt: [''],
    checkOutAt: [''],
    reason: ['', [Validators.required, Validators.minLength(3), Validators.maxLength(500)]],
  });
  protected readonly submission = formSubmission(this.form);

  protected day = this.today();
  private offset = 0;
  /** Everyone in scope on the day, with or without a record (not only those who checked in). */
  protected readonly records = loader(() =>
    this.api.get<HrAnswer<'/api/hr/attendance/day'>>('/api/hr/attendance/day', {
      date: this.day,
      limit: PAGE,
      offset: this.offset,
      ...(this.state() ? { state: this.state() } : {}),
    }),
  );

  constructor() {
    void this.records.reload();
  }

  protected dateError(): string {
    return this.date.hasError('custom') ? 'Enter a valid date.' : controlError(this.date, 'Date');
  }

  load(): void {
    const value = this.date.value;
    if (!isIsoDate(value)) {
      this.date.markAsTouched();
      return;
    }
    this.day = value;
    this.offset = 0;
    this.editing.set(null);
    void this.records.reload();
  }

  filter(state: DayState | null): void {
    this.state.set(state);
    this.offset = 0;
    void this.records.reload();
  }

  page(step: 1 | -1): void {
    this.offset = Math.max(0, this.offset + step * PAGE);
    void this.records.reload();
  }

  edit(r: AttendanceDayRow): void {
    this.submission.message.set(undefined);
    const fallback: AttendanceStatus = r.state === 'on_leave' || r.state === 'holiday' ? r.state : 'present';
    this.form.reset({
      status: r.record?.status ?? fallback,
      checkInAt: this.calendar.wallClock(r.record?.checkInAt ?? null),
      checkOutAt: this.calendar.wallClock(r.record?.checkOutAt ?? null),
      reason: '',
    });
    this.editing.set(r);
  }

  async saveCorrection(row: AttendanceDayRow): Promise<void> {
    const v = this.form.getRawValue();
    if (v.checkInAt && v.checkOutAt && v.checkOutAt < v.checkInAt) {
      this.form.controls.checkOutAt.setErrors({ custom: 'Check-out must be after check-in.' });
    }
    await this.submission.run(async () => {
      const body = {
        status: v.status,
        checkInAt: this.calendar.instantAt(this.day, v.checkInAt),
        checkOutAt: this.calendar.instantAt(this.day, v.checkOutAt),
        reason: v.reason.trim(),
      };
      // A person without a record gets the missing day added; a record is corrected in place.
      if (row.record) await this.api.patch<AttendanceRecord>(`/api/hr/attendance/${row.record.id}`, body);
      else
        await this.api.post<AttendanceRecord>('/api/hr/attendance', {
          ...body,
          employeeId: row.employeeId,
          workDate: this.day,
        });
      this.snack.open(row.record ? 'Attendance corrected.' : 'Day added.', 'Close', { duration: 4000 });
      this.editing.set(null);
      await this.records.reload();
    });
  }

  async export(format: 'csv' | 'xlsx'): Promise<void> {
    this.message.set(undefined);
    this.exporting.set(true);
    try {
      await this.api.download(
        '/api/hr/attendance/export',
        { format, from: this.day, to: this.day },
        `attendance-${this.day}.${format}`,
      );
    } catch (err) {
      this.message.set(problemMessage(toProblem(err)));
    } finally {
      this.exporting.set(false);
    }
  }
}
