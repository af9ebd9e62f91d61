import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ListState } from './loader';

/** What a list or detail shows while it is not ready: loading, empty or failed (with retry). */
@Component({
  selector: 'k-list-state',
  imports: [MatProgressBarModule, MatButtonModule],
  template: `
    @switch (state()) {
      @case ('loading') {
        <div class="state" role="status" aria-live="polite" data-testid="state-loading">
          <mat-progress-bar mode="indeterminate" aria-label="Loading" />
          <p>Loading…</p>
        </div>
      }
      @case ('empty') {
        <p class="state" role="status" data-testid="state-empty">{{ empty() }}</p>
      }
      @case ('error') {
        <div class="state error" role="alert" data-testid="state-error">
          <p>{{ error() ?? 'Something went wrong.' }}</p>
          <button mat-stroked-button type="button" (click)="retry.emit()">Try again</button>
        </div>
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ListStateView {
  readonly state = input.required<ListState>();
  readonly empty = input('Nothing here yet.');
  readonly error = input<string | undefined>(undefined);
  readonly retry = output<void>();
}
