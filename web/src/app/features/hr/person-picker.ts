import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { FormControl } from '@angular/forms';
import { Api } from '../../core/api';
import type { HrAnswer } from '../../core/api-types';
import { PICKER_LIMIT, SearchPicker } from '../../shared/search-picker';

export type PickedPerson = Pick<
  HrAnswer<'/api/hr/employees'>['items'][number],
  'id' | 'fullName' | 'number' | 'departmentName'
>;

export { PICKER_LIMIT, pickerSearch } from '../../shared/search-picker';

/**
 * A people picker (manager, employee, reviewer): the shared server-searched picker over current
 * employees by name, email or number. `control` holds the chosen person's id ('' for none).
 */
@Component({
  selector: 'k-person-picker',
  imports: [SearchPicker],
  template: `
    <k-search-picker
      [control]="control()"
      [search]="search"
      [label]="label()"
      [itemLabel]="name"
      [optionLabel]="describe"
      [initialLabel]="initialName()"
      [required]="required()"
      [noneLabel]="noneLabel()"
      hint="Type a name, email or number"
      emptyText="Nobody matches"
      [error]="error()"
      [testId]="testId()"
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PersonPicker {
  private readonly api = inject(Api);
  readonly control = input.required<FormControl<string>>();
  readonly label = input('Person');
  /** The chosen person's name when the form opens with one (editing), shown until changed. */
  readonly initialName = input<string | null | undefined>(undefined);
  readonly required = input(false);
  readonly noneLabel = input('Nobody');
  /** Extra filters, e.g. `{ scope: 'mine' }` for people the caller manages. */
  readonly query = input<Record<string, string>>({});
  /** A person who may not be chosen (the employee being edited, or the caller). */
  readonly exclude = input<string | null | undefined>(undefined);
  readonly error = input('');
  readonly testId = input<string | undefined>(undefined);

  protected readonly name = (p: PickedPerson) => p.fullName;
  protected readonly describe = (p: PickedPerson) =>
    `${p.fullName} · ${p.number}${p.departmentName ? ` · ${p.departmentName}` : ''}`;
  protected readonly search = async (search: string | undefined): Promise<PickedPerson[]> => {
    const page = await this.api.get<HrAnswer<'/api/hr/employees'>>('/api/hr/employees', {
      search,
      limit: PICKER_LIMIT,
      current: 'true',
      sort: 'name',
      ...this.query(),
    });
    return page.items.filter((p) => p.id !== this.exclude());
  };
}
