import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { ActivatedRoute, Router } from '@angular/router';
import { Api } from '../../core/api';
import { CompanyCalendar } from '../../core/company-calendar';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { AgeingBars } from './ageing-bars';
import { isIsoDate, showAmount } from './ledger';
import type { Ageing } from './models';
import { FiscalYears, StatementToolbar } from './statement-tools';

type Kind = 'receivables' | 'payables';

/** Receivables or payables ageing as of a day: per customer (vendor) and currency, by days past due. */
@Component({
  selector: 'k-ageing',
  imports: [ListStateView, StatementToolbar, AgeingBars, MatButtonToggleModule, ReactiveFormsModule],
  template: `
    <section class="page">
      <k-statement-toolbar
        [heading]="kind.value === 'receivables' ? 'Receivables ageing' : 'Payables ageing'"
        [path]="'/api/finance/reports/' + shownKind() + '-ageing'"
        [fileName]="shownKind() + '-ageing'"
        [shown]="shownAsOf() ? { asOf: shownAsOf() } : null"
        [asOf]="asOf"
        [message]="message()"
        (show)="show()"
      >
        <mat-button-toggle-group lead [formControl]="kind" aria-label="Receivables or payables" (change)="show()">
          <mat-button-toggle value="receivables" data-testid="kind-receivables">Receivables</mat-button-toggle>
          <mat-button-toggle value="payables" data-testid="kind-payables">Payables</mat-button-toggle>
        </mat-button-toggle-group>
      </k-statement-toolbar>
      <k-list-state [state]="report.state()" [error]="report.error()" (retry)="report.reload()" />
      @if (report.data(); as a) {
        <p class="sub">As of {{ date(a.asOf) }}; totals in {{ a.currency }} at each document's rate.</p>
        <k-ageing-bars [buckets]="bucketTotals(a)" />
        <div class="table-wrap" [class.stale]="report.loading()">
          <table class="k-table" data-testid="ageing">
            <thead>
              <tr>
                <th scope="col">{{ a.kind === 'receivables' ? 'Customer' : 'Vendor' }}</th>
                <th scope="col">Currency</th>
                @for (b of a.buckets; track b.label) {
                  <th scope="col" class="num">{{ b.label }}</th>
                }
                <th scope="col" class="num">Total</th>
                <th scope="col" class="num">Total {{ a.currency }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of a.rows; track r.partyId + r.currency) {
                <tr data-testid="ageing-row">
                  <td>{{ r.partyName }}</td>
                  <td>{{ r.currency }}</td>
                  @for (m of r.amounts; track $index) {
                    <td class="num">{{ amount(m) }}</td>
                  }
                  <td class="num">{{ amount(r.total) }}</td>
                  <td class="num">{{ amount(r.baseTotal) }}</td>
                </tr>
              } @empty {
                <tr><td [attr.colspan]="a.buckets.length + 4">Nothing owed at this date.</td></tr>
              }
            </tbody>
            <tfoot>
              <tr class="total">
                <td>Total</td>
                <td>{{ a.currency }}</td>
                @for (m of a.totals.baseAmounts; track $index) {
                  <td class="num">{{ amount(m) }}</td>
                }
                <td class="num"></td>
                <td class="num" data-testid="ageing-total">{{ amount(a.totals.baseTotal) }}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      }
    </section>
  `,
  styleUrl: './finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgeingPage {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly years = inject(FiscalYears);
  private readonly calendar = inject(CompanyCalendar);
  protected readonly amount = showAmount;
  protected readonly asOf = new FormControl('', { nonNullable: true });
  protected readonly kind = new FormControl<Kind>('receivables', { nonNullable: true });
  protected readonly shownAsOf = signal('');
  protected readonly shownKind = signal<Kind>('receivables');
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly report = loader(() =>
    this.api.get<Ageing>(`/api/finance/reports/${this.shownKind()}-ageing`, { asOf: this.shownAsOf() }),
  );

  constructor() {
    const q = this.route.snapshot.queryParams as Record<string, string | undefined>;
    this.asOf.setValue(isIsoDate(q.asOf) ? q.asOf : this.years.today());
    this.kind.setValue(q.kind === 'payables' ? 'payables' : 'receivables');
    this.show();
  }

  protected show(): void {
    const asOf = this.asOf.value;
    this.message.set(isIsoDate(asOf) ? undefined : 'Choose a date.');
    if (!isIsoDate(asOf)) return;
    this.shownAsOf.set(asOf);
    this.shownKind.set(this.kind.value);
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { asOf, kind: this.kind.value },
      replaceUrl: true,
    });
    void this.report.reload();
  }

  protected bucketTotals(a: Ageing): { label: string; amount: string }[] {
    return a.buckets.map((b, i) => ({ label: b.label, amount: a.totals.baseAmounts[i] ?? '0' }));
  }

  protected date(value: string | null): string {
    return this.calendar.date(value);
  }
}
