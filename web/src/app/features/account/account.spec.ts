import '../../../testing';
import { HttpErrorResponse } from '@angular/common/http';
import { FormControl, FormGroup, FormGroupDirective, Validators } from '@angular/forms';
import { ErrorStateMatcher } from '@angular/material/core';
import { describe, expect, it } from 'vitest';
import { applyProblem, controlError } from '../../core/problems';
import {
  clearSubmittedForm,
  linkConfirmation,
  normaliseCode,
  PASSWORD_MISMATCH,
  passwordRuleProblem,
  passwordRules,
  sameAs,
} from './passwords';
import { forgetCodeVerdict, invitationClosed, verificationPending } from './verification';

describe('password rules', () => {
  it('asks for length and a mix of character kinds, like the server', () => {
    expect(passwordRuleProblem('')).toBeNull();
    expect(passwordRuleProblem('Short-1')).toBe('Use at least 10 characters.');
    expect(passwordRuleProblem('alllowercaseletters')).toMatch(/three of/);
    expect(passwordRuleProblem('lowercase-and-1')).toBeNull();
    expect(passwordRuleProblem('Sunny-Orchard-58')).toBeNull();
    expect(passwordRuleProblem(`Aa1-${'x'.repeat(130)}`)).toBe('Use at most 128 characters.');
  });

  it('shows through controlError as the field message', () => {
    const control = new FormControl('short', passwordRules);
    expect(controlError(control, 'Password')).toBe('Use at least 10 characters.');
    control.setValue('Sunny-Orchard-58');
    expect(control.valid).toBe(true);
  });
});

describe('password confirmation', () => {
  const form = () =>
    new FormGroup({
      password: new FormControl('Sunny-Orchard-58', { nonNullable: true }),
      confirm: new FormControl('', { nonNullable: true, validators: [sameAs('password')] }),
    });

  it('is an inline error until both match', () => {
    const f = form();
    expect(f.controls.confirm.valid).toBe(true); // empty: "required" is the other validator's job
    f.controls.confirm.setValue('Sunny-Orchard-5');
    expect(controlError(f.controls.confirm, 'Confirm password')).toBe(PASSWORD_MISMATCH);
    f.controls.confirm.setValue('Sunny-Orchard-58');
    expect(f.controls.confirm.valid).toBe(true);
  });

  it('re-checks when the password changes after the confirmation', () => {
    const f = form();
    const stop = linkConfirmation(f, 'password', 'confirm');
    f.controls.confirm.setValue('Sunny-Orchard-58');
    expect(f.valid).toBe(true);
    f.controls.password.setValue('Other-Password-77');
    expect(f.controls.confirm.errors).toEqual({ custom: PASSWORD_MISMATCH });
    f.controls.password.setValue('Sunny-Orchard-58');
    expect(f.controls.confirm.errors).toBeNull();
    stop();
    f.controls.password.setValue('changed-again-1A');
    expect(f.controls.confirm.errors).toBeNull();
  });
});

describe('confirmation code', () => {
  it('accepts six digits with spaces or dashes', () => {
    expect(normaliseCode('123 456')).toBe('123456');
    expect(normaliseCode(' 123-456 ')).toBe('123456');
    expect(normaliseCode('12345')).toBe('12345');
    expect(normaliseCode('abc')).toBe('abc');
  });
});

describe('signing in to an account waiting for its code', () => {
  const answer = (status: number, body: Record<string, unknown>) =>
    new HttpErrorResponse({ status, error: { type: 'about:blank', title: 'x', status, ...body } });

  it('leads to the code page with the address when the server says the code is missing', () => {
    const err = answer(403, { code: 'verification-required', email: 'omar@konecta.local' });
    expect(verificationPending(err, 'omar.n')).toBe('omar@konecta.local');
  });

  it('is an ordinary failure for a wrong password or any other refusal', () => {
    expect(verificationPending(answer(401, { detail: 'do not match' }), 'omar@konecta.local')).toBeUndefined();
    expect(verificationPending(answer(403, { detail: 'forbidden' }), 'omar@konecta.local')).toBeUndefined();
  });
});

describe('sending a new code', () => {
  it('drops the old "attempts left" from the code field', () => {
    const form = new FormGroup({
      code: new FormControl('111111', { nonNullable: true, validators: Validators.required }),
    });
    applyProblem(form, answer422([{ path: 'code', message: 'The code is not correct; 4 attempt(s) left.' }]));
    expect(controlError(form.controls.code, 'Code')).toMatch(/4 attempt/);
    forgetCodeVerdict(form.controls.code);
    expect(controlError(form.controls.code, 'Code')).toBe('');
  });
});

function answer422(errors: { path: string; message: string }[]) {
  return new HttpErrorResponse({ status: 422, error: { type: 'about:blank', title: 'x', status: 422, errors } });
}

describe('an invitation link that can no longer be used', () => {
  const failure = (status: number, detail: string) =>
    new HttpErrorResponse({ status, error: { type: 'about:blank', title: 'x', status, detail } });

  it('says once that a used invitation means signing in, whatever the server worded', () => {
    const text = invitationClosed(failure(409, 'This invitation has already been used. Sign in instead.'));
    expect(text).toBe('This invitation has already been used — sign in instead.');
    expect(text?.match(/sign in/gi)).toHaveLength(1);
  });

  it('closes unknown and expired links too, but leaves a lost connection to retry', () => {
    expect(invitationClosed(failure(404, 'not valid'))).toMatch(/not valid/);
    expect(invitationClosed(failure(410, 'expired'))).toMatch(/expired/);
    expect(invitationClosed(new HttpErrorResponse({ status: 0 }))).toBeUndefined();
    expect(invitationClosed(failure(500, 'boom'))).toBeUndefined();
  });
});

describe('after a successful password change', () => {
  it('shows the emptied fields without errors, as Material draws them', () => {
    const form = new FormGroup({
      currentPassword: new FormControl('', { nonNullable: true, validators: Validators.required }),
      newPassword: new FormControl('', { nonNullable: true, validators: Validators.required }),
    });
    form.setValue({ currentPassword: 'Old-Password-1', newPassword: 'Sunny-Orchard-58' });
    const directive = new FormGroupDirective([], []);
    directive.form = form;
    directive.onSubmit(new Event('submit'));
    const matcher = new ErrorStateMatcher();
    const red = () => Object.values(form.controls).filter((c) => matcher.isErrorState(c, directive));

    clearSubmittedForm(directive);
    expect(form.value).toEqual({ currentPassword: '', newPassword: '' });
    expect(red()).toEqual([]);
    expect(directive.submitted).toBe(false);
  });
});
