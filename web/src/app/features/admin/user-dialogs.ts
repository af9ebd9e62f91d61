import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Api } from '../../core/api';
import { FormMessage, formSubmission } from '../../shared/form-submit';
import type { AdminUser, Role } from './models';

const DIALOG_IMPORTS = [
  ReactiveFormsModule,
  MatDialogModule,
  MatFormFieldModule,
  MatInputModule,
  MatSelectModule,
  MatButtonModule,
  FormMessage,
];

/** Invite a person: POST /api/auth/users (email, full name, roles). Closes with the new user. */
@Component({
  selector: 'k-invite-user-dialog',
  imports: DIALOG_IMPORTS,
  template: `
    <h2 mat-dialog-title>Invite user</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>They get an email with a link to choose their password.</p>
        <mat-form-field class="full-width">
          <mat-label>Email</mat-label>
          <input matInput type="email" formControlName="email" required cdkFocusInitial data-testid="invite-email" />
          <mat-error>{{ submission.error('email', 'Email') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Full name</mat-label>
          <input matInput formControlName="fullName" required data-testid="invite-name" />
          <mat-error>{{ submission.error('fullName', 'Full name') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Roles</mat-label>
          <mat-select formControlName="roleIds" multiple data-testid="invite-roles">
            @for (role of data.roles; track role.id) {
              <mat-option [value]="role.id">{{ role.name }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ submission.error('roleIds', 'Roles') }}</mat-error>
        </mat-form-field>
        <k-form-message [message]="submission.message()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="submission.busy()" data-testid="invite-send">
          {{ submission.busy() ? 'Sending…' : 'Send invitation' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InviteUserDialog {
  private readonly api = inject(Api);
  private readonly ref = inject(MatDialogRef<InviteUserDialog, AdminUser>);
  protected readonly data = inject<{ roles: Role[] }>(MAT_DIALOG_DATA);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    fullName: ['', [Validators.required, Validators.maxLength(200)]],
    roleIds: [[] as string[]],
  });
  protected readonly submission = formSubmission(this.form);

  async submit(): Promise<void> {
    await this.submission.run(async () => {
      const { email, fullName, roleIds } = this.form.getRawValue();
      const user = await this.api.post<AdminUser>('/api/auth/users', {
        email: email.trim(),
        fullName: fullName.trim(),
        roleIds,
      });
      this.ref.close(user);
    });
  }
}

/** Edit name and phone: PATCH /api/auth/users/{id}. */
@Component({
  selector: 'k-edit-user-dialog',
  imports: DIALOG_IMPORTS,
  template: `
    <h2 mat-dialog-title>Edit {{ data.user.fullName }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>{{ data.user.email }}</p>
        <mat-form-field class="full-width">
          <mat-label>Full name</mat-label>
          <input matInput formControlName="fullName" required cdkFocusInitial data-testid="edit-user-name" />
          <mat-error>{{ submission.error('fullName', 'Full name') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Phone</mat-label>
          <input matInput type="tel" formControlName="phone" data-testid="edit-user-phone" />
          <mat-error>{{ submission.error('phone', 'Phone') }}</mat-error>
        </mat-form-field>
        <k-form-message [message]="submission.message()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="submission.busy()" data-testid="edit-user-save">
          {{ submission.busy() ? 'Saving…' : 'Save' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditUserDialog {
  private readonly api = inject(Api);
  private readonly ref = inject(MatDialogRef<EditUserDialog, AdminUser>);
  protected readonly data = inject<{ user: AdminUser }>(MAT_DIALOG_DATA);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    fullName: [this.data.user.fullName, [Validators.required, Validators.maxLength(200)]],
    phone: [this.data.user.phone ?? '', [Validators.maxLength(40)]],
  });
  protected readonly submission = formSubmission(this.form);

  async submit(): Promise<void> {
    await this.submission.run(async () => {
      const { fullName, phone } = this.form.getRawValue();
      const user = await this.api.patch<AdminUser>(`/api/auth/users/${this.data.user.id}`, {
        fullName: fullName.trim(),
        phone: phone.trim() || null,
      });
      this.ref.close(user);
    });
  }
}

/** Replace a user's roles: PUT /api/auth/users/{id}/roles. */
@Component({
  selector: 'k-user-roles-dialog',
  imports: DIALOG_IMPORTS,
  template: `
    <h2 mat-dialog-title>Roles of {{ data.user.fullName }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <mat-form-field class="full-width">
          <mat-label>Roles</mat-label>
          <mat-select formControlName="roleIds" multiple cdkFocusInitial data-testid="user-roles-select">
            @for (role of data.roles; track role.id) {
              <mat-option [value]="role.id">{{ role.name }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ submission.error('roleIds', 'Roles') }}</mat-error>
        </mat-form-field>
        <k-form-message [message]="submission.message()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="submission.busy()" data-testid="user-roles-save">
          {{ submission.busy() ? 'Saving…' : 'Save roles' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserRolesDialog {
  private readonly api = inject(Api);
  private readonly ref = inject(MatDialogRef<UserRolesDialog, AdminUser>);
  protected readonly data = inject<{ user: AdminUser; roles: Role[] }>(MAT_DIALOG_DATA);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    roleIds: [this.data.user.roles.map((r) => r.id)],
  });
  protected readonly submission = formSubmission(this.form);

  async submit(): Promise<void> {
    await this.submission.run(
      async () => {
        const user = await this.api.put<AdminUser>(`/api/auth/users/${this.data.user.id}/roles`, {
          roleIds: this.form.getRawValue().roleIds,
        });
        this.ref.close(user);
      },
      { validate: false },
    );
  }
}

/** Disable with a reason: POST /api/auth/users/{id}/disable. */
@Component({
  selector: 'k-disable-user-dialog',
  imports: DIALOG_IMPORTS,
  template: `
    <h2 mat-dialog-title>Disable {{ data.user.fullName }}?</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <p>They can no longer sign in and their sessions end. You can enable them again later.</p>
        <mat-form-field class="full-width">
          <mat-label>Reason</mat-label>
          <textarea matInput formControlName="reason" rows="3" cdkFocusInitial data-testid="disable-reason"></textarea>
          <mat-error>{{ submission.error('reason', 'Reason') }}</mat-error>
        </mat-form-field>
        <k-form-message [message]="submission.message()" />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="submission.busy()" data-testid="disable-confirm">
          {{ submission.busy() ? 'Disabling…' : 'Disable user' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DisableUserDialog {
  private readonly api = inject(Api);
  private readonly ref = inject(MatDialogRef<DisableUserDialog, AdminUser>);
  protected readonly data = inject<{ user: AdminUser }>(MAT_DIALOG_DATA);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    reason: ['', [Validators.maxLength(500)]],
  });
  protected readonly submission = formSubmission(this.form);

  async submit(): Promise<void> {
    await this.submission.run(async () => {
      const reason = this.form.getRawValue().reason.trim();
      const user = await this.api.post<AdminUser>(
        `/api/auth/users/${this.data.user.id}/disable`,
        reason ? { reason } : {},
      );
      this.ref.close(user);
    });
  }
}
