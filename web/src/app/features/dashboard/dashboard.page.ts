import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import type { ChartConfiguration } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';
import { Api } from '../../core/api';
import type { HrAnswer } from '../../core/api-types';
import { Auth } from '../../core/auth';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import {
  attendanceToday,
  type BarData,
  dashboardCards,
  greeting,
  headcountChart,
  leaveByType,
  monthRange,
  outOn,
} from './figures';

function localDay(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function barConfig(data: BarData, label: string, horizontal = false): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: [{ label, data: data.values, backgroundColor: '#3f6fd8', borderRadius: 4, maxBarThickness: 36 }],
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  };
}

@Component({
  selector: 'k-dashboard',
  imports: [MatCardModule, MatButtonModule, RouterLink, BaseChartDirective, ListStateView],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>{{ hello }}, {{ firstName() }}</h1>
        <span class="muted">{{ todayLabel }}</span>
      </header>

      <div class="cards">
        @if (cards.checkIn) {
          <mat-card class="card" data-testid="card-check-in">
            <mat-card-header><mat-card-title>Today</mat-card-title></mat-card-header>
            <mat-card-content>
              <k-list-state [state]="myDay.state()" [error]="myDay.error()" (retry)="myDay.reload()" />
              @if (myDay.state() === 'ready') {
                @if (myDay.data()?.[0]; as d) {
                  <p class="figure-text" data-testid="check-in-status">
                    @if (d.checkInAt) {
                      Checked in at {{ time(d.checkInAt) }}{{ d.checkOutAt ? ', out at ' + time(d.checkOutAt) : '' }}
                    } @else {
                      {{ statusLabel(d.status) }}
                    }
                  </p>
                } @else {
                  <p class="figure-text" data-testid="check-in-status">Not checked in yet</p>
                }
              }
            </mat-card-content>
            <mat-card-actions class="actions">
              <a mat-flat-button routerLink="/hr/attendance/me">Check in</a>
              @if (cards.balances) {
                <a mat-stroked-button routerLink="/hr/leave/me">Request leave</a>
              }
            </mat-card-actions>
          </mat-card>
        }

        @if (cards.balances) {
          <mat-card class="card" data-testid="card-balances">
            <mat-card-header><mat-card-title>My leave balances</mat-card-title></mat-card-header>
            <mat-card-content>
              <k-list-state [state]="balances.state()" [error]="balances.error()" empty="No leave types apply to you." (retry)="balances.reload()" />
              @if (balances.state() === 'ready') {
                <ul class="rows">
                  @for (b of balances.data(); track b.leaveTypeId) {
                    <li>
                      <span>{{ b.leaveType }}</span>
                      <span><strong>{{ b.available }}</strong> days{{ b.pending ? ' (' + b.pending + ' pending)' : '' }}</span>
                    </li>
                  }
                </ul>
              }
            </mat-card-content>
          </mat-card>
        }

        @if (cards.approvals) {
          <mat-card class="card" data-testid="card-approvals">
            <mat-card-header><mat-card-title>{{ cards.team ? 'Team approvals pending' : 'Pending leave approvals' }}</mat-card-title></mat-card-header>
            <mat-card-content>
              <k-list-state [state]="approvals.state()" [error]="approvals.error()" (retry)="approvals.reload()" />
              @if (approvals.data(); as a) {
                <p class="figure" data-testid="pending-approvals">{{ a.total }}</p>
                @for (r of a.items.slice(0, 3); track r.employeeId + r.startDate) {
                  <p class="muted">{{ r.employeeName }} · {{ r.leaveType }} · {{ r.startDate }}</p>
                }
              }
            </mat-card-content>
            <mat-card-actions><a mat-stroked-button routerLink="/hr/leave/approvals">Review requests</a></mat-card-actions>
          </mat-card>
        }

        @if (cards.team) {
          <mat-card class="card" data-testid="card-out-today">
            <mat-card-header><mat-card-title>Out today</mat-card-title></mat-card-header>
            <mat-card-content>
              <k-list-state [state]="outToday.state()" [error]="outToday.error()" empty="Everyone in your team is in today." (retry)="outToday.reload()" />
              @if (outToday.state() === 'ready') {
                <ul class="rows">
                  @for (o of outToday.data(); track o.name) {
                    <li><span>{{ o.name }}</span><span class="muted">{{ o.leaveType }} until {{ o.until }}</span></li>
                  }
                </ul>
              }
            </mat-card-content>
          </mat-card>
        }

        @if (cards.headcount) {
          <mat-card class="card wide" data-testid="card-headcount">
            <mat-card-header><mat-card-title>Headcount</mat-card-title></mat-card-header>
            <mat-card-content>
              <k-list-state [state]="headcount.state()" [error]="headcount.error()" empty="No employees yet." (retry)="headcount.reload()" />
              @if (headcount.state() === 'ready') {
                <p class="figure"><span data-testid="headcount">{{ headcount.data()?.total }}</span> <span class="unit">employees</span></p>
                @if (headcountConfig(); as cfg) {
                  <div class="chart" role="img" [attr.aria-label]="headcountSummary()">
                    <canvas baseChart [type]="'bar'" [data]="cfg.data" [options]="cfg.options"></canvas>
                  </div>
                }
              }
            </mat-card-content>
          </mat-card>
        }

        @if (cards.attendance) {
          <mat-card class="card" data-testid="card-attendance">
            <mat-card-header><mat-card-title>Attendance today</mat-card-title></mat-card-header>
            <mat-card-content>
              <k-list-state [state]="attendance.state()" [error]="attendance.error()" (retry)="attendance.reload()" />
              @if (attendanceFigures(); as f) {
                <p class="figure"><span data-testid="attendance-today-count">{{ f.present }}</span> <span class="unit">checked in</span></p>
                <dl class="stats">
                  <div><dt>Late</dt><dd data-testid="attendance-late">{{ f.late }}</dd></div>
                  <div><dt>Remote</dt><dd>{{ f.remote }}</dd></div>
                  <div><dt>On leave</dt><dd>{{ f.onLeave }}</dd></div>
                  <div><dt>{{ attendanceHeadcount() === undefined ? 'Absent' : 'Absent / not in' }}</dt><dd data-testid="attendance-absent">{{ f.absent }}</dd></div>
                </dl>
              }
            </mat-card-content>
            <mat-card-actions><a mat-stroked-button routerLink="/hr/attendance/daily">Team attendance</a></mat-card-actions>
          </mat-card>
        }

        @if (cards.leaveMonth) {
          <mat-card class="card wide" data-testid="card-leave-month">
            <mat-card-header><mat-card-title>Leave taken this month</mat-card-title></mat-card-header>
            <mat-card-content>
              <k-list-state [state]="leaveMonth.state()" [error]="leaveMonth.error()" empty="No approved leave this month." (retry)="leaveMonth.reload()" />
              @if (leaveMonth.state() === 'ready') {
                @if (leaveChart(); as chart) {
                  <p class="figure"><span data-testid="leave-month-days">{{ chart.total }}</span> <span class="unit">days</span></p>
                  @if (chart.labels.length) {
                    <div class="chart" role="img" [attr.aria-label]="leaveSummary()">
                      <canvas baseChart [type]="'bar'" [data]="leaveConfig()!.data" [options]="leaveConfig()!.options"></canvas>
                    </div>
                  } @else {
                    <p class="state">No approved leave this month.</p>
                  }
                }
              }
            </mat-card-content>
          </mat-card>
        }
      </div>
    </section>
  `,
  styles: `
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 16px; }
    .card.wide { grid-column: span 2; }
    @media (max-width: 640px) { .card.wide { grid-column: auto; } }
    .figure { font: var(--mat-sys-display-small); margin: 8px 0; }
    .figure-text { font: var(--mat-sys-title-large); margin: 8px 0; }
    .unit, .muted { font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); }
    .muted { margin: 2px 0; }
    .chart { position: relative; height: 220px; }
    .rows { list-style: none; padding: 0; margin: 8px 0; }
    .rows li { display: flex; justify-content: space-between; gap: 8px; padding: 6px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .stats { display: grid; grid-template-columns: repeat(2, 1fr); gap: 8px; margin: 0; }
    .stats dt { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .stats dd { margin: 0; font: var(--mat-sys-title-medium); }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  private readonly api = inject(Api);
  private readonly auth = inject(Auth);
  protected readonly cards = dashboardCards((p) => this.auth.can(p));
  protected readonly hello = greeting();
  protected readonly todayLabel = new Date().toLocaleDateString(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  protected readonly firstName = computed(() => this.auth.user()?.fullName.split(' ')[0] ?? '');
  private readonly today = localDay();
  private readonly month = monthRange();
  private readonly me = this.auth.user()?.employeeId ?? null;

  protected readonly myDay = loader(
    () =>
      this.me
        ? this.api
            .get<HrAnswer<'/api/hr/attendance'>>('/api/hr/attendance', {
              employeeId: this.me,
              from: this.today,
              to: this.today,
              limit: 1,
            })
            .then((r) => r.items)
        : Promise.resolve([]),
    () => false,
  );
  protected readonly balances = loader(() =>
    this.api.get<HrAnswer<'/api/hr/leave-balances'>>('/api/hr/leave-balances').then((r) => r.items),
  );
  protected readonly approvals = loader(
    () =>
      this.api.get<HrAnswer<'/api/hr/leave-requests'>>('/api/hr/leave-requests', {
        scope: 'team',
        status: 'pending',
        limit: 3,
      }),
    () => false,
  );
  protected readonly outToday = loader(() =>
    this.api
      .get<HrAnswer<'/api/hr/leave-requests'>>('/api/hr/leave-requests', {
        scope: 'team',
        status: 'approved',
        from: this.today,
        to: this.today,
        limit: 200,
      })
      .then((r) => outOn(r.items, this.today)),
  );
  protected readonly headcount = loader(
    async () => {
      const [active, onLeave, departments] = await Promise.all([
        this.api.get<HrAnswer<'/api/hr/employees'>>('/api/hr/employees', { status: 'active', limit: 1 }),
        this.api.get<HrAnswer<'/api/hr/employees'>>('/api/hr/employees', { status: 'on_leave', limit: 1 }),
        this.api.get<HrAnswer<'/api/hr/departments'>>('/api/hr/departments'),
      ]);
      return { total: active.total + onLeave.total, chart: headcountChart(departments.items) };
    },
    (v) => v.total === 0,
  );
  protected readonly headcountConfig = computed(() => {
    const chart = this.headcount.data()?.chart;
    return chart?.labels.length ? barConfig(chart, 'Employees', chart.labels.length > 6) : undefined;
  });
  protected readonly headcountSummary = computed(() => {
    const c = this.headcount.data()?.chart;
    return `Employees by department: ${c?.labels.map((l, i) => `${l} ${c.values[i]}`).join(', ')}`;
  });

  /** HR's headcount makes "absent" count the unrecorded too; a manager's team size is not known here. */
  protected readonly attendanceHeadcount = computed(() =>
    this.cards.headcount ? this.headcount.data()?.total : undefined,
  );
  protected readonly attendance = loader(
    () =>
      this.api.get<HrAnswer<'/api/hr/attendance'>>('/api/hr/attendance', {
        from: this.today,
        to: this.today,
        limit: 200,
      }),
    () => false,
  );
  protected readonly attendanceFigures = computed(() => {
    const data = this.attendance.data();
    return data ? attendanceToday(data.items, this.attendanceHeadcount()) : undefined;
  });

  protected readonly leaveMonth = loader(
    () =>
      this.api.get<HrAnswer<'/api/hr/leave-requests'>>('/api/hr/leave-requests', {
        status: 'approved',
        from: this.month.from,
        to: this.month.to,
        limit: 200,
      }),
    () => false,
  );
  protected readonly leaveChart = computed(() => {
    const data = this.leaveMonth.data();
    return data ? leaveByType(data.items, this.month.from, this.month.to) : undefined;
  });
  protected readonly leaveConfig = computed(() => {
    const c = this.leaveChart();
    return c ? barConfig(c, 'Days') : undefined;
  });
  protected readonly leaveSummary = computed(() => {
    const c = this.leaveChart();
    return `Leave days this month by type: ${c?.labels.map((l, i) => `${l} ${c.values[i]}`).join(', ')}`;
  });

  constructor() {
    if (this.cards.checkIn) void this.myDay.reload();
    if (this.cards.balances) void this.balances.reload();
    if (this.cards.approvals) void this.approvals.reload();
    if (this.cards.team) void this.outToday.reload();
    if (this.cards.headcount) void this.headcount.reload();
    if (this.cards.attendance) void this.attendance.reload();
    if (this.cards.leaveMonth) void this.leaveMonth.reload();
  }

  protected time(iso: string): string {
    return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }

  protected statusLabel(status: string): string {
    return (
      { absent: 'Marked absent', on_leave: 'On leave today', holiday: 'Public holiday', remote: 'Remote' }[status] ??
      'Not checked in yet'
    );
  }
}
