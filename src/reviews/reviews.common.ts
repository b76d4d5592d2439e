/**
 * Small pieces shared by the reviews services: the round's reference date, the checks every
 * write repeats, the error mapping of the pure domain, and the views.
 */
import { DomainError, notFound } from '../common/errors/domain-error';
import { ClassificationError } from '../standards/domain/classify';
import { classificationError } from '../standards/standards.service';
import { allowedActions, IllegalTransition, isFrozen, regularRoundDates } from './domain/round-state';
import type { RoundRow } from './rounds.repository';

/**
 * The date a round counts ages and area types on: the day the survey started; before that, the
 * start of the periodic season (1 Sep, Decision 24 Art. 3) or the regular round's 15th.
 */
export function referenceDate(r: Pick<RoundRow, 'startedOn' | 'kind' | 'year' | 'month' | 'decisionDate'>): string {
  if (r.startedOn) return r.startedOn;
  if (r.kind === 'regular' && r.month) return regularRoundDates(r.year, r.month).startsOn;
  if (r.kind === 'baseline' && r.decisionDate) return r.decisionDate;
  return `${r.year}-09-01`;
}

export function assertFound<T>(row: T | undefined, what: string, id: string | number): T {
  if (!row) throw notFound(what, id);
  return row;
}

/** A decided round is frozen: a change needs a new regular round (docs/RULES.md §3). */
export function assertNotFrozen(r: RoundRow): void {
  if (isFrozen(r.status)) {
    throw new DomainError('FROZEN', `Đợt rà soát ${r.id} đã ${r.status}: kết quả đã khóa; muốn thay đổi cần một đợt rà soát thường xuyên mới`, [{ field: 'roundId', message: r.status }]);
  }
}

export function transitionError(e: IllegalTransition, r: RoundRow): DomainError {
  return new DomainError('ILLEGAL_TRANSITION', e.message, [{ field: 'status', message: e.message, from: e.from, action: e.action, allowed: e.allowed, roundId: r.id }]);
}

export function rethrowDomain(e: unknown, extra: Record<string, unknown> = {}): never {
  if (e instanceof ClassificationError) throw classificationError(e, extra);
  throw e;
}

/** A round as the API shows it. */
export function roundView(r: RoundRow & { communeName?: string }, extra: Record<string, unknown> = {}) {
  return {
    id: r.id,
    communeCode: r.communeCode,
    communeName: r.communeName,
    year: r.year,
    kind: r.kind,
    month: r.month,
    listYear: r.listYear,
    standard: r.standardCode,
    status: r.status,
    allowedActions: allowedActions(r),
    frozen: isFrozen(r.status),
    startedOn: r.startedOn,
    decideBy: r.decideBy,
    totalHouseholds: r.totalHouseholds,
    totalPersons: r.totalPersons,
    totalHouseholdsSource: r.totalHouseholdsSource,
    totalPersonsSource: r.totalPersonsSource,
    meetingDate: r.meetingDate,
    meetingAgreementPct: r.meetingAgreementPct,
    meetingMinutesRef: r.meetingMinutesRef,
    postingStart: r.postingStart,
    postingEnd: r.postingEnd,
    opinionRequired: r.opinionRequired,
    opinionDate: r.opinionDate,
    opinionRef: r.opinionRef,
    opinionBy: r.opinionBy,
    decisionNumber: r.decisionNumber,
    decisionDate: r.decisionDate,
    decidedAt: r.decidedAt,
    decidedBy: r.decidedBy,
    reportedAt: r.reportedAt,
    hasMovement: r.hasMovement,
    startRoundIds: r.startRoundIds,
    note: r.note,
    isDemo: r.isDemo,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    ...extra,
  };
}

/** A result as the API shows it: the flat row with the override and the snapshot grouped. */
export function resultView(row: Record<string, unknown>) {
  const {
    overrideReason, overrideBy, overrideAt, snapPersons, snapHeadName, snapHeadSex, snapHeadEthnicity, snapVillageCode, snapEthnicMinority,
    snapFemaleHead, snapMeritorious, snapNoLabour, snapChildren, snapChildrenNoInsurance, snapChildrenMalnourished, snapChildrenOutOfSchool,
    ...rest
  } = row;
  return {
    ...rest,
    override: overrideReason == null ? null : { reason: overrideReason, by: overrideBy, at: overrideAt },
    snapshot: snapPersons == null ? null : {
      persons: snapPersons, headName: snapHeadName, headSex: snapHeadSex, headEthnicity: snapHeadEthnicity, villageCode: snapVillageCode,
      ethnicMinority: snapEthnicMinority, femaleHead: snapFemaleHead, meritorious: snapMeritorious, noLabourCapacity: snapNoLabour,
      children: snapChildren, childrenNoInsurance: snapChildrenNoInsurance, childrenMalnourished: snapChildrenMalnourished,
      childrenOutOfSchool: snapChildrenOutOfSchool,
    },
  };
}
