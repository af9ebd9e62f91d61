import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { Api } from '../../../core/api';
import type { HrAnswer } from '../../../core/api-types';
import { Auth } from '../../../core/auth';
import { ListStateView } from '../../../shared/list-state';
import { loader } from '../../../shared/loader';
import { countPeople, expandableIds, filterOrgTree } from './people';

/** `org-chart`: everyone current as an indented, collapsible tree by manager. */
@Component({
  selector: 'k-org-chart',
  imports: [NgTemplateOutlet, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, ListStateView],
  template: `
    <section class="page">
      <header class="page-header">
        <h1>Org chart</h1>
        @if (chart.state() === 'ready') {
          <div class="actions">
            <button mat-stroked-button type="button" (click)="expandAll()" data-testid="expand-all">Expand all</button>
            <button mat-stroked-button type="button" (click)="collapseAll()" data-testid="collapse-all">Collapse all</button>
          </div>
        }
      </header>
      @if (chart.state() === 'ready') {
        <mat-form-field class="search">
          <mat-label>Find a person, position or department</mat-label>
          <input matInput type="search" [value]="term()" (input)="term.set($any($event.target).value)" data-testid="org-search" />
          <mat-hint>{{ people() }} people</mat-hint>
        </mat-form-field>
        @if (shown().length) {
          <ul class="tree root" aria-label="Organisation by manager">
            <ng-container *ngTemplateOutlet="branch; context: { $implicit: shown(), level: 1 }" />
          </ul>
        } @else {
          <p class="state" role="status">Nobody matches “{{ term() }}”.</p>
        }
      }
      <k-list-state [state]="chart.state()" [error]="chart.error()" empty="Nobody is employed yet." (retry)="chart.reload()" />
    </section>

    <ng-template #branch let-nodes let-level="level">
      @for (node of nodes; track node.id) {
        <li [attr.aria-level]="level" data-testid="org-node">
          <div class="node">
            @if (node.reports.length) {
              <button
                type="button"
                class="toggle"
                [attr.aria-expanded]="isOpen(node.id)"
                [attr.aria-controls]="'reports-' + node.id"
                [attr.aria-label]="(isOpen(node.id) ? 'Hide ' : 'Show ') + node.reports.length + ' reports of ' + node.fullName"
                (click)="toggle(node.id)"
              >
                <span aria-hidden="true">{{ isOpen(node.id) ? '▾' : '▸' }}</span>
              </button>
            } @else {
              <span class="toggle-space" aria-hidden="true"></span>
            }
            <div class="who">
              @if (canOpen) {
                <a class="name" [routerLink]="['/hr/employees', node.id]">{{ node.fullName }}</a>
              } @else {
                <span class="name">{{ node.fullName }}</span>
              }
              <span class="meta">
                {{ node.positionTitle ?? 'No position' }} · {{ node.departmentName ?? 'No department' }}
                @if (node.reports.length) {
                  · {{ node.reports.length }} {{ node.reports.length === 1 ? 'report' : 'reports' }}
                }
              </span>
            </div>
          </div>
          @if (node.reports.length && isOpen(node.id)) {
            <ul class="tree" [id]="'reports-' + node.id" role="group">
              <ng-container *ngTemplateOutlet="branch; context: { $implicit: node.reports, level: level + 1 }" />
            </ul>
          }
        </li>
      }
    </ng-template>
  `,
  styles: `
    .search {
      width: 100%;
      max-width: 480px;
    }
    .tree {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .tree .tree {
      margin-left: 14px;
      padding-left: 12px;
      border-left: 1px solid var(--mat-sys-outline-variant);
    }
    .node {
      display: flex;
      align-items: flex-start;
      gap: 8px;
      padding: 6px 0;
    }
    .toggle,
    .toggle-space {
      flex: 0 0 32px;
      width: 32px;
      height: 32px;
    }
    .toggle {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      background: var(--mat-sys-surface-container-low);
      color: inherit;
      cursor: pointer;
      font-size: 16px;
      line-height: 1;
    }
    .toggle:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    .who {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .name {
      font-weight: 500;
      overflow-wrap: anywhere;
    }
    .meta {
      font-size: 13px;
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    @media (max-width: 600px) {
      .tree .tree {
        margin-left: 8px;
        padding-left: 8px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrgChartPage {
  private readonly api = inject(Api);
  protected readonly canOpen = inject(Auth).can('hr.employees.read');
  protected readonly chart = loader(() =>
    this.api.get<HrAnswer<'/api/hr/org-chart'>>('/api/hr/org-chart').then((r) => r.roots),
  );
  protected readonly term = signal('');
  private readonly opened = signal<Set<string> | undefined>(undefined);
  protected readonly shown = computed(() => filterOrgTree(this.chart.data() ?? [], this.term()));
  protected readonly people = computed(() => countPeople(this.chart.data() ?? []));

  constructor() {
    void this.chart.reload();
  }

  /** Top-level people start open; while searching, every match's chain is open. */
  protected isOpen(id: string): boolean {
    if (this.term().trim()) return true;
    const opened = this.opened();
    return opened ? opened.has(id) : (this.chart.data() ?? []).some((r) => r.id === id);
  }

  protected toggle(id: string): void {
    const current = this.opened() ?? new Set((this.chart.data() ?? []).map((r) => r.id));
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.opened.set(next);
  }

  protected expandAll(): void {
    this.term.set('');
    this.opened.set(new Set(expandableIds(this.chart.data() ?? [])));
  }

  protected collapseAll(): void {
    this.term.set('');
    this.opened.set(new Set());
  }
}
