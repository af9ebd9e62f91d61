import '../../../../testing';
import { FormControl, FormGroup } from '@angular/forms';
import { describe, expect, it } from 'vitest';
import { amountOrder, dateOrder } from './forms';
import {
  allowedMoves,
  boardColumns,
  canHire,
  canInterview,
  canMove,
  checklistDone,
  enrolState,
  goalWeights,
  nextStage,
  splitReviews,
  toMoney,
} from './logic';
import type { Application, Course, Enrolment, Review } from './models';

const app = (id: string, stage: Application['stage'], createdAt = '2026-01-01T00:00:00Z'): Application => ({
  id,
  openingId: 'o',
  openingTitle: null,
  candidateName: id,
  email: `${id}@x.test`,
  phone: null,
  stage,
  notes: null,
  hiredEmployeeId: null,
  createdAt,
});

describe('recruitment stage transitions', () => {
  it('moves forward one stage at a time', () => {
    expect(nextStage('applied')).toBe('screening');
    expect(nextStage('screening')).toBe('interview');
    expect(nextStage('interview')).toBe('offer');
    expect(nextStage('offer')).toBeUndefined();
    expect(canMove('applied', 'interview')).toBe(false);
    expect(canMove('offer', 'hired')).toBe(false);
  });

  it('rejects or withdraws from any open stage, never from a closed one', () => {
    for (const s of ['applied', 'screening', 'interview', 'offer'] as const) {
      expect(canMove(s, 'rejected')).toBe(true);
      expect(canMove(s, 'withdrawn')).toBe(true);
    }
    for (const s of ['hired', 'rejected', 'withdrawn'] as const) expect(allowedMoves(s)).toEqual([]);
  });

  it('hires only at offer and interviews only at interview', () => {
    expect(canHire('offer')).toBe(true);
    expect(canHire('interview')).toBe(false);
    expect(canInterview('interview')).toBe(true);
    expect(canInterview('applied')).toBe(false);
  });

  it('groups applications into every column, oldest first', () => {
    const cols = boardColumns([
      app('b', 'applied', '2026-01-02T00:00:00Z'),
      app('a', 'applied', '2026-01-01T00:00:00Z'),
      app('c', 'rejected'),
    ]);
    expect(cols.map((c) => c.stage)).toEqual([
      'applied',
      'screening',
      'interview',
      'offer',
      'hired',
      'rejected',
      'withdrawn',
    ]);
    expect(cols[0]?.items.map((a) => a.id)).toEqual(['a', 'b']);
    expect(cols[1]?.items).toEqual([]);
    expect(cols[5]?.items.map((a) => a.id)).toEqual(['c']);
  });
});

describe('money and dates', () => {
  it('builds money only from filled amounts, as typed digit for digit', () => {
    expect(toMoney('', 'egp')).toBeNull();
    expect(toMoney('  ', 'egp')).toBeNull();
    expect(toMoney('12,500.50', 'egp')).toEqual({ amount: '12500.50', currency: 'EGP' });
    // Beyond 2^53 a float would round this to ...992.
    expect(toMoney('9007199254740993.125', 'kwd')).toEqual({ amount: '9007199254740993.125', currency: 'KWD' });
  });

  it('flags an end before the start, and clears it again', () => {
    const form = new FormGroup(
      { start: new FormControl('2026-03-10'), end: new FormControl('2026-03-01') },
      { validators: dateOrder('start', 'end') },
    );
    expect(form.get('end')?.errors?.custom).toBeTruthy();
    form.get('end')?.setValue('2026-03-11');
    expect(form.get('end')?.errors).toBeNull();
    expect(form.valid).toBe(true);
  });

  it('flags a maximum below the minimum', () => {
    const form = new FormGroup(
      { min: new FormControl('100'), max: new FormControl('50') },
      { validators: amountOrder('min', 'max') },
    );
    expect(form.invalid).toBe(true);
    form.get('max')?.setValue('');
    expect(form.valid).toBe(true);
  });

  it("compares the band exactly: a dinar's third decimal and the fifteenth digit count", () => {
    const form = new FormGroup(
      { min: new FormControl('1000.125'), max: new FormControl('1,000.120') },
      { validators: amountOrder('min', 'max') },
    );
    expect(form.get('max')?.errors?.custom).toBeTruthy();
    form.get('max')?.setValue('1000.125');
    expect(form.valid).toBe(true);
    // As floats both are 1e15 and the mistake would pass.
    form.setValue({ min: '999999999999999.999', max: '999999999999999.998' });
    expect(form.get('max')?.errors?.custom).toBeTruthy();
  });
});

describe('training and offboarding', () => {
  const course = (over: Partial<Course> = {}): Course => ({
    id: 'c1',
    title: 'T',
    description: null,
    capacity: 10,
    enrolled: 10,
    seatsLeft: 0,
    startsOn: '2026-01-01',
    endsOn: '2026-01-02',
    active: true,
    ended: false,
    ...over,
  });
  const enrolment = (status: Enrolment['status']): Enrolment => ({
    id: 'e1',
    courseId: 'c1',
    courseTitle: null,
    employeeId: 'me',
    employeeName: null,
    status,
    completedAt: null,
    certificateNumber: null,
  });

  it('tells enrolled, completed, full and open apart', () => {
    expect(enrolState(course(), [])).toBe('full');
    expect(enrolState(course({ seatsLeft: 2 }), [])).toBe('open');
    expect(enrolState(course({ seatsLeft: 2, active: false }), [])).toBe('closed');
    expect(enrolState(course({ seatsLeft: 2, ended: true }), [])).toBe('ended');
    expect(enrolState(course(), [enrolment('enrolled')])).toBe('enrolled');
    expect(enrolState(course(), [enrolment('completed')])).toBe('completed');
    expect(enrolState(course({ seatsLeft: 1 }), [enrolment('cancelled')])).toBe('open');
  });

  it('needs every checklist item before completion', () => {
    expect(checklistDone({ equipmentReturned: true, accessRevoked: true, finalSettlementDone: false })).toBe(false);
    expect(checklistDone({ equipmentReturned: true, accessRevoked: true, finalSettlementDone: true })).toBe(true);
  });

  it('splits my reviews from the ones I write', () => {
    const r = (employeeId: string) => ({ id: employeeId, employeeId }) as Review;
    const { mine, toWrite } = splitReviews([r('me'), r('other')], 'me');
    expect(mine.map((x) => x.id)).toEqual(['me']);
    expect(toWrite.map((x) => x.id)).toEqual(['other']);
  });
});

describe("a review's goal weights", () => {
  it('are all or none and add up to 100', () => {
    expect(goalWeights([null, null]).ok).toBe(true);
    expect(goalWeights([60, 40])).toEqual({ ok: true, total: 100, text: 'Weights add up to 100%.' });
    expect(goalWeights([60, 30])).toEqual({ ok: false, total: 90, text: 'Weights add up to 90%, not 100%.' });
    expect(goalWeights([60, null]).text).toBe('Weigh every goal, or none.');
  });
});
