/**
 * The yearly movement of poor and near-poor households (docs/RULES.md §3; report tables 2 and 3 of
 * Circular 07/2021, docs/LAW.md §3.7). Pure: no framework imports. The reviews module
 * stores one row per household (review_movement) when a periodic round is decided; the reports
 * module sums them, for persons with `personsContribution`.
 *
 * Start = the household's decided class in the previous decided periodic (or baseline) round of
 * the same commune under the same standard; end = its decided class in this round. Only `poor` and
 * `near_poor` count; average, above and "no result" are `none`.
 */

export type MoveClass = 'poor' | 'near_poor' | 'none';
export type PoorMove = 'toNearPoor' | 'aboveNearPoor' | 'otherOut' | 'fromNearPoor' | 'fellBack' | 'newlyPoor' | 'otherIn' | 'stay';
export type NearPoorMove = 'toPoor' | 'aboveNearPoor' | 'otherOut' | 'fromPoor' | 'fellBack' | 'newlyNearPoor' | 'otherIn' | 'stay';

/** Exits then entries, in the order of report tables 2 and 3 (columns 2–8). */
export const POOR_EXITS = ['toNearPoor', 'aboveNearPoor', 'otherOut'] as const;
export const POOR_ENTRIES = ['fromNearPoor', 'fellBack', 'newlyPoor', 'otherIn'] as const;
export const NEAR_POOR_EXITS = ['toPoor', 'aboveNearPoor', 'otherOut'] as const;
export const NEAR_POOR_ENTRIES = ['fromPoor', 'fellBack', 'newlyNearPoor', 'otherIn'] as const;
/** The moves that are a column of tables 2 and 3 (every move but `stay`). */
export const POOR_MOVES: readonly Exclude<PoorMove, 'stay'>[] = [...POOR_EXITS, ...POOR_ENTRIES];
export const NEAR_POOR_MOVES: readonly Exclude<NearPoorMove, 'stay'>[] = [...NEAR_POOR_EXITS, ...NEAR_POOR_ENTRIES];

/** poor / near_poor stay themselves; average, above and no result are `none`. */
export function toMoveClass(decided: string | null | undefined): MoveClass {
  return decided === 'poor' || decided === 'near_poor' ? decided : 'none';
}

export interface MovementFacts {
  startClass: MoveClass;
  endClass: MoveClass;
  /** the household is active in the register on the decision date (not moved away, merged, split, died out) */
  activeAtEnd: boolean;
  /** registered after the start round's decision: new, split off, moved in */
  registeredAfterStart: boolean;
  /** poor at a decided periodic or baseline round under this standard before the start round */
  poorEarlier: boolean;
  /** near-poor at a decided periodic or baseline round under this standard before the start round */
  nearPoorEarlier: boolean;
}

export interface HouseholdMovement {
  poorMove: PoorMove | null;
  nearPoorMove: NearPoorMove | null;
}

export class MovementError extends Error {}

/**
 * One household's movement on each side (poor, near-poor); null where the household is in neither
 * the start nor the end of that side. Households that are `none` at both ends have no movement.
 */
export function householdMovement(f: MovementFacts): HouseholdMovement {
  if (!f.activeAtEnd && f.endClass !== 'none') {
    throw new MovementError('a household that is no longer active cannot be on the end list');
  }
  const { startClass: s, endClass: e } = f;
  let poorMove: PoorMove | null = null;
  let nearPoorMove: NearPoorMove | null = null;

  if (s === 'poor') {
    poorMove = e === 'poor' ? 'stay' : e === 'near_poor' ? 'toNearPoor' : f.activeAtEnd ? 'aboveNearPoor' : 'otherOut';
  } else if (e === 'poor') {
    poorMove = s === 'near_poor' ? 'fromNearPoor' : f.registeredAfterStart ? 'otherIn' : f.poorEarlier ? 'fellBack' : 'newlyPoor';
  }

  if (s === 'near_poor') {
    nearPoorMove = e === 'near_poor' ? 'stay' : e === 'poor' ? 'toPoor' : f.activeAtEnd ? 'aboveNearPoor' : 'otherOut';
  } else if (e === 'near_poor') {
    nearPoorMove = s === 'poor' ? 'fromPoor' : f.registeredAfterStart ? 'otherIn' : f.nearPoorEarlier ? 'fellBack' : 'newlyNearPoor';
  }
  return { poorMove, nearPoorMove };
}

/** A stored movement row (review_movement). */
export interface MovementRow {
  startClass: MoveClass;
  endClass: MoveClass;
  poorMove: PoorMove | null;
  nearPoorMove: NearPoorMove | null;
  /** members in the start round's snapshot (0 when not on the start list) */
  personsStart: number;
  /** members in this round's snapshot (0 when not on the end list) */
  personsEnd: number;
}

export interface PersonsContribution {
  poor: Partial<Record<PoorMove, number>>;
  nearPoor: Partial<Record<NearPoorMove, number>>;
}

function add<K extends string>(into: Partial<Record<K, number>>, key: K, n: number): void {
  if (n !== 0) into[key] = (into[key] ?? 0) + n;
}

/**
 * The persons one household adds to each movement column (docs/RULES.md §3):
 * - exits and class transitions count the household's persons at the START (the previous round's
 *   snapshot): toNearPoor / fromPoor, toPoor / fromNearPoor, aboveNearPoor, otherOut;
 * - entries from `none` (fellBack, newly poor or near-poor, otherIn) count the persons at the END;
 * - for a household that stays, or moves between poor and near-poor, the change of its member
 *   count (end − start) is booked as otherIn (> 0) or otherOut (< 0) of its END class.
 * So the persons of every side reconcile exactly like the households, and poor.toNearPoor =
 * nearPoor.fromPoor. `stay` itself is not a movement and adds nothing.
 */
