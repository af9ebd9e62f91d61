import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { formatMoney } from '../../core/money';
import { pageActions } from '../../shared/form-submit';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import type { ApprovedExpenseClaim, ExpenseClaim, ExpenseClaimSummary, ListPage } from '../finance/models';
import { ClaimDetail } from './claim-detail';

/**
 * The approvals inbox (a manager's reports' submitted claims; finance all but their own) and, for
 * finance, every claim by status with reimbursement. Who may decide is the API's answer (`canDecide`).
 */
@Component({
  selector: 'k-expense-approvals',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ListStateView,
    ClaimDetail,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Expense approvals</h1>
      </header>
      <div class="filters">
        <mat-form-field>
          <mat-label>Show</mat-label>
          <mat-select [formControl]="view" (selectionChange)="claims.reload()" data-testid="approvals-view">
            @if (canApprove) {
              <mat-option value="to-decide">Waiting for my decision</mat-option>
            }
            @for (s of statuses; track s) {
              <mat-option [value]="s">{{ s === 'all' ? 'All claims I may see' : 'Status: ' + s }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </div>
      @if (actions.message()) {
        <p class="state error" role="alert" data-testid="approval-error">{{ actions.message() }}</p>
      }
      <k-list-state [state]="claims.state()" [error]="claims.error()" empty="Nothing here." (retry)="claims.reload()" />
      @if (claims.state() === 'ready') {
        <table class="k-table" data-testid="approval-list">
          <caption class="cdk-visually-hidden">Expense claims</caption>
          <thead>
            <tr>
              <th scope="col">Employee</th>
              <th scope="col">Claim</th>
              <th scope="col">Total</th>
              <th scope="col">Status</th>
              <th scope="col">Submitted</th>
            </tr>
          </thead>
          <tbody>
            @for (c of claims.data()?.items ?? []; track c.id) {
              <tr data-testid="approval-row" [attr.data-title]="c.title">
                <td>{{ c.employeeName }} <span class="sub">{{ c.departmentName }}</span></td>
                <td><button mat-button type="button" (click)="open(c.id)" data-testid="open-claim">{{ c.title }}</button></td>
                <td class="amount">{{ money(c.total) }}</td>
                <td><span class="status" [attr.data-status]="c.status" data-testid="approval-status">{{ c.status }}</span></td>
                <td class="nowrap">{{ c.submittedAt ? calendar.dateTime(c.submittedAt) : '' }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
      @if (shown(); as claim) {
        <k-claim-detail [claim]="claim" />
        <div class="panel actions">
          @if (claim.canDecide) {
            @if (canOverride) {
              <mat-form-field>
                <mat-label>Override reason (only over a budget set to stop)</mat-label>
                <input matInput [formControl]="override" maxlength="500" data-testid="override-reason" />
              </mat-form-field>
            }
            <button mat-flat-button type="button" [disabled]="busy()" (click)="approve(claim)" data-testid="approve-claim">Approve</button>
            <mat-form-field>
              <mat-label>Reason to reject</mat-label>
              <input matInput [formControl]="reason" maxlength="1000" data-testid="reject-reason" />
            </mat-form-field>
            <button mat-stroked-button type="button" [disabled]="busy() || !reason.value.trim()" (click)="reject(claim)" data-testid="reject-claim">
              Reject
            </button>
          }
          @if (claim.status === 'approved' && canReimburse) {
            <button mat-flat-button type="button" [disabled]="busy()" (click)="reimburse(claim)" data-testid="reimburse-claim">
              Reimburse
            </button>
          }
        </div>
      }
    </section>
  `,
  styleUrl: '../finance/finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApprovalsPage {
  private readonly api = inject(Api);
  private readonly snack = inject(MatSnackBar);
  private readonly auth = inject(Auth);
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly canApprove = this.auth.can('finance.expenses.approve');
  protected readonly canOverride = this.auth.can('finance.budgets.override');
  protected readonly canReimburse = this.auth.can('finance.payments.manage');
  protected readonly statuses = ['all', 'submitted', 'approved', 'rejected', 'reimbursed'];
  protected readonly view = new FormControl(this.canApprove ? 'to-decide' : 'all', { nonNullable: true });
  protected readonly reason = new FormControl('', { nonNullable: true });
  protected readonly override = new FormControl('', { nonNullable: true });
  protected readonly busy = signal(false);
  protected readonly actions = pageActions(this.busy);
  protected readonly shown = signal<ExpenseClaim | undefined>(undefined);
  protected money = formatMoney;

  protected readonly claims = loader(() => {
    const v = this.view.value;
    return v === 'to-decide'
      ? this.api.get<ListPage<ExpenseClaimSummary>>('/api/finance/expense-claims/to-decide', { limit: 100 })
      : this.api.get<ListPage<ExpenseClaimSummary>>('/api/finance/expense-claims', {
          limit: 100,
          status: v === 'all' ? undefined : v,
        });
  });

  constructor() {
    void this.claims.reload();
  }

  protected async open(id: string): Promise<void> {
    this.reason.reset('');
    this.override.reset('');
    await this.actions.run(async () =>
      this.shown.set(await this.api.get<ExpenseClaim>(`/api/finance/expense-claims/${id}`)),
    );
  }

  private async done(claim: ExpenseClaim, message: string): Promise<void> {
    this.shown.set(claim);
    this.snack.open(message, 'Close', { duration: 6000 });
    await this.claims.reload();
  }

  protected async approve(c: ExpenseClaim): Promise<void> {
    const overrideReason = this.override.value.trim();
    await this.actions.run(
      async () => {
        const approved = await this.api.post<ApprovedExpenseClaim>(
          `/api/finance/expense-claims/${c.id}/approve`,
          overrideReason ? { overrideReason } : {},
        );
        await this.done(approved, approved.warnings.length ? `Approved. ${approved.warnings.join(' ')}` : 'Approved.');
      },
      (text) => `"${c.title}" not approved: ${text}`,
    );
  }

  protected async reject(c: ExpenseClaim): Promise<void> {
    await this.actions.run(
      async () =>
        this.done(
          await this.api.post<ExpenseClaim>(`/api/finance/expense-claims/${c.id}/reject`, {
            reason: this.reason.value.trim(),
          }),
          'Rejected.',
        ),
      (text) => `"${c.title}" not rejected: ${text}`,
    );
  }

  protected async reimburse(c: ExpenseClaim): Promise<void> {
    await this.actions.run(
      async () =>
        this.done(
          await this.api.post<ExpenseClaim>(`/api/finance/expense-claims/${c.id}/reimburse`, {}),
          'Reimbursed.',
        ),
      (text) => `"${c.title}" not reimbursed: ${text}`,
    );
  }
}
