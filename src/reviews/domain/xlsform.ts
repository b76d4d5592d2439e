/**
 * The review questionnaire of a round as an XLSForm (the spreadsheet format ODK Collect and
 * KoboCollect forms are written in: sheets `survey`, `choices`, `settings`), generated from the
 * round's standard as data: its B2 indicators, its B1 cut-off and income line for the commune's
 * area type (docs/RULES.md §2), and the round's household list. Pure: no framework imports.
 *
 * The question names are the contract with the submissions import (`domain/submissions.ts`):
 * the exports of ODK Central and KoboToolbox name their columns after them, prefixed by the group.
 */
import type { AreaType } from '../../standards/domain/classify';

/** Question and group names (XLSForm `name`), shared with the submissions import. */
export const FORM = {
  formId: 'form_id',
  formVersion: 'form_version',
  enumerator: 'enumerator',
  surveyDate: 'surveyDate',
  household: 'household',
  groupA: 'a',
  quickScreen: 'quickScreen',
  groupB1: 'b1',
  b1Score: 'b1Score',
  income: 'incomePerCapita',
  groupB2: 'b2',
  groupC: 'c',
  causes: 'causes',
  needs: 'supportNeeds',
} as const;

export const LISTS = { households: 'households', quickScreen: 'phieu_a', yesNo: 'yes_no', causes: 'causes', needs: 'support_needs' } as const;

/** The answers of the yes/no questions of Phiếu B2. */
export const YES = 'yes';
export const NO = 'no';

/** Bounds the result rules accept (PutResultDto), enforced by the form as constraints too. */
export const B1_MAX = 100_000;
export const INCOME_MAX = 1_000_000_000;

export const SURVEY_COLUMNS = ['type', 'name', 'label', 'hint', 'required', 'required_message', 'constraint', 'constraint_message', 'relevant', 'appearance', 'calculation'] as const;
export const CHOICE_COLUMNS = ['list_name', 'name', 'label', 'head_name', 'village'] as const;
export const SETTINGS_COLUMNS = ['form_title', 'form_id', 'version', 'instance_name'] as const;

export type SurveyRow = Partial<Record<(typeof SURVEY_COLUMNS)[number], string>>;
export type ChoiceRow = Partial<Record<(typeof CHOICE_COLUMNS)[number], string>> & { list_name: string; name: string; label: string };
export type SettingsRow = Record<(typeof SETTINGS_COLUMNS)[number], string>;

export interface XlsForm {
  survey: SurveyRow[];
  choices: ChoiceRow[];
  settings: SettingsRow;
}

export interface FormInput {
  round: { id: number; year: number; month: number | null; kind: 'periodic' | 'regular' | string; listYear: number; communeName: string };
  standard: {
    code: string;
    version: number;
    indicators: { key: string; nameVi: string; dimension: string }[];
    dimensions: { key: string; nameVi: string }[];
  };
  areaType: AreaType;
  /** the line of the commune's area type */
  line: { incomeLine: number; averageUpper: number | null; b1Cutoff: number | null };
  households: { code: string; headName: string; village: string | null }[];
  causes: { code: number; name: string }[];
  needs: Record<string, string>;
}

/** form_id names the round; version names the standard and the version of its data. */
export function formIdentity(roundId: number, standardCode: string, standardVersion: number): { formId: string; version: string } {
  return { formId: `rasoat_vong_${roundId}`, version: `${standardCode}_v${standardVersion}` };
}

/** The standard code of a form version (`ND07-2021_v3` → `ND07-2021`), null when it is not one of ours. */
export function standardOfVersion(version: string): string | null {
  const m = /^(.+)_v\d+$/.exec(version.trim());
  return m ? m[1] : null;
}

