import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'k-not-found',
  imports: [RouterLink],
  template: `
    <section class="page">
      <h1>Page not found</h1>
      <p>There is nothing at this address. <a routerLink="/">Back to the dashboard</a>.</p>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
