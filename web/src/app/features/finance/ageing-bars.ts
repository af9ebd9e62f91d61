import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { showAmount } from './ledger';

/** A small plain-SVG bar chart: one bar per ageing bucket, scaled to the largest. */
@Component({
  selector: 'k-ageing-bars',
  template: `
    <svg
      class="ageing-bars"
      [attr.viewBox]="'0 0 ' + width + ' ' + height"
      role="img"
      [attr.aria-label]="label()"
      data-testid="ageing-bars"
    >
      @for (b of bars(); track b.label; let i = $index) {
        <g>
          <rect
            [attr.x]="i * slot + 6"
            [attr.y]="top + plot - b.h"
            [attr.width]="slot - 12"
            [attr.height]="b.h"
            [attr.fill]="i === 0 ? '#4a7bb7' : '#c0504d'"
          >
            <title>{{ b.label }}: {{ b.text }}</title>
          </rect>
          <text [attr.x]="i * slot + slot / 2" [attr.y]="height - 4" text-anchor="middle" font-size="10">{{ b.label }}</text>
        </g>
      }
    </svg>
  `,
  styles: ['.ageing-bars { width: 100%; max-width: 360px; height: auto; display: block; }'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AgeingBars {
  readonly buckets = input.required<{ label: string; amount: string }[]>();
  protected readonly width = 300;
  protected readonly height = 110;
  protected readonly top = 6;
  protected readonly plot = 84;
  protected get slot(): number {
    return this.width / Math.max(this.buckets().length, 1);
  }
  protected readonly bars = computed(() => {
    const values = this.buckets().map((b) => Math.max(Number(b.amount), 0));
    const max = Math.max(...values, 0);
    return this.buckets().map((b, i) => ({
      label: b.label,
      text: showAmount(b.amount),
      h: max > 0 ? Math.max(((values[i] ?? 0) / max) * this.plot, values[i] ? 1 : 0) : 0,
    }));
  });
  protected readonly label = computed(() =>
    this.buckets()
      .map((b) => `${b.label}: ${showAmount(b.amount)}`)
      .join('; '),
  );
}
