import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Api } from '../../../core/api';
import type { HrAnswer } from '../../../core/api-types';
import { controlError, problemMessage, toProblem } from '../../../core/problems';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import type { LeaveRequest } from './models';
import { leaveDatesText } from './time-logic';

@Component({
  selector: 'k-leave-approvals',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ListStateView],
  template: `
    <section class="page">
      <header class="page-header"><h1>Leave approvals</h1></header>
      @if (message()) {
        <p class="state error" role="alert" data-testid="approval-error">{{ message() }}</p>
      }
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
    </section>
  `,
  styles: `
    .reject { min-width: 220px; }
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
  protected readonly dates = leaveDatesText;
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
