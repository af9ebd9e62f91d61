import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { controlError } from '../../core/problems';
import { pageActions } from '../../shared/form-submit';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import type { FiscalYear, Period } from './models';
import { FiscalYears } from './statement-tools';

/**
 * Fiscal years and their monthly periods. A finance manager closes and reopens periods (reopening
 * with a reason) and closes a year; those holding accounts.manage create a fiscal year.
 */
@Component({
  selector: 'k-periods',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, ListStateView],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Periods &amp; fiscal years</h1>
      </header>
      @if (canCreate) {
        <form class="filters" [formGroup]="yearForm" (ngSubmit)="createYear()" novalidate data-testid="year-form">
          <mat-form-field>
            <mat-label>New fiscal year starting in</mat-label>
            <input matInput type="number" formControlName="year" min="1900" max="2199" data-testid="new-year" />
            <mat-hint>Past years too, to enter opening balances</mat-hint>
            <mat-error>{{ yearError() }}</mat-error>
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="create-year">Create fiscal year</button>
        </form>
      }
      @if (message()) {
        <p class="state error" role="alert" data-testid="periods-error">{{ message() }}</p>
      }
      <k-list-state [state]="data.state()" [error]="data.error()" empty="No fiscal years yet." (retry)="data.reload()" />
      @for (y of years(); track y.year.id) {
        <section class="panel" [attr.data-testid]="'year-' + y.year.name" data-year>
          <header class="page-header">
            <h2>
              Fiscal year {{ y.year.name }}
              <span class="sub">{{ date(y.year.startDate) }} – {{ date(y.year.endDate) }}</span>
            </h2>
            <div class="actions">
              <span class="status" [attr.data-status]="y.year.status">{{ y.year.status === 'open' ? 'Open' : 'Closed' }}</span>
              @if (y.year.closingEntryId) {
                <a [routerLink]="['/finance/journal-entries', y.year.closingEntryId]">Closing entry</a>
              }
              @if (canClose && y.year.status === 'open') {
                @if (confirming() === 'year:' + y.year.id) {
                  <span>Close {{ y.year.name }}? Income and expenses move into retained earnings and every period closes.</span>
                  <button mat-flat-button type="button" [disabled]="busy()" (click)="closeYear(y.year)" data-testid="close-year-confirm">Close year</button>
                  <button mat-button type="button" (click)="confirming.set(null)">Keep open</button>
                } @else {
                  <button mat-stroked-button type="button" (click)="confirming.set('year:' + y.year.id)" data-testid="close-year">Close year</button>
                }
              }
            </div>
          </header>
          <div class="table-wrap">
            <table class="k-table">
              <caption class="cdk-visually-hidden">Periods of fiscal year {{ y.year.name }}</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">Status</th>
                  <th scope="col">History</th>
                  @if (canClose) {
                    <th scope="col"><span class="cdk-visually-hidden">Actions</span></th>
                  }
                </tr>
              </thead>
              <tbody>
                @for (p of y.periods; track p.id) {
                  <tr data-testid="period-row" [attr.data-period]="p.name">
                    <td class="nowrap">{{ month(p.name) }}</td>
                    <td class="nowrap">{{ date(p.startDate) }}</td>
                    <td class="nowrap">{{ date(p.endDate) }}</td>
                    <td><span class="status" [attr.data-status]="p.status" data-testid="period-status">{{ p.status === 'open' ? 'Open' : 'Closed' }}</span></td>
                    <td class="sub">
                      @if (p.closedAt) { <div>Closed {{ calendar.dateTime(p.closedAt) }}</div> }
                      @if (p.reopenedAt) { <div>Reopened {{ calendar.dateTime(p.reopenedAt) }}: {{ p.reopenReason }}</div> }
                    </td>
                    @if (canClose) {
                      <td>
                        <div class="actions">
                          @if (y.year.status === 'open' && p.status === 'open') {
                            @if (confirming() === 'close:' + p.id) {
                              <span>Close {{ month(p.name) }}? Nothing posts into it after.</span>
                              <button mat-flat-button type="button" [disabled]="busy()" (click)="closePeriod(p)" data-testid="close-period-confirm">Close period</button>
                              <button mat-button type="button" (click)="confirming.set(null)">Keep open</button>
                            } @else {
                              <button mat-stroked-button type="button" (click)="confirming.set('close:' + p.id)" [attr.aria-label]="'Close ' + p.name" data-testid="close-period">Close</button>
                            }
                          }
                          @if (y.year.status === 'open' && p.status === 'closed') {
                            @if (confirming() === 'reopen:' + p.id) {
                              <form class="reopen" [formGroup]="reopenForm" (ngSubmit)="reopen(p)" novalidate>
                                <mat-form-field>
                                  <mat-label>Why reopen {{ p.name }}?</mat-label>
                                  <input matInput formControlName="reason" maxlength="500" required data-testid="reopen-reason" />
                                  <mat-error>{{ reasonError() }}</mat-error>
                                </mat-form-field>
                                <button mat-flat-button type="submit" [disabled]="busy()" data-testid="reopen-confirm">Reopen period</button>
                                <button mat-button type="button" (click)="confirming.set(null)">Keep closed</button>
                              </form>
                            } @else {
                              <button mat-stroked-button type="button" (click)="startReopen(p)" [attr.aria-label]="'Reopen ' + p.name" data-testid="reopen-period">Reopen</button>
                            }
                          }
                        </div>
                      </td>
                    }
                  </tr>
                }
              </tbody>
            </table>
          </div>
        </section>
      }
    </section>
  `,
  styleUrl: './finance.scss',
  styles: `
    .reopen {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: baseline;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PeriodsPage {
  private readonly api = inject(Api);
  private readonly snack = inject(MatSnackBar);
  private readonly fiscalYears = inject(FiscalYears);
  protected readonly calendar = inject(CompanyCalendar);
  private readonly auth = inject(Auth);
  protected readonly canClose = this.auth.can('finance.periods.close');
  protected readonly canCreate = this.auth.can('finance.accounts.manage');
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  private readonly actions = pageActions(this.busy, this.message);
  protected readonly confirming = signal<string | null>(null);
  protected readonly newYear = new FormControl<number | null>(this.calendar.thisYear(), {
    validators: [Validators.required, Validators.min(1900), Validators.max(2199)],
  });
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.minLength(3), Validators.maxLength(500)],
  });
  protected readonly yearForm = new FormGroup({ year: this.newYear });
  protected readonly reopenForm = new FormGroup({ reason: this.reason });
  /** Bumped after a submit, so errors computed from controls are shown. */
  private readonly checked = signal(0);

  protected readonly data = loader(async () => {
    const [years, periods] = await Promise.all([
      this.api.get<{ items: FiscalYear[] }>('/api/finance/fiscal-years'),
      this.api.get<{ items: Period[] }>('/api/finance/periods'),
    ]);
    return { items: years.items, periods: periods.items };
  });
  protected readonly years = computed(() => {
    const d = this.data.data();
    if (!d) return [];
    return d.items.map((year) => ({ year, periods: d.periods.filter((p) => p.fiscalYearId === year.id) }));
  });

  constructor() {
    void this.data.reload();
  }

  protected date(value: string | null | undefined): string {
    return this.calendar.date(value);
  }

  protected month(value: string): string {
    return this.calendar.month(value);
  }

  protected yearError(): string {
    this.checked();
    return controlError(this.newYear, 'Year');
  }

  protected reasonError(): string {
    this.checked();
    return this.reason.errors?.minlength
      ? 'Say why the period is reopened (at least 3 characters).'
      : controlError(this.reason, 'Reason');
  }

  protected async createYear(): Promise<void> {
    if (this.newYear.invalid || this.newYear.value === null) {
      this.newYear.markAsTouched();
      this.checked.update((n) => n + 1);
      return;
    }
    const year = this.newYear.value;
    await this.actions.run(async () => {
      await this.api.post('/api/finance/fiscal-years', { year });
      this.fiscalYears.changed();
      this.snack.open(`Fiscal year ${year} created with its twelve periods.`, 'Close', { duration: 4000 });
      await this.data.reload();
    });
  }

  protected async closeYear(year: FiscalYear): Promise<void> {
    await this.actions.run(
      async () => {
        await this.api.post(`/api/finance/fiscal-years/${year.id}/close`);
        this.fiscalYears.changed();
        this.confirming.set(null);
        this.snack.open(`Fiscal year ${year.name} closed.`, 'Close', { duration: 4000 });
        await this.data.reload();
      },
      (text) => `Fiscal year ${year.name} not closed: ${text}`,
    );
  }

  protected async closePeriod(p: Period): Promise<void> {
    await this.actions.run(
      async () => {
        await this.api.post(`/api/finance/periods/${p.id}/close`);
        this.confirming.set(null);
        this.snack.open(`${p.name} closed.`, 'Close', { duration: 4000 });
        await this.data.reload();
      },
      (text) => `${p.name} not closed: ${text}`,
    );
  }

  protected startReopen(p: Period): void {
    this.reason.reset('');
    this.confirming.set(`reopen:${p.id}`);
  }

  protected async reopen(p: Period): Promise<void> {
    if (this.reason.invalid) {
      this.reason.markAsTouched();
      this.checked.update((n) => n + 1);
      return;
    }
    await this.actions.run(
      async () => {
        await this.api.post(`/api/finance/periods/${p.id}/reopen`, { reason: this.reason.value.trim() });
        this.confirming.set(null);
        this.snack.open(`${p.name} reopened.`, 'Close', { duration: 4000 });
        await this.data.reload();
      },
      (text) => `${p.name} not reopened: ${text}`,
    );
  }
}
