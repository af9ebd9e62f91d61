import { describe, expect, it } from 'vitest';
import { authEvents, catalogue, eventCatalogue, hrEvents } from '../src/index';

describe('the event catalogue', () => {
  it('declares each event type once', () => {
    const types = eventCatalogue.map((e) => e.type);
    expect(new Set(types).size).toBe(types.length);
  });

  it('routes to each service only declared events', () => {
    const declared = new Set(eventCatalogue.map((e) => e.type));
    for (const entry of Object.values(catalogue)) {
      for (const type of entry.consumes) expect(declared, `${entry.name} consumes ${type}`).toContain(type);
    }
  });

  it('names the publishing service as the source, as EventBridge rules match it', () => {
    expect(hrEvents.employeeHired.source).toBe('hr');
    expect(authEvents.userLinked.source).toBe('auth');
    for (const e of eventCatalogue) expect(e.type.startsWith(`${e.source}.`)).toBe(true);
  });

  it("accepts the payload HR publishes on a hire and refuses one without the login's email", () => {
    const hire = {
      employeeId: '2f0c7a4e-8a51-4c43-9d0e-0a3d2c1b7e11',
      number: 'EMP-00042',
      workEmail: 'mona.adel@konecta.local',
      fullName: 'Mona Adel',
      departmentId: null,
      hireDate: '2026-03-01',
      createLogin: true,
    };
    expect(hrEvents.employeeHired.schema.safeParse(hire).success).toBe(true);
    const { workEmail: _, ...withoutEmail } = hire;
    expect(hrEvents.employeeHired.schema.safeParse(withoutEmail).success).toBe(false);
  });
});
