import type { Permission, UserStatus } from './models';

export const USER_STATUSES: { value: UserStatus; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'invited', label: 'Invited' },
  { value: 'disabled', label: 'Disabled' },
  { value: 'locked', label: 'Locked' },
];

export function statusLabel(status: string): string {
  return USER_STATUSES.find((s) => s.value === status)?.label ?? status;
}

const MODULE_TITLES: Record<string, string> = {
  auth: 'Users & roles',
  platform: 'Platform',
  hr: 'Human resources',
  finance: 'Finance',
  operations: 'Operations',
  operation: 'Operations',
  inventory: 'Inventory',
  reporting: 'Reporting',
};

export interface PermissionGroup {
  module: string;
  title: string;
  permissions: Permission[];
}

/** The module of a permission code: its first segment (`hr.leaves.approve` → `hr`). */
export function moduleOf(code: string): string {
  return code.split('.')[0] ?? code;
}

/**
 * The catalogue grouped by module for the role editor: modules in a fixed, familiar order (then
 * alphabetical), permissions by code inside each.
 */
export function groupPermissions(items: readonly Permission[]): PermissionGroup[] {
  const groups = new Map<string, Permission[]>();
  for (const p of items) {
    const module = p.domain || moduleOf(p.code);
    const list = groups.get(module) ?? [];
    list.push(p);
    groups.set(module, list);
  }
  const order = Object.keys(MODULE_TITLES);
  const rank = (m: string) => (order.includes(m) ? order.indexOf(m) : order.length);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([module, permissions]) => ({
      module,
      title: MODULE_TITLES[module] ?? module.charAt(0).toUpperCase() + module.slice(1),
      permissions: [...permissions].sort((a, b) => a.code.localeCompare(b.code)),
    }));
}

/** How many of a group's permissions are in `selected`: none, some or all (for the group checkbox). */
export function groupSelection(group: PermissionGroup, selected: ReadonlySet<string>): 'none' | 'some' | 'all' {
  const held = group.permissions.filter((p) => selected.has(p.code)).length;
  if (held === 0) return 'none';
  return held === group.permissions.length ? 'all' : 'some';
}

/** Selects or clears every permission of a group; returns a new set. */
export function toggleGroup(group: PermissionGroup, selected: ReadonlySet<string>, on: boolean): Set<string> {
  const next = new Set(selected);
  for (const p of group.permissions) {
    if (on) next.add(p.code);
    else next.delete(p.code);
  }
  return next;
}

/** Piece of a mail's text: plain, or a link a person can follow. */
export interface TextPart {
  text: string;
  href?: string;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;

/**
 * Splits mail text into plain text and http(s) links (trailing punctuation stays text), so the
 * mailbox can render links as anchors without ever binding HTML.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0];
    const trailing = /[.,;:!?)\]]+$/.exec(url)?.[0] ?? '';
    url = url.slice(0, url.length - trailing.length);
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: url, href: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Roles picked in a dialog, as the ids the API takes, in a stable order. */
export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}
