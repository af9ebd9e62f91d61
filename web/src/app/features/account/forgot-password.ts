import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, Validators } from '@angular/forms';
import { Api } from '../../core/api';
import { PUBLIC_FORM_IMPORTS } from '../../pages/public-form';
import { formSubmission } from '../../shared/form-submit';

const NEUTRAL = 'If the address has an account, a link to reset the password is on its way. Check your inbox.';

@Component({
  selector: 'k-forgot-password',
  imports: [PUBLIC_FORM_IMPORTS],
  template: `
    <main class="public">
      <mat-card class="card">
        <h1>Forgot your password?</h1>
        @if (sent()) {
          <p class="state" role="status" data-testid="forgot-sent">{{ sent() }}</p>
        } @else {
          <p>Enter the email address of your account and we will send you a link to set a new password.</p>
          <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
            <mat-form-field class="full-width">
              <mat-label>Email</mat-label>
              <input matInput type="email" formControlName="email" autocomplete="email" required data-testid="forgot-email" />
              <mat-error>{{ submission.error('email', 'Email') }}</mat-error>
            </mat-form-field>
            <k-form-message [message]="submission.message()" />
            <button mat-flat-button class="full-width" type="submit" [disabled]="submission.busy()" data-testid="forgot-submit">
              {{ submission.busy() ? 'Sending…' : 'Send reset link' }}
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
export class ForgotPasswordPage {
  private readonly api = inject(Api);
  protected readonly sent = signal<string | undefined>(undefined);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
  });
  protected readonly submission = formSubmission(this.form);

  async submit(): Promise<void> {
    await this.submission.run(async () => {
      await this.api.post('/api/auth/password/forgot', { email: this.form.getRawValue().email.trim() });
      this.sent.set(NEUTRAL);
    });
  }
}
