import { AREA_TYPES, type AreaType } from '../../units/domain/unit-rules';

/** Rural or urban: the unit's area type decides the income lines (units/domain/unit-rules.ts). */
export { AREA_TYPES, type AreaType };
/**
 * Classification of a household under a poverty standard (docs/RULES.md §2; Decree 07/2021/NĐ-CP
 * Art. 3, Decree 351/2025/NĐ-CP; Circular 07/2021/TT-BLĐTBXH for the Phiếu B1/B2 scores).
 * Pure: no framework imports, no I/O. The standard arrives as data (it lives in tables).
 *
 *   poor       income ≤ line AND deprived indicators ≥ cut-off (3)
 *   near_poor  income ≤ line AND deprived indicators < cut-off
 *   average    line < income ≤ upper bound of the average-living band
 *   above      otherwise (also when the standard publishes no average band)
 *
 * The income criterion comes from the Phiếu B1 total score when the standard has a B1 cut-off for
 * the area (score ≤ cut-off ⇔ income at or below the line), else from the measured income per
 * person per month. When both are given the B1 score decides (it is the tool the circular
 * prescribes) and the income is kept for the record; above the B1 cut-off the income, when given,
 * only tells the average band from `above`.
 */

export type PovertyClass = 'poor' | 'near_poor' | 'average' | 'above';
export type QuickScreen = 'screened_out' | 'passed';
export type IncomeBasis = 'b1' | 'income' | 'quick_screen';

export const POVERTY_CLASSES: readonly PovertyClass[] = ['poor', 'near_poor', 'average', 'above'];

export interface StandardLine {
  /** income poverty line, VND per person per month */
  incomeLine: number;
  /** upper bound of the average-living band; null when the standard does not publish one */
  averageUpper: number | null;
  /** Phiếu B1 total-score cut-off (score ≤ cut-off: income at or below the line); null: not usable */
  b1Cutoff: number | null;
}

export interface IndicatorDef {
  key: string;
  nameVi: string;
}

/** A standard as the rules need it (a row of poverty_standard with its lines and indicators). */
export interface StandardRules {
  code: string;
  decree?: string;
  deprivationCutoff: number;
  b2PointsPerIndicator: number;
  lines: Partial<Record<AreaType, StandardLine>>;
  indicators: readonly IndicatorDef[];
}

export interface ClassifyInput {
  areaType: AreaType;
  incomePerCapita?: number | null;
  b1Score?: number | null;
  deprivations?: readonly string[] | null;
  /** Phiếu A: `screened_out` = visible signs of not being poor, not surveyed with Phiếu B */
  quickScreen?: QuickScreen | null;
}

export interface Classification {
  standard: string;
  classification: PovertyClass;
  /** the deprived indicators, in the standard's order, without duplicates */
  deprivations: string[];
  deprivationCount: number;
  b2Score: number;
  povertyLine: number;
  averageUpper: number | null;
  b1Cutoff: number | null;
  incomeBasis: IncomeBasis;
  /** income (or B1 score) at or below the line */
  incomeAtOrBelowLine: boolean;
  explanation: string;
}

export type ClassificationErrorCode = 'UNKNOWN_INDICATOR' | 'MISSING_INPUT' | 'INVALID_INPUT' | 'NO_LINE';

/** A rule-level refusal; the service turns it into a DomainError naming `field`. */
export class ClassificationError extends Error {
  constructor(
    readonly code: ClassificationErrorCode,
    message: string,
    readonly field: string,
    readonly value?: unknown,
  ) {
    super(message);
    this.name = 'ClassificationError';
  }
}

const AREA_VI: Record<AreaType, string> = { rural: 'nông thôn', urban: 'thành thị' };
export const CLASS_VI: Record<PovertyClass, string> = {
  poor: 'hộ nghèo',
  near_poor: 'hộ cận nghèo',
  average: 'hộ có mức sống trung bình',
  above: 'không thuộc hộ nghèo, hộ cận nghèo',
};

/** 1500000 → "1.500.000" (Vietnamese thousands separator), without Intl for speed. */
export function formatVnd(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += '.';
    out += s[i];
  }
  return n < 0 ? '-' + out : out;
}

