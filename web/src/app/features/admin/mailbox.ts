import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { Api } from '../../core/api';
import type { AuthAnswer } from '../../core/api-types';
import { CompanyCalendar } from '../../core/company-calendar';
import { toProblem } from '../../core/problems';
import { ListStateView } from '../../shared/list-state';
import { loader } from '../../shared/loader';
import { linkify, type TextPart } from './logic';
import type { Mail } from './models';

type ShownMail = Mail & { parts: TextPart[] };

/** Local stages only: the mail the system would have sent, newest first, links clickable. */
@Component({
  selector: 'k-admin-mailbox',
  imports: [ReactiveFormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, ListStateView],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Mailbox (local)</h1>
        <button mat-stroked-button type="button" (click)="mail.reload()" [disabled]="mail.loading()" data-testid="mailbox-refresh">
          Refresh
        </button>
      </header>
      <p class="intro">Mail that would have been sent, newest first. Only local stages keep it.</p>
      <mat-form-field class="filter">
        <mat-label>Recipient</mat-label>
        <input matInput type="email" [formControl]="to" placeholder="someone@konecta.local" data-testid="mailbox-to" />
      </mat-form-field>
      <k-list-state [state]="mail.state()" [error]="mail.error()" empty="No mail yet." (retry)="mail.reload()" />
      @if (mail.state() === 'ready') {
        <ol class="mails">
          @for (m of mail.data(); track m.id) {
            <li>
              <mat-card class="mail" data-testid="mail-row">
                <div class="head">
                  <span class="subject" data-testid="mail-subject">{{ m.subject }}</span>
                  <time [attr.datetime]="m.createdAt">{{ calendar.dateTime(m.createdAt) }}</time>
                </div>
                <div class="to">To: <span data-testid="mail-to">{{ m.to }}</span></div>
                <pre class="text" data-testid="mail-text">@for (part of m.parts; track $index) {@if (part.href) {<a [href]="part.href">{{ part.text }}</a>} @else {{{ part.text }}}}</pre>
              </mat-card>
            </li>
          }
        </ol>
      }
    </section>
  `,
  styles: `
    .intro {
      margin: 0 0 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    .filter {
      width: min(100%, 360px);
    }
    .mails {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 12px;
    }
    .mail {
      padding: 12px 16px;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 4px 12px;
    }
    .subject {
      font-weight: 500;
    }
    time,
    .to {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .text {
      margin: 8px 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      font: var(--mat-sys-body-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailboxPage {
  private readonly api = inject(Api);
  protected readonly calendar = inject(CompanyCalendar);
  protected readonly to = new FormControl('', { nonNullable: true });
  protected readonly mail = loader(async (): Promise<ShownMail[]> => {
    try {
      const { items } = await this.api.get<AuthAnswer<'/api/auth/dev/mailbox'>>('/api/auth/dev/mailbox', {
        to: this.to.value.trim(),
        limit: 100,
      });
      return [...items]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((m) => ({ ...m, parts: linkify(m.text) }));
    } catch (err) {
      if (toProblem(err).status === 404) {
        throw { title: 'Not here', status: 404, detail: 'The mailbox exists only on local stages.' };
      }
      throw err;
    }
  });

  constructor() {
    this.to.valueChanges
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => void this.mail.reload());
    void this.mail.reload();
  }
}
