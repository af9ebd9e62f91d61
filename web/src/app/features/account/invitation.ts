import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { FormBuilder, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { Api } from '../../core/api';
import type { AuthAnswer } from '../../core/api-types';
import { PUBLIC_FORM_IMPORTS } from '../../pages/public-form';
import { formSubmission } from '../../shared/form-submit';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { linkConfirmation, passwordRules, sameAs } from './passwords';
import { invitationClosed } from './verification';

type Invitation = AuthAnswer<'/api/auth/invitations/{token}'>;
/** An open invitation to accept, or the sentence for a link that can no longer be used. */
type Lookup = { kind: 'open'; invitation: Invitation } | { kind: 'closed'; message: string };

const USERNAME = /^[a-z0-9._-]{3,40}$/i;

@Component({
  selector: 'k-invitation',
  imports: [PUBLIC_FORM_IMPORTS, ListStateView],
  template: `
    <main class="public">
      <mat-card class="card">
        <h1>Join Konecta ERP</h1>
        <k-list-state [state]="invitation.state()" [error]="invitation.error()" (retry)="invitation.reload()" />
        @if (invitation.data()?.kind === 'closed') {
          <p class="state error" role="alert" data-testid="invitation-closed">{{ closedMessage() }}</p>
          <a mat-flat-button class="full-width" routerLink="/sign-in" data-testid="invitation-sign-in">Sign in</a>
        }
        @if (open(); as inv) {
          <p data-testid="invitation-for" style="overflow-wrap: anywhere">
            This invitation is for <strong>{{ inv.email }}</strong>. Choose your name and a password to set up
            your account.
          </p>
          <form [formGroup]="form" (ngSubmit)="submit(inv.email)" novalidate>
            <mat-form-field class="full-width">
              <mat-label>Full name</mat-label>
              <input matInput formControlName="fullName" autocomplete="name" required data-testid="invite-full-name" />
              <mat-error>{{ error('fullName', 'Full name') }}</mat-error>
            </mat-form-field>
            <mat-form-field class="full-width">
              <mat-label>Username (optional)</mat-label>
              <input matInput formControlName="username" autocomplete="username" data-testid="invite-username" />
              <mat-error>{{ error('username', 'Username') }}</mat-error>
            </mat-form-field>
            <mat-form-field class="full-width">
              <mat-label>Password</mat-label>
              <input matInput type="password" formControlName="password" autocomplete="new-password" required data-testid="invite-password" />
              <mat-error>{{ error('password', 'Password') }}</mat-error>
            </mat-form-field>
            <p style="font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); margin: 0 0 12px">
              At least 10 characters, mixing three of: lower case, upper case, digits, symbols.
            </p>
            <mat-form-field class="full-width">
              <mat-label>Confirm password</mat-label>
              <input matInput type="password" formControlName="confirm" autocomplete="new-password" required data-testid="invite-confirm" />
              <mat-error>{{ error('confirm', 'Confirmation') }}</mat-error>
            </mat-form-field>
            <k-form-message [message]="submission.message()" />
            <button mat-flat-button class="full-width" type="submit" [disabled]="submission.busy()" data-testid="invite-accept">
              {{ submission.busy() ? 'Setting up…' : 'Accept invitation' }}
            </button>
          </form>
        }
        <p class="links"><a routerLink="/sign-in">Back to sign in</a></p>
      </mat-card>
    </main>
  `,
  styleUrl: '../../pages/public.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitationPage {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  readonly token = input.required<string>();
  protected readonly form = inject(FormBuilder).nonNullable.group({
    fullName: ['', [Validators.required, Validators.maxLength(200)]],
    username: ['', [Validators.pattern(USERNAME)]],
    password: ['', [Validators.required, Validators.maxLength(256), passwordRules]],
    confirm: ['', [Validators.required, sameAs('password')]],
  });
  protected readonly submission = formSubmission(this.form);
  protected readonly invitation = loader(async (): Promise<Lookup> => {
    try {
      const invitation = await this.api.get<Invitation>(`/api/auth/invitations/${encodeURIComponent(this.token())}`);
      return { kind: 'open', invitation };
    } catch (err) {
      const message = invitationClosed(err);
      if (message === undefined) throw err;
      return { kind: 'closed', message };
    }
  });
  protected readonly open = computed(() => {
    const lookup = this.invitation.data();
    return lookup?.kind === 'open' ? lookup.invitation : undefined;
  });
  protected readonly closedMessage = computed(() => {
    const lookup = this.invitation.data();
    return lookup?.kind === 'closed' ? lookup.message : '';
  });

  constructor() {
    inject(DestroyRef).onDestroy(linkConfirmation(this.form, 'password', 'confirm'));
    effect(() => {
      this.token();
      untracked(() => void this.invitation.reload());
    });
    effect(() => {
      const inv = this.open();
      if (!inv) return;
      untracked(() => {
        if (!this.form.controls.fullName.dirty) this.form.controls.fullName.setValue(inv.fullName);
        if (!this.form.controls.username.dirty) this.form.controls.username.setValue(inv.username ?? '');
      });
    });
  }

  protected error(name: string, label: string): string {
    if (name === 'username' && this.form.get(name)?.hasError('pattern')) {
      return '3 to 40 letters, digits, dots, dashes or underscores.';
    }
    return this.submission.error(name, label);
  }

  async submit(email: string): Promise<void> {
    await this.submission.run(async () => {
      const { fullName, username, password } = this.form.getRawValue();
      const body: { fullName: string; password: string; username?: string } = { fullName: fullName.trim(), password };
      if (username.trim()) body.username = username.trim();
      const answer = await this.api.post<AuthAnswer<'/api/auth/invitations/{token}/accept', 'post'>>(
        `/api/auth/invitations/${encodeURIComponent(this.token())}/accept`,
        body,
      );
      await this.router.navigate(['/verify'], { queryParams: { email: answer?.email ?? email } });
    });
  }
}
