import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Api } from '../../../core/api';
import type { HrAnswer } from '../../../core/api-types';
import { Auth } from '../../../core/auth';
import { CompanyCalendar } from '../../../core/company-calendar';
import { problemMessage, toProblem } from '../../../core/problems';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import { currentPosition, LocationError } from './geolocation';
import type { AttendanceRecord } from './models';
import {
  attendanceStatusLabel,
  checkInText,
  daysOfMonth,
  hoursText,
  shiftMonth,
  todayActions,
  todayStatusText,
} from './time-logic';

@Component({
  selector: 'k-attendance-me',
  imports: [MatCardModule, MatButtonModule, ListStateView],
  template: `
    <section class="page">
      <header class="page-header"><h1>My attendance</h1></header>

      @if (!employeeId()) {
        <p class="state" role="status">Your sign-in is not linked to an employee record, so there is no attendance to show.</p>
      } @else {
        <mat-card class="today">
          <mat-card-content>
            <h2>Today, {{ calendar.date(today()) }}</h2>
            @if (recent.state() === 'loading') {
              <p aria-live="polite">Loading today's status…</p>
            } @else {
              <p class="today-status" data-testid="attendance-today" aria-live="polite">{{ todayText() }}</p>
            }
            <div class="actions">
              @if (actions().checkIn) {
                <button mat-flat-button type="button" data-testid="check-in" [disabled]="!!busy()" (click)="checkIn()">
                  {{ busy() === 'in' ? 'Checking in…' : 'Check in' }}
                </button>
              }
              @if (actions().checkOut) {
                <button mat-stroked-button type="button" data-testid="check-out" [disabled]="!!busy()" (click)="checkOut()">
                  {{ busy() === 'out' ? 'Checking out…' : 'Check out' }}
                </button>
              }
            </div>
            @if (actions().checkIn) {
              <p class="hint">Checking in shares your current location once, to match it with an office (or record you as remote if you work remotely).</p>
            }
            @if (message()) {
              <p class="state error" role="alert" data-testid="attendance-error">{{ message() }}</p>
            }
          </mat-card-content>
        </mat-card>

        <div class="toolbar month-switch">
          <button mat-button type="button" data-testid="previous-month" (click)="moveMonth(-1)" aria-label="Previous month">‹ Previous</button>
          <h2 data-testid="attendance-month">{{ month() === thisMonth() ? 'This month' : 'Month' }} ({{ calendar.month(month()) }})</h2>
          <button mat-button type="button" data-testid="next-month" [disabled]="month() >= thisMonth()" (click)="moveMonth(1)" aria-label="Next month">Next ›</button>
        </div>
        <k-list-state [state]="summary.state()" [error]="summary.error()" empty="No attendance recorded in this month." (retry)="summary.reload()" />
        @if (summary.state() === 'ready') {
          @for (s of summary.data()!.items; track s.employeeId) {
            <dl class="summary" data-testid="attendance-summary">
              <div><dt>Present</dt><dd>{{ s.present }}</dd></div>
              <div><dt>Remote</dt><dd>{{ s.remote }}</dd></div>
              <div><dt>Absent</dt><dd>{{ s.absent }}</dd></div>
              <div><dt>On leave</dt><dd>{{ s.onLeave }}</dd></div>
              <div><dt>Holiday</dt><dd>{{ s.holiday }}</dd></div>
              <div><dt>Hours</dt><dd>{{ s.hours }}</dd></div>
            </dl>
          }
        }

        <h2>Days in {{ calendar.month(month()) }}</h2>
        <k-list-state [state]="days.state()" [error]="days.error()" empty="No attendance recorded in this month." (retry)="days.reload()" />
        @if (days.state() === 'ready') {
          <div class="table-wrap">
            <table class="k-table">
              <caption class="cdk-visually-hidden">My attendance in {{ calendar.month(month()) }}</caption>
              <thead><tr><th scope="col">Date</th><th scope="col">Status</th><th scope="col">Office</th><th scope="col">Check-in</th><th scope="col">Check-out</th><th scope="col">Hours</th></tr></thead>
              <tbody>
                @for (r of days.data()!.items; track r.id) {
                  <tr data-testid="attendance-row">
                    <td>{{ calendar.date(r.workDate) }}</td>
                    <td>{{ statusLabel(r.status) }}@if (r.corrected) { <span class="note"> (corrected)</span> }</td>
                    <td>{{ r.officeName ?? '' }}</td>
                    <td>{{ time(r.checkInAt) }}</td>
                    <td>{{ time(r.checkOutAt) }}</td>
                    <td>{{ hours(r.hours) }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      }
    </section>
  `,
  styleUrl: './time.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttendanceMePage {
  private readonly api = inject(Api);
  private readonly snack = inject(MatSnackBar);
  private readonly auth = inject(Auth);
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly employeeId = computed(() => this.auth.user()?.employeeId ?? null);
  /** The company's today and month, which move on at the company's midnight. */
  protected readonly today = this.calendar.today;
  protected readonly thisMonth = this.calendar.thisMonth;
  /** The month shown below today's card; previous and next move it. */
  protected readonly month = signal(this.calendar.thisMonth());
  protected readonly busy = signal<'in' | 'out' | null>(null);
  protected readonly message = signal<string | undefined>(undefined);

  /** Today's record only: it decides the check-in and check-out buttons, whatever month is shown. */
  protected readonly recent = loader(() =>
    this.api.get<HrAnswer<'/api/hr/attendance'>>('/api/hr/attendance', {
      employeeId: this.employeeId(),
      from: this.today(),
      to: this.today(),
    }),
  );
  protected readonly days = loader(() => {
    const month = daysOfMonth(this.month());
    return this.api.get<HrAnswer<'/api/hr/attendance'>>('/api/hr/attendance', {
      employeeId: this.employeeId(),
      from: month[0],
      to: month[month.length - 1],
      limit: 31,
    });
  });
  protected readonly summary = loader(() =>
    this.api.get<HrAnswer<'/api/hr/attendance/summary'>>('/api/hr/attendance/summary', {
      month: this.month(),
      employeeId: this.employeeId(),
    }),
  );
  protected readonly todayRecord = computed(() => this.recent.data()?.items.find((r) => r.workDate === this.today()));
  protected readonly todayText = computed(() => todayStatusText(this.todayRecord(), (i) => this.calendar.time(i)));
  protected readonly actions = computed(() => todayActions(this.todayRecord(), this.recent.state() === 'loading'));

  protected readonly statusLabel = attendanceStatusLabel;
  protected readonly time = (instant: string | null) => this.calendar.time(instant);
  protected readonly hours = hoursText;

  constructor() {
    // Loads the records, and again when the company's day moves on with the page open.
    effect(() => {
      this.today();
      if (this.employeeId()) untracked(() => void this.refresh());
    });
  }

  async checkIn(): Promise<void> {
    this.message.set(undefined);
    this.busy.set('in');
    try {
      const position = await currentPosition();
      const record = await this.api.post<AttendanceRecord>('/api/hr/attendance/check-in', position);
      this.snack.open(`${checkInText(record, (i) => this.calendar.time(i))}.`, 'Close', { duration: 4000 });
      await this.refresh();
    } catch (err) {
      this.message.set(err instanceof LocationError ? err.message : problemMessage(toProblem(err)));
      if (!(err instanceof LocationError) && toProblem(err).status === 409) await this.refresh();
    } finally {
      this.busy.set(null);
    }
  }

  async checkOut(): Promise<void> {
    this.message.set(undefined);
    this.busy.set('out');
    try {
      await this.api.post<AttendanceRecord>('/api/hr/attendance/check-out');
      this.snack.open('Checked out.', 'Close', { duration: 4000 });
      await this.refresh();
    } catch (err) {
      this.message.set(problemMessage(toProblem(err)));
    } finally {
      this.busy.set(null);
    }
  }

  moveMonth(step: number): void {
    this.month.update((m) => shiftMonth(m, step));
    void Promise.all([this.days.reload(), this.summary.reload()]);
  }

  private async refresh(): Promise<void> {
    await Promise.all([this.recent.reload(), this.days.reload(), this.summary.reload()]);
  }
}
