import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Api } from '../../../core/api';
import type { HrAnswer } from '../../../core/api-types';
import { CompanyCalendar } from '../../../core/company-calendar';
import { controlError, problemMessage, toProblem } from '../../../core/problems';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import type { LeaveRequest } from './models';
import { daysOfMonth, leaveDatesText, leaveGrid, leaveStatusLabel, shiftMonth } from './time-logic';

@Component({
  selector: 'k-leave-approvals',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatTabsModule, ListStateView],
  template: `
    <section class="page">
      <header class="page-header"><h1>Leave approvals</h1></header>
      @if (message()) {
        <p class="state error" role="alert" data-testid="approval-error">{{ message() }}</p>
      }
      <mat-tab-group (selectedIndexChange)="openTab($event)">
      <mat-tab label="Waiting for me">
      <k-list-state [state]="pending.state()" [error]="pending.error()" empty="No requests waiting for you." (retry)="pending.reload()" />
      @if (pending.state() === 'ready') {
        <div class="table-wrap">
          <table class="k-table">
            <caption class="cdk-visually-hidden">Leave requests waiting for a decision</caption>
            <thead><tr><th scope="col">Employee</th><th scope="col">Type</th><th scope="col">Dates</th><th scope="col" class="num">Days</th><th scope="col">Reason</th><th scope="col"><span class="cdk-visually-hidden">Decision</span></th></tr></thead>
            <tbody>
              @for (r of pending.data()!.items; track r.id) {
                <tr data-testid="approval-row">
                  <td>{{ r.employeeName }}</td>
                  <td>{{ r.leaveType }}</td>
                  <td>{{ dates(r) }}</td>
                  <td class="num">{{ r.days }}</td>
                  <td>{{ r.reason }}</td>
                  <td>
                    @if (rejecting() === r.id) {
                      <form class="reject" [formGroup]="rejectForm" (ngSubmit)="decide(r, 'reject')" novalidate>
                        <mat-form-field class="full-width">
                          <mat-label>Note for {{ r.employeeName }}</mat-label>
                          <textarea matInput formControlName="note" rows="2" required data-testid="reject-note"></textarea>
                          <mat-error>{{ noteError() }}</mat-error>
                        </mat-form-field>
                        <div class="actions">
                          <button mat-flat-button type="submit" [disabled]="busy() === r.id">Confirm rejection</button>
                          <button mat-button type="button" (click)="rejecting.set(null)">Back</button>
                        </div>
                      </form>
                    } @else {
                      <div class="actions">
                        <button mat-flat-button type="button" [disabled]="busy() === r.id" (click)="decide(r, 'approve')"
                                [attr.aria-label]="'Approve leave for ' + r.employeeName">Approve</button>
                        <button mat-stroked-button type="button" [disabled]="busy() === r.id" (click)="startReject(r)"
                                [attr.aria-label]="'Reject leave for ' + r.employeeName">Reject</button>
                      </div>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
      </mat-tab>
      <mat-tab label="Decided by me">
        <k-list-state [state]="history.state()" [error]="history.error()" empty="You have not decided any leave requests yet." (retry)="history.reload()" />
        @if (history.state() === 'ready') {
          <div class="table-wrap">
            <table class="k-table" data-testid="decision-history">
              <caption class="cdk-visually-hidden">Leave requests you decided</caption>
              <thead><tr><th scope="col">Employee</th><th scope="col">Type</th><th scope="col">Dates</th><th scope="col" class="num">Days</th><th scope="col">Decision</th><th scope="col">Decided</th><th scope="col">Note</th></tr></thead>
              <tbody>
                @for (r of history.data()!.items; track r.id) {
                  <tr>
                    <td>{{ r.employeeName }}</td>
                    <td>{{ r.leaveType }}</td>
                    <td>{{ dates(r) }}</td>
                    <td class="num">{{ r.days }}</td>
                    <td><span [class]="'status-' + r.status">{{ statusLabel(r.status) }}</span></td>
                    <td>{{ calendar.dateTime(r.decidedAt) }}</td>
                    <td>{{ r.decisionNote }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      </mat-tab>
      <mat-tab label="Team calendar">
        <div class="toolbar">
          <button mat-button type="button" (click)="moveMonth(-1)" aria-label="Previous month">‹ Previous</button>
          <h2 data-testid="leave-calendar-month">{{ calendar.month(month()) }}</h2>
          <button mat-button type="button" (click)="moveMonth(1)" aria-label="Next month">Next ›</button>
        </div>
        <k-list-state [state]="teamMonth.state()" [error]="teamMonth.error()" empty="Nobody in your team has approved or pending leave this month." (retry)="teamMonth.reload()" />
        @if (teamMonth.state() === 'ready') {
          <div class="table-wrap">
            <table class="k-table leave-grid" data-testid="leave-calendar">
              <caption class="cdk-visually-hidden">Team leave in {{ calendar.month(month()) }}: A approved, P pending</caption>
              <thead>
                <tr>
                  <th scope="col">Employee</th>
                  @for (d of days(); track d) { <th scope="col" class="day" [class.weekend]="weekend(d)">{{ d.slice(8) }}</th> }
                </tr>
              </thead>
              <tbody>
                @for (row of grid(); track row.employeeId) {
                  <tr>
                    <th scope="row">{{ row.employeeName }}</th>
                    @for (cell of row.days; track $index) {
                      <td class="day" [class.weekend]="weekend(days()[$index]!)" [class]="cell ? 'leave-' + cell : ''" [attr.title]="cell ? statusLabel(cell) : null">{{ cell === 'approved' ? 'A' : cell === 'pending' ? 'P' : '' }}</td>
                    }
                  </tr>
                }
              </tbody>
            </table>
          </div>
          <p class="note">A: approved · P: pending, waiting for a decision.</p>
        }
      </mat-tab>
      </mat-tab-group>
    </section>
  `,
  styles: `
    .reject { min-width: 220px; }
    .leave-grid .day { min-width: 1.6rem; padding: 2px; text-align: center; }
    .leave-grid .weekend { background: var(--mat-sys-surface-container, #f1f1f1); }
    .leave-grid .leave-approved { background: var(--mat-sys-primary-container, #cfe3ff); font-weight: 600; }
    .leave-grid .leave-pending { background: var(--mat-sys-tertiary-container, #ffe9c2); }
  `,
  styleUrl: './time.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LeaveApprovalsPage {
  private readonly api = inject(Api);
  private readonly snack = inject(MatSnackBar);
  protected readonly busy = signal<string | null>(null);
  protected readonly rejecting = signal<string | null>(null);
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly note = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.minLength(3), Validators.maxLength(500)],
  });
  protected readonly rejectForm = new FormGroup({ note: this.note });
  protected readonly dates = (r: Parameters<typeof leaveDatesText>[0]) =>
    leaveDatesText(r, (d) => this.calendar.date(d));
  protected readonly statusLabel = leaveStatusLabel;
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly month = signal(this.calendar.thisMonth());
  protected readonly days = computed(() => daysOfMonth(this.month()));
  protected readonly history = loader(() =>
    this.api.get<HrAnswer<'/api/hr/leave-requests'>>('/api/hr/leave-requests', {
      scope: 'team',
      decided: 'by-me',
      limit: 100,
    }),
  );
  /** The team's approved and pending leave overlapping the month (a month fits one page). */
  protected readonly teamMonth = loader(() => {
    const days = this.days();
    return this.api.all<LeaveRequest>('/api/hr/leave-requests', {
      scope: 'team',
      open: 'true',
      from: days[0],
      to: days[days.length - 1],
    });
  });
  protected readonly grid = computed(() => leaveGrid(this.teamMonth.data()?.items ?? [], this.days()));
  protected readonly pending = loader(() =>
    this.api.get<HrAnswer<'/api/hr/leave-requests'>>('/api/hr/leave-requests', {
      scope: 'team',
      status: 'pending',
      limit: 200,
    }),
  );

  constructor() {
    void this.pending.reload();
  }

  protected weekend(date: string): boolean {
    return this.calendar.weekendDays().includes(new Date(`${date}T00:00:00Z`).getUTCDay());
  }

  openTab(index: number): void {
    if (index === 1) void this.history.reload();
    if (index === 2) void this.teamMonth.reload();
  }

  moveMonth(step: number): void {
    this.month.update((m) => shiftMonth(m, step));
    void this.teamMonth.reload();
  }

  protected noteError(): string {
    return controlError(this.note, 'A note');
  }

  startReject(r: LeaveRequest): void {
    this.note.reset('');
    this.rejecting.set(r.id);
  }

  async decide(r: LeaveRequest, action: 'approve' | 'reject'): Promise<void> {
    this.message.set(undefined);
    if (action === 'reject' && this.note.invalid) {
      this.note.markAsTouched();
      return;
    }
    this.busy.set(r.id);
    try {
      await this.api.post(
        `/api/hr/leave-requests/${r.id}/${action}`,
        action === 'reject' ? { note: this.note.value.trim() } : {},
      );
      this.removeRow(r.id);
      this.rejecting.set(null);
      this.snack.open(
        `${action === 'approve' ? 'Approved' : 'Rejected'}: ${r.employeeName}, ${this.dates(r)}.`,
        'Close',
        {
          duration: 4000,
        },
      );
    } catch (err) {
      const problem = toProblem(err);
      this.message.set(problemMessage(problem));
      // Decided elsewhere meanwhile: it no longer waits for anyone.
      if (problem.status === 409 || problem.status === 404) this.removeRow(r.id);
    } finally {
      this.busy.set(null);
    }
  }

  private removeRow(id: string): void {
    const data = this.pending.data();
    if (data)
      this.pending.data.set({ ...data, items: data.items.filter((x) => x.id !== id), total: (data.total ?? 1) - 1 });
  }
}
