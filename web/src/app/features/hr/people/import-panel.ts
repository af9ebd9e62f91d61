import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatRadioModule } from '@angular/material/radio';
import { MatTableModule } from '@angular/material/table';
import { Api } from '../../../core/api';
import { problemMessage, toProblem } from '../../../core/problems';
import {
  type ImportMode,
  type ImportReport,
  importFileError,
  importQuery,
  importSummary,
  reportFromProblem,
  rowMessages,
} from './people';

/** Import employees from CSV/XLSX: file, mode (all-or-nothing, partial, dry run), and the per-row report. */
@Component({
  selector: 'k-import-panel',
  imports: [MatButtonModule, MatCardModule, MatRadioModule, MatTableModule],
  template: `
    <mat-card class="panel" appearance="outlined">
      <h2>Import employees</h2>
      <p class="hint">
        A .csv or .xlsx file with the export's columns (First name, Last name, Work email, Department, Position, Hire
        date, Salary, Currency, …). Tip: export first and edit that file: a row with the Number of someone on file
        changes only what you edited, unchanged rows are left alone, and a row without a Number adds a person.
      </p>
      <form (submit)="$event.preventDefault(); submit()" novalidate>
        <div class="file-row">
          <input
            #fileInput
            id="import-file"
            class="visually-hidden"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="import-file"
            (change)="pick(fileInput.files)"
          />
          <button mat-stroked-button type="button" (click)="fileInput.click()" aria-describedby="import-file-name">
            Choose file
          </button>
          <span id="import-file-name" class="file-name">{{ file()?.name ?? 'No file chosen' }}</span>
        </div>
        @if (fileError()) {
          <p class="field-error" role="alert">{{ fileError() }}</p>
        }
        <fieldset>
          <legend>Mode</legend>
          <mat-radio-group
            [value]="mode()"
            (change)="mode.set($event.value)"
            aria-label="Import mode"
            class="modes"
          >
            <mat-radio-button value="all-or-nothing" data-testid="import-mode-all">
              All or nothing — one invalid row rejects the file
            </mat-radio-button>
            <mat-radio-button value="partial" data-testid="import-mode-partial">
              Partial — import the valid rows, list the invalid ones
            </mat-radio-button>
            <mat-radio-button value="dry-run" data-testid="import-mode-dry">Dry run — only check the file</mat-radio-button>
          </mat-radio-group>
        </fieldset>
        @if (message()) {
          <p class="state error" role="alert">{{ message() }}</p>
        }
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="import-submit">
          {{ busy() ? 'Importing…' : mode() === 'dry-run' ? 'Check file' : 'Import' }}
        </button>
      </form>

      @if (report(); as r) {
        <section data-testid="import-report" aria-labelledby="import-summary">
          <p id="import-summary" class="summary" role="status" [class.bad]="r.invalid > 0">{{ summary() }}</p>
          <div class="table-wrap">
            <table mat-table [dataSource]="r.rows" aria-label="Import report by row">
              <ng-container matColumnDef="row">
                <th mat-header-cell *matHeaderCellDef>Row</th>
                <td mat-cell *matCellDef="let x">{{ x.row }}</td>
              </ng-container>
              <ng-container matColumnDef="status">
                <th mat-header-cell *matHeaderCellDef>Status</th>
                <td mat-cell *matCellDef="let x">
                  <span class="row-status" [attr.data-status]="x.status">{{ x.status }}</span>
                </td>
              </ng-container>
              <ng-container matColumnDef="email">
                <th mat-header-cell *matHeaderCellDef>Work email</th>
                <td mat-cell *matCellDef="let x">{{ x.workEmail ?? '' }}</td>
              </ng-container>
              <ng-container matColumnDef="messages">
                <th mat-header-cell *matHeaderCellDef>Messages</th>
                <td mat-cell *matCellDef="let x">{{ messages(x) }}</td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="columns"></tr>
              <tr mat-row *matRowDef="let x; columns: columns" data-testid="import-report-row"></tr>
            </table>
          </div>
        </section>
      }
    </mat-card>
  `,
  styles: `
    .panel {
      padding: 16px;
      margin-bottom: 16px;
    }
    h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-large);
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      margin-top: 0;
    }
    .file-row {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
    }
    .file-name {
      overflow-wrap: anywhere;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    fieldset {
      border: none;
      padding: 0;
      margin: 12px 0;
    }
    legend {
      font-weight: 500;
      margin-bottom: 4px;
    }
    .modes {
      display: flex;
      flex-direction: column;
    }
    .field-error {
      color: var(--mat-sys-error);
      margin: 4px 0;
    }
    .summary {
      font-weight: 500;
      margin: 16px 0 8px;
    }
    .summary.bad,
    .row-status[data-status='invalid'] {
      color: var(--mat-sys-error);
    }
    table {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ImportPanel {
  private readonly api = inject(Api);
  readonly imported = output<ImportReport>();

  protected readonly columns = ['row', 'status', 'email', 'messages'];
  protected readonly mode = signal<ImportMode>('all-or-nothing');
  protected readonly file = signal<File | null>(null);
  protected readonly fileError = signal<string | undefined>(undefined);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | undefined>(undefined);
  protected readonly report = signal<ImportReport | undefined>(undefined);
  protected readonly summary = computed(() => {
    const r = this.report();
    return r ? importSummary(r) : '';
  });
  protected readonly messages = rowMessages;

  protected pick(files: FileList | null): void {
    const file = files?.[0] ?? null;
    this.file.set(file);
    this.fileError.set(file ? importFileError(file) : undefined);
  }

  async submit(): Promise<void> {
    this.message.set(undefined);
    const file = this.file();
    const invalid = importFileError(file);
    this.fileError.set(invalid);
    if (invalid || !file) return;
    this.busy.set(true);
    this.report.set(undefined);
    try {
      const report = await this.api.upload<ImportReport>(
        '/api/hr/employees/import',
        file,
        {},
        importQuery(this.mode()),
      );
      this.report.set(report);
      if (report.created || report.updated) this.imported.emit(report);
    } catch (err) {
      const problem = toProblem(err);
      const report = reportFromProblem(problem);
      if (report) this.report.set(report);
      else if (problem.errors?.some((e) => e.path === 'file')) this.fileError.set(problemMessage(problem));
      else this.message.set(problemMessage(problem));
    } finally {
      this.busy.set(false);
    }
  }
}
