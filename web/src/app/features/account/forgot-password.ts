import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { Api } from '../../core/api';
import { applyProblem, controlError } from '../../core/problems';

const NEUTRAL = 'If the address has an account, a link to reset the password is on its way. Check your inbox.';

@Component({
  selector: 'k-forgot-password',
  imports: [ReactiveFormsModule, RouterLink, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule],
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
              <mat-error>{{ error('email', 'Email') }}</mat-error>
            </mat-form-field>
            @if (message()) {
              <p class="state error" role="alert">{{ message() }}</p>
            }
            <button mat-flat-button class="full-width" type="submit" [disabled]="busy()" data-testid="forgot-submit">
              {{ busy() ? 'Sending…' : 'Send reset link' }}
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
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly sent = signal<string | undefined>(undefined);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
  });

  protected error(name: string, label: string): string {
    return controlError(this.form.get(name), label);
  }

  async submit(): Promise<void> {
    this.message.set(undefined);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    try {
      await this.api.post('/api/auth/password/forgot', { email: this.form.getRawValue().email.trim() });
      this.sent.set(NEUTRAL);
    } catch (err) {
      this.message.set(applyProblem(this.form, err));
    } finally {
      this.busy.set(false);
    }
  }
}