interface Compiled {
  rules: StandardRules;
  order: Map<string, number>;
  names: string[];
}
const compiled = new WeakMap<StandardRules, Compiled>();

function compile(rules: StandardRules): Compiled {
  let c = compiled.get(rules);
  if (!c) {
    const order = new Map<string, number>();
    rules.indicators.forEach((ind, i) => order.set(ind.key, i));
    c = { rules, order, names: rules.indicators.map((i) => i.nameVi) };
    compiled.set(rules, c);
  }
  return c;
}

/**
 * Checks the indicator keys against the standard's set and returns them deduplicated in the
 * standard's order. An unknown key is refused naming it (docs/API.md: 400 naming the indicator).
 */
export function normaliseDeprivations(rules: StandardRules, keys: readonly string[] | null | undefined): string[] {
  if (!keys || keys.length === 0) return [];
  const c = compile(rules);
  const idx: number[] = [];
  for (const k of keys) {
    const i = c.order.get(k);
    if (i === undefined) {
      throw new ClassificationError(
        'UNKNOWN_INDICATOR',
        `Unknown indicator "${k}" for standard ${rules.code}; known: ${rules.indicators.map((x) => x.key).join(', ')}`,
        'deprivations',
        k,
      );
    }
    if (!idx.includes(i)) idx.push(i);
  }
  idx.sort((a, b) => a - b);
  return idx.map((i) => rules.indicators[i].key);
}

function isWholeNonNegative(v: number): boolean {
  return Number.isInteger(v) && v >= 0;
}

