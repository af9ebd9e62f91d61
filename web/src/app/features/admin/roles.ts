import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { firstValueFrom } from 'rxjs';
import { Api } from '../../core/api';
import type { AuthAnswer } from '../../core/api-types';
import { Auth } from '../../core/auth';
import { problemMessage, toProblem } from '../../core/problems';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import type { Permission, Role } from './models';
import { DeleteRoleDialog, RoleDialog, type RoleDialogData } from './role-dialogs';

@Component({
  selector: 'k-admin-roles',
  imports: [MatButtonModule, MatTableModule, MatSnackBarModule, ListStateView],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Roles &amp; permissions</h1>
        @if (canManage) {
          <button mat-flat-button type="button" (click)="open()" data-testid="new-role">New role</button>
        }
      </header>
      <k-list-state [state]="roles.state()" [error]="roles.error()" empty="No roles yet." (retry)="roles.reload()" />
      @if (roles.state() === 'ready') {
        <div class="table-wrap">
          <table mat-table [dataSource]="roles.data() ?? []" data-testid="roles-table">
            <ng-container matColumnDef="name">
              <th mat-header-cell *matHeaderCellDef>Role</th>
              <td mat-cell *matCellDef="let r">
                <div class="name">{{ r.name }} @if (r.builtIn) {<span class="tag">Built-in</span>}</div>
                <div class="sub">{{ r.description }}</div>
              </td>
            </ng-container>
            <ng-container matColumnDef="users">
              <th mat-header-cell *matHeaderCellDef>Users</th>
              <td mat-cell *matCellDef="let r" data-testid="role-user-count">{{ r.userCount }}</td>
            </ng-container>
            <ng-container matColumnDef="permissions">
              <th mat-header-cell *matHeaderCellDef>Permissions</th>
              <td mat-cell *matCellDef="let r">{{ r.permissions.length }}</td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef>Actions</th>
              <td mat-cell *matCellDef="let r">
                <div class="actions">
                  <button mat-stroked-button type="button" (click)="open(r)" [attr.aria-label]="(canManage ? 'Edit ' : 'View ') + r.name" data-testid="role-edit">
                    {{ canManage ? 'Edit' : 'View' }}
                  </button>
                  @if (canManage && !r.builtIn) {
                    <button mat-button type="button" (click)="remove(r)" [attr.aria-label]="'Delete ' + r.name" data-testid="role-delete">
                      Delete
                    </button>
                  }
                </div>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns" data-testid="role-row"></tr>
          </table>
        </div>
      }
    </section>
  `,
  styles: `
    table {
      width: 100%;
    }
    .name {
      font-weight: 500;
    }
    .sub {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .tag {
      margin-left: 8px;
      padding: 1px 6px;
      border-radius: 6px;
      font: var(--mat-sys-label-small);
      background: var(--mat-sys-surface-container-high);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RolesPage {
  private readonly api = inject(Api);
  private readonly dialog = inject(MatDialog);
  private readonly snack = inject(MatSnackBar);
  protected readonly canManage = inject(Auth).can('auth.roles.manage');
  protected readonly columns = ['name', 'users', 'permissions', 'actions'];
  private catalogue: Permission[] | undefined;
  protected readonly roles = loader(
    async () => (await this.api.get<AuthAnswer<'/api/auth/roles'>>('/api/auth/roles')).items,
  );

  constructor() {
    void this.roles.reload();
  }

  private notify(message: string): void {
    this.snack.open(message, 'Close', { duration: 5000 });
  }

  async open(role?: Role): Promise<void> {
    try {
      this.catalogue ??= (await this.api.get<AuthAnswer<'/api/auth/permissions'>>('/api/auth/permissions')).items;
    } catch (err) {
      this.notify(`Could not load the permissions: ${problemMessage(toProblem(err))}`);
      return;
    }
    const data: RoleDialogData = { role, catalogue: this.catalogue, readonly: !this.canManage };
    const ref = this.dialog.open(RoleDialog, { data, width: '760px', maxWidth: '95vw', maxHeight: '90vh' });
    const saved = await firstValueFrom(ref.afterClosed());
    if (saved) {
      this.notify(role ? `Role ${saved.name} saved.` : `Role ${saved.name} created.`);
      void this.roles.reload();
    }
  }

  async remove(role: Role): Promise<void> {
    const ref = this.dialog.open(DeleteRoleDialog, { data: { role }, width: '420px', maxWidth: '95vw' });
    if (await firstValueFrom(ref.afterClosed())) {
      this.notify(`Role ${role.name} deleted.`);
      void this.roles.reload();
    }
  }
}
