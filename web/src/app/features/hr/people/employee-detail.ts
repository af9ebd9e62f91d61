import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import { Api } from '../../../core/api';
import type { HrAnswer } from '../../../core/api-types';
import { Auth } from '../../../core/auth';
import { CompanyCalendar } from '../../../core/company-calendar';
import { formatMoney } from '../../../core/money';
import { FormMessage, formSubmission } from '../../../shared/form-submit';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import {
  type Department,
  type Employee,
  employmentTypeLabel,
  type HistoryEntry,
  historyDetails,
  historyKindLabel,
  type Position,
  salaryPeriodLabel,
  statusLabel,
} from './people';
import { isoDate } from './validators';

/** One employee (`employees/:id`) or the caller's own record (`employees/me`), in tabs. */
@Component({
  selector: 'k-employee-detail',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTabsModule,
    ListStateView,
    FormMessage,
  ],
  template: `
    <section class="page">
      <p class="back"><a routerLink="/hr/employees">← Employees</a></p>
      @if (employee.data(); as e) {
        <header class="page-header">
          <div>
            <h1 data-testid="employee-name">{{ e.fullName }}</h1>
            <p class="sub">
              {{ e.number }} · {{ e.positionTitle ?? 'No position' }} · {{ e.departmentName ?? 'No department' }} ·
              <span class="status" [attr.data-status]="e.status" data-testid="employee-status">{{ statusLabel(e.status) }}</span>
            </p>
          </div>
          @if (canManage && open()) {
            <a mat-flat-button [routerLink]="['/hr/employees', e.id, 'edit']" data-testid="edit-employee">Edit</a>
          }
        </header>
        @if (notice()) {
          <p class="notice" role="status">{{ notice() }}</p>
        }

        <mat-tab-group (selectedIndexChange)="tabChanged($event)" [selectedIndex]="tab()" mat-stretch-tabs="false">
          <mat-tab label="Overview">
            <dl class="facts">
              <dt>Work email</dt>
              <dd><a [href]="'mailto:' + e.workEmail">{{ e.workEmail }}</a></dd>
              <dt>Phone</dt>
              <dd>{{ e.phone ?? '—' }}</dd>
              <dt>Department</dt>
              <dd>{{ e.departmentName ?? '—' }}</dd>
              <dt>Position</dt>
              <dd>{{ e.positionTitle ?? '—' }}</dd>
              <dt>Manager</dt>
              <dd>
                @if (e.managerId) {
                  <a [routerLink]="['/hr/employees', e.managerId]">{{ e.managerName }}</a>
                } @else {
                  —
                }
              </dd>
              <dt>Status</dt>
              <dd>{{ statusLabel(e.status) }}</dd>
              @if (e.visibility !== 'directory') {
                <dt>Works</dt>
                <dd>{{ e.remote ? 'Remotely' : 'In the office' }}</dd>
                <dt>Address</dt>
                <dd>{{ e.address || '—' }}</dd>
                <dt>Emergency contact</dt>
                <dd>
                  @if (e.emergencyContact; as c) {
                    {{ c.name }}{{ c.relation ? ' (' + c.relation + ')' : '' }} · {{ c.phone }}
                  } @else {
                    —
                  }
                </dd>
                <dt>Sign-in</dt>
                <dd>{{ e.userId ? 'Has a login' : 'No login' }}</dd>
              }
            </dl>
            @if (e.visibility === 'directory') {
              <p class="hint">You see this colleague’s directory entry only.</p>
            }
          </mat-tab>

          <mat-tab label="Job & pay">
            @if (e.visibility === 'directory') {
              <p class="state">Job and pay details are visible to the employee, their manager and HR.</p>
            } @else {
              <dl class="facts">
                <dt>Employment type</dt>
                <dd>{{ employmentTypeLabel(e.employmentType) || '—' }}</dd>
                <dt>Hire date</dt>
                <dd>{{ e.hireDate ? calendar.date(e.hireDate) : '—' }}</dd>
                <dt>Weekly hours</dt>
                <dd>{{ e.weeklyHours ?? '—' }}</dd>
                @if (e.exitDate) {
                  <dt>{{ open() ? 'Leaves on' : 'Exit date' }}</dt>
                  <dd>{{ calendar.date(e.exitDate) }}</dd>
                  <dt>Exit reason</dt>
                  <dd>{{ e.exitReason ?? '—' }}</dd>
                }
                @if (e.visibility === 'pay') {
                  <dt>Salary</dt>
                  <dd data-testid="employee-salary">{{ formatMoney(e.salary) || '—' }} {{ salaryPeriodLabel(e.salaryPeriod) }}</dd>
                  <dt>National id</dt>
                  <dd>{{ e.nationalId ?? '—' }}</dd>
                  <dt>Payout account</dt>
                  <dd>{{ e.payoutAccount ?? '—' }}</dd>
                }
              </dl>
              @if (e.visibility !== 'pay') {
                <p class="hint">Pay, national id and payout account are visible to the employee and to payroll.</p>
              }
            }
          </mat-tab>

          @if (canSeeHistory) {
            <mat-tab label="History">
              @if (history.state() === 'ready') {
                <ol class="timeline" aria-label="Employment history">
                  @for (h of history.data() ?? []; track h.id) {
                    <li>
                      <strong>{{ historyKindLabel(h.kind) }}</strong>
                      <span class="when">effective {{ calendar.date(h.effectiveDate) }} · recorded {{ calendar.date(h.at) }}</span>
                      <div>{{ describe(h) }}</div>
                    </li>
                  }
                </ol>
              }
              <k-list-state
                [state]="history.state()"
                [error]="history.error()"
                empty="No history recorded."
                (retry)="history.reload()"
              />
            </mat-tab>
          }

          @if (canManage) {
            <mat-tab label="Actions">
              <div class="actions-tab">
                @if (open()) {
                  <p><a mat-stroked-button [routerLink]="['/hr/employees', e.id, 'edit']">Edit record</a></p>
                  <h2>End employment</h2>
                  <p class="hint">
                    On the exit date the employee’s login is disabled and their reports move to their manager; until then
                    they keep working and keep their access. An exit dated today or earlier takes effect at once.
                  </p>
                  @if (e.exitDate) {
                    <p class="state" data-testid="exit-scheduled">Leaving on {{ calendar.date(e.exitDate) }}: a new exit date replaces it.</p>
                  }
                  <form [formGroup]="terminateForm" (ngSubmit)="askConfirm()" novalidate data-testid="terminate-form">
                    <div class="form-grid">
                      <mat-form-field>
                        <mat-label>Exit date</mat-label>
                        <input matInput type="date" formControlName="exitDate" required [min]="e.hireDate ?? ''" />
                        <mat-error>{{ submission.error('exitDate', 'Exit date') }}</mat-error>
                      </mat-form-field>
                      <mat-form-field>
                        <mat-label>Kind</mat-label>
                        <mat-select formControlName="status">
                          <mat-option value="terminated">Terminated</mat-option>
                          <mat-option value="resigned">Resigned</mat-option>
                        </mat-select>
                      </mat-form-field>
                      <mat-form-field class="wide">
                        <mat-label>Reason</mat-label>
                        <textarea matInput formControlName="reason" rows="2" required maxlength="500"></textarea>
                        <mat-error>{{ submission.error('reason', 'Reason') }}</mat-error>
                      </mat-form-field>
                    </div>
                    @if (!confirming()) {
                      <button mat-stroked-button type="submit" class="danger" data-testid="terminate">End employment…</button>
                    }
                  </form>
                  @if (confirming()) {
                    <div class="confirm" role="alertdialog" aria-labelledby="confirm-text" data-testid="terminate-confirm">
                      <p id="confirm-text">
                        End the employment of <strong>{{ e.fullName }}</strong> on {{ calendar.date(terminateForm.controls.exitDate.value) }}
                        ({{ terminateForm.controls.status.value }})? This cannot be undone here.
                      </p>
                      <div class="actions">
                        <button mat-flat-button type="button" class="danger-fill" [disabled]="submission.busy()" (click)="terminate()" data-testid="terminate-confirm-button">
                          {{ submission.busy() ? 'Ending…' : 'Yes, end employment' }}
                        </button>
                        <button mat-button type="button" (click)="confirming.set(false)" [disabled]="submission.busy()">Cancel</button>
                      </div>
                    </div>
                  }
                } @else {
                  <p class="state">This employee left on {{ e.exitDate ? calendar.date(e.exitDate) : '—' }}; the record is closed.</p>
                }
                <k-form-message [message]="submission.message()" />
              </div>
            </mat-tab>
          }
        </mat-tab-group>
      } @else {
        <k-list-state [state]="employee.state()" [error]="employee.error()" (retry)="employee.reload()" />
      }
    </section>
  `,
  styles: `
    .back {
      margin: 0 0 8px;
    }
    .sub {
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .status[data-status='terminated'],
    .status[data-status='resigned'] {
      color: var(--mat-sys-error);
    }
    .facts {
      display: grid;
      grid-template-columns: minmax(120px, 200px) 1fr;
      gap: 8px 16px;
      margin: 16px 0;
    }
    .facts dt {
      color: var(--mat-sys-on-surface-variant);
    }
    .facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    @media (max-width: 600px) {
      .facts {
        grid-template-columns: 1fr;
        gap: 2px;
      }
      .facts dd {
        margin-bottom: 8px;
      }
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
    .timeline {
      list-style: none;
      padding: 0;
      margin: 16px 0;
    }
    .timeline li {
      border-left: 3px solid var(--mat-sys-primary);
      padding: 4px 12px;
      margin-bottom: 12px;
    }
    .when {
      margin-left: 8px;
      font-size: 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    .actions-tab {
      padding: 16px 0;
    }
    .wide {
      grid-column: 1 / -1;
    }
    h2 {
      font: var(--mat-sys-title-medium);
    }
    .danger {
      color: var(--mat-sys-error);
    }
    .danger-fill {
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
    .confirm {
      border: 1px solid var(--mat-sys-error);
      border-radius: 12px;
      padding: 12px 16px;
      margin-top: 8px;
    }
    .notice {
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmployeeDetailPage {
  private readonly api = inject(Api);
  private readonly auth = inject(Auth);
  protected readonly calendar = inject(CompanyCalendar);

  /** The route's `:id`; absent on `employees/me`, whose route data sets `me`. */
  readonly id = input<string>();
  readonly me = input<boolean>(false);

  protected readonly canManage = this.auth.can('hr.employees.manage');
  protected readonly canSeeHistory = this.auth.can('hr.employees.read-all');
  protected readonly statusLabel = statusLabel;
  protected readonly employmentTypeLabel = employmentTypeLabel;
  protected readonly salaryPeriodLabel = salaryPeriodLabel;
  protected readonly formatMoney = formatMoney;
  protected readonly historyKindLabel = historyKindLabel;

  protected readonly tab = signal(0);
  protected readonly confirming = signal(false);
  protected readonly notice = signal<string | undefined>(undefined);

  protected readonly employee = loader(() =>
    this.api.get<Employee>(this.me() || !this.id() ? '/api/hr/employees/me' : `/api/hr/employees/${this.id()}`),
  );
  protected readonly open = computed(() => {
    const s = this.employee.data()?.status;
    return s === 'active' || s === 'on_leave';
  });
  protected readonly history = loader(() =>
    this.api
      .get<HrAnswer<'/api/hr/employees/{id}/history'>>(`/api/hr/employees/${this.employee.data()?.id}/history`)
      .then((r) => r.items),
  );
  private readonly names = loader(async () => {
    const [d, p] = await Promise.all([
      this.api.all<Department>('/api/hr/departments'),
      this.api.all<Position>('/api/hr/positions'),
    ]);
    return {
      departments: new Map(d.items.map((x) => [x.id, x.name])),
      positions: new Map(p.items.map((x) => [x.id, x.title])),
    };
  });
  private historyLoadedFor: string | undefined;

  protected readonly terminateForm = inject(FormBuilder).nonNullable.group({
    // The company's today, not the browser's.
    exitDate: [this.calendar.today(), [Validators.required, isoDate]],
    reason: ['', [Validators.required, Validators.minLength(3), Validators.maxLength(500)]],
    status: ['terminated' as 'terminated' | 'resigned'],
  });
  protected readonly submission = formSubmission(this.terminateForm);

  constructor() {
    effect(() => {
      this.id();
      this.me();
      this.historyLoadedFor = undefined;
      this.tab.set(0);
      void this.employee.reload();
    });
  }

  protected tabChanged(index: number): void {
    this.tab.set(index);
    // History is the third tab when shown: fetch it the first time it opens.
    const id = this.employee.data()?.id;
    if (this.canSeeHistory && index === 2 && id && this.historyLoadedFor !== id) {
      this.historyLoadedFor = id;
      void this.history.reload();
      if (this.auth.can('hr.departments.read') && !this.names.data()) void this.names.reload();
    }
  }

  protected describe(h: HistoryEntry): string {
    const n = this.names.data();
    return historyDetails(h.details, {
      department: (id) => n?.departments.get(id),
      position: (id) => n?.positions.get(id),
      employee: (id) =>
        id === this.employee.data()?.managerId ? (this.employee.data()?.managerName ?? undefined) : undefined,
    });
  }

  protected askConfirm(): void {
    this.submission.message.set(undefined);
    const hire = this.employee.data()?.hireDate;
    const exit = this.terminateForm.controls.exitDate;
    if (hire && exit.value && exit.value < hire) exit.setErrors({ custom: `Choose ${hire} or later.` });
    if (this.terminateForm.invalid) {
      this.terminateForm.markAllAsTouched();
      return;
    }
    this.confirming.set(true);
  }

  protected async terminate(): Promise<void> {
    const e = this.employee.data();
    if (!e) return;
    // The form passed when the confirmation opened.
    await this.submission.run(
      async () => {
        const v = this.terminateForm.getRawValue();
        const updated = await this.api
          .post<Employee>(`/api/hr/employees/${e.id}/terminate`, {
            exitDate: v.exitDate,
            reason: v.reason.trim(),
            status: v.status,
          })
          .finally(() => this.confirming.set(false));
        this.employee.data.set(updated);
        this.historyLoadedFor = undefined;
        const on = updated.exitDate ?? v.exitDate;
        // A future exit is only scheduled: the record stays active until that date.
        this.notice.set(
          updated.status === 'active' || updated.status === 'on_leave'
            ? `${updated.fullName} will leave on ${on}; they keep their access until then.`
            : `${updated.fullName}’s employment ended on ${on}.`,
        );
      },
      { validate: false },
    );
  }
}
