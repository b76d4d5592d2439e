/**
 * Reading the submissions of the round's XLSForm (domain/xlsform.ts) as ODK Central and
 * KoboToolbox export them, CSV or XLSX, one submission a row:
 * - column names are the question names prefixed by their groups, with `/` (Kobo), `-` (Central)
 *   or `.` between them: `b2/water`, `b2-water`, `meta/instanceID`, `meta-instanceID`;
 * - a select_multiple is one column of space-separated choice names (`causes` = "2 5"), or one
 *   column per choice (`causes/2` = 1 / 0, true / false), or both (Kobo's default): both are read;
 * - the form's calculates `form_id` and `form_version` (or Central's `FormVersion`) say which
 *   round and standard the submission was made for.
 * Pure: no framework imports; every refusal names the column for the caller to turn into a row error.
 */
import { cellInteger } from '../../common/excel/cells';
import { CAUSE_CODES, SUPPORT_NEEDS } from './result';
import { FORM, INCOME_MAX, B1_MAX, NO, standardOfVersion, YES } from './xlsform';

export type SubmissionField =
  | 'instanceId' | 'formId' | 'formVersion' | 'enumerator' | 'surveyDate' | 'household' | 'quickScreen' | 'b1Score' | 'income'
  | 'causes' | 'needs' | 'deprivations';

/** The API name of each field in error details (as the results routes name them). */
export const SUBMISSION_FIELD_NAME: Record<SubmissionField, string> = {
  instanceId: 'meta/instanceID', formId: 'form_id', formVersion: 'form_version', enumerator: 'enumerator', surveyDate: 'surveyDate',
  household: 'code', quickScreen: 'quickScreen', b1Score: 'b1Score', income: 'incomePerCapita', causes: 'causes', needs: 'supportNeeds',
  deprivations: 'deprivations',
};

const MULTI: Partial<Record<string, 'causes' | 'needs' | 'deprivations'>> = {
  [FORM.causes.toLowerCase()]: 'causes', [FORM.needs.toLowerCase()]: 'needs', deprivations: 'deprivations',
};

/** Column names (last segment, lower case) of each field; the first found wins. */
const NAMES: [SubmissionField, string[]][] = [
  ['instanceId', ['instanceid']],
  ['formId', [FORM.formId, '_xform_id_string', 'xform_id_string']],
  ['formVersion', [FORM.formVersion, 'formversion']],
  ['enumerator', [FORM.enumerator.toLowerCase()]],
  ['surveyDate', [FORM.surveyDate.toLowerCase()]],
  ['household', [FORM.household]],
  ['quickScreen', [FORM.quickScreen.toLowerCase()]],
  ['b1Score', [FORM.b1Score.toLowerCase()]],
  ['income', [FORM.income.toLowerCase()]],
  ['causes', [FORM.causes.toLowerCase()]],
  ['needs', [FORM.needs.toLowerCase()]],
  ['deprivations', ['deprivations']],
];

export interface SubmissionHeader {
  fields: Map<SubmissionField, number>;
  /** B2 questions (`b2/<key>`) of the standard's indicators, by key */
  indicators: Map<string, number>;
  /** `b2/<name>` or `deprivations/<name>` columns that are not indicators of the standard */
  unknownIndicators: { name: string; col: number }[];
  /** one column per choice of a select_multiple */
  split: Record<'causes' | 'needs' | 'deprivations', Map<string, number>>;
}

/** Splits a column name into its group path: `b2/water`, `b2-water`, `b2.water` → ["b2", "water"]. */
export const segments = (heading: string): string[] => heading.trim().split(/[/\-.:]/).filter(Boolean);

