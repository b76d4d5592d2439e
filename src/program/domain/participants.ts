import type { FieldProblem } from '../../common/errors/field-problem';
/**
 * Participants of an activity (trainings, conferences, communication events, models): every part
 * is a subset of the total, and officials and residents are two disjoint parts of it.
 * Pure: returns the problems, field by field, for the caller to raise.
 */
export interface Participants {
  total: number;
  women: number;
  ethnicMinority: number;
  officials: number;
  residents: number;
}

export type { FieldProblem };

const PART_LABEL: Record<Exclude<keyof Participants, 'total'>, string> = {
  women: 'Số nữ',
  ethnicMinority: 'Số người dân tộc thiểu số',
  officials: 'Số cán bộ',
  residents: 'Số người dân',
};

export function participantProblems(p: Participants, prefix = 'participants'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const key of ['total', 'women', 'ethnicMinority', 'officials', 'residents'] as const) {
    const v = p[key];
    if (!Number.isInteger(v) || v < 0) problems.push({ field: `${prefix}.${key}`, message: 'Phải là số nguyên không âm' });
  }
  if (problems.length) return problems;
  for (const key of ['women', 'ethnicMinority', 'officials', 'residents'] as const) {
    if (p[key] > p.total) {
      problems.push({ field: `${prefix}.${key}`, message: `${PART_LABEL[key]} (${p[key]}) lớn hơn tổng số người tham dự (${p.total})` });
    }
  }
  if (p.officials <= p.total && p.residents <= p.total && p.officials + p.residents > p.total) {
    problems.push({
      field: `${prefix}.residents`,
      message: `Số cán bộ (${p.officials}) cộng số người dân (${p.residents}) lớn hơn tổng số người tham dự (${p.total})`,
    });
  }
  return problems;
}
