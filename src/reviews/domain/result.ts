/**
 * One household's review result from what was collected (docs/RULES.md §2): the deprivations
 * (entered Phiếu B2 ticks win over those derived from member data; both kept), the national
 * classification with its explanation, the provincial local classification beside it, and the
 * meeting's override. Pure: no framework imports.
 */
import {
  AreaType, classify, CLASS_VI, Classification, IncomeBasis, normaliseDeprivations, PovertyClass, QuickScreen, StandardRules,
} from '../../standards/domain/classify';
import { deprivationDisagreements, deriveDeprivations, effectiveDeprivations, MemberFacts } from './deprivations';

export interface ResultInput {
  quickScreen?: QuickScreen | null;
  b1Score?: number | null;
  incomePerCapita?: number | null;
  /** Phiếu B2 ticks; null/undefined: not entered, the member data decides */
  enteredDeprivations?: readonly string[] | null;
  /** the class the commune meeting decided when it differs from the computed one */
  decidedClass?: PovertyClass | null;
  overrideReason?: string | null;
}

export interface ResultContext {
  rules: StandardRules;
  /** the province's local standard for the list year, if any */
  local: StandardRules | null;
  areaType: AreaType;
  /** the date ages are counted on */
  referenceDate: string;
}

export interface BuiltResult {
  enteredDeprivations: string[] | null;
  derivedDeprivations: string[];
  derivedAssessed: string[];
  deprivations: string[];
  deprivationCount: number;
  b2Score: number;
  computedClass: PovertyClass;
  decidedClass: PovertyClass;
  overridden: boolean;
  incomeBasis: IncomeBasis;
  povertyLine: number;
  averageUpper: number | null;
  b1Cutoff: number | null;
  localStandardCode: string | null;
  localClass: PovertyClass | null;
  localExplanation: string | null;
  explanation: string;
}

/**
 * Builds a result. Throws ClassificationError (unknown indicator, missing income…) for the caller
 * to report against the field or the import cell.
 */
export function buildResult(ctx: ResultContext, input: ResultInput, members: readonly MemberFacts[]): BuiltResult {
  const known = new Set(ctx.rules.indicators.map((i) => i.key));
  const derived = deriveDeprivations(members, ctx.referenceDate);
  const derivedDeprivations = derived.deprived.filter((k) => known.has(k));
  const derivedAssessed = derived.assessed.filter((k) => known.has(k));
  const entered = input.enteredDeprivations == null ? null : normaliseDeprivations(ctx.rules, input.enteredDeprivations);
  const effective = effectiveDeprivations(entered, derivedDeprivations);
  const base = {
    areaType: ctx.areaType, incomePerCapita: input.incomePerCapita ?? null, b1Score: input.b1Score ?? null,
    deprivations: effective, quickScreen: input.quickScreen ?? null,
  };
  const c: Classification = classify(ctx.rules, base);

  const names: Record<string, string> = Object.fromEntries(ctx.rules.indicators.map((i) => [i.key, i.nameVi]));
  const notes: string[] = [];
  if (c.incomeBasis !== 'quick_screen') {
    if (entered != null) {
      notes.push('Chỉ số thiếu hụt theo phiếu B2 do rà soát viên đánh dấu.');
      const d = deprivationDisagreements(entered, { ...derived, deprived: derived.deprived.filter((k) => known.has(k)) }, names);
      if (d) notes.push(d);
    } else if (members.length === 0) {
      notes.push('Chưa có phiếu B2 và chưa có dữ liệu thành viên: không ghi nhận chỉ số thiếu hụt.');
    } else if (derivedDeprivations.length) {
      notes.push(
        'Chưa có phiếu B2: chỉ số thiếu hụt suy ra từ dữ liệu thành viên (' +
          derivedDeprivations.map((k) => `${names[k]}: ${derived.reasons[k as keyof typeof derived.reasons]}`).join('; ') + ').',
      );
    } else {
      notes.push('Chưa có phiếu B2: dữ liệu thành viên không cho thấy chỉ số thiếu hụt nào.');
    }
  }

  const decidedClass = input.decidedClass ?? c.classification;
  const overridden = decidedClass !== c.classification;
  if (overridden) {
    notes.push(`Hội nghị quyết định: ${CLASS_VI[decidedClass]} (khác kết quả tính theo chuẩn: ${CLASS_VI[c.classification]}). Lý do: ${input.overrideReason ?? ''}`.trim());
  }

  let localStandardCode: string | null = null;
  let localClass: PovertyClass | null = null;
  let localExplanation: string | null = null;
  if (ctx.local && ctx.local.lines[ctx.areaType]) {
    const l = classify(ctx.local, base);
    localStandardCode = l.standard;
    localClass = l.classification;
    localExplanation = l.explanation;
  }

  return {
    enteredDeprivations: entered,
    derivedDeprivations,
    derivedAssessed,
    deprivations: c.deprivations,
    deprivationCount: c.deprivationCount,
    b2Score: c.b2Score,
    computedClass: c.classification,
    decidedClass,
    overridden,
    incomeBasis: c.incomeBasis,
    povertyLine: c.povertyLine,
    averageUpper: c.averageUpper,
    b1Cutoff: c.b1Cutoff,
    localStandardCode,
    localClass,
    localExplanation,
    explanation: [c.explanation, ...notes].join(' '),
  };
}

/** Support needs recorded with Phiếu B (docs/LAW.md §3.5): keys and Vietnamese names. */
export const SUPPORT_NEEDS: Record<string, string> = {
  health: 'Y tế',
  education: 'Giáo dục',
  production: 'Hỗ trợ sản xuất',
  credit: 'Vay vốn tín dụng',
  housing: 'Nhà ở',
  employment: 'Việc làm',
  other: 'Khác',
};
export const SUPPORT_NEED_KEYS = Object.keys(SUPPORT_NEEDS);

/** The 8 causes of poverty (report table 10), codes 1–8; names live in the poverty_cause table. */
export const CAUSE_CODES = [1, 2, 3, 4, 5, 6, 7, 8] as const;
