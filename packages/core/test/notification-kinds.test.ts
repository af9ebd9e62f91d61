import { describe, expect, it } from 'vitest';
import { catalogue, eventCatalogue, notificationKinds } from '../src/index';

const leave = {
  requestId: '2f0c7a4e-8a51-4c43-9d0e-0a3d2c1b7e11',
  employeeId: '7d3c7a4e-8a51-4c43-9d0e-0a3d2c1b7e12',
  employeeName: 'Nour Adel',
  days: 2,
  startDate: '2027-05-02',
  endDate: '2027-05-03',
};
const kind = (key: string) => {
  const found = notificationKinds.find((k) => k.kind === key);
  if (!found) throw new Error(`no kind ${key}`);
  return found;
};

describe('the notification kinds', () => {
  it('are each declared once, on declared events the auth service consumes', () => {
    const keys = notificationKinds.map((k) => k.kind);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of notificationKinds) {
      expect(eventCatalogue, k.kind).toContain(k.event);
      expect(catalogue.auth.consumes, k.kind).toContain(k.event.type);
    }
  });

  it("send a request to the approver, or to HR's permission when there is none", () => {
    const requested = kind('leave-requested');
    const approver = '9a3c7a4e-8a51-4c43-9d0e-0a3d2c1b7e13';
    expect(requested.compose({ ...leave, approverEmployeeId: approver, leaveTypeId: approver })).toMatchObject({
      recipients: [{ employeeId: approver }],
      title: 'Nour Adel requested leave',
      body: 'Nour Adel asks for leave 2027-05-02 to 2027-05-03 (2 days).',
      link: '/hr/leave/approvals',
    });
    expect(requested.compose({ ...leave, approverEmployeeId: null }).recipients).toEqual([
      { permission: 'hr.leaves.manage' },
    ]);
  });

  it('tell the employee of a decision and the approver of a withdrawal, never both', () => {
    const approved = { ...leave, decision: 'approved', approverEmployeeId: null };
    const cancelled = { ...leave, decision: 'cancelled', approverEmployeeId: null };
    expect(kind('leave-decided').compose(approved).recipients).toEqual([{ employeeId: leave.employeeId }]);
    expect(kind('leave-cancelled').compose(approved).recipients).toEqual([]);
    expect(kind('leave-decided').compose(cancelled).recipients).toEqual([]);
    expect(kind('leave-cancelled').compose(cancelled).recipients).toEqual([{ permission: 'hr.leaves.manage' }]);
  });
});
