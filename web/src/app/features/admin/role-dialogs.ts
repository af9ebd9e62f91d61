import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Api } from '../../core/api';
import { FormMessage, formSubmission, pageActions } from '../../shared/form-submit';
import { groupPermissions, groupSelection, type PermissionGroup, sameIds, toggleGroup } from './logic';
import type { Permission, Role } from './models';

export interface RoleDialogData {
  /** Absent: a new role. */
  role?: Role;
  catalogue: Permission[];
  readonly: boolean;
}

/**
 * Create a role, or rename/describe one and edit its permissions, grouped by module. Saves with
 * POST /roles, or PATCH /roles/{id} plus PUT /roles/{id}/permissions for what changed.
 */
@Component({
  selector: 'k-role-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatCheckboxModule,
    MatButtonModule,
    FormMessage,
  ],
  template: `
    <h2 mat-dialog-title>{{ title }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <!-- The Save button sits below a long permission list: a refusal shows here, scrolled to. -->
        <div #problem tabindex="-1" class="problem">
          <k-form-message [message]="submission.message()" testid="role-error" />
        </div>
        <mat-form-field class="full-width">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" required data-testid="role-name" />
          @if (data.role?.builtIn) {
            <mat-hint>Built-in roles keep their names.</mat-hint>
          }
          <mat-error>{{ submission.error('name', 'Name') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label>Description</mat-label>
          <textarea matInput formControlName="description" rows="2" data-testid="role-description"></textarea>
          <mat-error>{{ submission.error('description', 'Description') }}</mat-error>
        </mat-form-field>

        <h3>Permissions <span class="count">({{ selected().size }} selected)</span></h3>
        @for (group of groups; track group.module) {
          <fieldset class="group" [attr.data-testid]="'perm-group-' + group.module">
            <legend>
              <mat-checkbox
                [checked]="state(group) === 'all'"
                [indeterminate]="state(group) === 'some'"
                [disabled]="data.readonly"
                (change)="toggleAll(group, $event.checked)"
              >
                {{ group.title }}
              </mat-checkbox>
            </legend>
            <div class="perms">
              @for (p of group.permissions; track p.code) {
                <mat-checkbox
                  [checked]="selected().has(p.code)"
                  [disabled]="data.readonly"
                  (change)="toggle(p.code, $event.checked)"
                  [attr.data-testid]="'perm-' + p.code"
                >
                  {{ p.description }} <code>{{ p.code }}</code>
                </mat-checkbox>
              }
            </div>
          </fieldset>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ data.readonly ? 'Close' : 'Cancel' }}</button>
        @if (!data.readonly) {
          <button mat-flat-button type="submit" [disabled]="submission.busy()" data-testid="role-save">
            {{ submission.busy() ? 'Saving…' : data.role ? 'Save role' : 'Create role' }}
          </button>
        }
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .problem:focus {
      outline: none;
    }
    h3 {
      font: var(--mat-sys-title-medium);
      margin: 16px 0 8px;
    }
    .count {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .group {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      margin: 0 0 12px;
      padding: 4px 12px 8px;
    }
    legend {
      padding: 0 4px;
      font-weight: 500;
    }
    .perms {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 300px), 1fr));
    }
    code {
      font-size: 0.8em;
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RoleDialog {
  private readonly api = inject(Api);
  private readonly ref = inject(MatDialogRef<RoleDialog, Role>);
  protected readonly data = inject<RoleDialogData>(MAT_DIALOG_DATA);
  protected readonly title = this.data.readonly
    ? `Role ${this.data.role?.name ?? ''}`
    : this.data.role
      ? `Edit role ${this.data.role.name}`
      : 'New role';
  protected readonly groups: PermissionGroup[] = groupPermissions(this.data.catalogue);
  protected readonly selected = signal<Set<string>>(new Set(this.data.role?.permissions ?? []));
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: [
      { value: this.data.role?.name ?? '', disabled: this.data.readonly || !!this.data.role?.builtIn },
      [Validators.required, Validators.minLength(2), Validators.maxLength(80)],
    ],
    description: [
      { value: this.data.role?.description ?? '', disabled: this.data.readonly },
      [Validators.maxLength(500)],
    ],
  });
  protected readonly submission = formSubmission(this.form);
  private readonly problem = viewChild.required<ElementRef<HTMLElement>>('problem');
  private readonly injector = inject(Injector);

  protected state(group: PermissionGroup) {
    return groupSelection(group, this.selected());
  }

  protected toggle(code: string, on: boolean): void {
    const next = new Set(this.selected());
    if (on) next.add(code);
    else next.delete(code);
    this.selected.set(next);
  }

  protected toggleAll(group: PermissionGroup, on: boolean): void {
    this.selected.set(toggleGroup(group, this.selected(), on));
  }

  async submit(): Promise<void> {
    if (this.data.readonly) return;
    await this.submission.run(async () => {
      const permissions = [...this.selected()].sort();
      const name = this.form.controls.name.value.trim();
      const description = this.form.controls.description.value.trim();
      const role = this.data.role;
      if (!role) {
        this.ref.close(await this.api.post<Role>('/api/auth/roles', { name, description, permissions }));
        return;
      }
      let saved = role;
      const changes: { name?: string; description?: string } = {};
      if (!role.builtIn && name !== role.name) changes.name = name;
      if (description !== role.description) changes.description = description;
      if (Object.keys(changes).length) saved = await this.api.patch<Role>(`/api/auth/roles/${role.id}`, changes);
      if (!sameIds(permissions, role.permissions)) {
        saved = await this.api.put<Role>(`/api/auth/roles/${role.id}/permissions`, { permissions });
      }
      this.ref.close(saved);
    });
    if (this.submission.message()) this.revealProblem();
  }

  /** Once the message is drawn, brings the top of the dialog into view and reads it out. */
  private revealProblem(): void {
    afterNextRender(
      () => {
        const el = this.problem().nativeElement;
        el.scrollIntoView({ block: 'start' });
        el.focus({ preventScroll: true });
      },
      { injector: this.injector },
    );
  }
}

/** Asks before deleting a role. */
@Component({
  selector: 'k-confirm-delete-role',
  imports: [MatDialogModule, MatButtonModule, FormMessage],
  template: `
    <h2 mat-dialog-title>Delete role {{ data.role.name }}?</h2>
    <mat-dialog-content>
      <p>This cannot be undone. A role that people still hold cannot be deleted.</p>
      <k-form-message [message]="actions.message()" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close cdkFocusInitial>Cancel</button>
      <button mat-flat-button type="button" (click)="confirm()" [disabled]="actions.busy()" data-testid="role-delete-confirm">
        {{ actions.busy() ? 'Deleting…' : 'Delete' }}
      </button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeleteRoleDialog {
  private readonly api = inject(Api);
  private readonly ref = inject(MatDialogRef<DeleteRoleDialog, boolean>);
  protected readonly data = inject<{ role: Role }>(MAT_DIALOG_DATA);
  protected readonly actions = pageActions();

  async confirm(): Promise<void> {
    await this.actions.run(async () => {
      await this.api.delete(`/api/auth/roles/${this.data.role.id}`);
      this.ref.close(true);
    });
  }
}
