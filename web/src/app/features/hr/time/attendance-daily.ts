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
import type { AttendanceRecord } from './models';
import { type AttendanceStatus, attendanceStatusLabel, hoursText, isIsoDate } from './time-logic';

const STATUSES: AttendanceStatus[] = ['present', 'remote', 'absent', 'on_leave', 'holiday'];

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
      </div>
      @if (message()) {
        <p class="state error" role="alert">{{ message() }}</p>
      }

      @if (editing(); as row) {
        <form class="inline-form" [formGroup]="form" (ngSubmit)="saveCorrection(row)" novalidate data-testid="correction-form">
          <h2>Correct {{ row.employeeName ?? 'record' }} · {{ row.workDate }}</h2>
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
            <button mat-flat-button type="submit" [disabled]="submission.busy()">{{ submission.busy() ? 'Saving…' : 'Save correction' }}</button>
            <button mat-button type="button" (click)="editing.set(null)">Cancel</button>
          </div>
        </form>
      }

      <k-list-state [state]="records.state()" [error]="records.error()" empty="No attendance recorded on this day." (retry)="records.reload()" />
      @if (records.state() === 'ready') {
        <div class="table-wrap">
          <table class="k-table" data-testid="attendance-daily-table">
            <caption class="cdk-visually-hidden">Attendance on {{ date.value }}</caption>
            <thead>
              <tr>
                <th scope="col">Employee</th><th scope="col">Status</th><th scope="col">Check-in</th><th scope="col">Check-out</th><th scope="col">Hours</th>
                @if (canManage) { <th scope="col"><span class="cdk-visually-hidden">Actions</span></th> }
              </tr>
            </thead>
            <tbody>
              @for (r of records.data()!.items; track r.id) {
                <tr data-testid="attendance-row">
                  <td>{{ r.employeeName }}</td>
                  <td>{{ statusLabel(r.status) }}@if (r.corrected) { <span class="note" [title]="r.correctionReason ?? ''"> (corrected)</span> }</td>
                  <td>{{ time(r.checkInAt) }}</td>
                  <td>{{ time(r.checkOutAt) }}</td>
                  <td>{{ hours(r.hours) }}</td>
                  @if (canManage) {
                    <td><button mat-button type="button" (click)="edit(r)" [attr.aria-label]="'Correct ' + (r.employeeName ?? 'record')">Correct</button></td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
        @if (records.data()!.total! > records.data()!.items.length) {
          <p class="note">Showing {{ records.data()!.items.length }} of {{ records.data()!.total }} records; export for the full list.</p>
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
  protected readonly statusLabel = attendanceStatusLabel;
  protected readonly time = (instant: string | null) => this.calendar.time(instant);
  protected readonly hours = hoursText;
  protected readonly date = new FormControl(this.today(), { nonNullable: true, validators: Validators.required });
  protected readonly editing = signal<AttendanceRecord | null>(null);
  protected readonly exporting = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    status: ['present' as AttendanceStatus, Validators.required],
    checkInAt: [''],
    checkOutAt: [''],
    reason: ['', [Validators.required, Validators.minLength(3), Validators.maxLength(500)]],
  });
  protected readonly submission = formSubmission(this.form);

  private day = this.today();
  protected readonly records = loader(() =>
    this.api.get<HrAnswer<'/api/hr/attendance'>>('/api/hr/attendance', { from: this.day, to: this.day, limit: 200 }),
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
    this.editing.set(null);
    void this.records.reload();
  }

  edit(r: AttendanceRecord): void {
    this.submission.message.set(undefined);
    this.form.reset({
      status: r.status,
      checkInAt: this.calendar.wallClock(r.checkInAt),
      checkOutAt: this.calendar.wallClock(r.checkOutAt),
      reason: '',
    });
    this.editing.set(r);
  }

  async saveCorrection(row: AttendanceRecord): Promise<void> {
    const v = this.form.getRawValue();
    if (v.checkInAt && v.checkOutAt && v.checkOutAt < v.checkInAt) {
      this.form.controls.checkOutAt.setErrors({ custom: 'Check-out must be after check-in.' });
    }
    await this.submission.run(async () => {
      await this.api.patch<AttendanceRecord>(`/api/hr/attendance/${row.id}`, {
        status: v.status,
        checkInAt: this.calendar.instantAt(row.workDate, v.checkInAt),
        checkOutAt: this.calendar.instantAt(row.workDate, v.checkOutAt),
        reason: v.reason.trim(),
      });
      this.snack.open('Attendance corrected.', 'Close', { duration: 4000 });
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
