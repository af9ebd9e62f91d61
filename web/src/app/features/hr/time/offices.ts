import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Api } from '../../../core/api';
import type { HrAnswer } from '../../../core/api-types';
import { controlError, problemMessage, toProblem } from '../../../core/problems';
import { FormMessage, formSubmission } from '../../../shared/form-submit';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import type { OfficeLocation } from './models';
import { OFFICE_LIMITS } from './time-logic';

@Component({
  selector: 'k-offices',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    ListStateView,
    FormMessage,
  ],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Office locations</h1>
        @if (mode() === null) {
          <button mat-flat-button type="button" data-testid="office-add" (click)="startCreate()">Add office</button>
        }
      </header>

      @if (mode() !== null) {
        <form class="inline-form" [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="office-form">
          <h2>{{ mode() === 'create' ? 'New office' : 'Edit office' }}</h2>
          <div class="form-grid">
            <mat-form-field>
              <mat-label>Name</mat-label>
              <input matInput formControlName="name" required />
              <mat-error>{{ error('name', 'Name') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Latitude</mat-label>
              <input matInput type="number" step="any" formControlName="latitude" required />
              <mat-hint>−90 to 90</mat-hint>
              <mat-error>{{ error('latitude', 'Latitude') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Longitude</mat-label>
              <input matInput type="number" step="any" formControlName="longitude" required />
              <mat-hint>−180 to 180</mat-hint>
              <mat-error>{{ error('longitude', 'Longitude') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Radius (metres)</mat-label>
              <input matInput type="number" step="1" formControlName="radiusMeters" required />
              <mat-hint>10 to 50,000 m</mat-hint>
              <mat-error>{{ error('radiusMeters', 'Radius') }}</mat-error>
            </mat-form-field>
          </div>
          <mat-checkbox formControlName="active">Active (check-ins allowed here)</mat-checkbox>
          <k-form-message [message]="submission.message()" />
          <div class="actions">
            <button mat-flat-button type="submit" [disabled]="submission.busy()">{{ submission.busy() ? 'Saving…' : 'Save office' }}</button>
            <button mat-button type="button" (click)="mode.set(null)">Cancel</button>
          </div>
        </form>
      }

      <k-list-state [state]="offices.state()" [error]="offices.error()" empty="No office locations yet. Add one so employees can check in." (retry)="offices.reload()" />
      @if (offices.state() === 'ready') {
        <div class="table-wrap">
          <table class="k-table">
            <caption class="cdk-visually-hidden">Office locations</caption>
            <thead><tr><th scope="col">Name</th><th scope="col" class="num">Latitude</th><th scope="col" class="num">Longitude</th><th scope="col" class="num">Radius</th><th scope="col">Active</th><th scope="col"><span class="cdk-visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              @for (o of offices.data()!.items; track o.id) {
                <tr data-testid="office-row">
                  <td>{{ o.name }}</td>
                  <td class="num">{{ o.latitude }}</td>
                  <td class="num">{{ o.longitude }}</td>
                  <td class="num">{{ o.radiusMeters }} m</td>
                  <td>{{ o.active ? 'Yes' : 'No' }}</td>
                  <td><button mat-button type="button" (click)="startEdit(o)" [attr.aria-label]="'Edit ' + o.name">Edit</button></td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>
  `,
  styleUrl: './time.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OfficesPage {
  private readonly api = inject(Api);
  private readonly snack = inject(MatSnackBar);
  protected readonly mode = signal<'create' | string | null>(null);
  protected readonly form = inject(FormBuilder).group({
    name: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(120)]],
    latitude: [
      null as number | null,
      [Validators.required, Validators.min(OFFICE_LIMITS.latitude.min), Validators.max(OFFICE_LIMITS.latitude.max)],
    ],
    longitude: [
      null as number | null,
      [Validators.required, Validators.min(OFFICE_LIMITS.longitude.min), Validators.max(OFFICE_LIMITS.longitude.max)],
    ],
    radiusMeters: [
      300 as number | null,
      [
        Validators.required,
        Validators.min(OFFICE_LIMITS.radiusMeters.min),
        Validators.max(OFFICE_LIMITS.radiusMeters.max),
        Validators.pattern(/^\d+$/),
      ],
    ],
    active: [true],
  });
  protected readonly submission = formSubmission(this.form);
  protected readonly offices = loader(() =>
    this.api.get<HrAnswer<'/api/hr/office-locations'>>('/api/hr/office-locations'),
  );

  constructor() {
    void this.offices.reload();
  }

  protected error(name: string, label: string): string {
    const control = this.form.get(name);
    if (control?.hasError('pattern')) return `${label} must be a whole number.`;
    return controlError(control, label);
  }

  startCreate(): void {
    this.submission.message.set(undefined);
    this.form.reset({ name: '', latitude: null, longitude: null, radiusMeters: 300, active: true });
    this.mode.set('create');
  }

  startEdit(o: OfficeLocation): void {
    this.submission.message.set(undefined);
    this.form.reset({
      name: o.name,
      latitude: o.latitude,
      longitude: o.longitude,
      radiusMeters: o.radiusMeters,
      active: o.active,
    });
    this.mode.set(o.id);
  }

  async save(): Promise<void> {
    const v = this.form.getRawValue();
    const mode = this.mode();
    const name = (v.name ?? '').trim().toLowerCase();
    if (this.form.valid && this.offices.data()?.items.some((o) => o.name.toLowerCase() === name && o.id !== mode)) {
      this.form.controls.name.setErrors({ custom: 'An office with this name already exists.' });
    }
    await this.submission.run(async () => {
      const body = {
        name: (v.name ?? '').trim(),
        latitude: Number(v.latitude),
        longitude: Number(v.longitude),
        radiusMeters: Number(v.radiusMeters),
        active: !!v.active,
      };
      try {
        if (mode === 'create') await this.api.post('/api/hr/office-locations', body);
        else await this.api.patch(`/api/hr/office-locations/${mode}`, body);
      } catch (err) {
        // A clash that names no field is about the name.
        const problem = toProblem(err);
        throw problem.status === 409 && !problem.errors?.length
          ? { ...problem, errors: [{ path: 'name', message: problemMessage(problem) }] }
          : problem;
      }
      this.snack.open(mode === 'create' ? 'Office added.' : 'Office saved.', 'Close', { duration: 4000 });
      this.mode.set(null);
      await this.offices.reload();
    });
  }
}
