import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { debounceTime } from 'rxjs';
import { Api } from '../../../core/api';
import type { HrAnswer } from '../../../core/api-types';
import { CompanyCalendar } from '../../../core/company-calendar';
import { applyProblem, problemMessage, toProblem } from '../../../core/problems';
import { FormMessage, formSubmission } from '../../../shared/form-submit';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import type { LeavePreview, LeaveType } from './models';
import { dateRangeValidator, daysText, isIsoDate, overlapMessage } from './time-logic';

@Component({
  selector: 'k-leave-request',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ListStateView,
    FormMessage,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Request leave</h1>
        <a mat-button routerLink="/hr/leave/me">Back to my leave</a>
      </header>

      <k-list-state [state]="types.state()" [error]="types.error()" empty="No leave types are available. Ask HR." (retry)="types.reload()" />
      @if (types.state() === 'ready') {
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="leave-request-form">
          <div class="form-grid">
            <mat-form-field>
              <mat-label>Leave type</mat-label>
              <mat-select formControlName="leaveTypeId" required data-testid="leave-type">
                @for (t of activeTypes(); track t.id) {
                  <mat-option [value]="t.id">{{ t.name }}{{ t.paid ? '' : ' (unpaid)' }}</mat-option>
                }
              </mat-select>
              <mat-error>{{ submission.error('leaveTypeId', 'Leave type') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>From</mat-label>
              <input matInput type="date" formControlName="startDate" required data-testid="leave-from" />
              <mat-error>{{ submission.error('startDate', 'From') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>To</mat-label>
              <input matInput type="date" formControlName="endDate" required data-testid="leave-to" [min]="form.controls.startDate.value" />
              <mat-error>{{ submission.error('endDate', 'To') }}</mat-error>
            </mat-form-field>
          </div>
          <div class="checks">
            @if (singleDay()) {
              <mat-checkbox formControlName="halfDayStart">Half day only</mat-checkbox>
            } @else {
              <mat-checkbox formControlName="halfDayStart">Half day on the first day</mat-checkbox>
              <mat-checkbox formControlName="halfDayEnd">Half day on the last day</mat-checkbox>
            }
          </div>
          <mat-form-field class="full-width">
            <mat-label>Reason</mat-label>
            <textarea matInput formControlName="reason" rows="3"></textarea>
            <mat-hint align="end">{{ form.controls.reason.value.length }} / 500</mat-hint>
            <mat-error>{{ submission.error('reason', 'Reason') }}</mat-error>
          </mat-form-field>

          <div class="preview" aria-live="polite" data-testid="leave-preview">
            @switch (previewState()) {
              @case ('idle') { <span class="note">Choose a leave type and dates to see the working days this takes.</span> }
              @case ('loading') { <span>Counting working days…</span> }
              @case ('error') { <span class="state error">{{ previewError() }}</span> }
              @case ('ready') {
                <strong>Working days: <span data-testid="working-days">{{ preview()!.days }}</span></strong>
                @if (preview()!.paid) {
                  · Available now {{ preview()!.available }} · after this request
                  <span data-testid="balance-after" [class.state]="balanceAfter()! < 0" [class.error]="balanceAfter()! < 0">{{ balanceAfter() }}</span> {{ balanceAfter() === 1 ? 'day' : 'days' }}
                  @if (balanceAfter()! < 0) { <span class="state error"> — not enough balance.</span> }
                } @else {
                  · unpaid leave, no balance used
                }
              }
            }
          </div>

          <k-form-message [message]="submission.message()" testid="leave-request-error" />
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="submission.busy()">{{ submission.busy() ? 'Submitting…' : 'Submit request' }}</button>
            <a mat-button routerLink="/hr/leave/me">Cancel</a>
          </div>
        </form>
      }
    </section>
  `,
  styleUrl: './time.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LeaveRequestPage {
  private readonly api = inject(Api);
  private readonly calendar = inject(CompanyCalendar);
  private readonly router = inject(Router);
  private readonly snack = inject(MatSnackBar);
  protected readonly preview = signal<LeavePreview | undefined>(undefined);
  protected readonly previewState = signal<'idle' | 'loading' | 'ready' | 'error'>('idle');
  protected readonly previewError = signal<string | undefined>(undefined);
  protected readonly singleDay = signal(false);
  protected readonly balanceAfter = computed(() => {
    const p = this.preview();
    return p ? Math.round((p.available - p.days) * 100) / 100 : undefined;
  });

  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      leaveTypeId: ['', Validators.required],
      startDate: ['', Validators.required],
      endDate: ['', Validators.required],
      halfDayStart: [false],
      halfDayEnd: [false],
      reason: ['', Validators.maxLength(500)],
    },
    { validators: dateRangeValidator('startDate', 'endDate') },
  );
  protected readonly submission = formSubmission(this.form);
  protected readonly types = loader(() => this.api.all<LeaveType>('/api/hr/leave-types'));
  protected readonly activeTypes = computed(() => (this.types.data()?.items ?? []).filter((t) => t.active));
  private previewCall = 0;

  constructor() {
    void this.types.reload();
    this.form.valueChanges.pipe(debounceTime(250), takeUntilDestroyed(inject(DestroyRef))).subscribe(() => {
      void this.refreshPreview();
    });
  }

  /** The body both the preview and the request take. */
  private body() {
    const v = this.form.getRawValue();
    const single = v.startDate === v.endDate;
    return {
      leaveTypeId: v.leaveTypeId,
      startDate: v.startDate,
      endDate: v.endDate,
      halfDayStart: v.halfDayStart,
      halfDayEnd: single ? false : v.halfDayEnd,
      ...(v.reason.trim() ? { reason: v.reason.trim() } : {}),
    };
  }

  private async refreshPreview(): Promise<void> {
    const { leaveTypeId, startDate, endDate } = this.form.getRawValue();
    this.singleDay.set(!!startDate && startDate === endDate);
    const mine = ++this.previewCall;
    const ready = leaveTypeId && isIsoDate(startDate) && isIsoDate(endDate) && endDate >= startDate;
    if (!ready) {
      if (this.form.controls.startDate.hasError('custom')) {
        this.form.controls.startDate.updateValueAndValidity({ emitEvent: false });
      }
      this.preview.set(undefined);
      this.previewState.set('idle');
      return;
    }
    this.previewState.set('loading');
    try {
      const [result, mineInRange] = await Promise.all([
        this.api.post<LeavePreview>('/api/hr/leave-requests/preview', this.body()),
        this.api.get<HrAnswer<'/api/hr/leave-requests'>>('/api/hr/leave-requests', {
          scope: 'mine',
          from: startDate,
          to: endDate,
          limit: 20,
        }),
      ]);
      if (mine !== this.previewCall) return;
      this.preview.set(result);
      this.previewState.set('ready');
      const clash = overlapMessage(mineInRange.items, startDate, endDate, (d) => this.calendar.date(d));
      const start = this.form.controls.startDate;
      if (clash) {
        start.setErrors({ ...(start.errors ?? {}), custom: clash });
        start.markAsTouched();
      } else if (start.hasError('custom')) {
        start.updateValueAndValidity({ emitEvent: false });
      }
    } catch (err) {
      if (mine !== this.previewCall) return;
      this.preview.set(undefined);
      const problem = toProblem(err);
      this.previewError.set(
        problem.errors?.[0]?.message
          ? `${problemMessage(problem)} ${problem.errors[0].message}`
          : problemMessage(problem),
      );
      this.previewState.set('error');
    }
  }

  async submit(): Promise<void> {
    await this.submission.run(async () => {
      try {
        await this.api.post('/api/hr/leave-requests', this.body());
      } catch (err) {
        const problem = toProblem(err);
        if (problem.status === 409 && !problem.errors?.length) {
          // An overlap with another request: it is about the dates.
          throw { ...problem, errors: [{ path: 'startDate', message: problemMessage(problem) }] };
        }
        // Field errors go on their fields, and the problem is still said above the buttons.
        throw { ...problem, errors: undefined, detail: applyProblem(this.form, problem) ?? problemMessage(problem) };
      }
      const days = this.preview()?.days;
      this.snack.open(days ? `Leave requested (${daysText(days)}).` : 'Leave requested.', 'Close', { duration: 4000 });
      await this.router.navigateByUrl('/hr/leave/me');
    });
  }
}
