import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { DepartmentsTab } from './departments-tab';
import { PositionsTab } from './positions-tab';

/** `organisation`: departments and positions in two tabs. */
@Component({
  selector: 'k-organisation',
  imports: [MatTabsModule, DepartmentsTab, PositionsTab],
  template: `
    <section class="page">
      <header class="page-header"><h1>Departments & positions</h1></header>
      <mat-tab-group mat-stretch-tabs="false">
        <mat-tab label="Departments"><k-departments-tab /></mat-tab>
        <mat-tab label="Positions">
          <ng-template matTabContent><k-positions-tab /></ng-template>
        </mat-tab>
      </mat-tab-group>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganisationPage {}
