import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { FormBuilder, type FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Api } from '../../../core/api';
import { CompanyCalendar } from '../../../core/company-calendar';
import { FormMessage, formSubmission } from '../../../shared/form-submit';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import type { ReviewComment } from './models';

/** The thread of comments on one review, oldest first, and a box to add one while it is open. */
@Component({
  selector: 'k-review-comments',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, FormMessage, ListStateView],
  template: `
    <section class="comments" [attr.aria-label]="'Comments on the review'" data-testid="review-comments">
      <h3>Comments</h3>
      <k-list-state [state]="thread.state()" [error]="thread.error()" empty="No comments yet." (retry)="thread.reload()" />
      @if (thread.state() === 'ready') {
        <ol class="thread">
          @for (c of thread.data(); track c.id) {
            <li data-testid="review-comment">
              <strong>{{ c.authorName }}</strong>
              <time [attr.datetime]="c.createdAt"> · {{ calendar.dateTime(c.createdAt) }}</time>
              <p>{{ c.body }}</p>
            </li>
          }
        </ol>
      }
      @if (open()) {
        <form [formGroup]="form" #f="ngForm" (ngSubmit)="add(f)" novalidate>
          <mat-form-field class="full-width">
            <mat-label>Add a comment</mat-label>
            <textarea matInput formControlName="body" rows="2" required></textarea>
            <mat-error>{{ sending.error('body', 'Comment') }}</mat-error>
          </mat-form-field>
          <k-form-message [message]="sending.message()" />
          <button mat-stroked-button type="submit" [disabled]="sending.busy()">Post comment</button>
        </form>
      }
    </section>
  `,
  styles: `
    .thread { list-style: none; padding: 0; margin: 0 0 8px; }
    .thread li { padding: 6px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .thread p { margin: 4px 0 0; white-space: pre-wrap; }
    .full-width { width: 100%; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewComments {
  readonly reviewId = input.required<string>();
  /** Whether comments may still be added (not once the review is acknowledged). */
  readonly open = input(true);
  private readonly api = inject(Api);
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    body: ['', [Validators.required, Validators.maxLength(4000)]],
  });
  protected readonly sending = formSubmission(this.form, signal(false));
  protected readonly thread = loader(() =>
    this.api.get<{ items: ReviewComment[] }>(`/api/hr/reviews/${this.reviewId()}/comments`).then((r) => r.items),
  );

  constructor() {
    effect(() => {
      this.reviewId();
      void this.thread.reload();
    });
  }

  protected async add(directive: FormGroupDirective): Promise<void> {
    await this.sending.run(async () => {
      await this.api.post(`/api/hr/reviews/${this.reviewId()}/comments`, { body: this.form.getRawValue().body });
      directive.resetForm();
      await this.thread.reload();
    });
  }
}
