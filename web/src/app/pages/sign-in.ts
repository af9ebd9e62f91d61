import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { Auth } from '../core/auth';
import { applyProblem, controlError } from '../core/problems';

@Component({
  selector: 'k-sign-in',
  imports: [ReactiveFormsModule, RouterLink, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule],
  template: `
    <main class="public">
      <mat-card class="card">
        <h1>Sign in to Konecta ERP</h1>
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field class="full-width">
            <mat-label>Email or username</mat-label>
            <input matInput formControlName="identifier" autocomplete="username" required />
            <mat-error>{{ error('identifier', 'Email or username') }}</mat-error>
          </mat-form-field>
          <mat-form-field class="full-width">
            <mat-label>Password</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="current-password" required />
            <mat-error>{{ error('password', 'Password') }}</mat-error>
          </mat-form-field>
          @if (message()) {
            <p class="state error" role="alert">{{ message() }}</p>
          }
          <button mat-flat-button class="full-width" type="submit" [disabled]="busy()">
            {{ busy() ? 'Signing in…' : 'Sign in' }}
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
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    identifier: ['', [Validators.required, Validators.maxLength(254)]],
    password: ['', [Validators.required, Validators.maxLength(256)]],
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
      const { identifier, password } = this.form.getRawValue();
      await this.auth.signIn(identifier, password);
      const target = this.returnUrl();
      await this.router.navigateByUrl(target?.startsWith('/') && !target.startsWith('//') ? target : '/');
    } catch (err) {
      this.message.set(applyProblem(this.form, err));
    } finally {
      this.busy.set(false);
    }
  }
}