/** Classifies one household. Throws ClassificationError on unknown indicators or missing inputs. */
export function classify(rules: StandardRules, input: ClassifyInput): Classification {
  const c = compile(rules);
  const line = rules.lines[input.areaType];
  if (!line) {
    throw new ClassificationError('NO_LINE', `Standard ${rules.code} has no line for ${input.areaType} areas`, 'areaType', input.areaType);
  }
  const deprivations = normaliseDeprivations(rules, input.deprivations);
  const count = deprivations.length;
  const b2Score = count * rules.b2PointsPerIndicator;
  const income = input.incomePerCapita ?? null;
  const b1 = input.b1Score ?? null;
  if (income !== null && !isWholeNonNegative(income)) {
    throw new ClassificationError('INVALID_INPUT', 'incomePerCapita must be a whole number of VND ≥ 0', 'incomePerCapita', income);
  }
  if (b1 !== null && !isWholeNonNegative(b1)) {
    throw new ClassificationError('INVALID_INPUT', 'b1Score must be a whole number ≥ 0', 'b1Score', b1);
  }

  const head =
    `Chuẩn ${rules.code}${rules.decree ? ` (${rules.decree})` : ''}, khu vực ${AREA_VI[input.areaType]}: ` +
    `chuẩn nghèo về thu nhập ${formatVnd(line.incomeLine)} đồng/người/tháng` +
    (line.averageUpper !== null ? `, mức sống trung bình đến ${formatVnd(line.averageUpper)} đồng` : '') +
    (line.b1Cutoff !== null ? `, ngưỡng điểm B1 ${line.b1Cutoff}` : '') +
    '.';

  // Phiếu A: a household screened out is not surveyed further (Circular 07/2021, Phụ lục II).
  if (input.quickScreen === 'screened_out' && b1 === null && income === null) {
    return {
      standard: rules.code, classification: 'above', deprivations, deprivationCount: count, b2Score,
      povertyLine: line.incomeLine, averageUpper: line.averageUpper, b1Cutoff: line.b1Cutoff,
      incomeBasis: 'quick_screen', incomeAtOrBelowLine: false,
      explanation:
        `${head} Phiếu A (nhận diện nhanh): hộ có dấu hiệu không thuộc diện nghèo, cận nghèo nên không rà soát tiếp bằng Phiếu B. ` +
        `Kết luận: ${CLASS_VI.above}.`,
    };
  }

  let basis: IncomeBasis;
  let below: boolean;
  let incomeText: string;
  if (b1 !== null && line.b1Cutoff !== null) {
    basis = 'b1';
    below = b1 <= line.b1Cutoff;
    incomeText = below
      ? `Điểm B1 = ${b1} ≤ ${line.b1Cutoff}: thu nhập ở mức chuẩn nghèo trở xuống.`
      : `Điểm B1 = ${b1} > ${line.b1Cutoff}: thu nhập trên chuẩn nghèo.`;
    if (income !== null) {
      incomeText += ` Thu nhập bình quân ${formatVnd(income)} đồng/người/tháng được ghi nhận để tham khảo (điểm B1 quyết định).`;
    }
  } else if (income !== null) {
    basis = 'income';
    below = income <= line.incomeLine;
    incomeText =
      (b1 !== null ? `Chuẩn chưa quy định ngưỡng điểm B1 cho khu vực ${AREA_VI[input.areaType]} nên xét theo thu nhập (điểm B1 = ${b1} ghi nhận để tham khảo). ` : '') +
      `Thu nhập bình quân ${formatVnd(income)} đồng/người/tháng ${below ? '≤' : '>'} chuẩn nghèo ${formatVnd(line.incomeLine)} đồng.`;
  } else if (b1 !== null) {
    throw new ClassificationError(
      'MISSING_INPUT',
      `Standard ${rules.code} has no Phiếu B1 cut-off for ${input.areaType} areas: give incomePerCapita`,
      'incomePerCapita',
    );
  } else {
    throw new ClassificationError('MISSING_INPUT', 'Give b1Score (Phiếu B1 total) or incomePerCapita', 'incomePerCapita');
  }

  const total = rules.indicators.length;
  const depText =
    count === 0
      ? `Không thiếu hụt chỉ số nào (điểm B2 = 0).`
      : `Thiếu hụt ${count}/${total} chỉ số (điểm B2 = ${b2Score}): ${deprivations.map((k) => c.names[c.order.get(k)!]).join(', ')}.`;

  let cls: PovertyClass;
  let why: string;
  if (below) {
    if (count >= rules.deprivationCutoff) {
      cls = 'poor';
      why = `thu nhập không vượt chuẩn nghèo và thiếu hụt từ ${rules.deprivationCutoff} chỉ số trở lên`;
    } else {
      cls = 'near_poor';
      why = `thu nhập không vượt chuẩn nghèo và thiếu hụt dưới ${rules.deprivationCutoff} chỉ số`;
    }
  } else if (line.averageUpper !== null && income !== null && income > line.incomeLine && income <= line.averageUpper) {
    cls = 'average';
    why = `thu nhập trên chuẩn nghèo và không quá ${formatVnd(line.averageUpper)} đồng (mức sống trung bình theo thu nhập)`;
  } else {
    cls = 'above';
    why =
      line.averageUpper === null
        ? 'thu nhập trên chuẩn nghèo (chuẩn không quy định mức sống trung bình)'
        : income === null
          ? 'thu nhập trên chuẩn nghèo theo điểm B1 (không có thu nhập đo được để xét mức sống trung bình)'
          : income <= line.incomeLine
            ? 'thu nhập trên chuẩn nghèo theo điểm B1 (thu nhập ghi nhận không thuộc khoảng mức sống trung bình)'
            : `thu nhập trên mức sống trung bình ${formatVnd(line.averageUpper)} đồng`;
  }
  if (!below && count >= rules.deprivationCutoff) {
    why += `; hộ có thu nhập trên chuẩn nghèo không là hộ nghèo dù thiếu hụt từ ${rules.deprivationCutoff} chỉ số trở lên`;
  }

  return {
    standard: rules.code,
    classification: cls,
    deprivations,
    deprivationCount: count,
    b2Score,
    povertyLine: line.incomeLine,
    averageUpper: line.averageUpper,
    b1Cutoff: line.b1Cutoff,
    incomeBasis: basis,
    incomeAtOrBelowLine: below,
    explanation: `${head} ${incomeText} ${depText} Kết luận: ${CLASS_VI[cls]}, vì ${why}.`,
  };
}
