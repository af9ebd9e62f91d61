import { ChangeDetectionStrategy, Component, input, signal, type WritableSignal } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import { applyProblem, controlError, problemMessage, toProblem } from '../core/problems';

/** Runs `action` with `busy` set, handing a failure to `onError`; the action's result, or undefined. */
async function whileBusy<T>(
  busy: WritableSignal<boolean>,
  action: () => Promise<T>,
  onError: (err: unknown) => void,
): Promise<T | undefined> {
  busy.set(true);
  try {
    return await action();
  } catch (err) {
    onError(err);
    return undefined;
  } finally {
    busy.set(false);
  }
}

/**
 * A page's API calls outside a form (delete, approve, enrol, move): `busy` while one runs and
 * `message` with the last failure. `describe` rewrites the failure's sentence (e.g. to name the
 * row) and may tidy the page (close a confirmation). Pass `busy` or `message` to share them with
 * the page's forms.
 */
export function pageActions(
  busy: WritableSignal<boolean> = signal(false),
  message: WritableSignal<string | undefined> = signal(undefined),
) {
  function run<T>(action: () => Promise<T>, describe: (text: string) => string = (t) => t): Promise<T | undefined> {
    message.set(undefined);
    return whileBusy(busy, action, (err) => message.set(describe(problemMessage(toProblem(err)))));
  }
  return { busy: busy.asReadonly(), message, run };
}

/**
 * The submit state of one form: `busy` while the call runs, `message` for what no field
 * explains, `error(name, label)` for a field's mat-error, and `run(action)`, which checks the
 * form (all touched and nothing sent when invalid), runs the call and puts a failure's field
 * errors on their controls. `run` answers the action's result, or undefined when it did not run
 * or failed. A page whose other actions share one busy flag passes it as `busy`.
 */
export function formSubmission(form: FormGroup, busy: WritableSignal<boolean> = signal(false)) {
  const message = signal<string | undefined>(undefined);
  async function run<T>(action: () => Promise<T>, options: { validate?: boolean } = {}): Promise<T | undefined> {
    message.set(undefined);
    if (options.validate !== false && form.invalid) {
      form.markAllAsTouched();
      return undefined;
    }
    return whileBusy(busy, action, (err) => message.set(applyProblem(form, err)));
  }
  const error = (name: string, label: string): string => controlError(form.get(name), label);
  return { busy: busy.asReadonly(), message, run, error };
}

export type FormSubmission = ReturnType<typeof formSubmission>;

/** A form's failure message, shown as an alert paragraph; nothing when there is none. */
@Component({
  selector: 'k-form-message',
  template: `
    @if (message()) {
      <p class="state error" role="alert" [attr.data-testid]="testid()">{{ message() }}</p>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormMessage {
  readonly message = input<string | undefined>(undefined);
  readonly testid = input<string | undefined>(undefined);
}
