import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { FormMessage, formSubmission } from '../../shared/form-submit';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import type { BankAccount, BankCsvMapping, BankStatement, BankStatementSummary, ListPage } from './models';

/** The most a statement file may weigh before it is sent. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Imported bank statements, and the import: CSV with a column mapping remembered per bank account, or camt.053. */
@Component({
  selector: 'k-bank-statements',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ListStateView,
    FormMessage,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Bank statements</h1>
        <a mat-stroked-button routerLink="/finance/bank-accounts">Bank accounts</a>
      </header>

      @if (canImport) {
        <form class="panel" [formGroup]="form" (ngSubmit)="import()" novalidate data-testid="statement-import">
          <h2>Import a statement</h2>
          <div class="filters">
            <mat-form-field>
              <mat-label>Bank account</mat-label>
              <select matNativeControl formControlName="bankAccountId" required (change)="pickBank()" data-testid="import-bank">
                <option value="">Choose…</option>
                @for (b of banks(); track b.id) {
                  <option [value]="b.id">{{ b.name }} · {{ b.currency }}</option>
                }
              </select>
              <mat-error>{{ submission.error('bankAccountId', 'Bank account') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Format</mat-label>
              <select matNativeControl formControlName="format" data-testid="import-format">
                <option value="csv">CSV</option>
                <option value="camt053">ISO 20022 camt.053 (XML)</option>
              </select>
            </mat-form-field>
          </div>
          <div class="actions">
            <input type="file" accept=".csv,.txt,.xml,text/csv,application/xml,text/xml" (change)="pickFile($event)" aria-label="Statement file" data-testid="import-file" />
            @if (fileName()) { <span class="sub">{{ fileName() }}</span> }
          </div>
          @if (form.controls.format.value === 'csv') {
            <h2>Columns</h2>
            <p class="sub">The header names of the file's columns. What you enter here is remembered for this bank account.</p>
            <div class="filters" [formGroup]="mapping">
              <mat-form-field><mat-label>Date</mat-label><input matInput formControlName="date" required data-testid="map-date" /></mat-form-field>
              <mat-form-field><mat-label>Description</mat-label><input matInput formControlName="description" required data-testid="map-description" /></mat-form-field>
              <mat-form-field><mat-label>Reference</mat-label><input matInput formControlName="reference" data-testid="map-reference" /></mat-form-field>
              <mat-form-field><mat-label>Amount (signed)</mat-label><input matInput formControlName="amount" data-testid="map-amount" /><mat-hint>Or debit and credit</mat-hint></mat-form-field>
              <mat-form-field><mat-label>Debit (money out)</mat-label><input matInput formControlName="debit" data-testid="map-debit" /></mat-form-field>
              <mat-form-field><mat-label>Credit (money in)</mat-label><input matInput formControlName="credit" data-testid="map-credit" /></mat-form-field>
              <mat-form-field><mat-label>Balance</mat-label><input matInput formControlName="balance" data-testid="map-balance" /></mat-form-field>
              <mat-form-field>
                <mat-label>Date format</mat-label>
                <select matNativeControl formControlName="dateFormat" data-testid="map-date-format">
                  @for (f of dateFormats; track f) { <option [value]="f">{{ f }}</option> }
                </select>
              </mat-form-field>
              <mat-form-field>
                <mat-label>Decimal separator</mat-label>
                <select matNativeControl formControlName="decimalSeparator" data-testid="map-decimal">
                  <option value=".">Point (1,234.56)</option>
                  <option value=",">Comma (1.234,56)</option>
                </select>
              </mat-form-field>
              <mat-form-field>
                <mat-label>Delimiter</mat-label>
                <select matNativeControl formControlName="delimiter">
                  <option value=",">Comma</option>
                  <option value=";">Semicolon</option>
                  <option value="\t">Tab</option>
                </select>
              </mat-form-field>
            </div>
            <div class="filters">
              <mat-form-field><mat-label>Opening balance</mat-label><input matInput formControlName="openingBalance" inputmode="decimal" data-testid="import-opening" /><mat-hint>Only without a balance column</mat-hint></mat-form-field>
              <mat-form-field><mat-label>Closing balance</mat-label><input matInput formControlName="closingBalance" inputmode="decimal" data-testid="import-closing" /></mat-form-field>
            </div>
          }
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy() || !content()" data-testid="import-submit">Import</button>
          </div>
          <k-form-message [message]="submission.message()" testid="import-error" />
        </form>
      }

      <h2>Statements</h2>
      <k-list-state [state]="statements.state()" [error]="statements.error()" empty="No statement imported yet." (retry)="statements.reload()" />
      @if (statements.state() === 'ready') {
        <div class="table-wrap">
          <table class="k-table" data-testid="statements">
            <caption class="cdk-visually-hidden">Bank statements</caption>
            <thead><tr><th scope="col">Bank account</th><th scope="col">Period</th><th scope="col" class="num">Opening</th><th scope="col" class="num">Closing</th><th scope="col" class="num">Reconciled</th><th scope="col">Lines matched</th><th scope="col">Status</th></tr></thead>
            <tbody>
              @for (s of statementRows(); track s.id) {
                <tr data-testid="statement-row">
                  <td><a [routerLink]="['/finance/bank-statements', s.id]">{{ bankName(s.bankAccountId) }}</a></td>
                  <td class="nowrap">{{ calendar.date(s.startDate) }} – {{ calendar.date(s.endDate) }}</td>
                  <td class="num">{{ s.openingBalance }}</td>
                  <td class="num">{{ s.closingBalance }}</td>
                  <td class="num">{{ s.reconciledAmount }}</td>
                  <td>{{ s.matchedCount }} / {{ s.lineCount }}</td>
                  <td>{{ s.status === 'reconciled' ? 'Reconciled' : 'Open' }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>
  `,
  styleUrl: './finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BankStatementsPage {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly canImport = inject(Auth).can('finance.bank.reconcile');
  protected readonly busy = signal(false);
  protected readonly dateFormats: BankCsvMapping['dateFormat'][] = [
    'yyyy-mm-dd',
    'dd/mm/yyyy',
    'mm/dd/yyyy',
    'dd.mm.yyyy',
    'dd-mm-yyyy',
  ];
  protected readonly mapping = new FormGroup({
    date: new FormControl('Date', { nonNullable: true }),
    description: new FormControl('Description', { nonNullable: true }),
    reference: new FormControl('', { nonNullable: true }),
    amount: new FormControl('Amount', { nonNullable: true }),
    debit: new FormControl('', { nonNullable: true }),
    credit: new FormControl('', { nonNullable: true }),
    balance: new FormControl('', { nonNullable: true }),
    dateFormat: new FormControl<BankCsvMapping['dateFormat']>('yyyy-mm-dd', { nonNullable: true }),
    decimalSeparator: new FormControl<'.' | ','>('.', { nonNullable: true }),
    delimiter: new FormControl<',' | ';' | '\t'>(',', { nonNullable: true }),
  });
  protected readonly form = new FormGroup({
    bankAccountId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    format: new FormControl<'csv' | 'camt053'>('csv', { nonNullable: true }),
    openingBalance: new FormControl('', { nonNullable: true }),
    closingBalance: new FormControl('', { nonNullable: true }),
    mapping: this.mapping,
  });
  protected readonly submission = formSubmission(this.form, this.busy);
  protected readonly content = signal('');
  protected readonly fileName = signal('');
  protected readonly banksLoader = loader(() =>
    this.api.get<ListPage<BankAccount>>('/api/finance/bank-accounts', { limit: 200 }),
  );
  protected readonly banks = computed(() => (this.banksLoader.data()?.items ?? []).filter((b) => b.active));
  protected readonly statements = loader(() =>
    this.api.get<ListPage<BankStatementSummary>>('/api/finance/bank-statements', { limit: 100 }),
  );
  protected readonly statementRows = computed(() => this.statements.data()?.items ?? []);

  constructor() {
    void this.banksLoader.reload();
    void this.statements.reload();
  }

  protected bankName(id: string): string {
    return this.banksLoader.data()?.items.find((b) => b.id === id)?.name ?? '…';
  }

  /** The chosen bank's remembered mapping fills the columns. */
  protected pickBank(): void {
    const bank = this.banks().find((b) => b.id === this.form.controls.bankAccountId.value);
    const m = bank?.csvMapping;
    if (!m) return;
    this.mapping.reset({
      date: m.date,
      description: m.description,
      reference: m.reference ?? '',
      amount: m.amount ?? '',
      debit: m.debit ?? '',
      credit: m.credit ?? '',
      balance: m.balance ?? '',
      dateFormat: m.dateFormat,
      decimalSeparator: m.decimalSeparator,
      delimiter: m.delimiter ?? ',',
    });
  }

  protected async pickFile(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    this.content.set('');
    this.fileName.set('');
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      this.submission.message.set('The file is larger than 4 MB.');
      return;
    }
    const text = await file.text();
    this.fileName.set(file.name);
    this.content.set(text);
    if (/^\s*(<\?xml|<Document)/.test(text)) this.form.controls.format.setValue('camt053');
  }

  protected async import(): Promise<void> {
    const statement = await this.submission.run(async () => {
      const v = this.form.getRawValue();
      const m = v.mapping;
      const optional = (s: string) => (s.trim() ? s.trim() : null);
      const mapping: BankCsvMapping = {
        date: m.date,
        description: m.description,
        reference: optional(m.reference),
        amount: optional(m.amount),
        debit: optional(m.debit),
        credit: optional(m.credit),
        balance: optional(m.balance),
        dateFormat: m.dateFormat,
        decimalSeparator: m.decimalSeparator,
        delimiter: m.delimiter,
      };
      return this.api.post<BankStatement>('/api/finance/bank-statements', {
        bankAccountId: v.bankAccountId,
        format: v.format,
        content: this.content(),
        ...(v.format === 'csv'
          ? {
              mapping,
              ...(v.openingBalance.trim() ? { openingBalance: v.openingBalance.trim() } : {}),
              ...(v.closingBalance.trim() ? { closingBalance: v.closingBalance.trim() } : {}),
            }
          : {}),
      });
    });
    if (statement) await this.router.navigate(['/finance/bank-statements', statement.id]);
  }
}
