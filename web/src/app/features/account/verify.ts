import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { Auth } from '../../core/auth';
import { applyProblem, controlError, problemMessage, toProblem } from '../../core/problems';
import { normaliseCode } from './passwords';

type Session = Parameters<Auth['start']>[0];

@Component({
  selector: 'k-verify',
  imports: [ReactiveFormsModule, RouterLink, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  template: `
    <main class="public">
      <mat-card class="card">
        <h1>Confirm your address</h1>
        <p>We sent a 6-digit code to your email. Enter it to activate your account.</p>
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
          @if (message()) {
            <p class="state error" role="alert" data-testid="verify-error">{{ message() }}</p>
          }
          @if (notice()) {
            <p class="state" role="status" data-testid="verify-notice">{{ notice() }}</p>
          }
          <button mat-flat-button class="full-width" type="submit" [disabled]="busy()" data-testid="verify-submit">
            {{ busy() ? 'Confirming…' : 'Confirm' }}
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
  protected readonly busy = signal(false);
  protected readonly resending = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly notice = signal<string | undefined>(undefined);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    code: ['', [Validators.required, Validators.pattern(/^\s*\d{3}[\s-]?\d{3}\s*$/)]],
  });

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
    return controlError(this.form.get(name), label);
  }

  async submit(): Promise<void> {
    this.message.set(undefined);
    this.notice.set(undefined);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    try {
      const { email, code } = this.form.getRawValue();
      const session = await this.api.post<Session>('/api/auth/verify', {
        email: email.trim(),
        code: normaliseCode(code),
        refreshTokenIn: 'cookie',
      });
      this.auth.start(session);
      await this.router.navigateByUrl('/');
    } catch (err) {
      this.message.set(applyProblem(this.form, err));
    } finally {
      this.busy.set(false);
    }
  }

  async resend(): Promise<void> {
    this.message.set(undefined);
    this.notice.set(undefined);
    const email = this.form.controls.email;
    if (email.invalid) {
      email.markAsTouched();
      return;
    }
    this.resending.set(true);
    try {
      await this.api.post('/api/auth/verify/resend', { email: email.value.trim() });
      this.notice.set('If this address is waiting for a code, a new one is on its way.');
    } catch (err) {
      this.message.set(problemMessage(toProblem(err)));
    } finally {
      this.resending.set(false);
    }
  }
}
