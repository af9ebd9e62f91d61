import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute } from '@angular/router';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { amountField, normaliseAmount } from '../../core/money';
import { applyProblem, controlError } from '../../core/problems';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import type { Customer, ListPage, Vendor } from './models';

type Party = Customer | Vendor;

function partyForm() {
  return new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(2)] }),
    taxNumber: new FormControl('', { nonNullable: true }),
    contactName: new FormControl('', { nonNullable: true }),
    email: new FormControl('', { nonNullable: true, validators: [Validators.email] }),
    phone: new FormControl('', { nonNullable: true }),
    address: new FormControl('', { nonNullable: true }),
    paymentTermsDays: new FormControl('30', { nonNullable: true, validators: [Validators.pattern(/^\d{1,3}$/)] }),
    currency: new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^[A-Za-z]{3}$/)] }),
    creditLimit: new FormControl('', { nonNullable: true, validators: [amountField] }),
    creditLimitAction: new FormControl<'warn' | 'stop'>('warn', { nonNullable: true }),
    active: new FormControl(true, { nonNullable: true }),
  });
}

/**
 * Customers or vendors (the route's `kind`): a searchable list and, beside it, the form that
 * creates one or edits the one picked. A customer also has a credit limit that warns or stops.
 */
@Component({
  selector: 'k-parties',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ListStateView,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>{{ title }}</h1>
        @if (canManage) {
          <button mat-flat-button type="button" (click)="edit(null)" data-testid="new-party">New {{ noun }}</button>
        }
      </header>
      <div class="filters">
        <mat-form-field>
          <mat-label>Search</mat-label>
          <input matInput type="search" [formControl]="search" placeholder="Name, tax number or email" data-testid="party-search" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>Status</mat-label>
          <mat-select [value]="active()" (selectionChange)="active.set($event.value); list.reload()">
            <mat-option value="">All</mat-option>
            <mat-option value="true">Active</mat-option>
            <mat-option value="false">Deactivated</mat-option>
          </mat-select>
        </mat-form-field>
      </div>
      @if (editing() !== undefined) {
        <form class="panel" [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="party-form">
          <h2>{{ editing() ? 'Edit ' + noun : 'New ' + noun }}</h2>
          <div class="form-grid">
            <mat-form-field>
              <mat-label>Name</mat-label>
              <input matInput formControlName="name" required data-testid="party-name" />
              <mat-error>{{ error('name', 'Name') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Tax registration number</mat-label>
              <input matInput formControlName="taxNumber" data-testid="party-tax" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>Contact name</mat-label>
              <input matInput formControlName="contactName" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>Email</mat-label>
              <input matInput type="email" formControlName="email" data-testid="party-email" />
              <mat-error>{{ error('email', 'Email') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Phone</mat-label>
              <input matInput formControlName="phone" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>Address</mat-label>
              <input matInput formControlName="address" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>Payment terms (days)</mat-label>
              <input matInput formControlName="paymentTermsDays" inputmode="numeric" data-testid="party-terms" />
              <mat-error>{{ error('paymentTermsDays', 'Payment terms') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Currency</mat-label>
              <input matInput formControlName="currency" maxlength="3" placeholder="Base currency" data-testid="party-currency" />
              <mat-error>{{ error('currency', 'Currency') }}</mat-error>
            </mat-form-field>
            @if (kind === 'customer') {
              <mat-form-field>
                <mat-label>Credit limit</mat-label>
                <input matInput formControlName="creditLimit" inputmode="decimal" placeholder="No limit" data-testid="party-limit" />
                <mat-error>{{ error('creditLimit', 'Credit limit') }}</mat-error>
              </mat-form-field>
              <mat-form-field>
                <mat-label>Over the limit</mat-label>
                <mat-select formControlName="creditLimitAction">
                  <mat-option value="warn">Warn</mat-option>
                  <mat-option value="stop">Stop issuing</mat-option>
                </mat-select>
              </mat-form-field>
            }
            <mat-checkbox formControlName="active">Active</mat-checkbox>
          </div>
          @if (message()) {
            <p class="state error" role="alert">{{ message() }}</p>
          }
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="save-party">Save</button>
            <button mat-button type="button" (click)="editing.set(undefined)">Cancel</button>
          </div>
        </form>
      }
      <div class="table-wrap">
        @if (list.state() === 'ready') {
          <table class="k-table" data-testid="parties">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Tax number</th>
                <th scope="col">Contact</th>
                <th scope="col">Terms</th>
                <th scope="col">Currency</th>
                @if (kind === 'customer') { <th scope="col" class="num">Credit limit</th> }
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              @for (p of rows(); track p.id) {
                <tr data-testid="party-row">
                  <td>
                    @if (canManage) { <a href="" (click)="$event.preventDefault(); edit(p)">{{ p.name }}</a> } @else { {{ p.name }} }
                  </td>
                  <td>{{ p.taxNumber || '—' }}</td>
                  <td>{{ p.contactName || '' }} <span class="sub">{{ p.email || '' }}</span></td>
                  <td>Net {{ p.paymentTermsDays }}</td>
                  <td>{{ p.currency }}</td>
                  @if (kind === 'customer') {
                    <td class="num">{{ limitOf(p) }}</td>
                  }
                  <td>{{ p.active ? 'Active' : 'Deactivated' }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
      </div>
      <k-list-state [state]="list.state()" [error]="list.error()" [empty]="'No ' + noun + 's yet.'" (retry)="list.reload()" />
    </section>
  `,
  styleUrl: './finance.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PartiesPage {
  private readonly api = inject(Api);
  protected readonly kind: 'customer' | 'vendor' = inject(ActivatedRoute).snapshot.data.kind ?? 'customer';
  protected readonly noun = this.kind;
  protected readonly title = this.kind === 'customer' ? 'Customers' : 'Vendors';
  private readonly path = `/api/finance/${this.kind}s`;
  protected readonly canManage = inject(Auth).can('finance.parties.manage');
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly active = signal('');
  protected readonly list = loader(() =>
    this.api.get<ListPage<Party>>(this.path, { q: this.search.value, active: this.active(), limit: 200 }),
  );
  protected readonly rows = computed(() => this.list.data()?.items ?? []);
  /** undefined: no form; null: a new one; a party: editing it. */
  protected readonly editing = signal<Party | null | undefined>(undefined);
  protected readonly form = partyForm();
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  private readonly touched = signal(0);

  constructor() {
    void this.list.reload();
    this.search.valueChanges
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe(() => void this.list.reload());
  }

  protected limitOf(p: Party): string {
    return 'creditLimit' in p && p.creditLimit ? `${p.creditLimit} (${p.creditLimitAction})` : '—';
  }

  protected edit(p: Party | null): void {
    this.message.set(undefined);
    this.form.reset();
    if (p)
      this.form.patchValue({
        name: p.name,
        taxNumber: p.taxNumber ?? '',
        contactName: p.contactName ?? '',
        email: p.email ?? '',
        phone: p.phone ?? '',
        address: p.address ?? '',
        paymentTermsDays: String(p.paymentTermsDays),
        currency: p.currency,
        creditLimit: 'creditLimit' in p ? (p.creditLimit ?? '') : '',
        creditLimitAction: 'creditLimitAction' in p ? p.creditLimitAction : 'warn',
        active: p.active,
      });
    this.editing.set(p);
  }

  protected error(path: string, label: string): string {
    this.touched();
    return controlError(this.form.get(path), label);
  }

  protected async save(): Promise<void> {
    this.message.set(undefined);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.touched.update((n) => n + 1);
      return;
    }
    const v = this.form.getRawValue();
    const text = (s: string) => (s.trim() ? s.trim() : null);
    const body = {
      name: v.name.trim(),
      taxNumber: text(v.taxNumber),
      contactName: text(v.contactName),
      email: text(v.email),
      phone: text(v.phone),
      address: text(v.address),
      paymentTermsDays: Number(v.paymentTermsDays || '0'),
      ...(v.currency ? { currency: v.currency.toUpperCase() } : {}),
      active: v.active,
      ...(this.kind === 'customer'
        ? { creditLimit: v.creditLimit ? normaliseAmount(v.creditLimit) : null, creditLimitAction: v.creditLimitAction }
        : {}),
    };
    this.busy.set(true);
    try {
      const current = this.editing();
      if (current) await this.api.patch(`${this.path}/${current.id}`, body);
      else await this.api.post(this.path, body);
      this.editing.set(undefined);
      await this.list.reload();
    } catch (err) {
      const unplaced = applyProblem(this.form, err);
      this.touched.update((n) => n + 1);
      if (unplaced) this.message.set(unplaced);
    } finally {
      this.busy.set(false);
    }
  }
}
