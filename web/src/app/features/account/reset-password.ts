import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import { FormBuilder, Validators } from '@angular/forms';
import { Api } from '../../core/api';
import { toProblem } from '../../core/problems';
import { PUBLIC_FORM_IMPORTS } from '../../pages/public-form';
import { formSubmission } from '../../shared/form-submit';
import { linkConfirmation, passwordRules, sameAs } from './passwords';

@Component({
  selector: 'k-reset-password',
  imports: [PUBLIC_FORM_IMPORTS],
  template: `
    <main class="public">
      <mat-card class="card">
        <h1>Set a new password</h1>
        @if (done()) {
          <p class="state" role="status" data-testid="reset-done">
            Your password has been changed. Sign in with your new password.
          </p>
          <a mat-flat-button class="full-width" routerLink="/sign-in" data-testid="reset-sign-in">Go to sign in</a>
        } @else if (!token()) {
          <p class="state error" role="alert">
            This link is incomplete. Open the link from the email again, or ask for a new one.
          </p>
          <p class="links"><a routerLink="/forgot-password">Ask for a new link</a></p>
        } @else {
          <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
            <mat-form-field class="full-width">
              <mat-label>New password</mat-label>
              <input matInput type="password" formControlName="password" autocomplete="new-password" required data-testid="reset-password" />
              <mat-error>{{ submission.error('password', 'New password') }}</mat-error>
            </mat-form-field>
            <p class="hint" style="font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); margin: 0 0 12px">At least 10 characters, mixing three of: lower case, upper case, digits, symbols.</p>
            <mat-form-field class="full-width">
              <mat-label>Confirm new password</mat-label>
              <input matInput type="password" formControlName="confirm" autocomplete="new-password" required data-testid="reset-confirm" />
              <mat-error>{{ submission.error('confirm', 'Confirmation') }}</mat-error>
            </mat-form-field>
            <k-form-message [message]="submission.message()" testid="reset-error" />
            @if (submission.message() && linkRefused()) {
              <p class="links"><a routerLink="/forgot-password">Ask for a new link</a></p>
            }
            <button mat-flat-button class="full-width" type="submit" [disabled]="submission.busy()" data-testid="reset-submit">
              {{ submission.busy() ? 'Saving…' : 'Set new password' }}
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
export class ResetPasswordPage {
  private readonly api = inject(Api);
  /** `?token=` from the emailed link. */
  readonly token = input<string>();
  protected readonly done = signal(false);
  protected readonly linkRefused = signal(false);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    password: ['', [Validators.required, Validators.maxLength(256), passwordRules]],
    confirm: ['', [Validators.required, sameAs('password')]],
  });
  protected readonly submission = formSubmission(this.form);

  constructor() {
    inject(DestroyRef).onDestroy(linkConfirmation(this.form, 'password', 'confirm'));
  }

  async submit(): Promise<void> {
    this.linkRefused.set(false);
    await this.submission.run(async () => {
      try {
        // 204: the reset signs nobody in (every session just ended); the page offers sign-in.
        await this.api.post<void>('/api/auth/password/reset', {
          token: this.token(),
          password: this.form.getRawValue().password,
        });
        this.done.set(true);
      } catch (err) {
        // A spent or expired link is reported on `token`, which has no field here: show it as the banner.
        this.linkRefused.set(!!toProblem(err).errors?.some((e) => e.path === 'token'));
        throw err;
      }
    });
  }
}
