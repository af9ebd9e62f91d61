import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormBuilder, type FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Api } from '../../../core/api';
import { Auth } from '../../../core/auth';
import { CompanyCalendar } from '../../../core/company-calendar';
import { FormMessage, formSubmission, pageActions } from '../../../shared/form-submit';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import { checklistDone, statusText } from './logic';
import type { Checklist, Resignation, ResignationStatus } from './models';

const CHECKLIST: { key: keyof Checklist; label: string }[] = [
  { key: 'equipmentReturned', label: 'Equipment returned' },
  { key: 'accessRevoked', label: 'Access revoked' },
  { key: 'finalSettlementDone', label: 'Final settlement done' },
];

@Component({
  selector: 'k-offboarding',
  imports: [
    FormMessage,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTabsModule,
    ListStateView,
  ],
  template: `
    <section class="page">
      <header class="page-header"><h1>Offboarding</h1></header>
      @if (message()) {
        <p class="state error" role="alert">{{ message() }}</p>
      }
      <mat-tab-group mat-stretch-tabs="false" dynamicHeight>
        @if (self) {
          <mat-tab label="My resignation">
            <div class="tab">
              <k-list-state [state]="mine.state()" [error]="mine.error()" empty="You have not resigned." (retry)="mine.reload()" />
              @for (r of mine.data() ?? []; track r.id) {
                <mat-card class="panel" data-testid="my-resignation">
                  <mat-card-header>
                    <mat-card-title>Last working day {{ calendar.date(r.lastWorkingDay) }}</mat-card-title>
                    <mat-card-subtitle>Status: {{ statusText(r.status) }} · submitted {{ calendar.date(r.createdAt) }}</mat-card-subtitle>
                  </mat-card-header>
                  <mat-card-content>
                    <p>{{ r.reason }}</p>
                    @if (r.decisionNote) {
                      <p>Note: {{ r.decisionNote }}</p>
                    }
                  </mat-card-content>
                  @if (r.status === 'pending') {
                    <mat-card-actions>
                      <button mat-stroked-button type="button" [disabled]="busy()" (click)="withdraw(r)">Withdraw resignation</button>
                    </mat-card-actions>
                  }
                </mat-card>
              }
              @if (mine.state() !== 'loading' && !hasOpen()) {
                <h2>Submit a resignation</h2>
                <form [formGroup]="form" #resignF="ngForm" (ngSubmit)="resign(resignF)" novalidate>
                  <mat-form-field>
                    <mat-label>Last working day</mat-label>
                    <input matInput type="date" formControlName="lastWorkingDay" [min]="today()" required />
                    <mat-error>{{ submission.error('lastWorkingDay', 'Last working day') }}</mat-error>
                  </mat-form-field>
                  <mat-form-field class="full-width">
                    <mat-label>Reason</mat-label>
                    <textarea matInput formControlName="reason" rows="3" required></textarea>
                    <mat-error>{{ submission.error('reason', 'Reason') }}</mat-error>
                  </mat-form-field>
                  <k-form-message [message]="submission.message()" />
                  <div class="actions"><button mat-flat-button type="submit" [disabled]="busy()">Submit resignation</button></div>
                </form>
              }
            </div>
          </mat-tab>
        }
        @if (manage) {
          <mat-tab label="Resignations">
            <div class="tab">
              <mat-form-field subscriptSizing="dynamic">
                <mat-label>Status</mat-label>
                <mat-select [value]="status()" (valueChange)="filter($event)">
                  <mat-option value="open">Open (pending or approved)</mat-option>
                  <mat-option value="">All</mat-option>
                  <mat-option value="pending">Pending</mat-option>
                  <mat-option value="approved">Approved</mat-option>
                  <mat-option value="completed">Completed</mat-option>
                  <mat-option value="rejected">Rejected</mat-option>
                  <mat-option value="withdrawn">Withdrawn</mat-option>
                </mat-select>
              </mat-form-field>
              <k-list-state [state]="all.state()" [error]="all.error()" empty="No resignations with this status." (retry)="all.reload()" />
              @if (all.state() === 'ready') {
                <div class="table-wrap">
                  <table class="grid" aria-label="Resignations">
                    <thead>
                      <tr><th scope="col">Employee</th><th scope="col">Last day</th><th scope="col">Reason</th><th scope="col">Status</th><th scope="col">Exit checklist</th><th scope="col">Actions</th></tr>
                    </thead>
                    <tbody>
                      @for (r of all.data()?.items; track r.id) {
                        <tr>
                          <td>{{ r.employeeName }}</td>
                          <td>{{ calendar.date(r.lastWorkingDay) }}</td>
                          <td class="reason">{{ r.reason }}</td>
                          <td>{{ statusText(r.status) }}</td>
                          <td>
                            @if (r.status === 'approved') {
                              <fieldset class="checklist">
                                <legend class="sr-only">Exit checklist for {{ r.employeeName }}</legend>
                                @for (item of checklist; track item.key) {
                                  <mat-checkbox [checked]="r.checklist[item.key]" [disabled]="busy()" (change)="tick(r, item.key, $event.checked)">{{ item.label }}</mat-checkbox>
                                }
                              </fieldset>
                            } @else if (r.status === 'completed') {
                              Done
                            } @else {
                              —
                            }
                          </td>
                          <td class="actions">
                            @if (r.status === 'pending') {
                              <button mat-flat-button type="button" [disabled]="busy()" (click)="decide(r, 'approve')" [attr.aria-label]="'Approve resignation of ' + r.employeeName">Approve</button>
                              <button mat-stroked-button type="button" [disabled]="busy()" (click)="decide(r, 'reject')" [attr.aria-label]="'Reject resignation of ' + r.employeeName">Reject</button>
                            }
                            @if (r.status === 'approved') {
                              <button mat-flat-button type="button" [disabled]="busy() || !done(r)" (click)="complete(r)" [attr.aria-label]="'Complete offboarding of ' + r.employeeName">Complete</button>
                            }
                          </td>
                        </tr>
                      }
                    </tbody>
                  </table>
                </div>
              }
            </div>
          </mat-tab>
        }
      </mat-tab-group>
    </section>
  `,
  styleUrl: './talent.scss',
  styles: `
    .panel { margin-bottom: 16px; }
    .checklist { border: 0; padding: 0; margin: 0; display: grid; }
    .reason { max-width: 280px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OffboardingPage {
  protected readonly statusText = statusText;
  private readonly api = inject(Api);
  private readonly auth = inject(Auth);
  private readonly snack = inject(MatSnackBar);
  protected readonly self = this.auth.can('hr.offboarding.self');
  protected readonly manage = this.auth.can('hr.offboarding.manage');
  private readonly me = this.auth.user()?.employeeId ?? null;
  protected readonly checklist = CHECKLIST;
  /** The company's today: the earliest last working day. */
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly today = this.calendar.today;
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  /** Row actions (not form submits) share the page's busy flag and alert. */
  private readonly run = pageActions(this.busy, this.message).run;
  /** Open by default: approved resignations still need their exit checklist, so they stay listed. */
  protected readonly status = signal<ResignationStatus | 'open' | ''>('open');

  protected readonly mine = loader(() =>
    this.api.all<Resignation>('/api/hr/resignations').then((r) => r.items.filter((x) => x.employeeId === this.me)),
  );
  protected readonly hasOpen = computed(() =>
    (this.mine.data() ?? []).some((r) => r.status === 'pending' || r.status === 'approved' || r.status === 'completed'),
  );
  protected readonly all = loader(() =>
    this.api.all<Resignation>(
      '/api/hr/resignations',
      this.status() === 'open' ? { open: 'true' } : { status: this.status() },
    ),
  );

  protected readonly form = inject(FormBuilder).nonNullable.group({
    lastWorkingDay: ['', Validators.required],
    reason: ['', [Validators.required, Validators.minLength(3), Validators.maxLength(2000)]],
  });
  protected readonly submission = formSubmission(this.form, this.busy);

  constructor() {
    if (this.self) void this.mine.reload();
    if (this.manage) void this.all.reload();
  }

  protected done(r: Resignation): boolean {
    return checklistDone(r.checklist);
  }
  protected filter(v: ResignationStatus | 'open' | ''): void {
    this.status.set(v);
    void this.all.reload();
  }

  protected async resign(directive: FormGroupDirective): Promise<void> {
    const day = this.form.controls.lastWorkingDay;
    if (day.value && day.value < this.today()) day.setErrors({ custom: 'Choose today or a later day.' });
    await this.submission.run(async () => {
      const v = this.form.getRawValue();
      await this.api.post('/api/hr/resignations', { lastWorkingDay: v.lastWorkingDay, reason: v.reason.trim() });
      this.snack.open('Resignation submitted.', undefined, { duration: 3000 });
      directive.resetForm();
      await Promise.all([this.mine.reload(), this.manage ? this.all.reload() : undefined]);
    });
  }

  protected withdraw(r: Resignation): Promise<void> {
    return this.run(async () => {
      await this.api.post(`/api/hr/resignations/${r.id}/withdraw`);
      this.snack.open('Resignation withdrawn.', undefined, { duration: 3000 });
      await this.mine.reload();
    });
  }

  protected decide(r: Resignation, action: 'approve' | 'reject'): Promise<void> {
    return this.run(async () => {
      await this.api.post(`/api/hr/resignations/${r.id}/${action}`, {});
      this.snack.open(`Resignation ${action === 'approve' ? 'approved' : 'rejected'}.`, undefined, { duration: 3000 });
      await this.all.reload();
    });
  }

  protected tick(r: Resignation, key: keyof Checklist, value: boolean): Promise<void> {
    return this.run(async () => {
      await this.api.patch(`/api/hr/resignations/${r.id}/checklist`, { [key]: value });
      await this.all.reload();
    });
  }

  protected complete(r: Resignation): Promise<void> {
    return this.run(async () => {
      await this.api.post(`/api/hr/resignations/${r.id}/complete`);
      this.snack.open(`${r.employeeName ?? 'The employee'} offboarded.`, undefined, { duration: 3000 });
      await this.all.reload();
    });
  }
}
