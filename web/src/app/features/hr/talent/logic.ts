import { normaliseAmount } from '../../../core/money';
import type { Application, Checklist, Course, Enrolment, Money, Review, Stage } from './models';

/** The board's working columns, in order, then the closed ones. */
export const BOARD_STAGES: Stage[] = ['applied', 'screening', 'interview', 'offer'];
export const CLOSED_STAGES: Stage[] = ['hired', 'rejected', 'withdrawn'];

export const STAGE_LABELS: Record<Stage, string> = {
  applied: 'Applied',
  screening: 'Screening',
  interview: 'Interview',
  offer: 'Offer',
  hired: 'Hired',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

/** Mirrors the server: applied → screening → interview → offer, or rejected / withdrawn from any open stage. */
const NEXT: Record<Stage, Stage[]> = {
  applied: ['screening', 'rejected', 'withdrawn'],
  screening: ['interview', 'rejected', 'withdrawn'],
  interview: ['offer', 'rejected', 'withdrawn'],
  offer: ['rejected', 'withdrawn'],
  hired: [],
  rejected: [],
  withdrawn: [],
};

/** The stages an application may move to through the stage endpoint (hiring has its own). */
export function allowedMoves(stage: Stage): Stage[] {
  return NEXT[stage];
}

/** The forward step of the pipeline, if any (offer has none: it is hired instead). */
export function nextStage(stage: Stage): Stage | undefined {
  return NEXT[stage].find((s) => BOARD_STAGES.includes(s));
}

export function canMove(from: Stage, to: Stage): boolean {
  return NEXT[from].includes(to);
}

export function canHire(stage: Stage): boolean {
  return stage === 'offer';
}

export function canInterview(stage: Stage): boolean {
  return stage === 'interview';
}

export interface BoardColumn {
  stage: Stage;
  label: string;
  items: Application[];
}

/** Applications grouped into the board's columns, every column present (empty ones too), oldest first. */
export function boardColumns(applications: Application[]): BoardColumn[] {
  const stages = [...BOARD_STAGES, ...CLOSED_STAGES];
  return stages.map((stage) => ({
    stage,
    label: STAGE_LABELS[stage],
    items: applications.filter((a) => a.stage === stage).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  }));
}

/** What a money field holds (`12,500.50`) as the API's money, or null for an empty field. */
export function toMoney(amount: string | null | undefined, currency: string): Money | null {
  const plain = normaliseAmount(amount ?? '');
  return plain ? { amount: plain, currency: currency.trim().toUpperCase() } : null;
}

/** Which course actions the caller has: enrolled already, full, or free to enrol. */
export function enrolState(
  course: Course,
  mine: Enrolment[],
): 'enrolled' | 'completed' | 'full' | 'closed' | 'ended' | 'open' {
  const own = mine.find((e) => e.courseId === course.id && e.status !== 'cancelled');
  if (own) return own.status === 'completed' ? 'completed' : 'enrolled';
  if (!course.active) return 'closed';
  if (course.ended) return 'ended';
  if (course.seatsLeft <= 0) return 'full';
  return 'open';
}

export function checklistDone(c: Checklist): boolean {
  return c.equipmentReturned && c.accessRevoked && c.finalSettlementDone;
}

/** The reviews a reviewer writes (others'), split from the caller's own. */
export function splitReviews(reviews: Review[], myEmployeeId: string | null): { mine: Review[]; toWrite: Review[] } {
  return {
    mine: reviews.filter((r) => r.employeeId === myEmployeeId),
    toWrite: reviews.filter((r) => r.employeeId !== myEmployeeId),
  };
}

/** Form validator helper: true when an end date comes before its start. */
export function endsBeforeStart(start: string, end: string): boolean {
  return !!start && !!end && end < start;
}

/**
 * A status as people read it: `on_leave` → "On leave", `draft` → "Draft". Server enums are
 * snake_case words, so one rule covers reviews, cycles, enrolments, openings and resignations.
 */
export function statusText(status: string | null | undefined): string {
  const words = (status ?? '').replace(/_/g, ' ').trim();
  return words ? words[0]?.toUpperCase() + words.slice(1) : '';
}

/**
 * What the goals' weights say, as the server will judge them: none set, all set and summing to
 * 100, or what is wrong (some missing, or another total).
 */
export function goalWeights(weights: (number | null | undefined)[]): { ok: boolean; total: number; text: string } {
  const set = weights.filter((w): w is number => typeof w === 'number' && !Number.isNaN(w));
  const total = set.reduce((a, w) => a + w, 0);
  if (!set.length) return { ok: true, total: 0, text: 'No weights: every goal counts the same.' };
  if (set.length < weights.length) return { ok: false, total, text: 'Weigh every goal, or none.' };
  return total === 100
    ? { ok: true, total, text: 'Weights add up to 100%.' }
    : { ok: false, total, text: `Weights add up to ${total}%, not 100%.` };
}
