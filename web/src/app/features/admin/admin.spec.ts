import '../../../testing';
import { describe, expect, it } from 'vitest';
import { groupPermissions, groupSelection, linkify, moduleOf, sameIds, statusLabel, toggleGroup } from './logic';

const perm = (code: string, domain = code.split('.')[0] as string) => ({ code, domain, description: code });

describe('permission groups', () => {
  const catalogue = [
    perm('hr.leaves.approve'),
    perm('finance.invoices.read'),
    perm('auth.users.read'),
    perm('hr.employees.read'),
    perm('auth.roles.manage'),
    perm('zeta.things.read'),
    perm('platform.system.read'),
  ];

  it('groups by module in a familiar order, codes sorted inside', () => {
    const groups = groupPermissions(catalogue);
    expect(groups.map((g) => g.module)).toEqual(['auth', 'platform', 'hr', 'finance', 'zeta']);
    expect(groups[0]?.title).toBe('Users & roles');
    expect(groups[0]?.permissions.map((p) => p.code)).toEqual(['auth.roles.manage', 'auth.users.read']);
    expect(groups[2]?.permissions.map((p) => p.code)).toEqual(['hr.employees.read', 'hr.leaves.approve']);
    expect(groups[4]?.title).toBe('Zeta');
  });

  it('falls back to the code when the domain is missing', () => {
    expect(moduleOf('hr.x.y')).toBe('hr');
    expect(groupPermissions([perm('hr.a.b', '')])[0]?.module).toBe('hr');
    expect(groupPermissions([])).toEqual([]);
  });

  it('tells none, some and all apart, and toggles a whole group', () => {
    const [auth] = groupPermissions(catalogue);
    if (!auth) throw new Error('no group');
    expect(groupSelection(auth, new Set())).toBe('none');
    expect(groupSelection(auth, new Set(['auth.users.read', 'hr.x.y']))).toBe('some');
    const all = toggleGroup(auth, new Set(['hr.employees.read']), true);
    expect(groupSelection(auth, all)).toBe('all');
    expect([...all].sort()).toEqual(['auth.roles.manage', 'auth.users.read', 'hr.employees.read']);
    expect([...toggleGroup(auth, all, false)]).toEqual(['hr.employees.read']);
  });
});

describe('links in mail text', () => {
  it('turns http(s) links into parts with an href, keeping the rest as text', () => {
    const text = 'Hello,\n\nSet up your account:\n\nhttp://localhost:8180/invitations/abc_DEF-123\n\nThanks.';
    expect(linkify(text)).toEqual([
      { text: 'Hello,\n\nSet up your account:\n\n' },
      { text: 'http://localhost:8180/invitations/abc_DEF-123', href: 'http://localhost:8180/invitations/abc_DEF-123' },
      { text: '\n\nThanks.' },
    ]);
  });

  it('leaves trailing punctuation out of the link and handles several or none', () => {
    expect(linkify('See https://a.example/x?token=1. Or (https://b.example/y).')).toEqual([
      { text: 'See ' },
      { text: 'https://a.example/x?token=1', href: 'https://a.example/x?token=1' },
      { text: '. Or (' },
      { text: 'https://b.example/y', href: 'https://b.example/y' },
      { text: ').' },
    ]);
    expect(linkify('Your code is 123456.')).toEqual([{ text: 'Your code is 123456.' }]);
    expect(linkify('')).toEqual([]);
    expect(linkify('javascript:alert(1) ftp://x')).toEqual([{ text: 'javascript:alert(1) ftp://x' }]);
  });
});

describe('small helpers', () => {
  it('labels statuses and compares id lists as sets', () => {
    expect(statusLabel('invited')).toBe('Invited');
    expect(statusLabel('odd')).toBe('odd');
    expect(sameIds(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameIds(['a'], ['a', 'b'])).toBe(false);
  });
});