/** 1500000 → "1.500.000" (the Vietnamese grouping, without depending on the runtime's locale data). */
export function vnd(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const AREA_VI: Record<AreaType, string> = { rural: 'nông thôn', urban: 'thành thị' };

/** Whether the standard lets a B1 score decide in this area (ND351-2025 publishes no cut-off: income only). */
export const usesB1 = (line: FormInput['line']): boolean => line.b1Cutoff !== null;

/** The questionnaire of a round. */
export function buildXlsForm(f: FormInput): XlsForm {
  const { formId, version } = formIdentity(f.round.id, f.standard.code, f.standard.version);
  const area = AREA_VI[f.areaType];
  const passed = `\${${FORM.quickScreen}} = 'passed'`;
  const dims = new Map(f.standard.dimensions.map((d) => [d.key, d.nameVi]));
  const b1 = usesB1(f.line);
  const incomeHint =
    `Chuẩn nghèo khu vực ${area} (chuẩn ${f.standard.code}): từ ${vnd(f.line.incomeLine)} đồng/người/tháng trở xuống` +
    (f.line.averageUpper !== null ? `; mức sống trung bình đến ${vnd(f.line.averageUpper)} đồng/người/tháng.` : '.');
  const survey: SurveyRow[] = [
    { type: 'start', name: 'start' },
    { type: 'end', name: 'end' },
    { type: 'today', name: 'today' },
    { type: 'calculate', name: FORM.formId, calculation: `'${formId}'` },
    { type: 'calculate', name: FORM.formVersion, calculation: `'${version}'` },
    { type: 'text', name: FORM.enumerator, label: 'Họ và tên điều tra viên', required: 'yes', required_message: 'Ghi họ và tên điều tra viên' },
    {
      type: 'date', name: FORM.surveyDate, label: 'Ngày điều tra', required: 'yes', required_message: 'Ghi ngày điều tra',
      constraint: '. <= today()', constraint_message: 'Ngày điều tra không được sau hôm nay',
    },
    {
      type: `select_one ${LISTS.households}`, name: FORM.household, label: 'Hộ được rà soát', appearance: 'autocomplete',
      hint: `Chọn hộ trong danh sách rà soát của ${f.round.communeName} (mã hộ, họ tên chủ hộ, thôn).`, required: 'yes', required_message: 'Chọn hộ',
    },
    { type: 'begin_group', name: FORM.groupA, label: 'Phiếu A — Nhận diện nhanh đặc điểm hộ gia đình' },
    {
      type: `select_one ${LISTS.quickScreen}`, name: FORM.quickScreen, label: 'Kết quả Phiếu A', required: 'yes',
      hint: 'Hộ có từ một đặc điểm loại trừ trở lên thì không rà soát tiếp bằng Phiếu B.',
    },
    { type: 'end_group', name: FORM.groupA },
    { type: 'begin_group', name: FORM.groupB1, label: 'Phiếu B1 — Thu nhập', relevant: passed },
  ];
  if (b1) {
    survey.push({
      type: 'integer', name: FORM.b1Score, label: 'Tổng điểm Phiếu B1',
      hint: `Ngưỡng khu vực ${area}: từ ${f.line.b1Cutoff} điểm trở xuống là thu nhập dưới chuẩn nghèo. Có điểm B1 thì điểm B1 quyết định.`,
      constraint: `. >= 0 and . <= ${B1_MAX}`, constraint_message: `Điểm B1 là số nguyên từ 0 đến ${vnd(B1_MAX)}`,
    });
  }
  survey.push(
    {
      type: 'integer', name: FORM.income, label: 'Thu nhập bình quân (đồng/người/tháng)', hint: incomeHint,
      required: b1 ? `\${${FORM.b1Score}} = ''` : 'yes',
      required_message: b1 ? 'Ghi tổng điểm Phiếu B1 hoặc thu nhập bình quân' : `Chuẩn ${f.standard.code} không có ngưỡng điểm B1: ghi thu nhập bình quân`,
      constraint: `. >= 0 and . <= ${INCOME_MAX}`, constraint_message: `Thu nhập là số nguyên từ 0 đến ${vnd(INCOME_MAX)} đồng`,
    },
    { type: 'end_group', name: FORM.groupB1 },
    { type: 'begin_group', name: FORM.groupB2, label: 'Phiếu B2 — Mức độ thiếu hụt dịch vụ xã hội cơ bản', relevant: passed },
  );
  for (const i of f.standard.indicators) {
    survey.push({
      type: `select_one ${LISTS.yesNo}`, name: i.key, label: i.nameVi, required: 'yes', appearance: 'horizontal',
      hint: `Chiều ${dims.get(i.dimension) ?? i.dimension}: chọn "Có" nếu hộ thiếu hụt chỉ số này theo chuẩn ${f.standard.code}.`,
    });
  }
  survey.push(
    { type: 'end_group', name: FORM.groupB2 },
    { type: 'begin_group', name: FORM.groupC, label: 'Nguyên nhân nghèo và nhu cầu hỗ trợ', relevant: passed },
    { type: `select_multiple ${LISTS.causes}`, name: FORM.causes, label: 'Nguyên nhân nghèo, cận nghèo', hint: 'Chọn một hoặc nhiều nguyên nhân (nếu hộ nghèo, cận nghèo).' },
    { type: `select_multiple ${LISTS.needs}`, name: FORM.needs, label: 'Nhu cầu hỗ trợ' },
    { type: 'end_group', name: FORM.groupC },
  );

  const choices: ChoiceRow[] = [
    ...f.households.map((h) => ({
      list_name: LISTS.households, name: h.code, label: [h.code, h.headName, h.village].filter(Boolean).join(' — '),
      head_name: h.headName, village: h.village ?? '',
    })),
    { list_name: LISTS.quickScreen, name: 'passed', label: 'Không có đặc điểm loại trừ: rà soát tiếp bằng Phiếu B' },
    { list_name: LISTS.quickScreen, name: 'screened_out', label: 'Có đặc điểm loại trừ: không rà soát tiếp (không nghèo, không cận nghèo)' },
    { list_name: LISTS.yesNo, name: YES, label: 'Có (thiếu hụt)' },
    { list_name: LISTS.yesNo, name: NO, label: 'Không' },
    ...f.causes.map((c) => ({ list_name: LISTS.causes, name: String(c.code), label: c.name })),
    ...Object.entries(f.needs).map(([k, name]) => ({ list_name: LISTS.needs, name: k, label: name })),
  ];
  const when = f.round.kind === 'periodic' ? `định kỳ năm ${f.round.year}` : `thường xuyên tháng ${f.round.month}/${f.round.year}`;
  return {
    survey,
    choices,
    settings: {
      form_title: `Rà soát hộ nghèo, hộ cận nghèo ${when} — ${f.round.communeName} (vòng ${f.round.id}, chuẩn ${f.standard.code})`,
      form_id: formId,
      version,
      instance_name: `concat(\${${FORM.household}}, ' — ', \${${FORM.enumerator}})`,
    },
  };
}
