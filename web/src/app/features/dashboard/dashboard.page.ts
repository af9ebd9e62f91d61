import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import type { ChartConfiguration } from 'chart.js';
import { BaseChartDirective } from 'ng2-charts';
import { Api } from '../../core/api';
import type { HrAnswer } from '../../core/api-types';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { type BarData, greeting, headcountChart, leaveChart, ownCards } from './figures';
import type { HrDashboard } from './models';

const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });

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
        <span class="muted">{{ todayLabel() }}</span>
      </header>

      <k-list-state [state]="figures.state()" [error]="figures.error()" (retry)="figures.reload()" />
      @if (figures.data(); as d) {
        <div class="cards">
          @if (cards.checkIn) {
            <mat-card class="card" data-testid="card-check-in">
              <mat-card-header><mat-card-title>Today</mat-card-title></mat-card-header>
              <mat-card-content>
                <p class="figure-text" data-testid="check-in-status">
                  @if (d.myDay?.checkInAt; as inAt) {
                    Checked in at {{ time(inAt) }}{{ d.myDay?.checkOutAt ? ', out at ' + time(d.myDay!.checkOutAt!) : '' }}
                  } @else {
                    {{ statusLabel(d.myDay?.status) }}
                  }
                </p>
              </mat-card-content>
              <mat-card-actions class="actions">
                <a mat-flat-button routerLink="/hr/attendance/me">{{ d.myDay?.checkInAt && !d.myDay?.checkOutAt ? 'Check out' : 'My attendance' }}</a>
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

          @if (d.pendingApprovals !== undefined) {
            <mat-card class="card" data-testid="card-approvals">
              <mat-card-header><mat-card-title>{{ d.headcount ? 'Pending leave approvals' : 'Team approvals pending' }}</mat-card-title></mat-card-header>
              <mat-card-content>
                <p class="figure" data-testid="pending-approvals">{{ d.pendingApprovals }}</p>
                @for (r of approvals.data() ?? []; track r.employeeId + r.startDate) {
                  <p class="muted">{{ r.employeeName }} · {{ r.leaveType }} · {{ calendar.date(r.startDate) }}</p>
                }
              </mat-card-content>
              <mat-card-actions><a mat-stroked-button routerLink="/hr/leave/approvals">Review requests</a></mat-card-actions>
            </mat-card>
          }

          @if (d.outToday && !d.headcount) {
            <mat-card class="card" data-testid="card-out-today">
              <mat-card-header><mat-card-title>Out today</mat-card-title></mat-card-header>
              <mat-card-content>
                @if (d.outToday.length) {
                  <ul class="rows">
                    @for (o of d.outToday; track o.employeeId) {
                      <li><span>{{ o.name }}</span><span class="muted">{{ o.leaveType }} until {{ o.until }}</span></li>
                    }
                  </ul>
                } @else {
                  <p class="state">Nobody in your team is on leave today.</p>
                }
              </mat-card-content>
            </mat-card>
          }

          @if (d.headcount; as hc) {
            <mat-card class="card wide" data-testid="card-headcount">
              <mat-card-header><mat-card-title>Headcount</mat-card-title></mat-card-header>
              <mat-card-content>
                <p class="figure"><span data-testid="headcount">{{ hc.total }}</span> <span class="unit">employees</span></p>
                @if (headcountConfig(); as cfg) {
                  <div class="chart" role="img" [attr.aria-label]="headcountSummary()">
                    <canvas baseChart [type]="'bar'" [data]="cfg.data" [options]="cfg.options"></canvas>
                  </div>
                }
              </mat-card-content>
            </mat-card>
          }

          @if (d.attendanceToday; as f) {
            <mat-card class="card" data-testid="card-attendance">
              <mat-card-header><mat-card-title>{{ f.scope === 'team' ? 'Team attendance today' : 'Attendance today' }}</mat-card-title></mat-card-header>
              <mat-card-content>
                <p class="figure">
                  <span data-testid="attendance-today-count">{{ f.present + f.remote }}</span>
                  <span class="unit">of {{ f.expected }} checked in</span>
                </p>
                <dl class="stats">
                  <div><dt>Late</dt><dd data-testid="attendance-late">{{ f.late }}</dd></div>
                  <div><dt>Remote</dt><dd>{{ f.remote }}</dd></div>
                  <div><dt>On leave</dt><dd data-testid="attendance-on-leave">{{ f.onLeave }}</dd></div>
                  <div><dt>Absent</dt><dd data-testid="attendance-absent">{{ f.absent }}</dd></div>
                  <div><dt>{{ f.workingDay ? 'Not in yet' : 'Day off' }}</dt><dd data-testid="attendance-not-in">{{ f.workingDay ? f.notInYet : f.holiday }}</dd></div>
                </dl>
              </mat-card-content>
              <mat-card-actions><a mat-stroked-button routerLink="/hr/attendance/daily">Team attendance</a></mat-card-actions>
            </mat-card>
          }

          @if (d.leaveThisMonth && d.headcount) {
            <mat-card class="card wide" data-testid="card-leave-month">
              <mat-card-header><mat-card-title>Leave taken this month</mat-card-title></mat-card-header>
              <mat-card-content>
                <p class="figure"><span data-testid="leave-month-days">{{ d.leaveThisMonth.days }}</span> <span class="unit">working days</span></p>
                @if (leaveConfig(); as cfg) {
                  <div class="chart" role="img" [attr.aria-label]="leaveSummary()">
                    <canvas baseChart [type]="'bar'" [data]="cfg.data" [options]="cfg.options"></canvas>
                  </div>
                } @else {
                  <p class="state">No approved leave this month.</p>
                }
              </mat-card-content>
            </mat-card>
          }
        </div>
      }
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
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly cards = ownCards((p) => this.auth.can(p));
  protected readonly hello = greeting();
  protected readonly firstName = computed(() => this.auth.user()?.fullName.split(' ')[0] ?? '');

  /** Every figure on this page, counted by the server in the caller's scope and the company's calendar. */
  protected readonly figures = loader(
    () => this.api.get<HrDashboard>('/api/hr/dashboard'),
    () => false,
  );
  /** The company's today (not the browser's), written out. */
  protected readonly todayLabel = computed(() => {
    const today = this.figures.data()?.today;
    return today ? `${WEEKDAY.format(new Date(`${today}T00:00:00Z`))}, ${this.calendar.date(today)}` : '';
  });
  protected readonly balances = loader(() =>
    this.api.get<HrAnswer<'/api/hr/leave-balances'>>('/api/hr/leave-balances').then((r) => r.items),
  );
  /** The first few requests waiting, to name them on the approvals card. */
  protected readonly approvals = loader(
    () =>
      this.api
        .get<HrAnswer<'/api/hr/leave-requests'>>('/api/hr/leave-requests', {
          scope: 'team',
          status: 'pending',
          limit: 3,
        })
        .then((r) => r.items),
    () => false,
  );

  protected readonly headcountConfig = computed(() => {
    const hc = this.figures.data()?.headcount;
    const chart = hc ? headcountChart(hc.byDepartment) : undefined;
    return chart?.labels.length ? barConfig(chart, 'Employees', chart.labels.length > 6) : undefined;
  });
  protected readonly headcountSummary = computed(() => {
    const rows = this.figures.data()?.headcount?.byDepartment ?? [];
    return `Employees by department: ${rows.map((r) => `${r.name} ${r.headcount}`).join(', ')}`;
  });
  protected readonly leaveConfig = computed(() => {
    const byType = this.figures.data()?.leaveThisMonth?.byType;
    const chart = byType ? leaveChart(byType) : undefined;
    return chart?.labels.length ? barConfig(chart, 'Days') : undefined;
  });
  protected readonly leaveSummary = computed(() => {
    const rows = this.figures.data()?.leaveThisMonth?.byType ?? [];
    return `Leave days this month by type: ${rows.map((r) => `${r.leaveType} ${r.days}`).join(', ')}`;
  });

  constructor() {
    void this.figures.reload();
    if (this.cards.balances) void this.balances.reload();
    if (this.auth.can('hr.leaves.approve')) void this.approvals.reload();
  }

  /** A check-in or check-out time on the company's clocks. */
  protected time(iso: string): string {
    return this.calendar.time(iso);
  }

  protected statusLabel(status: string | undefined): string {
    return (
      (status &&
        { absent: 'Marked absent', on_leave: 'On leave today', holiday: 'Public holiday', remote: 'Remote' }[status]) ??
      'Not checked in yet'
    );
  }
}
