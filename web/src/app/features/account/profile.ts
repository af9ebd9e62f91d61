import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { FormBuilder, type FormGroup, type FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Api } from '../../core/api';
import { Auth, type Me } from '../../core/auth';
import { controlError, toProblem } from '../../core/problems';
import { FormMessage, formSubmission } from '../../shared/form-submit';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { NotificationPreferencesCard } from '../notifications/preferences';
import { clearSubmittedForm, linkConfirmation, passwordRules, sameAs } from './passwords';

const USERNAME = /^[a-z0-9._-]{3,40}$/i;

@Component({
  selector: 'k-profile',
  imports: [
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    ListStateView,
    FormMessage,
    NotificationPreferencesCard,
  ],
  template: `
    <section class="page">
      <header class="page-header"><h1>My profile</h1></header>
      <k-list-state [state]="me.state()" [error]="me.error()" (retry)="me.reload()" />
      @if (me.data(); as user) {
        <div class="cards">
          <mat-card class="card" data-testid="profile-card">
            <h2>Details</h2>
            <dl class="facts">
              <dt>Email</dt>
              <dd data-testid="profile-email">{{ user.email }}</dd>
              <dt>Roles</dt>
              <dd data-testid="profile-roles">
                @for (role of user.roles; track role.id) {
                  <span class="role">{{ role.name }}</span>
                } @empty {
                  No roles
                }
              </dd>
            </dl>
            <form [formGroup]="profile" (ngSubmit)="saveProfile()" novalidate>
              <mat-form-field class="full-width">
                <mat-label>Full name</mat-label>
                <input matInput formControlName="fullName" autocomplete="name" required data-testid="profile-full-name" />
                <mat-error>{{ error(profile, 'fullName', 'Full name') }}</mat-error>
              </mat-form-field>
              <mat-form-field class="full-width">
                <mat-label>Username</mat-label>
                <input matInput formControlName="username" autocomplete="username" required data-testid="profile-username" />
                <mat-error>{{ error(profile, 'username', 'Username') }}</mat-error>
              </mat-form-field>
              <mat-form-field class="full-width">
                <mat-label>Phone</mat-label>
                <input matInput type="tel" formControlName="phone" autocomplete="tel" data-testid="profile-phone" />
                <mat-error>{{ error(profile, 'phone', 'Phone') }}</mat-error>
              </mat-form-field>
              <k-form-message [message]="profileSave.message()" testid="profile-message" />
              @if (profileSaved()) {
                <p class="state" role="status" data-testid="profile-message">Your profile is saved.</p>
              }
              <div class="actions">
                <button mat-flat-button type="submit" [disabled]="profileSave.busy()" data-testid="profile-save">
                  {{ profileSave.busy() ? 'Saving…' : 'Save profile' }}
                </button>
              </div>
            </form>
          </mat-card>

          <mat-card class="card">
            <h2>Change password</h2>
            <form [formGroup]="password" #passwordForm="ngForm" (ngSubmit)="changePassword(passwordForm)" novalidate>
              <mat-form-field class="full-width">
                <mat-label>Current password</mat-label>
                <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required data-testid="password-current" />
                <mat-error>{{ error(password, 'currentPassword', 'Current password') }}</mat-error>
              </mat-form-field>
              <mat-form-field class="full-width">
                <mat-label>New password</mat-label>
                <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required data-testid="password-new" />
                <mat-error>{{ error(password, 'newPassword', 'New password') }}</mat-error>
              </mat-form-field>
              <p class="hint">At least 10 characters, mixing three of: lower case, upper case, digits, symbols.</p>
              <mat-form-field class="full-width">
                <mat-label>Confirm new password</mat-label>
                <input matInput type="password" formControlName="confirm" autocomplete="new-password" required data-testid="password-confirm" />
                <mat-error>{{ error(password, 'confirm', 'Confirmation') }}</mat-error>
              </mat-form-field>
              <k-form-message [message]="passwordChange.message()" testid="password-message" />
              @if (passwordChanged()) {
                <p class="state" role="status" data-testid="password-message">
                  Your password is changed. Other devices have been signed out.
                </p>
              }
              <div class="actions">
                <button mat-flat-button type="submit" [disabled]="passwordChange.busy()" data-testid="password-save">
                  {{ passwordChange.busy() ? 'Changing…' : 'Change password' }}
                </button>
              </div>
            </form>
          </mat-card>

          <k-notification-preferences />
        </div>
      }
    </section>
  `,
  styles: `
    .cards {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 360px), 1fr));
      gap: 16px;
      align-items: start;
    }
    .card {
      padding: 16px;
    }
    h2 {
      font: var(--mat-sys-title-large);
      margin: 0 0 12px;
    }
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 0 0 16px;
    }
    dt {
      color: var(--mat-sys-on-surface-variant);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .role {
      display: inline-block;
      padding: 2px 8px;
      margin: 0 4px 4px 0;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-medium);
    }
    .hint {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 12px;
    }
    .state {
      padding: 8px 0;
      text-align: left;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfilePage {
  private readonly api = inject(Api);
  private readonly auth = inject(Auth);
  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly profileSaved = signal(false);
  protected readonly passwordChanged = signal(false);
  protected readonly profile = this.fb.group({
    fullName: ['', [Validators.required, Validators.maxLength(200)]],
    username: ['', [Validators.required, Validators.pattern(USERNAME)]],
    phone: ['', [Validators.maxLength(40)]],
  });
  protected readonly password = this.fb.group({
    currentPassword: ['', [Validators.required, Validators.maxLength(256)]],
    newPassword: ['', [Validators.required, Validators.maxLength(256), passwordRules]],
    confirm: ['', [Validators.required, sameAs('newPassword')]],
  });
  protected readonly profileSave = formSubmission(this.profile);
  protected readonly passwordChange = formSubmission(this.password);
  protected readonly me = loader(async () => {
    const me = await this.api.get<Me>('/api/auth/me');
    this.fill(me);
    return me;
  });

  constructor() {
    inject(DestroyRef).onDestroy(linkConfirmation(this.password, 'newPassword', 'confirm'));
    void this.me.reload();
  }

  private fill(me: Me): void {
    this.profile.reset({ fullName: me.fullName, username: me.username, phone: me.phone ?? '' });
  }

  protected error(form: FormGroup, name: string, label: string): string {
    const control = form.get(name);
    if (name === 'username' && control?.hasError('pattern'))
      return '3 to 40 letters, digits, dots, dashes or underscores.';
    return controlError(control, label);
  }

  async saveProfile(): Promise<void> {
    this.profileSaved.set(false);
    await this.profileSave.run(async () => {
      const { fullName, username, phone } = this.profile.getRawValue();
      const me = await this.api.patch<Me>('/api/auth/me', {
        fullName: fullName.trim(),
        username: username.trim(),
        phone: phone.trim() || null,
      });
      this.me.data.set(me);
      this.fill(me);
      this.auth.user.set(me);
      this.profileSaved.set(true);
    });
  }

  async changePassword(directive: FormGroupDirective): Promise<void> {
    this.passwordChanged.set(false);
    await this.passwordChange.run(async () => {
      const { currentPassword, newPassword } = this.password.getRawValue();
      try {
        await this.api.post('/api/auth/me/password', { currentPassword, newPassword });
      } catch (err) {
        // The password rules name the field `password`; here it is `newPassword`.
        const problem = toProblem(err);
        throw {
          ...problem,
          errors: problem.errors?.map((e) => (e.path === 'password' ? { ...e, path: 'newPassword' } : e)),
        };
      }
      // Tokens issued before the change stop working on the auth service: renew this one now.
      await this.auth.refresh();
      clearSubmittedForm(directive);
      this.passwordChanged.set(true);
    });
  }
}
