import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom } from 'rxjs';
import { Api } from '../../core/api';
import { CompanyCalendar } from '../../core/company-calendar';
import { formatMoney } from '../../core/money';
import { formSubmission, pageActions } from '../../shared/form-submit';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import type { ExpenseCategory, ExpenseClaim, ExpenseClaimSummary, ListPage } from '../finance/models';
import { ClaimDetail } from './claim-detail';

/** A one-time direct upload (the finance API's `UploadGrant`): a form POST straight to storage. */
interface UploadGrant {
  url: string;
  method: 'POST';
  fields: Record<string, string>;
  key: string;
}

const RECEIPT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

type LineForm = FormGroup<{
  date: FormControl<string>;
  categoryId: FormControl<string>;
  amount: FormControl<string>;
  description: FormControl<string>;
}>;

/**
 * "My expense claims": every employee's own claims, and a form for a new one with its lines and a
 * receipt (a file, or a photo from a phone's camera). Totals, scope and rules are the API's.
 */
@Component({
  selector: 'k-my-claims',
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
        <h1>My expense claims</h1>
        <button mat-flat-button type="button" (click)="startNew()" data-testid="new-claim">New claim</button>
      </header>
      @if (editing()) {
        <form class="panel" [formGroup]="form" (ngSubmit)="save(false)" novalidate data-testid="claim-form">
          <h2>New claim</h2>
          <mat-form-field class="wide">
            <mat-label>What is it for?</mat-label>
            <input matInput formControlName="title" maxlength="200" required data-testid="claim-title" />
            <mat-error>{{ submission.error('title', 'Title') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Currency</mat-label>
            <input matInput formControlName="currency" maxlength="3" required data-testid="claim-currency" />
          </mat-form-field>
          @for (line of lines.controls; track line; let i = $index) {
            <div class="filters" [formGroup]="line" data-testid="claim-line">
              <mat-form-field>
                <mat-label>Date</mat-label>
                <input matInput type="date" formControlName="date" required [attr.data-testid]="'line-date-' + i" />
              </mat-form-field>
              <mat-form-field>
                <mat-label>Category</mat-label>
                <mat-select formControlName="categoryId" required [attr.data-testid]="'line-category-' + i">
                  @for (c of categories(); track c.id) {
                    <mat-option [value]="c.id">{{ c.name }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <mat-form-field>
                <mat-label>Amount</mat-label>
                <input matInput inputmode="decimal" formControlName="amount" required [attr.data-testid]="'line-amount-' + i" />
              </mat-form-field>
              <mat-form-field>
                <mat-label>Description</mat-label>
                <input matInput formControlName="description" maxlength="500" [attr.data-testid]="'line-description-' + i" />
              </mat-form-field>
              @if (lines.length > 1) {
                <button mat-button type="button" (click)="lines.removeAt(i)" [attr.aria-label]="'Remove line ' + (i + 1)">Remove</button>
              }
            </div>
          }
          <button mat-stroked-button type="button" (click)="addLine()" data-testid="add-line">Add a line</button>
          <p>
            <label for="receipt">Receipt (PDF, JPEG or PNG up to 5 MB; a photo works)</label><br />
            <input
              id="receipt"
              type="file"
              accept="image/*,application/pdf"
              capture="environment"
              (change)="pick($event)"
              data-testid="receipt-input"
            />
          </p>
          @if (submission.message()) {
            <p class="state error" role="alert" data-testid="claim-error">{{ submission.message() }}</p>
          }
          <div class="actions">
            <button mat-stroked-button type="submit" [disabled]="busy()" data-testid="save-draft">Save draft</button>
            <button mat-flat-button type="button" [disabled]="busy()" (click)="save(true)" data-testid="save-submit">
              Save and submit
            </button>
            <button mat-button type="button" (click)="editing.set(false)">Cancel</button>
          </div>
        </form>
      }
      @if (actions.message()) {
        <p class="state error" role="alert">{{ actions.message() }}</p>
      }
      <k-list-state [state]="claims.state()" [error]="claims.error()" empty="No claims yet." (retry)="claims.reload()" />
      @if (claims.state() === 'ready') {
        <div class="table-wrap">
          <table class="k-table" data-testid="my-claims">
            <caption class="cdk-visually-hidden">My expense claims</caption>
            <thead>
              <tr>
                <th scope="col">Claim</th>
                <th scope="col">Total</th>
                <th scope="col">Status</th>
                <th scope="col">Decided</th>
                <th scope="col"><span class="cdk-visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              @for (c of claims.data()?.items ?? []; track c.id) {
                <tr data-testid="claim-row" [attr.data-title]="c.title">
                  <td>{{ c.title }}</td>
                  <td class="amount">{{ money(c.total) }}</td>
                  <td><span class="status" [attr.data-status]="c.status" data-testid="claim-status">{{ c.status }}</span></td>
                  <td class="sub">
                    @if (c.decidedAt) { {{ calendar.dateTime(c.decidedAt) }} · {{ c.decidedByName }} }
                    @if (c.rejectReason) { <div>{{ c.rejectReason }}</div> }
                  </td>
                  <td>
                    <div class="actions">
                      <button mat-button type="button" (click)="open(c.id)" [attr.aria-label]="'Show ' + c.title">Show</button>
                      @if (c.status === 'draft') {
                        <button mat-stroked-button type="button" [disabled]="busy()" (click)="submit(c)" data-testid="submit-claim">Submit</button>
                        <button mat-button type="button" [disabled]="busy()" (click)="remove(c)">Delete</button>
                      }
                    </div>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
      @if (shown(); as claim) {
        <k-claim-detail [claim]="claim" />
      }
    </section>
  `,
  styleUrl: '../finance/finance.scss',
  styles: `
    .wide {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyClaimsPage {
  private readonly api = inject(Api);
  private readonly http = inject(HttpClient);
  private readonly snack = inject(MatSnackBar);
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly busy = signal(false);
  protected readonly editing = signal(false);
  protected readonly categories = signal<ExpenseCategory[]>([]);
  protected readonly shown = signal<ExpenseClaim | undefined>(undefined);
  private receipt: File | undefined;

  protected readonly lines = new FormArray<LineForm>([]);
  protected readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    currency: new FormControl('EGP', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^[A-Za-z]{3}$/)],
    }),
    lines: this.lines,
  });
  protected readonly submission = formSubmission(this.form, this.busy);
  protected readonly actions = pageActions(this.busy);

  protected readonly claims = loader(() =>
    this.api.get<ListPage<ExpenseClaimSummary>>('/api/finance/expense-claims', { scope: 'mine', limit: 100 }),
  );

  constructor() {
    void this.claims.reload();
    void this.api
      .get<{ items: ExpenseCategory[] }>('/api/finance/expense-categories')
      .then((r) => this.categories.set(r.items))
      .catch(() => this.categories.set([]));
  }

  protected money = formatMoney;

  protected startNew(): void {
    this.form.reset({ title: '', currency: 'EGP' });
    this.lines.clear();
    this.addLine();
    this.receipt = undefined;
    this.editing.set(true);
  }

  protected addLine(): void {
    this.lines.push(
      new FormGroup({
        date: new FormControl(this.calendar.today(), { nonNullable: true, validators: [Validators.required] }),
        categoryId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
        amount: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
        description: new FormControl('', { nonNullable: true }),
      }),
    );
  }

  protected pick(event: Event): void {
    this.receipt = (event.target as HTMLInputElement).files?.[0] ?? undefined;
  }

  protected async save(andSubmit: boolean): Promise<void> {
    const value = this.form.getRawValue();
    const currency = value.currency.toUpperCase();
    const saved = await this.submission.run(async () => {
      const claim = await this.api.post<ExpenseClaim>('/api/finance/expense-claims', {
        title: value.title,
        lines: value.lines.map((l) => ({
          date: l.date,
          categoryId: l.categoryId,
          amount: { amount: l.amount.replace(/,/g, '').trim(), currency },
          description: l.description,
        })),
      });
      if (this.receipt) await this.attachReceipt(claim.id, this.receipt);
      if (andSubmit) await this.api.post(`/api/finance/expense-claims/${claim.id}/submit`);
      return claim;
    });
    if (!saved) return;
    this.editing.set(false);
    this.snack.open(andSubmit ? 'Claim submitted for approval.' : 'Draft saved.', 'Close', { duration: 4000 });
    await this.claims.reload();
  }

  /**
   * The receipt goes straight to storage, not through the API (a deployed function takes at most
   * 6 MB, base64-encoded): a grant for a server-chosen key, the upload, then the confirmation that
   * judges the stored file and attaches it.
   */
  private async attachReceipt(claimId: string, file: File): Promise<void> {
    const path = `/api/finance/expense-claims/${claimId}/receipts`;
    const grant = await this.api.post<UploadGrant>(
      `${path}/uploads`,
      RECEIPT_TYPES.includes(file.type) ? { contentType: file.type } : {},
    );
    const form = new FormData();
    for (const [name, value] of Object.entries(grant.fields)) form.append(name, value);
    form.append('file', file, file.name);
    const url = grant.url.startsWith('/') ? this.api.url(grant.url) : grant.url;
    await firstValueFrom(this.http.post(url, form, { responseType: 'text' }));
    await this.api.post(`${path}/confirm`, { key: grant.key, fileName: file.name });
  }

  protected async submit(c: ExpenseClaimSummary): Promise<void> {
    await this.actions.run(
      async () => {
        await this.api.post(`/api/finance/expense-claims/${c.id}/submit`);
        this.snack.open('Claim submitted for approval.', 'Close', { duration: 4000 });
        await this.claims.reload();
      },
      (text) => `"${c.title}" not submitted: ${text}`,
    );
  }

  protected async remove(c: ExpenseClaimSummary): Promise<void> {
    await this.actions.run(async () => {
      await this.api.delete(`/api/finance/expense-claims/${c.id}`);
      await this.claims.reload();
    });
  }

  protected async open(id: string): Promise<void> {
    await this.actions.run(async () =>
      this.shown.set(await this.api.get<ExpenseClaim>(`/api/finance/expense-claims/${id}`)),
    );
  }
}
