import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { CompanyCalendar } from '../../core/company-calendar';
import { FormMessage, formSubmission, pageActions } from '../../shared/form-submit';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { ACCOUNT_TYPES, accountTree, balanceSide, typeLabel } from './ledger';
import type { Account, TrialBalance } from './models';

type AccountType = Account['type'];

/**
 * The chart of accounts as a tree, with each account's balance today (group accounts roll up their
 * children: the trial balance computes it). Managers create and edit accounts and deactivate those
 * no longer used (their history stays in every report).
 */
@Component({
  selector: 'k-accounts',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ListStateView,
    FormMessage,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Chart of accounts</h1>
        @if (canManage && editing() === null) {
          <button mat-flat-button type="button" (click)="startCreate()" data-testid="new-account">New account</button>
        }
      </header>

      @if (editing() !== null) {
        <form class="panel" [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="account-form">
          <h2>{{ editing() === 'create' ? 'New account' : 'Edit ' + form.controls.code.value }}</h2>
          <div class="form-grid">
            <mat-form-field>
              <mat-label>Code</mat-label>
              <input matInput formControlName="code" maxlength="20" required data-testid="account-code" />
              <mat-error>{{ submission.error('code', 'Code') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Name</mat-label>
              <input matInput formControlName="name" maxlength="120" required data-testid="account-name" />
              <mat-error>{{ submission.error('name', 'Name') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Type</mat-label>
              <mat-select formControlName="type" required data-testid="account-type">
                @for (t of types; track t.value) {
                  <mat-option [value]="t.value">{{ t.label }}</mat-option>
                }
              </mat-select>
              <mat-error>{{ submission.error('type', 'Type') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Under group</mat-label>
              <mat-select formControlName="parentId" data-testid="account-parent">
                <mat-option value="">None (top level)</mat-option>
                @for (g of parentOptions(); track g.account.id) {
                  <mat-option [value]="g.account.id">{{ indent(g.depth) }}{{ g.account.code }} {{ g.account.name }}</mat-option>
                }
              </mat-select>
              <mat-error>{{ submission.error('parentId', 'Group') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Currency</mat-label>
              <input matInput formControlName="currency" maxlength="3" placeholder="Base currency" />
              <mat-hint>Only for an account kept in a foreign currency</mat-hint>
              <mat-error>{{ submission.error('currency', 'Currency') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Description</mat-label>
              <input matInput formControlName="description" maxlength="500" />
            </mat-form-field>
          </div>
          <div class="actions">
            <mat-checkbox formControlName="isGroup">Group account (holds accounts, takes no postings)</mat-checkbox>
            <mat-checkbox formControlName="cash">Cash or bank (in the cash-flow statement)</mat-checkbox>
            @if (editing() !== 'create') {
              <mat-checkbox formControlName="active">Active</mat-checkbox>
            }
          </div>
          @if (submission.error('isGroup', 'Group')) {
            <p class="error-text">{{ submission.error('isGroup', 'Group') }}</p>
          }
          <k-form-message [message]="submission.message()" />
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="account-save">{{ busy() ? 'Saving…' : 'Save account' }}</button>
            <button mat-button type="button" (click)="editing.set(null)">Cancel</button>
          </div>
        </form>
      }
      @if (message()) {
        <p class="state error" role="alert">{{ message() }}</p>
      }

      <div class="filters">
        <mat-form-field>
          <mat-label>Find</mat-label>
          <input matInput type="search" [formControl]="find" placeholder="Code or name" data-testid="account-find" />
        </mat-form-field>
        <mat-checkbox [formControl]="showInactive">Show deactivated accounts</mat-checkbox>
      </div>
      <k-list-state [state]="accounts.state()" [error]="accounts.error()" empty="The chart is empty." (retry)="reload()" />
      @if (accounts.state() === 'ready') {
        @if (canBalances) {
          <p class="sub">Balances as of {{ date(today()) }}{{ balances.data()?.currency ? ', in ' + balances.data()?.currency : '' }}.</p>
        }
        <div class="table-wrap">
          <table class="k-table" data-testid="accounts">
            <caption class="cdk-visually-hidden">Chart of accounts</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                @if (canBalances) {
                  <th scope="col" class="num">Balance</th>
                }
                @if (canManage) {
                  <th scope="col"><span class="cdk-visually-hidden">Actions</span></th>
                }
              </tr>
            </thead>
            <tbody>
              @for (row of rows(); track row.account.id) {
                <tr data-testid="account-row" [class.group]="row.account.isGroup" [class.inactive]="!row.account.active">
                  <td class="nowrap">{{ row.account.code }}</td>
                  <td class="name" [style.padding-left.px]="10 + row.depth * 16">
                    @if (!row.account.isGroup && canLedger) {
                      <a [routerLink]="['/finance/general-ledger']" [queryParams]="{ accountId: row.account.id }">{{ row.account.name }}</a>
                    } @else {
                      {{ row.account.name }}
                    }
                    @if (row.account.currency) { <span class="sub"> · {{ row.account.currency }}</span> }
                    @if (row.account.cash) { <span class="sub"> · cash</span> }
                    @if (!row.account.active) { <span class="sub"> (deactivated)</span> }
                  </td>
                  <td>{{ typeLabel(row.account.type) }}</td>
                  @if (canBalances) {
                    <td class="num" data-testid="account-balance">{{ balance(row.account.id) }}</td>
                  }
                  @if (canManage) {
                    <td>
                      <div class="actions">
                        @if (confirming() === row.account.id) {
                          <span>Deactivate {{ row.account.code }}? It takes no new postings; its history stays.</span>
                          <button mat-flat-button type="button" [disabled]="busy()" (click)="setActive(row.account, false)">Deactivate</button>
                          <button mat-button type="button" (click)="confirming.set(null)">Keep</button>
                        } @else {
                          <button mat-button type="button" (click)="startEdit(row.account)" [attr.aria-label]="'Edit ' + row.account.code">Edit</button>
                          @if (row.account.active) {
                            <button mat-button type="button" (click)="confirming.set(row.account.id)" [attr.aria-label]="'Deactivate ' + row.account.code">Deactivate</button>
                          } @else {
                            <button mat-button type="button" [disabled]="busy()" (click)="setActive(row.account, true)" [attr.aria-label]="'Activate ' + row.account.code">Activate</button>
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
      }
    </section>
  `,
  styleUrl: './finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountsPage {
  private readonly api = inject(Api);
  private readonly snack = inject(MatSnackBar);
  private readonly calendar = inject(CompanyCalendar);
  private readonly auth = inject(Auth);
  protected readonly canManage = this.auth.can('finance.accounts.manage');
  protected readonly canBalances = this.auth.can('finance.statements.read');
  protected readonly canLedger = this.auth.can('finance.journals.read');
  protected readonly types = ACCOUNT_TYPES;
  protected readonly typeLabel = typeLabel;
  protected readonly today = this.calendar.today;
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  private readonly actions = pageActions(this.busy, this.message);
  protected readonly editing = signal<'create' | Account | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly find = new FormControl('', { nonNullable: true });
  protected readonly showInactive = new FormControl(true, { nonNullable: true });
  private readonly findText = signal('');
  private readonly inactiveShown = signal(true);

  protected readonly form = new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$/)],
    }),
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(2), Validators.maxLength(120)],
    }),
    type: new FormControl<AccountType>('asset', { nonNullable: true, validators: [Validators.required] }),
    parentId: new FormControl('', { nonNullable: true }),
    isGroup: new FormControl(false, { nonNullable: true }),
    active: new FormControl(true, { nonNullable: true }),
    currency: new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^[A-Za-z]{3}$/)] }),
    cash: new FormControl(false, { nonNullable: true }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(500)] }),
  });
  protected readonly submission = formSubmission(this.form, this.busy);
  private readonly formType = signal<AccountType>('asset');

  protected readonly accounts = loader(() =>
    this.api.all<Account>('/api/finance/accounts', { sort: 'code' }).then((r) => r.items),
  );
  protected readonly balances = loader(() =>
    this.api.get<TrialBalance>('/api/finance/reports/trial-balance', { to: this.calendar.today() }),
  );
  private readonly closing = computed(
    () => new Map((this.balances.data()?.rows ?? []).map((r) => [r.accountId, r.closing])),
  );
  private readonly tree = computed(() => accountTree(this.accounts.data() ?? []));
  protected readonly rows = computed(() => {
    const q = this.findText().trim().toLowerCase();
    const inactive = this.inactiveShown();
    return this.tree().filter(
      (r) =>
        (inactive || r.account.active) &&
        (!q || r.account.code.toLowerCase().includes(q) || r.account.name.toLowerCase().includes(q)),
    );
  });
  /** Groups of the chosen type an account may sit under (not itself or anything under it). */
  protected readonly parentOptions = computed(() => {
    const editing = this.editing();
    const type = this.formType();
    const own = editing && editing !== 'create' ? editing.id : null;
    const rows = this.tree();
    const excluded = new Set<string>();
    if (own) {
      const start = rows.findIndex((r) => r.account.id === own);
      const depth = rows[start]?.depth ?? 0;
      excluded.add(own);
      for (let i = start + 1; i < rows.length && (rows[i]?.depth ?? 0) > depth; i++)
        excluded.add(rows[i]?.account.id ?? '');
    }
    return rows.filter((r) => r.account.isGroup && r.account.type === type && !excluded.has(r.account.id));
  });

  constructor() {
    this.reload();
    this.find.valueChanges.subscribe((v) => this.findText.set(v));
    this.showInactive.valueChanges.subscribe((v) => this.inactiveShown.set(v));
    this.form.controls.type.valueChanges.subscribe((t) => this.formType.set(t));
  }

  protected reload(): void {
    void this.accounts.reload();
    if (this.canBalances) void this.balances.reload();
  }

  protected indent(depth: number): string {
    return '\u00a0\u00a0'.repeat(depth);
  }

  protected date(value: string): string {
    return this.calendar.date(value);
  }

  protected balance(id: string): string {
    const b = balanceSide(this.closing().get(id));
    return b.side ? `${b.amount} ${b.side}` : b.amount;
  }

  protected startCreate(): void {
    this.submission.message.set(undefined);
    this.form.reset();
    this.formType.set('asset');
    this.editing.set('create');
  }

  protected startEdit(a: Account): void {
    this.submission.message.set(undefined);
    this.form.reset({
      code: a.code,
      name: a.name,
      type: a.type,
      parentId: a.parentId ?? '',
      isGroup: a.isGroup,
      active: a.active,
      currency: a.currency ?? '',
      cash: a.cash,
      description: a.description ?? '',
    });
    this.formType.set(a.type);
    this.editing.set(a);
  }

  protected async save(): Promise<void> {
    const editing = this.editing();
    await this.submission.run(async () => {
      const v = this.form.getRawValue();
      const body = {
        code: v.code.trim(),
        name: v.name.trim(),
        type: v.type,
        parentId: v.parentId || null,
        isGroup: v.isGroup,
        currency: v.currency.trim().toUpperCase() || null,
        cash: v.cash,
        description: v.description.trim() || null,
        ...(editing === 'create' ? {} : { active: v.active }),
      };
      if (editing && editing !== 'create') await this.api.patch(`/api/finance/accounts/${editing.id}`, body);
      else await this.api.post('/api/finance/accounts', body);
      this.snack.open(`Account ${body.code} saved.`, 'Close', { duration: 4000 });
      this.editing.set(null);
      this.reload();
    });
  }

  protected async setActive(a: Account, active: boolean): Promise<void> {
    await this.actions.run(
      async () => {
        await this.api.patch(`/api/finance/accounts/${a.id}`, { active });
        this.confirming.set(null);
        this.snack.open(`${a.code} ${active ? 'activated' : 'deactivated'}.`, 'Close', { duration: 4000 });
        this.reload();
      },
      (text) => `${a.code}: ${text}`,
    );
  }
}
