/**
 * The review round's state machine and calendar rules (Decision 24/2021/QĐ-TTg Art. 4–5;
 * docs/RULES.md §1, §3). Pure: no framework imports.
 *
 *   draft → surveying → meeting → posted → (opinion) → decided → reported
 *
 * - meeting: the village meeting must agree with ≥ 50 % of attendees; below that the round goes
 *   back to surveying (Art. 4.3: redo step 2 and meet again).
 * - posted → posted: re-posting after a complaint's re-check (phúc tra).
 * - opinion: the district chairman's opinion (Art. 4.5), required while the round's
 *   `opinionRequired` is true: by default for periodic rounds decided up to 30 Jun 2025, the end of
 *   the district level; configurable per round after that.
 * - a baseline round (imported decided list) is created decided; it can only be reported.
 */

export type RoundKind = 'periodic' | 'regular' | 'baseline';
export type RoundStatus = 'draft' | 'surveying' | 'meeting' | 'posted' | 'opinion' | 'decided' | 'reported';
export type RoundAction = 'start' | 'meeting' | 'post' | 'opinion' | 'decide' | 'report';

export const ROUND_STATUSES: readonly RoundStatus[] = ['draft', 'surveying', 'meeting', 'posted', 'opinion', 'decided', 'reported'];
export const ROUND_ACTIONS: readonly RoundAction[] = ['start', 'meeting', 'post', 'opinion', 'decide', 'report'];

/** The meeting's minimum agreement share, % of attendees (Decision 24 Art. 4.3). */
export const MEETING_MIN_AGREEMENT_PCT = 50;
/** Public posting lasts 3 working days (Decision 24 Art. 4.4). */
export const POSTING_WORKING_DAYS = 3;
/** A regular review starts on the 15th of the month and is decided within 15 days (Art. 5). */
export const REGULAR_START_DAY = 15;
export const REGULAR_DECISION_DAYS = 15;
/** The last day a district chairman gave opinions (two-tier local government from 1 Jul 2025). */
export const LAST_DISTRICT_OPINION_DATE = '2025-06-30';

export interface RoundFacts {
  status: RoundStatus;
  kind: RoundKind;
  opinionRequired: boolean;
}

export class IllegalTransition extends Error {
  constructor(
    readonly from: RoundStatus,
    readonly action: RoundAction,
    readonly allowed: RoundAction[],
    message: string,
  ) {
    super(message);
    this.name = 'IllegalTransition';
  }
}

/** The actions allowed from a round's current state. */
export function allowedActions(r: RoundFacts): RoundAction[] {
  if (r.kind === 'baseline') return r.status === 'decided' ? ['report'] : [];
  switch (r.status) {
    case 'draft': return ['start'];
    case 'surveying': return ['meeting'];
    case 'meeting': return ['post'];
    case 'posted': return r.opinionRequired ? ['post', 'opinion'] : ['post', 'decide'];
    case 'opinion': return ['decide'];
    case 'decided': return ['report'];
    case 'reported': return [];
  }
}

/**
 * The state an action leads to. `agreementPct` is needed for `meeting`: below 50 % the round
 * goes back to surveying. Throws IllegalTransition (409) for a step the state does not allow.
 */
export function nextStatus(r: RoundFacts, action: RoundAction, data: { agreementPct?: number } = {}): RoundStatus {
  const allowed = allowedActions(r);
  if (!allowed.includes(action)) {
    const why =
      action === 'decide' && r.status === 'posted' && r.opinionRequired
        ? ': the district chairman\'s opinion must be recorded first'
        : action === 'opinion' && r.status === 'posted' && !r.opinionRequired
          ? ': this round does not require an opinion'
          : '';
    throw new IllegalTransition(
      r.status, action, allowed,
      `Cannot ${action} a ${r.kind} round in status ${r.status}${why} (allowed: ${allowed.join(', ') || 'none'})`,
    );
  }
  switch (action) {
    case 'start': return 'surveying';
    case 'meeting': return (data.agreementPct ?? 0) >= MEETING_MIN_AGREEMENT_PCT ? 'meeting' : 'surveying';
    case 'post': return 'posted';
    case 'opinion': return 'opinion';
    case 'decide': return 'decided';
    case 'report': return 'reported';
  }
}

/** Results can be entered or changed only before the decision. */
export function isFrozen(status: RoundStatus): boolean {
  return status === 'decided' || status === 'reported';
}

/**
 * The list year a round makes (docs/RULES.md §1): a periodic review held in year Y (and a baseline
 * import of its decided list) makes the list of Y+1; a regular review in Y amends the list of Y.
 */
export function listYearOf(kind: RoundKind, year: number): number {
  return kind === 'regular' ? year : year + 1;
}

/**
 * Whether the district chairman's opinion is required by default: periodic rounds (Art. 4.5) whose
 * decision falls by 30 Jun 2025 — the periodic review closes by 14 Dec of its year, so years up to
 * 2024. Regular rounds (Art. 5) are decided by the commune chairman without it.
 */
export function defaultOpinionRequired(kind: RoundKind, year: number): boolean {
  return kind === 'periodic' && `${year}-12-14` <= LAST_DISTRICT_OPINION_DATE;
}

// ---- calendar -------------------------------------------------------------------------------

function parse(d: string): Date {
  return new Date(`${d}T00:00:00Z`);
}
function fmt(d: Date): string {
  return d.toISOString().slice(0, 10);
}
export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fmt(d);
}
export function isWorkingDay(date: string): boolean {
  const wd = parse(date).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/**
 * The last day of a posting of `n` working days starting on `start` (the start counts when it is a
 * working day). Public holidays are not known to the service: an officer may post longer.
 */
export function postingEndDate(start: string, n = POSTING_WORKING_DAYS): string {
  let d = start;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  let counted = 1;
  while (counted < n) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) counted++;
  }
  return d;
}

/** A regular round's start (the 15th) and the last day for the chairman's decision (15 days later). */
export function regularRoundDates(year: number, month: number): { startsOn: string; decideBy: string } {
  const startsOn = `${year}-${String(month).padStart(2, '0')}-${REGULAR_START_DAY}`;
  return { startsOn, decideBy: addDays(startsOn, REGULAR_DECISION_DAYS) };
}

/**
 * The regular round an application filed on a date is reviewed in: the one starting on the 15th
 * of that month when filed by the 15th, else the next month's.
 */
export function regularRoundFor(filedOn: string): { year: number; month: number; startsOn: string; decideBy: string } {
  let year = Number(filedOn.slice(0, 4));
  let month = Number(filedOn.slice(5, 7));
  if (Number(filedOn.slice(8, 10)) > REGULAR_START_DAY) {
    month++;
    if (month > 12) { month = 1; year++; }
  }
  return { year, month, ...regularRoundDates(year, month) };
}
