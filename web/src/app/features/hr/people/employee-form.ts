import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { Api } from '../../../core/api';
import { Auth } from '../../../core/auth';
import { moneyRange, normaliseAmount } from '../../../core/money';
import { applyProblem, controlError, toProblem } from '../../../core/problems';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import { PersonPicker } from '../person-picker';
import {
  type Department,
  departmentTree,
  EMPLOYMENT_TYPES,
  type Employee,
  type EmployeeFormValue,
  inBand,
  type Position,
  SALARY_PERIODS,
  toEmployeeBody,
  toFormValue,
} from './people';
import { amount, CURRENCY, isoDate, matching } from './validators';

/** Hire (`employees/new`) or edit (`employees/:id/edit`) an employee. */
@Component({
  selector: 'k-employee-form',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ListStateView,
    PersonPicker,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>{{ editing() ? 'Edit ' + (employee.data()?.fullName ?? 'employee') : 'New employee' }}</h1>
        <a mat-button [routerLink]="editing() ? ['/hr/employees', id()] : ['/hr/employees']">Cancel</a>
      </header>

      @if (editing() && employee.state() !== 'ready') {
        <k-list-state [state]="employee.state()" [error]="employee.error()" (retry)="employee.reload()" />
      } @else {
        @if (closed()) {
          <p class="state error" role="alert">This employee has left; their record is closed.</p>
        }
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="employee-form">
          <fieldset>
            <legend>Person</legend>
            <div class="form-grid">
              <mat-form-field>
                <mat-label>First name</mat-label>
                <input matInput formControlName="firstName" autocomplete="off" required maxlength="80" />
                <mat-error>{{ error('firstName', 'First name') }}</mat-error>
              </mat-form-field>
              <mat-form-field>
                <mat-label>Last name</mat-label>
                <input matInput formControlName="lastName" autocomplete="off" required maxlength="80" />
                <mat-error>{{ error('lastName', 'Last name') }}</mat-error>
              </mat-form-field>
              <mat-form-field>
                <mat-label>Work email</mat-label>
                <input matInput type="email" formControlName="workEmail" autocomplete="off" required />
                <mat-error>{{ error('workEmail', 'Work email') }}</mat-error>
              </mat-form-field>
              <mat-form-field>
                <mat-label>Phone</mat-label>
                <input matInput type="tel" formControlName="phone" autocomplete="off" maxlength="40" />
                <mat-error>{{ error('phone', 'Phone') }}</mat-error>
              </mat-form-field>
              <mat-form-field class="wide">
                <mat-label>Address</mat-label>
                <textarea matInput formControlName="address" rows="2" maxlength="500"></textarea>
                <mat-error>{{ error('address', 'Address') }}</mat-error>
              </mat-form-field>
            </div>
          </fieldset>

          <fieldset>
            <legend>Job</legend>
            <div class="form-grid">
              <mat-form-field>
                <mat-label>Department</mat-label>
                <mat-select formControlName="departmentId" data-testid="department-select">
                  <mat-option value="">No department</mat-option>
                  @for (row of departmentRows(); track row.department.id) {
                    <mat-option [value]="row.department.id">{{ indent(row.depth) }}{{ row.department.name }}</mat-option>
                  }
                </mat-select>
                @if (lookups.error()) {
                  <mat-hint>Departments could not be loaded.</mat-hint>
                }
                <mat-error>{{ error('departmentId', 'Department') }}</mat-error>
              </mat-form-field>
              <mat-form-field>
                <mat-label>Position</mat-label>
                <mat-select formControlName="positionId" data-testid="position-select">
                  <mat-option value="">No position</mat-option>
                  @for (p of positionOptions(); track p.id) {
                    <mat-option [value]="p.id">{{ p.title }} ({{ p.grade }})</mat-option>
                  }
                </mat-select>
                @if (position(); as p) {
                  <mat-hint>Band {{ band(p) }}</mat-hint>
                }
                <mat-error>{{ error('positionId', 'Position') }}</mat-error>
              </mat-form-field>
<k-person-picker
                label="Manager"
                noneLabel="No manager"
                testId="manager-picker"
                [control]="form.controls.managerId"
                [initialName]="employee.data()?.managerName"
                [exclude]="id()"
                [error]="error('managerId', 'Manager')"
              />
              <mat-form-field>
                <mat-label>Employment type</mat-label>
                <mat-select formControlName="employmentType">
                  <mat-option value="">Not set (full time)</mat-option>
                  @for (t of types; track t.value) {
                    <mat-option [value]="t.value">{{ t.label }}</mat-option>
                  }
                </mat-select>
                <mat-error>{{ error('employmentType', 'Employment type') }}</mat-error>
              </mat-form-field>
              <mat-form-field>
                <mat-label>Hire date</mat-label>
                <input matInput type="date" formControlName="hireDate" required />
                <mat-error>{{ error('hireDate', 'Hire date') }}</mat-error>
              </mat-form-field>
              <mat-form-field>
                <mat-label>Weekly hours</mat-label>
                <input matInput type="number" formControlName="weeklyHours" min="1" max="80" step="0.5" />
                <mat-hint>1 to 80; 40 when empty on hire</mat-hint>
                <mat-error>{{ error('weeklyHours', 'Weekly hours') }}</mat-error>
              </mat-form-field>
              <div class="check">
                <mat-checkbox formControlName="remote">Works remotely</mat-checkbox>
              </div>
            </div>
          </fieldset>

          @if (withPay()) {
            <fieldset formGroupName="salary">
              <legend>Pay</legend>
              <div class="form-grid">
                <mat-form-field subscriptSizing="dynamic">
                  <mat-label>Salary</mat-label>
                  <input matInput formControlName="amount" inputmode="decimal" required data-testid="salary-amount" />
                  <mat-error>{{ salaryError('amount', 'Salary') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Currency</mat-label>
                  <input matInput formControlName="currency" maxlength="3" required placeholder="EGP" />
                  <mat-error>{{ salaryError('currency', 'Currency') }}</mat-error>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Salary period</mat-label>
                  <mat-select [formControl]="form.controls.salaryPeriod">
                    <mat-option value="">Not set (monthly)</mat-option>
                    @for (p of periods; track p.value) {
                      <mat-option [value]="p.value">{{ p.label }}</mat-option>
                    }
                  </mat-select>
                </mat-form-field>
              </div>
            </fieldset>
          }

          <fieldset>
            <legend>Identity & payout</legend>
            @if (editing()) {
              <p class="hint">
                Stored values stay hidden{{ maskedNote() }}. Leave these empty to keep them; type a new value to replace it.
              </p>
            }
            <div class="form-grid">
              <mat-form-field>
                <mat-label>National id</mat-label>
                <input matInput formControlName="nationalId" autocomplete="off" maxlength="30" />
                <mat-error>{{ error('nationalId', 'National id') }}</mat-error>
              </mat-form-field>
              <mat-form-field>
                <mat-label>Payout account (IBAN)</mat-label>
                <input matInput formControlName="payoutAccount" autocomplete="off" maxlength="40" />
                <mat-error>{{ error('payoutAccount', 'Payout account') }}</mat-error>
              </mat-form-field>
            </div>
          </fieldset>

          <fieldset formGroupName="emergencyContact">
            <legend>Emergency contact</legend>
            <div class="form-grid">
              <mat-form-field>
                <mat-label>Contact name</mat-label>
                <input matInput formControlName="name" autocomplete="off" maxlength="120" />
                <mat-error>{{ contactError('name', 'Contact name') }}</mat-error>
              </mat-form-field>
              <mat-form-field>
                <mat-label>Contact phone</mat-label>
                <input matInput type="tel" formControlName="phone" autocomplete="off" maxlength="40" />
                <mat-error>{{ contactError('phone', 'Contact phone') }}</mat-error>
              </mat-form-field>
              <mat-form-field>
                <mat-label>Relation</mat-label>
                <input matInput formControlName="relation" autocomplete="off" maxlength="40" />
                <mat-error>{{ contactError('relation', 'Relation') }}</mat-error>
              </mat-form-field>
            </div>
          </fieldset>

          @if (!editing()) {
            <mat-checkbox formControlName="createLogin" data-testid="create-login">Create a login</mat-checkbox>
            <p class="hint">They get an email invitation to set a password and sign in as an employee.</p>
          }

          @if (message()) {
            <p class="state error" role="alert" data-testid="form-error">{{ message() }}</p>
          }
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="busy() || closed()" data-testid="save-employee">
              {{ busy() ? 'Saving…' : editing() ? 'Save changes' : 'Create employee' }}
            </button>
            <a mat-button [routerLink]="editing() ? ['/hr/employees', id()] : ['/hr/employees']">Cancel</a>
          </div>
        </form>
      }
    </section>
  `,
  styles: `
    fieldset {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 12px 16px 0;
      margin: 0 0 16px;
      min-width: 0;
    }
    legend {
      padding: 0 4px;
      font: var(--mat-sys-title-small);
    }
    .wide {
      grid-column: 1 / -1;
    }
    .check {
      display: flex;
      align-items: center;
      min-height: 56px;
      margin-bottom: 20px;
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmployeeFormPage {
  private readonly api = inject(Api);
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);

  /** The route's `:id` (absent on `employees/new`). */
  readonly id = input<string>();
  protected readonly editing = computed(() => !!this.id());
  protected readonly types = EMPLOYMENT_TYPES;
  protected readonly periods = SALARY_PERIODS;
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    firstName: ['', [Validators.required, Validators.maxLength(80)]],
    lastName: ['', [Validators.required, Validators.maxLength(80)]],
    workEmail: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    phone: ['', [Validators.maxLength(40)]],
    departmentId: [''],
    positionId: [''],
    managerId: [''],
    employmentType: [''],
    hireDate: ['', [Validators.required, isoDate]],
    salary: inject(FormBuilder).nonNullable.group({
      amount: ['', [Validators.required, amount]],
      currency: ['', [Validators.required, matching(CURRENCY, 'Use a 3-letter currency code, e.g. EGP.')]],
    }),
    salaryPeriod: [''],
    weeklyHours: [null as number | string | null, [Validators.min(1), Validators.max(80)]],
    nationalId: ['', [matching(/^[A-Za-z0-9-]{5,30}$/, '5 to 30 letters, digits or dashes.')]],
    payoutAccount: [
      '',
      [matching(/^[A-Za-z0-9 ]{6,40}$/, '6 to 40 letters, digits or spaces (an IBAN or account number).')],
    ],
    address: ['', [Validators.maxLength(500)]],
    remote: [false],
    emergencyContact: inject(FormBuilder).nonNullable.group({
      name: ['', [Validators.maxLength(120)]],
      phone: ['', [Validators.minLength(3), Validators.maxLength(40)]],
      relation: ['', [Validators.maxLength(40)]],
    }),
    createLogin: [false],
  });

  protected readonly employee = loader(() => this.api.get<Employee>(`/api/hr/employees/${this.id()}`));
  protected readonly lookups = loader(async () => {
    const [departments, positions] = await Promise.all([
      this.api.all<Department>('/api/hr/departments'),
      this.api.all<Position>('/api/hr/positions'),
    ]);
    return { departments: departments.items, positions: positions.items };
  });

  private readonly departmentId = toSignal(this.form.controls.departmentId.valueChanges, { initialValue: '' });
  private readonly positionId = toSignal(this.form.controls.positionId.valueChanges, { initialValue: '' });

  protected readonly departmentRows = computed(() => departmentTree(this.lookups.data()?.departments ?? []));
  protected readonly positionOptions = computed(() => {
    const all = this.lookups.data()?.positions ?? [];
    const dept = this.departmentId();
    return (dept ? all.filter((p) => p.departmentId === dept) : all).sort((a, b) => a.title.localeCompare(b.title));
  });
  protected readonly position = computed(() => this.lookups.data()?.positions.find((p) => p.id === this.positionId()));
  protected readonly closed = computed(() => {
    const s = this.employee.data()?.status;
    return this.editing() && (s === 'terminated' || s === 'resigned');
  });
  /** Pay is required to hire; on edit it shows only to those who may see it (and then it is prefilled). */
  protected readonly withPay = computed(() => {
    if (!this.editing()) return true;
    return this.auth.can('hr.employees.read-sensitive') && this.employee.data()?.visibility === 'pay';
  });
  /**
   * The service refuses a salary outside the position's band (422 on `salary`), so the form says so
   * as an error on the amount before sending, not as a hint it would then contradict.
   */
  private bandMessage(amountValue: string): string {
    const p = this.lookups.data()?.positions.find((x) => x.id === this.form.controls.positionId.value);
    const currency = this.form.controls.salary.controls.currency.value;
    const ok = inBand({ amount: normaliseAmount(amountValue), currency: currency.toUpperCase() }, p);
    return ok === false && p ? `The band of ${p.title} is ${this.band(p)}: choose a salary within it.` : '';
  }
  protected readonly maskedNote = computed(() => {
    const e = this.employee.data();
    const parts = [e?.nationalId && `national id ${e.nationalId}`, e?.payoutAccount && `account ${e.payoutAccount}`];
    const known = parts.filter(Boolean).join(', ');
    return known ? ` (${known})` : '';
  });

  constructor() {
    void this.lookups.reload();
    effect(() => {
      if (this.id()) void this.employee.reload();
    });
    // Fill the form once the employee arrives.
    effect(() => {
      const e = this.employee.data();
      if (!e) return;
      this.form.patchValue(toFormValue(e));
      if (e.status === 'terminated' || e.status === 'resigned') this.form.disable();
    });
    // A position implies its department (and its band's currency); a department change drops a foreign position.
    this.form.controls.positionId.valueChanges.subscribe((id) => {
      const p = this.lookups.data()?.positions.find((x) => x.id === id);
      if (!p) return;
      if (this.form.controls.departmentId.value !== p.departmentId)
        this.form.controls.departmentId.setValue(p.departmentId);
      const currency = this.form.controls.salary.controls.currency;
      if (!currency.value) currency.setValue(p.salaryMin.currency);
    });
    // The band check is a validator of the amount, rerun when the position or the currency changes.
    const amountControl = this.form.controls.salary.controls.amount;
    amountControl.addValidators((c) => {
      const message = this.bandMessage(String(c.value ?? ''));
      return message ? { band: message } : null;
    });
    this.form.controls.positionId.valueChanges.subscribe(() => amountControl.updateValueAndValidity());
    this.form.controls.salary.controls.currency.valueChanges.subscribe(() => amountControl.updateValueAndValidity());
    // The positions may arrive after the record: check again once they are known.
    effect(() => {
      if (this.lookups.data()) untracked(() => amountControl.updateValueAndValidity());
    });
    this.form.controls.departmentId.valueChanges.subscribe((dept) => {
      const p = this.lookups.data()?.positions.find((x) => x.id === this.form.controls.positionId.value);
      if (p && dept && p.departmentId !== dept) this.form.controls.positionId.setValue('');
    });
  }

  /** A position's salary band, digit for digit. */
  protected band(p: Position): string {
    return moneyRange(p.salaryMin, p.salaryMax);
  }

  protected indent(depth: number): string {
    return '\u00a0\u00a0'.repeat(depth);
  }

  protected error(name: string, label: string): string {
    return controlError(this.form.get(name), label);
  }

  protected salaryError(name: 'amount' | 'currency', label: string): string {
    // A band error names the whole `salary` object: show it under the amount.
    const group = this.form.controls.salary;
    if (name === 'amount' && typeof group.errors?.server === 'string') return group.errors.server as string;
    const band = group.controls.amount.errors?.band;
    if (name === 'amount' && typeof band === 'string' && !group.controls.amount.errors?.required) return band;
    return controlError(group.get(name), label);
  }

  protected contactError(name: string, label: string): string {
    return controlError(this.form.get(['emergencyContact', name]), label);
  }

  /** Name and phone of the emergency contact go together. */
  private checkContact(): boolean {
    const c = this.form.controls.emergencyContact.controls;
    const name = c.name.value.trim();
    const phone = c.phone.value.trim();
    if (name && !phone) c.phone.setErrors({ custom: 'Give the contact’s phone too.' });
    if (phone && !name) c.name.setErrors({ custom: 'Give the contact’s name too.' });
    if (!name && !phone && c.relation.value.trim()) c.name.setErrors({ custom: 'Give the contact’s name and phone.' });
    return !!name === !!phone && !(!name && c.relation.value.trim());
  }

  async submit(): Promise<void> {
    this.message.set(undefined);
    const salary = this.form.controls.salary;
    if (this.withPay()) salary.enable({ emitEvent: false });
    else salary.disable({ emitEvent: false });
    const contactOk = this.checkContact();
    if (this.form.invalid || !contactOk) {
      this.form.markAllAsTouched();
      this.message.set('Check the highlighted fields.');
      focusFirstInvalid();
      return;
    }
    this.busy.set(true);
    try {
      const body = toEmployeeBody(this.form.getRawValue() as EmployeeFormValue, {
        mode: this.editing() ? 'edit' : 'create',
        withPay: this.withPay(),
      });
      const saved = this.editing()
        ? await this.api.patch<Employee>(`/api/hr/employees/${this.id()}`, body)
        : await this.api.post<Employee>('/api/hr/employees', body);
      await this.router.navigate(['/hr/employees', saved.id]);
    } catch (err) {
      const problem = toProblem(err);
      if (problem.status === 409 && typeof problem.employeeId === 'string') {
        const email = this.form.controls.workEmail;
        email.setErrors({ server: problem.detail ?? 'Another employee has this work email.' });
        email.markAsTouched();
        this.message.set(undefined);
      } else {
        this.message.set(applyProblem(this.form, problem) ?? 'Check the highlighted fields.');
        // A band error names the whole salary: show it on the amount, where mat-error can.
        const band = this.form.controls.salary.errors?.server;
        if (typeof band === 'string') {
          const amountControl = this.form.controls.salary.controls.amount;
          amountControl.setErrors({ ...(amountControl.errors ?? {}), server: band });
          amountControl.markAsTouched();
        }
      }
      focusFirstInvalid();
    } finally {
      this.busy.set(false);
    }
  }
}

function focusFirstInvalid(): void {
  setTimeout(() => {
    const el = document.querySelector<HTMLElement>(
      'form .ng-invalid[formcontrolname], form .mat-mdc-form-field-invalid input',
    );
    el?.focus();
  });
}
