import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormsModule, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { normaliseAmount } from '../../core/money';
import { pageActions } from '../../shared/form-submit';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import type { Account, Budget, BudgetVsActual, FinanceDepartment, FiscalYear } from './models';
import { FiscalYears } from './statement-tools';

interface Row {
  department: FinanceDepartment;
  budget: Budget | undefined;
  mode: 'warn' | 'stop';
  amounts: string[];
}

/**
 * Budgets of a fiscal year as a department × month grid for one expense account (editable by
 * those holding budgets.manage), and a department's budget against actual as bars (plain SVG).
 * Every figure is the API's; the chart only scales them.
 */
@Component({
  selector: 'k-budgets',
  imports: [ReactiveFormsModule, FormsModule, MatButtonModule, MatFormFieldModule, MatSelectModule, ListStateView],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Budgets</h1>
        @if (yearId()) {
          <button mat-stroked-button type="button" (click)="export('csv')">Budget against actual (CSV)</button>
          <button mat-stroked-button type="button" (click)="export('xlsx')">XLSX</button>
          <button mat-stroked-button type="button" (click)="export('pdf')">PDF</button>
        }
      </header>
      <div class="filters">
        <mat-form-field>
          <mat-label>Fiscal year</mat-label>
          <mat-select [formControl]="year" (selectionChange)="data.reload()" data-testid="budget-year">
            @for (y of years(); track y.id) {
              <mat-option [value]="y.id">{{ y.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Expense account</mat-label>
          <mat-select [formControl]="account" (selectionChange)="chartOf.set(null)" data-testid="budget-account">
            @for (a of accounts(); track a.id) {
              <mat-option [value]="a.id">{{ a.code }} {{ a.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </div>
      @if (actions.message()) {
        <p class="state error" role="alert" data-testid="budget-error">{{ actions.message() }}</p>
      }
      <k-list-state [state]="data.state()" [error]="data.error()" empty="No departments." (retry)="data.reload()" />
      @if (data.state() === 'ready') {
        <div class="table-wrap">
          <table class="k-table grid" data-testid="budget-grid">
            <caption class="cdk-visually-hidden">Monthly budgets by department</caption>
            <thead>
              <tr>
                <th scope="col">Department</th>
                <th scope="col">Mode</th>
                @for (m of months(); track m) {
                  <th scope="col">{{ calendar.month(m) }}</th>
                }
                <th scope="col"><span class="cdk-visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              @for (row of rows(); track row.department.id) {
                <tr data-testid="budget-row" [attr.data-department]="row.department.name">
                  <th scope="row">{{ row.department.name }}</th>
                  <td>
                    <select [(ngModel)]="row.mode" [disabled]="!canManage" [attr.aria-label]="'Mode for ' + row.department.name" data-testid="budget-mode">
                      <option value="warn">warn</option>
                      <option value="stop">stop</option>
                    </select>
                  </td>
                  @for (m of months(); track m; let i = $index) {
                    <td>
                      <input
                        class="cell"
                        inputmode="decimal"
                        [(ngModel)]="row.amounts[i]"
                        [readonly]="!canManage"
                        [attr.aria-label]="row.department.name + ' ' + m"
                        [attr.data-testid]="'budget-cell-' + i"
                      />
                    </td>
                  }
                  <td>
                    <div class="actions">
                      @if (canManage) {
                        <button mat-stroked-button type="button" [disabled]="busy()" (click)="save(row)" data-testid="save-budget">Save</button>
                      }
                      @if (row.budget) {
                        <button mat-button type="button" (click)="chartOf.set(row.budget.id)" data-testid="show-chart">Chart</button>
                      }
                    </div>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
      @if (chart(); as c) {
        <section class="panel" data-testid="budget-chart">
          <h2>{{ c.title }}</h2>
          <svg [attr.viewBox]="'0 0 ' + c.width + ' ' + (c.height + 30)" role="img" [attr.aria-label]="c.title">
            @for (b of c.bars; track b.month) {
              <rect [attr.x]="b.x" [attr.y]="c.height - b.budget" width="14" [attr.height]="b.budget" class="budget">
                <title>{{ b.month }} budget {{ b.budgetText }}</title>
              </rect>
              <rect [attr.x]="b.x + 16" [attr.y]="c.height - b.actual" width="14" [attr.height]="b.actual" [class.over]="b.over" class="actual">
                <title>{{ b.month }} actual {{ b.actualText }}</title>
              </rect>
              <text [attr.x]="b.x" [attr.y]="c.height + 14" font-size="10">{{ b.month.slice(5) }}</text>
            }
          </svg>
          <p class="sub"><span class="key budget"></span> budget <span class="key actual"></span> actual <span class="key over"></span> over budget</p>
        </section>
      }
    </section>
  `,
  styleUrl: './finance.scss',
  styles: `
    .cell {
      width: 7em;
      text-align: right;
    }
    svg {
      width: 100%;
      max-width: 720px;
    }
    .budget {
      fill: var(--mat-sys-outline-variant);
    }
    .actual {
      fill: var(--mat-sys-primary);
    }
    .over {
      fill: var(--mat-sys-error);
    }
    .key {
      display: inline-block;
      width: 12px;
      height: 12px;
      &.budget { background: var(--mat-sys-outline-variant); }
      &.actual { background: var(--mat-sys-primary); }
      &.over { background: var(--mat-sys-error); }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BudgetsPage {
  private readonly api = inject(Api);
  private readonly snack = inject(MatSnackBar);
  private readonly fiscalYears = inject(FiscalYears);
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly canManage = inject(Auth).can('finance.budgets.manage');
  protected readonly busy = signal(false);
  protected readonly actions = pageActions(this.busy);
  protected readonly years = signal<FiscalYear[]>([]);
  protected readonly accounts = signal<Account[]>([]);
  protected readonly year = new FormControl('', { nonNullable: true });
  protected readonly account = new FormControl('', { nonNullable: true });
  protected readonly yearId = signal('');
  private readonly accountId = signal('');
  protected readonly chartOf = signal<string | null>(null);
  /** Budgets are in the base currency: the report says which. */
  private readonly currency = computed(() => this.data.data()?.report?.currency ?? 'EGP');

  protected readonly data = loader(
    async () => {
      const fiscalYearId = this.year.value;
      this.yearId.set(fiscalYearId);
      if (!fiscalYearId) return { departments: [] as FinanceDepartment[], budgets: [] as Budget[], report: undefined };
      const [departments, budgets, report] = await Promise.all([
        this.api.get<{ items: FinanceDepartment[] }>('/api/finance/departments'),
        this.api.get<{ items: Budget[] }>('/api/finance/budgets', { fiscalYearId }),
        this.api.get<BudgetVsActual>('/api/finance/reports/budget-vs-actual', { fiscalYearId }),
      ]);
      return { departments: departments.items, budgets: budgets.items, report };
    },
    (d) => d.departments.length === 0,
  );

  protected readonly months = computed(() => {
    const y = this.years().find((x) => x.id === this.yearId());
    if (!y) return [];
    const start = y.startDate.slice(0, 7);
    return Array.from({ length: 12 }, (_, i) => {
      const [yy, mm] = start.split('-').map(Number) as [number, number];
      const n = yy * 12 + (mm - 1) + i;
      return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
    });
  });

  protected readonly rows = computed<Row[]>(() => {
    const d = this.data.data();
    const accountId = this.accountId();
    if (!d) return [];
    return d.departments.map((department) => {
      const budget = d.budgets.find((b) => b.departmentId === department.id && b.accountId === accountId);
      return {
        department,
        budget,
        mode: budget?.mode ?? 'warn',
        amounts: budget ? budget.months.map((m) => m.amount.amount) : Array(12).fill(''),
      };
    });
  });

  protected readonly chart = computed(() => {
    const id = this.chartOf();
    const item = this.data.data()?.report?.items.find((i) => i.budgetId === id);
    if (!item) return undefined;
    const num = (s: string) => Math.max(0, Number(s));
    const top = Math.max(1, ...item.months.flatMap((m) => [num(m.budget.amount), num(m.actual.amount)]));
    const height = 160;
    const scale = (s: string) => Math.round((num(s) / top) * height);
    return {
      title: `${item.departmentName} · ${item.accountCode} ${item.accountName}: budget against actual`,
      width: 12 * 44 + 10,
      height,
      bars: item.months.map((m, i) => ({
        month: m.month,
        x: 8 + i * 44,
        budget: scale(m.budget.amount),
        actual: scale(m.actual.amount),
        budgetText: m.budget.amount,
        actualText: m.actual.amount,
        over: m.over,
      })),
    };
  });

  constructor() {
    this.account.valueChanges.subscribe((v) => this.accountId.set(v));
    void this.init();
  }

  private async init(): Promise<void> {
    await this.actions.run(async () => {
      await this.calendar.load();
      const [years, accounts] = await Promise.all([
        this.fiscalYears.list(),
        this.api.all<Account>('/api/finance/accounts', { type: 'expense', sort: 'code' }),
      ]);
      this.years.set(years);
      const postable = accounts.items.filter((a) => !a.isGroup && a.active);
      this.accounts.set(postable);
      const today = this.calendar.today();
      const current = years.find((y) => y.startDate <= today && today <= y.endDate) ?? years[0];
      this.year.setValue(current?.id ?? '');
      this.account.setValue(postable.find((a) => a.code === '5700')?.id ?? postable[0]?.id ?? '');
      await this.data.reload();
    });
  }

  protected async save(row: Row): Promise<void> {
    await this.actions.run(
      async () => {
        await this.api.post<Budget>('/api/finance/budgets', {
          fiscalYearId: this.yearId(),
          departmentId: row.department.id,
          accountId: this.accountId(),
          mode: row.mode,
          months: row.amounts.map((a) => ({ amount: normaliseAmount(a ?? '') || '0', currency: this.currency() })),
        });
        this.snack.open(`Budget of ${row.department.name} saved.`, 'Close', { duration: 4000 });
        await this.data.reload();
      },
      (text) => `${row.department.name}: ${text}`,
    );
  }

  protected async export(format: 'csv' | 'xlsx' | 'pdf'): Promise<void> {
    await this.actions.run(() =>
      this.api.download(
        '/api/finance/reports/budget-vs-actual',
        { fiscalYearId: this.yearId(), format },
        `budget-vs-actual.${format}`,
      ),
    );
  }
}
