import { round } from '../../reports/domain/rates';

/**
 * Funds of a project in a unit and year: totals, the disbursement rate and the over-spend rule.
 * Pure (the repository sums the effective entries, this judges them).
 */
export type FundSource = 'central' | 'local' | 'other';
export type FundType = 'investment' | 'recurrent';
export type FundKind = 'allocated' | 'disbursed';

export const FUND_SOURCES: readonly FundSource[] = ['central', 'local', 'other'];
export const FUND_TYPES: readonly FundType[] = ['investment', 'recurrent'];

export const SOURCE_LABEL: Record<FundSource, string> = { central: 'ngân sách trung ương', local: 'ngân sách địa phương', other: 'vốn huy động khác' };
export const TYPE_LABEL: Record<FundType, string> = { investment: 'vốn đầu tư phát triển', recurrent: 'kinh phí sự nghiệp' };

/** Disbursed ÷ allocated × 100, unrounded; null when nothing is allocated. */
export function disbursementRate(allocated: number, disbursed: number): number | null {
  return allocated > 0 ? (disbursed / allocated) * 100 : null;
}

/** Rounded to 2 decimals for payloads (docs/RULES.md §4: store exact, round only on display). */
export function round2(value: number | null): number | null {
  return round(value, 2);
}

/** One bucket (a project node with its sub-projects, a source and a type) before and after a write. */
export interface BucketChange {
  projectLabel: string;
  source: FundSource;
  fundType: FundType;
  before: { allocated: number; disbursed: number };
  after: { allocated: number; disbursed: number };
}

export interface FundViolation {
  kind: 'overspend' | 'negative_allocation';
  bucket: BucketChange;
  message: string;
}

const vnd = (n: number) => n.toLocaleString('vi-VN');

/**
 * What a write breaks: disbursed above allocated (made worse than it was: a write that reduces an
 * existing over-spend, e.g. a new allocation, is never refused), or an allocation reduced below zero.
 */
export function fundViolations(changes: readonly BucketChange[]): FundViolation[] {
  const out: FundViolation[] = [];
  for (const b of changes) {
    const overBefore = Math.max(0, b.before.disbursed - b.before.allocated);
    const overAfter = b.after.disbursed - b.after.allocated;
    const where = `${b.projectLabel}, ${SOURCE_LABEL[b.source]}, ${TYPE_LABEL[b.fundType]}`;
    if (b.after.allocated < 0 && b.after.allocated < b.before.allocated) {
      out.push({
        kind: 'negative_allocation', bucket: b,
        message: `Kế hoạch vốn sau điều chỉnh âm (${vnd(b.after.allocated)} đồng) — ${where}`,
      });
      continue;
    }
    if (overAfter > overBefore) {
      out.push({
        kind: 'overspend', bucket: b,
        message: `Giải ngân (${vnd(b.after.disbursed)} đồng) vượt kế hoạch vốn được giao (${vnd(b.after.allocated)} đồng) — ${where}`,
      });
    }
  }
  return out;
}

export interface FundAmounts {
  allocated: number;
  disbursed: number;
  /** Disbursed ÷ allocated × 100, 2 decimals; null when nothing is allocated. */
  rate: number | null;
}

export interface FundFigures extends FundAmounts {
  bySource: Record<FundSource, FundAmounts>;
  byType: Record<FundType, FundAmounts>;
}

const amounts = (allocated: number, disbursed: number): FundAmounts => ({ allocated, disbursed, rate: round2(disbursementRate(allocated, disbursed)) });

/** The payload figures of one node from its sums per source and type. */
export function fundFigures(rows: ReadonlyArray<{ source: FundSource; fundType: FundType; allocated: number; disbursed: number }>): FundFigures {
  const sum = (pick: (r: (typeof rows)[number]) => boolean) => {
    let a = 0;
    let d = 0;
    for (const r of rows) if (pick(r)) { a += r.allocated; d += r.disbursed; }
    return amounts(a, d);
  };
  const total = sum(() => true);
  return {
    ...total,
    bySource: { central: sum((r) => r.source === 'central'), local: sum((r) => r.source === 'local'), other: sum((r) => r.source === 'other') },
    byType: { investment: sum((r) => r.fundType === 'investment'), recurrent: sum((r) => r.fundType === 'recurrent') },
  };
}
