import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

/**
 * Shown in place of a page the user's role does not open: the address bar keeps the page they
 * asked for, so they can tell someone which page they need, and a link takes them home.
 */
@Component({
  selector: 'k-no-access',
  imports: [RouterLink],
  template: `
    <section class="page" data-testid="no-access">
      <h1>You don't have access to this page</h1>
      <p>Your role does not include this page. If you need it for your work, ask an administrator to grant it.</p>
      <p><a routerLink="/">Back to the dashboard</a></p>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoAccessPage {}