export function mapSubmissionHeader(headings: string[], indicatorKeys: string[]): SubmissionHeader {
  const byLower = new Map(indicatorKeys.map((k) => [k.toLowerCase(), k]));
  const out: SubmissionHeader = { fields: new Map(), indicators: new Map(), unknownIndicators: [], split: { causes: new Map(), needs: new Map(), deprivations: new Map() } };
  const candidates = new Map<SubmissionField, { col: number; rank: number }>();
  headings.forEach((h, col) => {
    const segs = segments(h ?? '');
    if (!segs.length) return;
    const last = segs[segs.length - 1];
    const lower = last.toLowerCase();
    const multi = segs.length >= 2 ? MULTI[segs[segs.length - 2].toLowerCase()] : undefined;
    if (multi) {
      // one column per choice: causes/2, supportNeeds/credit, deprivations/water
      if (multi === 'deprivations' && !byLower.has(lower)) out.unknownIndicators.push({ name: last, col });
      else out.split[multi].set(multi === 'deprivations' ? byLower.get(lower)! : last, col);
      return;
    }
    const named = NAMES.find(([, names]) => names.includes(lower));
    if (named) {
      const rank = named[1].indexOf(lower);
      const had = candidates.get(named[0]);
      if (!had || rank < had.rank) candidates.set(named[0], { col, rank });
      return;
    }
    if (segs.slice(0, -1).some((s) => s.toLowerCase() === FORM.groupB2)) {
      const key = byLower.get(lower);
      if (key) out.indicators.set(key, col);
      else out.unknownIndicators.push({ name: last, col });
    }
  });
  for (const [f, c] of candidates) out.fields.set(f, c.col);
  return out;
}

export interface SubmissionRow {
  instanceId: string;
  household: string;
  enumerator: string | null;
  surveyDate: string | null;
  quickScreen: 'passed' | 'screened_out';
  b1Score: number | null;
  incomePerCapita: number | null;
  /** null: no B2 answer in the submission (the member data decides) */
  deprivations: string[] | null;
  causes: number[];
  supportNeeds: string[];
}

export interface SubmissionProblem {
  col?: number;
  field: string;
  message: string;
  value?: string;
}

export interface SubmissionSpec {
  formId: string;
  version: string;
  standardCode: string;
  indicatorKeys: string[];
}

const TRUE = new Set(['1', 'true', 'yes', 'có', 'x']);
const FALSE = new Set(['0', 'false', 'no', 'không']);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;

