import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { FormControl } from '@angular/forms';
import { Api } from '../../core/api';
import { PICKER_LIMIT, SearchPicker } from '../../shared/search-picker';
import type { Account, ListPage } from './models';

export type PickedAccount = Pick<Account, 'id' | 'code' | 'name' | 'isGroup' | 'active' | 'currency'>;

export const accountLabel = (a: Pick<Account, 'code' | 'name'> | null | undefined) => (a ? `${a.code} ${a.name}` : '');

/**
 * An account picker: the shared server-searched picker over the chart (code or name).
 * `postingOnly` leaves out group accounts and deactivated ones (what a journal line takes).
 * `control` holds the chosen account's id ('' for none).
 */
@Component({
  selector: 'k-account-picker',
  imports: [SearchPicker],
  template: `
    <k-search-picker
      [control]="control()"
      [search]="search"
      [label]="label()"
      [itemLabel]="name"
      [optionLabel]="describe"
      [initialLabel]="initialLabel()"
      [required]="required()"
      hint="Type a code or a name"
      emptyText="No account matches"
      [dense]="dense()"
      [error]="error()"
      [testId]="testId()"
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPicker {
  private readonly api = inject(Api);
  readonly control = input.required<FormControl<string>>();
  readonly label = input('Account');
  /** The chosen account when the form opens with one (editing), shown until changed. */
  readonly initial = input<PickedAccount | null | undefined>(undefined);
  readonly required = input(false);
  readonly postingOnly = input(false);
  readonly dense = input(false);
  readonly error = input('');
  readonly testId = input<string | undefined>(undefined);

  protected readonly initialLabel = computed(() => accountLabel(this.initial()));
  protected readonly name = (a: PickedAccount) => accountLabel(a);
  protected readonly describe = (a: PickedAccount) =>
    `${a.code} · ${a.name}${a.currency ? ` · ${a.currency}` : ''}${a.isGroup ? ' (group)' : ''}`;
  protected readonly search = async (q: string | undefined): Promise<PickedAccount[]> => {
    const page = await this.api.get<ListPage<Account>>('/api/finance/accounts', {
      q,
      limit: PICKER_LIMIT * (this.postingOnly() ? 2 : 1),
      sort: 'code',
      active: this.postingOnly() ? 'true' : undefined,
    });
    return page.items.filter((a) => !this.postingOnly() || !a.isGroup);
  };
}
