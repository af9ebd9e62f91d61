/**
 * A sub-resource of a record that does not exist answers 404, whatever the route: before,
 * `GET /api/hr/applications/{id}/interviews` for an application nobody ever created answered 200
 * with an empty list, as if it existed and had no interviews. Every route whose path goes on after
 * a path parameter (`/things/{id}/something`) in the auth, HR and finance documents is listed below with a
 * body it accepts, and a route added later without an entry fails the first test.
 */
import { allPermissions, type DomainServiceName, serviceClientSecret } from '@konecta/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BootedServices, bootServices, type Fetch } from './boot-services';

const MISSING = '00000000-0000-4000-8000-00000000dead';
const services = ['auth', 'hr', 'finance'] as const satisfies readonly DomainServiceName[];

/** Each sub-resource route, `METHOD path`, with a body that passes validation (so only the parent is missing). */
/** A one-pixel PNG, for the receipt upload. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const subResources: Record<string, { body?: unknown; token?: 'service'; receipt?: true }> = {
  'POST /api/auth/invitations/{token}/accept': { body: { password: 'A-good-Password-2026', username: 'newcomer' } },
  'PUT /api/auth/users/{id}/roles': { body: { roleIds: [] } },
  'POST /api/auth/notifications/{id}/read': {},
  'POST /api/auth/users/{id}/disable': { body: { reason: 'left' } },
  'POST /api/auth/users/{id}/enable': {},
  'POST /api/auth/users/{id}/invitations': {},
  'PUT /api/auth/roles/{id}/permissions': { body: { permissions: ['hr.employees.read'] } },
  'GET /api/auth/service/employees/{employeeId}/login': { token: 'service' },
  'POST /api/hr/employees/{id}/terminate': { body: { exitDate: '2026-01-31', reason: 'Contract end' } },
  'GET /api/hr/employees/{id}/history': {},
  'GET /api/hr/employees/{id}/login': {},
  'POST /api/hr/leave-requests/{id}/approve': { body: {} },
  'POST /api/hr/leave-requests/{id}/reject': { body: { reason: 'Too busy' } },
  'POST /api/hr/leave-requests/{id}/cancel': {},
  'POST /api/hr/reviews/{id}/submit': {},
  'POST /api/hr/reviews/{id}/acknowledge': { body: {} },
  'POST /api/hr/reviews/{id}/comments': { body: { body: 'A comment' } },
  'GET /api/hr/reviews/{id}/comments': {},
  'PATCH /api/hr/reviews/{id}/self-assessment': { body: { selfAssessment: 'Went well' } },
  'POST /api/hr/reviews/{id}/self-assessment/submit': {},
  'POST /api/hr/resignations/{id}/approve': { body: {} },
  'POST /api/hr/resignations/{id}/reject': { body: { note: 'Please stay' } },
  'POST /api/hr/resignations/{id}/withdraw': {},
  'PATCH /api/hr/resignations/{id}/checklist': { body: { equipmentReturned: true } },
  'POST /api/hr/resignations/{id}/complete': { body: {} },
  'POST /api/hr/courses/{id}/enrol': { body: {} },
  'POST /api/hr/enrolments/{id}/complete': { body: {} },
  'GET /api/hr/enrolments/{id}/certificate': {},
  'POST /api/hr/applications/{id}/stage': { body: { stage: 'screening' } },
  'POST /api/hr/applications/{id}/hire': {
    body: {
      workEmail: 'hired.from.nowhere@konecta.local',
      // A first day a week from now: hiring refuses one in the past before it looks for the application.
      hireDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      positionId: '00000000-0000-4000-8000-000000000001',
      managerId: null,
      salary: { amount: '20000', currency: 'EGP' },
    },
  },
  'GET /api/hr/applications/{id}/interviews': {},
  'POST /api/hr/applications/{id}/interviews': { body: { scheduledAt: '2026-01-05T10:00:00+02:00' } },
  'POST /api/finance/fiscal-years/{id}/close': {},
  'POST /api/finance/periods/{id}/close': {},
  'POST /api/finance/periods/{id}/reopen': { body: { reason: 'A late invoice' } },
  'POST /api/finance/journal-entries/{id}/post': {},
  'POST /api/finance/journal-entries/{id}/reverse': { body: {} },
  'GET /api/finance/bank-statements/{id}/ledger-lines': {},
  'GET /api/finance/bank-statements/{id}/lines/{lineId}/suggestions': {},
  'POST /api/finance/bank-statements/{id}/lines/{lineId}/match': { body: { journalLineId: '1' } },
  'DELETE /api/finance/bank-statements/{id}/lines/{lineId}/match': {},
  'POST /api/finance/bank-statements/{id}/lines/{lineId}/entry': {
    body: { accountId: '00000000-0000-4000-8000-000000000001' },
  },
  'POST /api/finance/bank-statements/{id}/lines/{lineId}/payment': {
    body: { partyId: '00000000-0000-4000-8000-000000000001' },
  },
  'GET /api/finance/invoices/{id}/pdf': {},
  'GET /api/finance/customers/{id}/statement': {},
  'GET /api/finance/vendors/{id}/statement': {},
  'GET /api/finance/invoices/{id}/credit-notes': {},
  'POST /api/finance/invoices/{id}/credit-notes': { body: { reason: 'Goods returned' } },
  'POST /api/finance/invoices/{id}/issue': {},
  'POST /api/finance/invoices/{id}/void': {},
  'POST /api/finance/bills/{id}/approve': {},
  'POST /api/finance/bills/{id}/void': {},
  'GET /api/finance/bills/{id}/credit-notes': {},
  'POST /api/finance/bills/{id}/credit-notes': { body: { reason: 'Goods returned' } },
  'POST /api/finance/payments/{id}/allocations': {
    body: { allocations: [{ invoiceId: '00000000-0000-4000-8000-000000000001', amount: '10.00' }] },
  },
  'DELETE /api/finance/payments/{id}/allocations/{allocationId}': {},
  'POST /api/finance/payments/{id}/void': { body: { reason: 'Entered twice' } },
  'POST /api/finance/expense-claims/{id}/submit': {},
  'POST /api/finance/expense-claims/{id}/approve': {},
  'POST /api/finance/expense-claims/{id}/reject': { body: { reason: 'Not ours' } },
  'POST /api/finance/expense-claims/{id}/reimburse': { body: {} },
  'POST /api/finance/expense-claims/{id}/receipts': { receipt: true },
  'POST /api/finance/expense-claims/{id}/receipts/uploads': { body: {} },
  'POST /api/finance/expense-claims/{id}/receipts/confirm': {
    body: { key: 'expenses/00000000-0000-4000-8000-000000000001/incoming/x', fileName: 'receipt.png' },
  },
  'GET /api/finance/expense-claims/{id}/receipts/{receiptId}': {},
  'DELETE /api/finance/expense-claims/{id}/receipts/{receiptId}': {},
};

let platform: BootedServices | undefined;
const apps = new Map<DomainServiceName, { fetch: Fetch; token: string; serviceToken?: string }>();

async function post(fetch: Fetch, url: string, init: RequestInit): Promise<Record<string, unknown>> {
  const res = await fetch(new Request(url, init));
  expect(res.status, url).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  platform = await bootServices(services);
  const { keys, services: booted } = platform;
  for (const [name, { fetch, deps }] of booted) {
    if (name === 'auth') {
      // The auth service trusts only its own keys: the demo System Admin, and HR's service client.
      const session = await post(fetch, 'http://test/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@konecta.local', password: 'Konecta#2026' }),
      });
      const basic = Buffer.from(`hr:${await serviceClientSecret(deps.config, 'hr')}`).toString('base64');
      const service = await post(fetch, 'http://test/api/auth/service-token', {
        method: 'POST',
        headers: { authorization: `Basic ${basic}` },
      });
      apps.set(name, {
        fetch,
        token: session.accessToken as string,
        serviceToken: service.accessToken as string,
      });
    } else {
      apps.set(name, { fetch, token: await keys.tokenFor(allPermissions) });
    }
  }
}, 120_000);
afterAll(async () => {
  await platform?.close();
});

/** `METHOD path` of every sub-resource route, and those whose document does not list a 404. */
async function documentedSubResources(): Promise<{ found: string[]; without404: string[] }> {
  const found: string[] = [];
  const without404: string[] = [];
  for (const name of services) {
    const app = apps.get(name);
    if (!app) throw new Error(`no app for ${name}`);
    const doc = (await (await app.fetch(new Request(`http://test/api/${name}/openapi.json`))).json()) as {
      paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    };
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!/\}\/[^{]/.test(path)) continue;
      for (const [method, op] of Object.entries(methods)) {
        found.push(`${method.toUpperCase()} ${path}`);
        if (!op.responses?.['404']) without404.push(`${method.toUpperCase()} ${path}`);
      }
    }
  }
  return { found: found.sort(), without404 };
}

describe('sub-resources of a record that does not exist', () => {
  it('every documented sub-resource route of auth and HR is listed here, and documents its 404', async () => {
    const { found, without404 } = await documentedSubResources();
    expect(found).toEqual(Object.keys(subResources).sort());
    expect(without404).toEqual([]);
  });

  it.each(Object.entries(subResources))('%s answers 404', async (route, { body, token, receipt }) => {
    const [method, template] = route.split(' ') as [string, string];
    const service = template.split('/')[2] as DomainServiceName;
    const app = apps.get(service);
    if (!app) throw new Error(`no app for ${service}`);
    const headers: Record<string, string> = {
      authorization: `Bearer ${token === 'service' ? app.serviceToken : app.token}`,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const path = template.replace(/\{token\}/, 'no-such-invitation-token-0123456789').replace(/\{[^}]+\}/g, MISSING);
    // An upload: a real (one-pixel) PNG as multipart form data, so only the missing claim is wrong.
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'receipt.png');
    const res = await app.fetch(
      new Request(`http://test${path}`, {
        method,
        headers,
        body: receipt ? form : body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
