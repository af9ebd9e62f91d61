import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { FormMessage, formSubmission } from '../../shared/form-submit';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { AccountPicker } from './account-picker';
import type { BankAccount, ListPage } from './models';

/** Bank accounts: each on an asset account of the ledger, its IBAN shown masked; add or edit one. */
@Component({
  selector: 'k-bank-accounts',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ListStateView,
    FormMessage,
    AccountPicker,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Bank accounts</h1>
        <a mat-stroked-button routerLink="/finance/bank-statements">Statements &amp; reconciliation</a>
      </header>

      <k-list-state [state]="accounts.state()" [error]="accounts.error()" empty="No bank account yet." (retry)="accounts.reload()" />
      @if (accounts.state() === 'ready') {
        <div class="table-wrap">
          <table class="k-table" data-testid="bank-accounts">
            <caption class="cdk-visually-hidden">Bank accounts</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Bank</th><th scope="col">IBAN</th><th scope="col">Ledger account</th><th scope="col">Currency</th><th scope="col">Status</th><th scope="col"></th></tr></thead>
            <tbody>
              @for (b of rows(); track b.id) {
                <tr data-testid="bank-account-row">
                  <td class="name">{{ b.name }}</td>
                  <td>{{ b.bankName }}</td>
                  <td class="nowrap">{{ b.iban ?? '—' }}</td>
                  <td>{{ b.accountCode }} {{ b.accountName }}</td>
                  <td>{{ b.currency }}</td>
                  <td>{{ b.active ? 'Active' : 'Deactivated' }}</td>
                  <td>
                    @if (canManage) {
                      <button mat-button type="button" (click)="edit(b)">Edit</button>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }

      @if (canManage) {
        <form class="panel" [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="bank-account-form">
          <h2>{{ editing() ? 'Edit ' + editing()?.name : 'Add a bank account' }}</h2>
          <div class="filters">
            <mat-form-field>
              <mat-label>Name</mat-label>
              <input matInput formControlName="name" required data-testid="bank-name-field" />
              <mat-error>{{ submission.error('name', 'Name') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Bank</mat-label>
              <input matInput formControlName="bankName" required data-testid="bank-bank-field" />
              <mat-error>{{ submission.error('bankName', 'Bank') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>IBAN</mat-label>
              <input matInput formControlName="iban" autocomplete="off" data-testid="bank-iban-field" [placeholder]="editing()?.iban ?? 'EG38 0019 …'" />
              <mat-hint>{{ editing() ? 'Leave empty to keep the stored IBAN' : 'Checked with its check digits; shown masked' }}</mat-hint>
              <mat-error>{{ submission.error('iban', 'IBAN') }}</mat-error>
            </mat-form-field>
          </div>
          <k-account-picker [control]="form.controls.accountId" label="Ledger account (asset)" [postingOnly]="true" [required]="true"
            [error]="submission.error('accountId', 'Ledger account')" testId="bank-ledger-field" />
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="bank-save">{{ editing() ? 'Save' : 'Add bank account' }}</button>
            @if (editing()) {
              <button mat-button type="button" (click)="cancel()">Cancel</button>
              <button mat-button type="button" (click)="toggleActive()">{{ editing()?.active ? 'Deactivate' : 'Activate' }}</button>
            }
          </div>
          <k-form-message [message]="submission.message()" />
        </form>
      }
    </section>
  `,
  styleUrl: './finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BankAccountsPage {
  private readonly api = inject(Api);
  private readonly snack = inject(MatSnackBar);
  protected readonly canManage = inject(Auth).can('finance.bank.manage');
  protected readonly busy = signal(false);
  protected readonly editing = signal<BankAccount | null>(null);
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    bankName: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    iban: new FormControl('', { nonNullable: true }),
    accountId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly submission = formSubmission(this.form, this.busy);
  protected readonly accounts = loader(() =>
    this.api.get<ListPage<BankAccount>>('/api/finance/bank-accounts', { limit: 200 }),
  );
  protected readonly rows = computed(() => this.accounts.data()?.items ?? []);

  constructor() {
    void this.accounts.reload();
  }

  protected edit(b: BankAccount): void {
    this.editing.set(b);
    this.form.reset({ name: b.name, bankName: b.bankName, iban: '', accountId: b.accountId });
  }

  protected cancel(): void {
    this.editing.set(null);
    this.form.reset();
  }

  protected async toggleActive(): Promise<void> {
    const b = this.editing();
    if (!b) return;
    await this.submission.run(
      async () => {
        await this.api.patch(`/api/finance/bank-accounts/${b.id}`, { active: !b.active });
        this.cancel();
        await this.accounts.reload();
      },
      { validate: false },
    );
  }

  protected async save(): Promise<void> {
    await this.submission.run(async () => {
      const v = this.form.getRawValue();
      const body = {
        name: v.name,
        bankName: v.bankName,
        accountId: v.accountId,
        ...(v.iban.trim() ? { iban: v.iban } : {}),
      };
      const b = this.editing();
      if (b) await this.api.patch(`/api/finance/bank-accounts/${b.id}`, body);
      else await this.api.post('/api/finance/bank-accounts', body);
      this.snack.open(`${v.name} saved.`, 'Close', { duration: 4000 });
      this.cancel();
      await this.accounts.reload();
    });
  }
}
