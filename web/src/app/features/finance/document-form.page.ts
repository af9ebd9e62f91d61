import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, type OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { debounceTime } from 'rxjs';
import { Api } from '../../core/api';
import { CompanyCalendar } from '../../core/company-calendar';
import { amountField, formatAmount, normaliseAmount } from '../../core/money';
import { applyProblem, controlError, problemMessage, toProblem } from '../../core/problems';
import { type DocumentKind, INVOICES } from './documents';
import type { Account, Bill, Customer, DocumentPreview, Invoice, ListPage, Vendor } from './models';

const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

function lineForm(l: Partial<Record<string, string | number | boolean | null>> = {}) {
  const text = (key: string, fallback: string) => (typeof l[key] === 'string' ? (l[key] as string) : fallback);
  return new FormGroup({
    id: new FormControl(text('id', ''), { nonNullable: true }),
    description: new FormControl(text('description', ''), { nonNullable: true, validators: [Validators.required] }),
    quantity: new FormControl(text('quantity', '1'), {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^\d{1,12}(\.\d{1,3})?$/)],
    }),
    unitPrice: new FormControl(text('unitPrice', ''), {
      nonNullable: true,
      validators: [Validators.required, amountField],
    }),
    discountPercent: new FormControl(text('discountPercent', '0'), {
      nonNullable: true,
      validators: [Validators.pattern(PERCENT)],
    }),
    taxPercent: new FormControl(text('taxPercent', '14'), {
      nonNullable: true,
      validators: [Validators.pattern(PERCENT)],
    }),
    withholdingPercent: new FormControl(text('withholdingPercent', '0'), {
      nonNullable: true,
      validators: [Validators.pattern(PERCENT)],
    }),
    accountId: new FormControl(text('accountId', ''), { nonNullable: true, validators: [Validators.required] }),
  });
}
type LineForm = ReturnType<typeof lineForm>;

/**
 * A draft invoice or bill: the party, the date, lines (description, quantity, price, discount,
 * tax and withholding percentages, account). The totals beside it are the server's: each change
 * asks the preview route, which works the amounts out exactly as saving will (per line, half away
 * from zero), so the browser never rounds a figure of its own.
 */
