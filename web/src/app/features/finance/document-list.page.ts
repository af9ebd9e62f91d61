import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { formatAmount } from '../../core/money';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { type DocumentKind, INVOICES, statusLabel } from './documents';
import type { BillSummary, InvoiceSummary, ListPage } from './models';

type Row = InvoiceSummary | BillSummary;

/** Invoices or bills (the route's `kind`), newest first, by status and overdue. */
@Component({
  selector: 'k-document-list',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatSelectModule, ListStateView],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>{{ doc.title }}</h1>
        @if (canManage) {
          <a mat-flat-button [routerLink]="[doc.route, 'new']" data-testid="new-document">New {{ doc.noun }}</a>
        }
      </header>
      <div class="filters">
        <mat-form-field>
          <mat-label>Status</mat-label>
          <mat-select [value]="status()" (selectionChange)="status.set($event.value); list.reload()" data-testid="document-status">
            <mat-option value="">All statuses</mat-option>
            @for (s of doc.statuses; track s.value) {
              <mat-option [value]="s.value">{{ s.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Due</mat-label>
          <mat-select [value]="overdue()" (selectionChange)="overdue.set($event.value); list.reload()" data-testid="document-overdue">
            <mat-option value="">Any</mat-option>
            <mat-option value="true">Overdue</mat-option>
            <mat-option value="false">Not overdue</mat-option>
          </mat-select>
        </mat-form-field>
      </div>
      <div class="table-wrap">
        @if (list.state() === 'ready') {
          <table class="k-table" data-testid="documents">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">{{ doc.partyLabel }}</th>
                <th scope="col">{{ doc.dateLabel }}</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">Total</th>
                <th scope="col" class="num">Amount due</th>
              </tr>
            </thead>
            <tbody>
              @for (d of rows(); track d.id) {
                <tr data-testid="document-row">
                  <td class="nowrap"><a [routerLink]="[doc.route, d.id]">{{ d.number ?? 'Draft' }}</a></td>
                  <td>{{ partyOf(d) }}</td>
                  <td class="nowrap">{{ date(dateOf(d)) }}</td>
                  <td class="nowrap">{{ date(d.dueDate) }} @if (d.overdue) { <span class="bad" data-testid="overdue">Overdue</span> }</td>
                  <td><span class="status" [attr.data-status]="d.status">{{ label(d.status) }}</span></td>
                  <td class="num">{{ amount(d.total) }} {{ d.currency }}</td>
                  <td class="num">{{ amount(d.amountDue) }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
      </div>
      <k-list-state [state]="list.state()" [error]="list.error()" [empty]="'No ' + doc.noun + 's match.'" (retry)="list.reload()" />
    </section>
  `,
  styleUrl: './finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentListPage {
  private readonly api = inject(Api);
  private readonly calendar = inject(CompanyCalendar);
  protected readonly doc: DocumentKind = inject(ActivatedRoute).snapshot.data.document ?? INVOICES;
  protected readonly canManage = inject(Auth).can('finance.invoices.manage');
  protected readonly status = signal('');
  protected readonly overdue = signal('');
  protected readonly list = loader(() =>
    this.api.get<ListPage<Row>>(this.doc.api, { status: this.status(), overdue: this.overdue(), limit: 100 }),
  );
  protected readonly rows = computed(() => this.list.data()?.items ?? []);
  protected readonly amount = formatAmount;

  constructor() {
    void this.list.reload();
  }

  protected label(status: string): string {
    return statusLabel(this.doc, status);
  }
  protected partyOf(d: Row): string {
    return ('customerName' in d ? d.customerName : d.vendorName) ?? '';
  }
  protected dateOf(d: Row): string {
    return 'issueDate' in d ? d.issueDate : d.billDate;
  }
  protected date(value: string): string {
    return this.calendar.date(value);
  }
}
