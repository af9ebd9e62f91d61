import '../../testing';
import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { describe, expect, it } from 'vitest';
import { formSubmission, pageActions } from './form-submit';

const makeForm = (name = '') =>
  new FormGroup({
    name: new FormControl(name, { nonNullable: true, validators: [Validators.required] }),
    note: new FormControl('', { nonNullable: true }),
  });

const unprocessable = (errors: { path: string; message: string }[]) =>
  new HttpErrorResponse({
    status: 422,
    error: { title: 'Unprocessable', status: 422, detail: 'Check the fields.', errors },
  });

describe('formSubmission', () => {
  it('sends nothing for an invalid form and marks every control touched', async () => {
    const form = makeForm();
    const submission = formSubmission(form);
    let calls = 0;
    const result = await submission.run(async () => ++calls);
    expect(result).toBeUndefined();
    expect(calls).toBe(0);
    expect(form.controls.name.touched).toBe(true);
    expect(form.controls.note.touched).toBe(true);
    expect(submission.busy()).toBe(false);
    expect(submission.error('name', 'Name')).toBe('Name is required.');
  });

  it('uses a busy flag the page shares with its other actions', async () => {
    const busy = signal(false);
    const submission = formSubmission(makeForm('Ada'), busy);
    let during: boolean | undefined;
    await submission.run(async () => {
      during = busy();
    });
    expect(during).toBe(true);
    expect(busy()).toBe(false);
  });

  it('runs without the check when asked not to validate', async () => {
    const submission = formSubmission(makeForm());
    expect(await submission.run(async () => 'sent', { validate: false })).toBe('sent');
  });

  it('answers the result of a successful call and clears an earlier message', async () => {
    const submission = formSubmission(makeForm('Ada'));
    submission.message.set('Earlier failure');
    expect(await submission.run(async () => 42)).toBe(42);
    expect(submission.message()).toBeUndefined();
  });

  it('places field errors of a 422 and shows a message only for the unplaced ones', async () => {
    const form = makeForm('Ada');
    const submission = formSubmission(form);
    const placed = await submission.run(async () => {
      throw unprocessable([{ path: 'body.name', message: 'Name is taken.' }]);
    });
    expect(placed).toBeUndefined();
    expect(submission.error('name', 'Name')).toBe('Name is taken.');
    expect(form.controls.name.touched).toBe(true);
    expect(submission.message()).toBeUndefined();

    const other = formSubmission(makeForm('Ada'));
    await other.run(async () => {
      throw unprocessable([
        { path: 'body.name', message: 'Name is taken.' },
        { path: 'body.unknown', message: 'Unknown is wrong.' },
      ]);
    });
    expect(other.message()).toBe('Unknown is wrong.');
    expect(other.error('name', 'Name')).toBe('Name is taken.');
  });

  it('is busy during the call and not after, also after a failure', async () => {
    const submission = formSubmission(makeForm('Ada'));
    let during: boolean | undefined;
    await submission.run(async () => {
      during = submission.busy();
    });
    expect(during).toBe(true);
    expect(submission.busy()).toBe(false);

    during = undefined;
    await submission.run(async () => {
      during = submission.busy();
      throw new HttpErrorResponse({ status: 500, error: { title: 'Server error', status: 500, detail: 'Broken.' } });
    });
    expect(during).toBe(true);
    expect(submission.busy()).toBe(false);
    expect(submission.message()).toBe('Broken.');
  });
});

describe('pageActions', () => {
  const conflict = new HttpErrorResponse({
    status: 409,
    error: { title: 'Conflict', status: 409, detail: 'The department still has employees.' },
  });

  it('is busy while the call runs and answers its result', async () => {
    const actions = pageActions();
    let seenBusy = false;
    const result = await actions.run(async () => {
      seenBusy = actions.busy();
      return 42;
    });
    expect(seenBusy).toBe(true);
    expect(result).toBe(42);
    expect(actions.busy()).toBe(false);
    expect(actions.message()).toBeUndefined();
  });

  it("shows the failure's sentence, rewritten by describe, and clears it on the next call", async () => {
    const actions = pageActions();
    const result = await actions.run(
      async () => {
        throw conflict;
      },
      (text) => `Sales: ${text}`,
    );
    expect(result).toBeUndefined();
    expect(actions.message()).toBe('Sales: The department still has employees.');
    expect(actions.busy()).toBe(false);
    await actions.run(async () => undefined);
    expect(actions.message()).toBeUndefined();
  });

  it('shares busy and message with the page when given them', async () => {
    const busy = signal(false);
    const message = signal<string | undefined>('old');
    const actions = pageActions(busy, message);
    await actions.run(async () => {
      expect(busy()).toBe(true);
    });
    expect(message()).toBeUndefined();
  });
});
