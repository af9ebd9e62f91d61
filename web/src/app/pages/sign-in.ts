import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { FormBuilder, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { Auth } from '../core/auth';
import { verificationPending } from '../features/account/verification';
import { formSubmission } from '../shared/form-submit';
import { PUBLIC_FORM_IMPORTS } from './public-form';

@Component({
  selector: 'k-sign-in',
  imports: [PUBLIC_FORM_IMPORTS],
  template: `
    <main class="public">
      <mat-card class="card">
        <h1>Sign in to Konecta ERP</h1>
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field class="full-width">
            <mat-label>Email or username</mat-label>
            <input matInput formControlName="identifier" autocomplete="username" required />
            <mat-error>{{ submission.error('identifier', 'Email or username') }}</mat-error>
          </mat-form-field>
          <mat-form-field class="full-width">
            <mat-label>Password</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="current-password" required />
            <mat-error>{{ submission.error('password', 'Password') }}</mat-error>
          </mat-form-field>
          <k-form-message [message]="submission.message()" />
          <button mat-flat-button class="full-width" type="submit" [disabled]="submission.busy()">
            {{ submission.busy() ? 'Signing in…' : 'Sign in' }}
          </button>
        </form>
        <p class="links"><a routerLink="/forgot-password">Forgot your password?</a></p>
      </mat-card>
    </main>
  `,
  styleUrl: './public.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  readonly returnUrl = input<string>();
  protected readonly form = inject(FormBuilder).nonNullable.group({
    identifier: ['', [Validators.required, Validators.maxLength(254)]],
    password: ['', [Validators.required, Validators.maxLength(256)]],
  });
  protected readonly submission = formSubmission(this.form);

  async submit(): Promise<void> {
    await this.submission.run(async () => {
      const { identifier, password } = this.form.getRawValue();
      try {
        await this.auth.signIn(identifier, password);
      } catch (err) {
        // Right password, but the emailed code was never entered: that page, not "wrong password".
        const email = verificationPending(err, identifier);
        if (email === undefined) throw err;
        await this.router.navigate(['/verify'], { queryParams: { email, pending: 1 } });
        return;
      }
      const target = this.returnUrl();
      await this.router.navigateByUrl(target?.startsWith('/') && !target.startsWith('//') ? target : '/');
    });
  }
}