/** A date answer (`2026-09-15`, or the date of an ISO timestamp) checked as a calendar date. */
function dateOf(text: string): string | null {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * One submission: its inputs for a result, or the problems found (each naming its column).
 * `values` are the row's cells as trimmed text, null when blank.
 */
export function readSubmission(values: (string | null)[], h: SubmissionHeader, spec: SubmissionSpec): { row?: SubmissionRow; problems: SubmissionProblem[] } {
  const problems: SubmissionProblem[] = [];
  const at = (f: SubmissionField) => (h.fields.has(f) ? values[h.fields.get(f)!] ?? null : null);
  const bad = (f: SubmissionField, message: string, value?: string | null, col = h.fields.get(f)) =>
    problems.push({ col, field: SUBMISSION_FIELD_NAME[f], message, ...(value ? { value } : {}) });

  const instanceId = at('instanceId');
  if (!instanceId) bad('instanceId', 'Thiếu mã bài nộp (meta/instanceID)');
  else if (instanceId.length > 100) bad('instanceId', 'Mã bài nộp dài quá 100 ký tự', instanceId.slice(0, 100));
  const formId = at('formId');
  if (formId !== null && formId !== spec.formId) {
    bad('formId', `Bài nộp của biểu mẫu "${formId}", không phải biểu mẫu của vòng rà soát này ("${spec.formId}")`, formId);
  }
  const version = at('formVersion');
  if (version !== null && standardOfVersion(version) !== spec.standardCode) {
    bad('formVersion', `Bài nộp theo phiên bản biểu mẫu "${version}", không phải chuẩn ${spec.standardCode} của vòng rà soát này ("${spec.version}")`, version);
  }
  const household = at('household');
  if (!household) bad('household', 'Thiếu mã hộ');
  const enumerator = at('enumerator');
  if (enumerator && enumerator.length > 200) bad('enumerator', 'Họ tên điều tra viên dài quá 200 ký tự');
  const dateText = at('surveyDate');
  const surveyDate = dateText ? dateOf(dateText) : null;
  if (dateText && !surveyDate) bad('surveyDate', 'Ngày điều tra không phải ngày hợp lệ (YYYY-MM-DD)', dateText);

  const qsText = at('quickScreen');
  if (qsText !== null && qsText !== 'passed' && qsText !== 'screened_out') {
    bad('quickScreen', `"${qsText}" không phải kết quả Phiếu A (passed hoặc screened_out)`, qsText);
  }
  const b1 = cellInteger(at('b1Score'), { min: 0, max: B1_MAX });
  if (!b1.ok) bad('b1Score', b1.reason, at('b1Score'));
  const income = cellInteger(at('income'), { min: 0, max: INCOME_MAX });
  if (!income.ok) bad('income', income.reason, at('income'));

  // Phiếu B2: yes/no questions, and/or a select_multiple of indicator keys
  let deprivations: string[] | null = null;
  const tick = (key: string) => { (deprivations ??= []).includes(key) || deprivations.push(key); };
  for (const [key, col] of h.indicators) {
    const v = values[col];
    if (v === null || v === undefined) continue;
    const lower = v.toLowerCase();
    deprivations ??= [];
    if (lower === YES || TRUE.has(lower)) tick(key);
    else if (lower !== NO && !FALSE.has(lower)) bad('deprivations', `"${v}" không phải câu trả lời có/không (yes/no) của chỉ số ${key}`, v, col);
  }
  const multi = (f: 'causes' | 'needs' | 'deprivations'): string[] | null => {
    const whole = at(f);
    if (whole !== null) return whole.split(/\s+/).filter(Boolean);
    if (!h.split[f].size) return null;
    const chosen: string[] = [];
    let answered = false;
    for (const [choice, col] of h.split[f]) {
      const v = values[col];
      if (v === null || v === undefined) continue;
      answered = true;
      if (TRUE.has(v.toLowerCase())) chosen.push(choice);
      else if (!FALSE.has(v.toLowerCase())) bad(f, `"${v}" ở cột lựa chọn ${choice}: ghi 1 hoặc 0`, v, col);
    }
    return answered ? chosen : null;
  };
  const known = new Set(spec.indicatorKeys);
  const byLower = new Map(spec.indicatorKeys.map((k) => [k.toLowerCase(), k]));
  const listed = multi('deprivations');
  if (listed) {
    deprivations ??= [];
    for (const k of listed) {
      const key = byLower.get(k.toLowerCase());
      if (key && known.has(key)) tick(key);
      else bad('deprivations', `Chuẩn ${spec.standardCode} không có chỉ số "${k}"`, k);
    }
  }
  for (const u of h.unknownIndicators) {
    const v = values[u.col];
    if (v !== null && v !== undefined) bad('deprivations', `Chuẩn ${spec.standardCode} không có chỉ số "${u.name}"`, v, u.col);
  }
  const causes: number[] = [];
  for (const c of multi('causes') ?? []) {
    const n = Number(c);
    if (!(CAUSE_CODES as readonly number[]).includes(n)) bad('causes', `"${c}" không phải là mã nguyên nhân nghèo (1–8)`, c);
    else if (!causes.includes(n)) causes.push(n);
  }
  const supportNeeds: string[] = [];
  for (const k of multi('needs') ?? []) {
    if (!(k in SUPPORT_NEEDS)) bad('needs', `"${k}" không phải là nhu cầu hỗ trợ (${Object.keys(SUPPORT_NEEDS).join(', ')})`, k);
    else if (!supportNeeds.includes(k)) supportNeeds.push(k);
  }

  const b1Score = b1.ok ? b1.value : null;
  const incomePerCapita = income.ok ? income.value : null;
  const screenedOut = qsText === 'screened_out';
  if (!screenedOut && b1Score === null && incomePerCapita === null && problems.length === 0) {
    bad(h.fields.has('b1Score') ? 'b1Score' : 'income', 'Ghi điểm Phiếu B1 hoặc thu nhập bình quân (hoặc kết quả Phiếu A loại khỏi rà soát)');
  }
  if (problems.length) return { problems };
  return {
    problems,
    row: screenedOut
      // screened out by Phiếu A: the B questions were not asked (relevant), whatever the export holds
      ? { instanceId: instanceId!, household: household!, enumerator, surveyDate, quickScreen: 'screened_out', b1Score: null, incomePerCapita: null, deprivations: null, causes: [], supportNeeds: [] }
      : { instanceId: instanceId!, household: household!, enumerator, surveyDate, quickScreen: 'passed', b1Score, incomePerCapita, deprivations, causes, supportNeeds },
  };
}
