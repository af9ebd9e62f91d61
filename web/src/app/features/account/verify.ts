import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormBuilder, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { problemMessage, toProblem } from '../../core/problems';
import { PUBLIC_FORM_IMPORTS } from '../../pages/public-form';
import { formSubmission } from '../../shared/form-submit';
import { normaliseCode } from './passwords';
import { forgetCodeVerdict } from './verification';

type Session = Parameters<Auth['start']>[0];

@Component({
  selector: 'k-verify',
  imports: [PUBLIC_FORM_IMPORTS],
  template: `
    <main class="public">
      <mat-card class="card">
        <h1>Confirm your address</h1>
        @if (pending()) {
          <p data-testid="verify-pending">
            Your account is not active yet: enter the 6-digit code we emailed you, or send a new one.
          </p>
        } @else {
          <p>We sent a 6-digit code to your email. Enter it to activate your account.</p>
        }
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field class="full-width">
            <mat-label>Email</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="email" required data-testid="verify-email" />
            <mat-error>{{ error('email', 'Email') }}</mat-error>
          </mat-form-field>
          <mat-form-field class="full-width">
            <mat-label>Code</mat-label>
            <input
              matInput
              formControlName="code"
              inputmode="numeric"
              autocomplete="one-time-code"
              maxlength="9"
              required
              data-testid="verify-code"
            />
            <mat-error>{{ error('code', 'Code') }}</mat-error>
          </mat-form-field>
          <k-form-message [message]="submission.message()" testid="verify-error" />
          @if (notice()) {
            <p class="state" role="status" data-testid="verify-notice">{{ notice() }}</p>
          }
          <button mat-flat-button class="full-width" type="submit" [disabled]="submission.busy()" data-testid="verify-submit">
            {{ submission.busy() ? 'Confirming…' : 'Confirm' }}
          </button>
        </form>
        <button
          mat-button
          class="full-width resend"
          type="button"
          (click)="resend()"
          [disabled]="resending()"
          data-testid="verify-resend"
        >
          {{ resending() ? 'Sending…' : 'Send a new code' }}
        </button>
        <p class="links"><a routerLink="/sign-in">Back to sign in</a></p>
      </mat-card>
    </main>
  `,
  styleUrl: '../../pages/public.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyPage {
  private readonly api = inject(Api);
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  /** `?email=` from the invitation page. */
  readonly email = input<string>();
  /** `?pending=1` from the sign-in page: the password was right but the code was never entered. */
  readonly pending = input<string>();
  protected readonly resending = signal(false);
  protected readonly notice = signal<string | undefined>(undefined);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    code: ['', [Validators.required, Validators.pattern(/^\s*\d{3}[\s-]?\d{3}\s*$/)]],
  });
  protected readonly submission = formSubmission(this.form);

  constructor() {
    effect(() => {
      const email = this.email();
      untracked(() => {
        if (email && !this.form.controls.email.dirty) this.form.controls.email.setValue(email);
      });
    });
  }

  protected error(name: string, label: string): string {
    if (name === 'code' && this.form.get(name)?.hasError('pattern')) return 'The code has 6 digits.';
    return this.submission.error(name, label);
  }

  async submit(): Promise<void> {
    this.notice.set(undefined);
    await this.submission.run(async () => {
      const { email, code } = this.form.getRawValue();
      const session = await this.api.post<Session>('/api/auth/verify', {
        email: email.trim(),
        code: normaliseCode(code),
        refreshTokenIn: 'cookie',
      });
      this.auth.start(session);
      await this.router.navigateByUrl('/');
    });
  }

  async resend(): Promise<void> {
    this.submission.message.set(undefined);
    this.notice.set(undefined);
    const email = this.form.controls.email;
    if (email.invalid) {
      email.markAsTouched();
      return;
    }
    this.resending.set(true);
    try {
      await this.api.post('/api/auth/verify/resend', { email: email.value.trim() });
      forgetCodeVerdict(this.form.controls.code);
      this.notice.set('If this address is waiting for a code, a new one is on its way.');
    } catch (err) {
      this.submission.message.set(problemMessage(toProblem(err)));
    } finally {
      this.resending.set(false);
    }
  }
}
