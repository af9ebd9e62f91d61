import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Api } from '../../../core/api';
import type { HrAnswer } from '../../../core/api-types';
import { CompanyCalendar } from '../../../core/company-calendar';
import { pageActions } from '../../../shared/form-submit';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import type { LeaveRequest } from './models';
import { daysText, leaveDatesText, leaveStatusLabel } from './time-logic';

@Component({
  selector: 'k-leave-me',
  imports: [MatButtonModule, MatCardModule, RouterLink, ListStateView],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>My leave</h1>
        <a mat-flat-button routerLink="/hr/leave/request" data-testid="request-leave">Request leave</a>
      </header>

      <h2>Balances</h2>
      <k-list-state [state]="balances.state()" [error]="balances.error()" empty="No leave types are set up yet." (retry)="balances.reload()" />
      @if (balances.state() === 'ready') {
        <div class="cards">
          @for (b of balances.data()!.items; track b.leaveTypeId) {
            <mat-card data-testid="leave-balance">
              <mat-card-content>
                <h3 class="card-title">{{ b.leaveType }}</h3>
                @if (b.paid) {
                  <p class="card-figure"><span data-testid="balance-available">{{ b.available }}</span>&nbsp;<span class="note">days available</span></p>
                  <p class="note">Balance {{ b.balance }} · pending {{ b.pending }}</p>
                } @else {
                  <p class="card-figure"><span class="note">Unpaid: no balance needed</span></p>
                  <p class="note">Pending {{ b.pending }} day(s)</p>
                }
              </mat-card-content>
            </mat-card>
          }
        </div>
      }

      <h2>My requests</h2>
      @if (message()) {
        <p class="state error" role="alert">{{ message() }}</p>
      }
      <k-list-state [state]="requests.state()" [error]="requests.error()" empty="You have not requested any leave yet." (retry)="requests.reload()" />
      @if (requests.state() === 'ready') {
        <div class="table-wrap">
          <table class="k-table">
            <caption class="cdk-visually-hidden">My leave requests</caption>
            <thead><tr><th scope="col">Type</th><th scope="col">Dates</th><th scope="col" class="num">Working days</th><th scope="col">Status</th><th scope="col">Reason / note</th><th scope="col"><span class="cdk-visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              @for (r of requests.data()!.items; track r.id) {
                <tr data-testid="leave-request-row">
                  <td>{{ r.leaveType }}</td>
                  <td>{{ dates(r) }}</td>
                  <td class="num">{{ r.days }}</td>
                  <td><span [class]="'status-' + r.status" data-testid="leave-status">{{ statusLabel(r.status) }}</span></td>
                  <td>{{ r.reason }}@if (r.decisionNote) { <span class="note"> — {{ r.decisionNote }}</span> }</td>
                  <td><div class="actions">
                    @if (r.cancellable) {
                      @if (confirming() === r.id) {
                        <button mat-flat-button type="button" [disabled]="busy()" (click)="cancel(r)">Yes, cancel</button>
                        <button mat-button type="button" (click)="confirming.set(null)">Keep</button>
                      } @else {
                        <button mat-button type="button" data-testid="cancel-request" (click)="confirming.set(r.id)"
                                [attr.aria-label]="'Cancel ' + (r.leaveType ?? 'leave') + ' request ' + dates(r)">{{ r.status === 'approved' ? 'Cancel leave' : 'Cancel' }}</button>
                      }
                    }
                  </div></td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>
  `,
  styleUrl: './time.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LeaveMePage {
  private readonly api = inject(Api);
  private readonly snack = inject(MatSnackBar);
  protected readonly busy = signal(false);
  protected readonly confirming = signal<string | null>(null);
  protected readonly message = signal<string | undefined>(undefined);
  /** Row actions (not form submits) share the page's busy flag and alert. */
  private readonly actions = pageActions(this.busy, this.message);
  protected readonly statusLabel = leaveStatusLabel;
  private readonly calendar = inject(CompanyCalendar);
  protected readonly dates = (r: Parameters<typeof leaveDatesText>[0]) =>
    leaveDatesText(r, (d) => this.calendar.date(d));
  protected readonly balances = loader(() =>
    this.api.get<HrAnswer<'/api/hr/leave-balances'>>('/api/hr/leave-balances'),
  );
  protected readonly requests = loader(() =>
    this.api.get<HrAnswer<'/api/hr/leave-requests'>>('/api/hr/leave-requests', { scope: 'mine', limit: 100 }),
  );

  constructor() {
    void this.balances.reload();
    void this.requests.reload();
  }

  async cancel(r: LeaveRequest): Promise<void> {
    await this.actions.run(async () => {
      await this.api.post(`/api/hr/leave-requests/${r.id}/cancel`);
      const back = r.status === 'approved' ? ` ${daysText(r.days)} back in your balance; your approver is told.` : '';
      this.snack.open(`Request for ${daysText(r.days)} cancelled.${back}`, 'Close', { duration: 5000 });
      this.confirming.set(null);
      await Promise.all([this.requests.reload(), this.balances.reload()]);
    });
  }
}