@Component({
  selector: 'k-document-form',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>{{ draftId() ? 'Edit draft ' + doc.noun : 'New ' + doc.noun }}</h1>
        <a mat-button [routerLink]="draftId() ? [doc.route, draftId()] : [doc.route]">Cancel</a>
      </header>
      @if (message()) {
        <p class="state error" role="alert" data-testid="document-error">{{ message() }}</p>
      }
      <form [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="document-form">
        <div class="form-grid">
          <mat-form-field>
            <mat-label>{{ doc.partyLabel }}</mat-label>
            <select matNativeControl formControlName="partyId" required data-testid="document-party">
              <option value="">Choose…</option>
              @for (p of parties(); track p.id) {
                <option [value]="p.id">{{ p.name }} ({{ p.currency }})</option>
              }
            </select>
            <mat-error>{{ error('partyId', doc.partyLabel) }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ doc.dateLabel }}</mat-label>
            <input matInput type="date" formControlName="date" required data-testid="document-date" />
            <mat-error>{{ error('date', doc.dateLabel) }}</mat-error>
          </mat-form-field>
          @if (doc.kind === 'bill') {
            <mat-form-field>
              <mat-label>Vendor's invoice number</mat-label>
              <input matInput formControlName="vendorReference" maxlength="60" data-testid="document-reference" />
              <mat-error>{{ error('vendorReference', 'Vendor invoice number') }}</mat-error>
            </mat-form-field>
          }
          <mat-form-field>
            <mat-label>Memo</mat-label>
            <input matInput formControlName="memo" maxlength="500" />
          </mat-form-field>
        </div>
        <div class="table-wrap">
          <table class="k-table lines" formArrayName="lines" data-testid="document-lines">
            <thead>
              <tr>
                <th scope="col">Description</th>
                <th scope="col">Qty</th>
                <th scope="col">Unit price</th>
                <th scope="col">Disc %</th>
                <th scope="col">Tax %</th>
                <th scope="col">WHT %</th>
                <th scope="col">Account</th>
                <th scope="col" class="num">Net</th>
                <th scope="col"><span class="cdk-visually-hidden">Remove</span></th>
              </tr>
            </thead>
            <tbody>
              @for (line of lines.controls; track line; let i = $index) {
                <tr [formGroupName]="i" data-testid="document-line">
                  <td><input class="cell wide" formControlName="description" [attr.aria-label]="'Description, line ' + (i + 1)" [attr.data-testid]="'line-description-' + i" /></td>
                  <td><input class="cell" formControlName="quantity" inputmode="decimal" [attr.aria-label]="'Quantity, line ' + (i + 1)" [attr.data-testid]="'line-quantity-' + i" /></td>
                  <td><input class="cell" formControlName="unitPrice" inputmode="decimal" [attr.aria-label]="'Unit price, line ' + (i + 1)" [attr.data-testid]="'line-price-' + i" /></td>
                  <td><input class="cell short" formControlName="discountPercent" inputmode="decimal" [attr.aria-label]="'Discount, line ' + (i + 1)" [attr.data-testid]="'line-discount-' + i" /></td>
                  <td><input class="cell short" formControlName="taxPercent" inputmode="decimal" [attr.aria-label]="'Tax, line ' + (i + 1)" [attr.data-testid]="'line-tax-' + i" /></td>
                  <td><input class="cell short" formControlName="withholdingPercent" inputmode="decimal" [attr.aria-label]="'Withholding, line ' + (i + 1)" [attr.data-testid]="'line-withholding-' + i" /></td>
                  <td>
                    <select formControlName="accountId" [attr.aria-label]="'Account, line ' + (i + 1)" [attr.data-testid]="'line-account-' + i">
                      <option value="">Choose…</option>
                      @for (a of accounts(); track a.id) {
                        <option [value]="a.id">{{ a.code }} {{ a.name }}</option>
                      }
                    </select>
                  </td>
                  <td class="num" [attr.data-testid]="'line-net-' + i">{{ preview()?.lines?.[i]?.net ?? '' }}</td>
                  <td><button mat-button type="button" [disabled]="lines.length <= 1" (click)="lines.removeAt(i)">Remove</button></td>
                </tr>
                @if (lineError(i)) {
                  <tr><td colspan="9" class="bad">{{ lineError(i) }}</td></tr>
                }
              }
            </tbody>
          </table>
        </div>
        <div class="actions">
          <button mat-stroked-button type="button" (click)="lines.push(newLine())" data-testid="add-line">Add line</button>
        </div>
        <dl class="summary" aria-live="polite" data-testid="document-totals">
          @if (preview(); as p) {
            <dt>Net</dt><dd data-testid="total-net">{{ amount(p.net) }}</dd>
            <dt>Tax</dt><dd data-testid="total-tax">{{ amount(p.tax) }}</dd>
            <dt>Withholding</dt><dd data-testid="total-withholding">{{ amount(p.withholding) }}</dd>
            <dt>Total</dt><dd data-testid="total-total">{{ amount(p.total) }} {{ p.currency }}</dd>
            <dt>Due</dt><dd data-testid="total-due-date">{{ date(p.dueDate) }}</dd>
          } @else {
            <dt>Totals</dt><dd class="sub">{{ previewNote() }}</dd>
          }
        </dl>
        <div class="actions submit">
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="save-document">{{ busy() ? 'Saving…' : 'Save draft' }}</button>
        </div>
      </form>
    </section>
  `,
  styleUrl: './finance.scss',
  styles: `
    .cell { width: 90px; }
    .cell.wide { width: 200px; }
    .cell.short { width: 56px; }
    .summary { margin-top: 16px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentFormPage implements OnInit {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly calendar = inject(CompanyCalendar);
  protected readonly doc: DocumentKind = inject(ActivatedRoute).snapshot.data.document ?? INVOICES;
  readonly id = input<string | undefined>(undefined);
  protected readonly amount = formatAmount;
  protected readonly lines = new FormArray<LineForm>([lineForm()]);
  protected readonly form = new FormGroup({
    partyId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    date: new FormControl(this.calendar.today(), { nonNullable: true, validators: [Validators.required] }),
    vendorReference: new FormControl('', { nonNullable: true }),
    memo: new FormControl('', { nonNullable: true }),
    lines: this.lines,
  });
  protected readonly parties = signal<(Customer | Vendor)[]>([]);
  protected readonly accounts = signal<Account[]>([]);
  protected readonly preview = signal<DocumentPreview | undefined>(undefined);
  protected readonly previewNote = signal('Fill in the lines to see the totals.');
  protected readonly draftId = signal<string | undefined>(undefined);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  private readonly touched = signal(0);
  private previewCall = 0;

  constructor() {
    this.form.valueChanges.pipe(debounceTime(250), takeUntilDestroyed()).subscribe(() => void this.refreshPreview());
  }

  ngOnInit(): void {
    void this.load();
  }

  protected date(value: string): string {
    return this.calendar.date(value);
  }

  protected newLine(): LineForm {
    return lineForm();
  }

  private async load(): Promise<void> {
    try {
      const [parties, accounts] = await Promise.all([
        this.api.get<ListPage<Customer | Vendor>>(this.doc.partyApi, { active: true, limit: 200 }),
        this.api.all<Account>('/api/finance/accounts', { active: true }),
      ]);
      this.parties.set(parties.items);
      this.accounts.set(accounts.items.filter((a) => !a.isGroup && this.doc.accountTypes.includes(a.type)));
      const id = this.id();
      if (id) this.fill(await this.api.get<Invoice | Bill>(`${this.doc.api}/${id}`));
    } catch (err) {
      this.message.set(problemMessage(toProblem(err)));
    }
  }

  private fill(d: Invoice | Bill): void {
    if (d.status !== 'draft') {
      this.message.set(`${d.number} is no longer a draft: it cannot be edited.`);
      return;
    }
    this.draftId.set(d.id);
    this.lines.clear();
    for (const l of d.lines) this.lines.push(lineForm({ ...l }));
    this.form.patchValue({
      partyId: 'customerId' in d ? d.customerId : d.vendorId,
      date: 'issueDate' in d ? d.issueDate : d.billDate,
      vendorReference: 'vendorReference' in d ? (d.vendorReference ?? '') : '',
      memo: d.memo,
    });
  }

  private body() {
    const v = this.form.getRawValue();
    return {
      [this.doc.partyField]: v.partyId,
      [this.doc.dateField]: v.date,
      ...(this.doc.kind === 'bill' ? { vendorReference: v.vendorReference.trim() || null } : {}),
      memo: v.memo,
      lines: v.lines.map((l) => ({
        ...(this.doc.kind === 'bill' && l.id ? { id: l.id } : {}),
        description: l.description,
        quantity: l.quantity,
        unitPrice: normaliseAmount(l.unitPrice),
        discountPercent: l.discountPercent || '0',
        taxPercent: l.taxPercent || '0',
        withholdingPercent: l.withholdingPercent || '0',
        accountId: l.accountId,
      })),
    };
  }

  /** Asks the server for the totals of what is on the form; only the newest answer is shown. */
  private async refreshPreview(): Promise<void> {
    const mine = ++this.previewCall;
    if (this.form.invalid) {
      this.preview.set(undefined);
      this.previewNote.set('Fill in the lines to see the totals.');
      return;
    }
    try {
      const p = await this.api.post<DocumentPreview>(`${this.doc.api}/preview`, this.body());
      if (mine === this.previewCall) this.preview.set(p);
    } catch (err) {
      if (mine !== this.previewCall) return;
      this.preview.set(undefined);
      this.previewNote.set(problemMessage(toProblem(err)));
    }
  }

  protected error(path: string, label: string): string {
    this.touched();
    return controlError(this.form.get(path), label);
  }

  protected lineError(i: number): string {
    this.touched();
    const line = this.lines.at(i);
    for (const [name, label] of [
      ['description', 'Description'],
      ['quantity', 'Quantity'],
      ['unitPrice', 'Unit price'],
      ['discountPercent', 'Discount'],
      ['taxPercent', 'Tax'],
      ['withholdingPercent', 'Withholding'],
      ['accountId', 'Account'],
    ] as const) {
      const c = line?.controls[name];
      if (c?.invalid && (c.touched || c.errors?.server)) return controlError(c, label);
    }
    return '';
  }

  protected async save(): Promise<void> {
    this.message.set(undefined);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.touched.update((n) => n + 1);
      return;
    }
    this.busy.set(true);
    try {
      const id = this.draftId();
      const saved = id
        ? await this.api.patch<Invoice | Bill>(`${this.doc.api}/${id}`, this.body())
        : await this.api.post<Invoice | Bill>(this.doc.api, this.body());
      if (!id) this.location.replaceState(`${this.doc.route}/${saved.id}/edit`);
      await this.router.navigate([this.doc.route, saved.id]);
    } catch (err) {
      const problem = toProblem(err);
      // The server names the party field by its own name.
      for (const e of problem.errors ?? []) if (e.path === this.doc.partyField) e.path = 'partyId';
      const unplaced = applyProblem(this.form, problem);
      this.touched.update((n) => n + 1);
      if (unplaced) this.message.set(unplaced);
    } finally {
      this.busy.set(false);
    }
  }
}