export function personsContribution(row: MovementRow): PersonsContribution {
  const out: PersonsContribution = { poor: {}, nearPoor: {} };
  const { personsStart: ps, personsEnd: pe } = row;
  const diff = pe - ps;
  switch (row.poorMove) {
    case 'toNearPoor': case 'aboveNearPoor': case 'otherOut': case 'fromNearPoor':
      add(out.poor, row.poorMove, ps);
      break;
    case 'fellBack': case 'newlyPoor': case 'otherIn':
      add(out.poor, row.poorMove, pe);
      break;
    default:
  }
  switch (row.nearPoorMove) {
    case 'toPoor': case 'aboveNearPoor': case 'otherOut': case 'fromPoor':
      add(out.nearPoor, row.nearPoorMove, ps);
      break;
    case 'fellBack': case 'newlyNearPoor': case 'otherIn':
      add(out.nearPoor, row.nearPoorMove, pe);
      break;
    default:
  }
  // the member-count change of a household that stays or changes class is booked on its END side
  const stayOrTransition =
    row.poorMove === 'stay' || row.nearPoorMove === 'stay' || row.poorMove === 'toNearPoor' || row.poorMove === 'fromNearPoor';
  if (stayOrTransition && diff !== 0) {
    if (row.endClass === 'poor') add(out.poor, diff > 0 ? 'otherIn' : 'otherOut', Math.abs(diff));
    else if (row.endClass === 'near_poor') add(out.nearPoor, diff > 0 ? 'otherIn' : 'otherOut', Math.abs(diff));
  }
  return out;
}

export interface SideTotals<M extends string> {
  start: number;
  end: number;
  movement: Record<Exclude<M, 'stay'>, number>;
}
export interface MovementTotals {
  households: { poor: SideTotals<PoorMove>; nearPoor: SideTotals<NearPoorMove> };
  persons: { poor: SideTotals<PoorMove>; nearPoor: SideTotals<NearPoorMove> };
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Sums movement rows into start, end and movement per side, for households and persons. */
export function tallyMovement(rows: readonly MovementRow[]): MovementTotals {
  const side = <M extends string>(moves: readonly Exclude<M, 'stay'>[]): SideTotals<M> => ({ start: 0, end: 0, movement: zeros(moves) });
  const t: MovementTotals = {
    households: { poor: side<PoorMove>(POOR_MOVES as Exclude<PoorMove, 'stay'>[]), nearPoor: side<NearPoorMove>(NEAR_POOR_MOVES as Exclude<NearPoorMove, 'stay'>[]) },
    persons: { poor: side<PoorMove>(POOR_MOVES as Exclude<PoorMove, 'stay'>[]), nearPoor: side<NearPoorMove>(NEAR_POOR_MOVES as Exclude<NearPoorMove, 'stay'>[]) },
  };
  for (const r of rows) {
    if (r.startClass === 'poor') { t.households.poor.start++; t.persons.poor.start += r.personsStart; }
    if (r.startClass === 'near_poor') { t.households.nearPoor.start++; t.persons.nearPoor.start += r.personsStart; }
    if (r.endClass === 'poor') { t.households.poor.end++; t.persons.poor.end += r.personsEnd; }
    if (r.endClass === 'near_poor') { t.households.nearPoor.end++; t.persons.nearPoor.end += r.personsEnd; }
    if (r.poorMove && r.poorMove !== 'stay') t.households.poor.movement[r.poorMove]++;
    if (r.nearPoorMove && r.nearPoorMove !== 'stay') t.households.nearPoor.movement[r.nearPoorMove]++;
    const p = personsContribution(r);
    for (const [k, v] of Object.entries(p.poor)) t.persons.poor.movement[k as Exclude<PoorMove, 'stay'>] += v!;
    for (const [k, v] of Object.entries(p.nearPoor)) t.persons.nearPoor.movement[k as Exclude<NearPoorMove, 'stay'>] += v!;
  }
  return t;
}

/**
 * The reconciliation every report must satisfy (docs/API.md "Summary report"); returns the broken
 * identities, empty when all hold:
 * poor: end = start − toNearPoor − aboveNearPoor − otherOut + fromNearPoor + fellBack + newlyPoor + otherIn;
 * near-poor likewise; poor.toNearPoor = nearPoor.fromPoor and poor.fromNearPoor = nearPoor.toPoor.
 */
export function reconciliationErrors(t: MovementTotals): string[] {
  const errors: string[] = [];
  for (const unit of ['households', 'persons'] as const) {
    const p = t[unit].poor;
    const n = t[unit].nearPoor;
    const pm = p.movement;
    const nm = n.movement;
    const pEnd = p.start - pm.toNearPoor - pm.aboveNearPoor - pm.otherOut + pm.fromNearPoor + pm.fellBack + pm.newlyPoor + pm.otherIn;
    const nEnd = n.start - nm.toPoor - nm.aboveNearPoor - nm.otherOut + nm.fromPoor + nm.fellBack + nm.newlyNearPoor + nm.otherIn;
    if (pEnd !== p.end) errors.push(`${unit}: poor end ${p.end} ≠ ${pEnd} from the movement`);
    if (nEnd !== n.end) errors.push(`${unit}: near-poor end ${n.end} ≠ ${nEnd} from the movement`);
    if (pm.toNearPoor !== nm.fromPoor) errors.push(`${unit}: poor.toNearPoor ${pm.toNearPoor} ≠ nearPoor.fromPoor ${nm.fromPoor}`);
    if (pm.fromNearPoor !== nm.toPoor) errors.push(`${unit}: poor.fromNearPoor ${pm.fromNearPoor} ≠ nearPoor.toPoor ${nm.toPoor}`);
  }
  return errors;
}
