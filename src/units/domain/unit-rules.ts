import type { FieldProblem } from '../../common/errors/field-problem';
/**
 * The rules of the administrative-unit tree (docs/RULES.md §5, docs/LAW.md §6), as pure
 * functions: which kinds a level has, which level a parent must be on a date, and when a commune
 * is rural or urban. The database checks (overlap, cycles, the parent's validity) live in the
 * repository; everything here needs only the values of one version.
 */

export const UNIT_LEVELS = ['province', 'district', 'commune', 'village'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];
export const AREA_TYPES = ['rural', 'urban'] as const;
export type AreaType = (typeof AREA_TYPES)[number];

/**
 * The first day of two-tier local government: from 1 Jul 2025 there is no district level, a
 * commune belongs directly to its province, and commune-level units are xã, phường and đặc khu
 * only (Luật Tổ chức chính quyền địa phương of 16 Jun 2025; Nghị quyết 202/2025/QH15).
 */
export const REFORM_DATE = '2025-07-01';
/** The last day the district level (huyện, quận, thị xã, thành phố thuộc tỉnh) existed. */
export const LAST_DISTRICT_DAY = '2025-06-30';

export const KINDS_BY_LEVEL = {
  province: ['tinh', 'thanh_pho_tw'],
  district: ['huyen', 'quan', 'thi_xa', 'thanh_pho'],
  commune: ['xa', 'phuong', 'thi_tran', 'dac_khu'],
  village: ['thon', 'ban', 'to_dan_pho', 'khom', 'ap', 'buon', 'lang'],
} as const satisfies Record<UnitLevel, readonly string[]>;
export type UnitKind = (typeof KINDS_BY_LEVEL)[UnitLevel][number];
export const UNIT_KINDS: readonly UnitKind[] = Object.values(KINDS_BY_LEVEL).flat();

/** How officers write the kinds, for messages. */
export const KIND_LABEL: Record<UnitKind, string> = {
  tinh: 'tỉnh', thanh_pho_tw: 'thành phố trực thuộc trung ương',
  huyen: 'huyện', quan: 'quận', thi_xa: 'thị xã', thanh_pho: 'thành phố thuộc tỉnh',
  xa: 'xã', phuong: 'phường', thi_tran: 'thị trấn', dac_khu: 'đặc khu',
  thon: 'thôn', ban: 'bản', to_dan_pho: 'tổ dân phố', khom: 'khóm', ap: 'ấp', buon: 'buôn', lang: 'làng',
};

/**
 * The area type a commune kind implies: households of a xã are rural, of a phường or thị trấn
 * urban (the poverty lines of Nghị định 07/2021/NĐ-CP follow where the household lives). An đặc
 * khu has no implied type: its area type is configured on each of its versions.
 */
export const IMPLIED_AREA_TYPE: Partial<Record<UnitKind, AreaType>> = { xa: 'rural', phuong: 'urban', thi_tran: 'urban' };

/** Kinds that exist only before or only from the 2025 reform (Luật Tổ chức chính quyền địa phương 2025, art. 2). */
const KIND_ERA: Partial<Record<UnitKind, { until?: string; from?: string }>> = {
  thi_tran: { until: LAST_DISTRICT_DAY },
  dac_khu: { from: REFORM_DATE },
};

/** What one version of a code says, with the level of its parent code (looked up by the caller). */
export interface VersionDraft {
  level: UnitLevel;
  kind: string;
  areaType: AreaType | null;
  parentCode: string | null;
  /** The level of parentCode; null when there is no parent. */
  parentLevel: UnitLevel | null;
  validFrom: string;
  /** Inclusive; null while still valid. */
  validTo: string | null;
}

/** A rule a version breaks: a field problem (src/common/errors/field-problem.ts). */
export type RuleViolation = FieldProblem;

/** Every rule a version breaks on its own (empty: none). Dates are 'YYYY-MM-DD' and compare as strings. */
export function checkVersion(d: VersionDraft): RuleViolation[] {
  const out: RuleViolation[] = [];
  const kinds: readonly string[] = KINDS_BY_LEVEL[d.level];

  if (d.validTo !== null && d.validTo < d.validFrom) {
    out.push({ field: 'validTo', message: `validTo ${d.validTo} is before validFrom ${d.validFrom}` });
  }

  if (!kinds.includes(d.kind)) {
    out.push({ field: 'kind', message: `a ${d.level} is one of ${kinds.join(', ')}, not ${d.kind}` });
  } else {
    const kind = d.kind as UnitKind;
    const era = KIND_ERA[kind];
    if (era?.until && (d.validTo === null || d.validTo > era.until)) {
      out.push({ field: 'validTo', message: `a ${KIND_LABEL[kind]} cannot be valid after ${era.until}: since ${REFORM_DATE} commune-level units are xã, phường or đặc khu` });
    }
    if (era?.from && d.validFrom < era.from) {
      out.push({ field: 'validFrom', message: `a ${KIND_LABEL[kind]} cannot be valid before ${era.from}, when the kind was created` });
    }
  }

  if (d.level === 'district' && (d.validTo === null || d.validTo > LAST_DISTRICT_DAY)) {
    out.push({ field: 'validTo', message: `the district level ended on ${LAST_DISTRICT_DAY} (two-tier local government from ${REFORM_DATE}): a district version needs validTo on or before it` });
  }

  out.push(...checkAreaType(d));
  out.push(...checkParent(d));
  return out;
}

function checkAreaType(d: VersionDraft): RuleViolation[] {
  if (d.level !== 'commune') {
    return d.areaType === null ? [] : [{ field: 'areaType', message: `only a commune-level unit has an area type, not a ${d.level}` }];
  }
  if (d.areaType === null) return [{ field: 'areaType', message: 'a commune-level unit needs areaType rural or urban' }];
  const implied = IMPLIED_AREA_TYPE[d.kind as UnitKind];
  if (implied && implied !== d.areaType) {
    return [{ field: 'areaType', message: `a ${KIND_LABEL[d.kind as UnitKind]} is ${implied}, not ${d.areaType}` }];
  }
  return [];
}

/** The level a parent must have for a version of `level` between two dates, or a violation. */
export function requiredParentLevel(level: UnitLevel, validFrom: string, validTo: string | null): UnitLevel | null | RuleViolation {
  switch (level) {
    case 'province':
      return null;
    case 'district':
      return 'province';
    case 'village':
      return 'commune';
    case 'commune':
      // Before the reform a commune belongs to a district; from it, to the province.
      if (validTo !== null && validTo <= LAST_DISTRICT_DAY) return 'district';
      if (validFrom >= REFORM_DATE) return 'province';
      return {
        field: 'validTo',
        message: `a commune version cannot span ${REFORM_DATE}: its parent is a district until ${LAST_DISTRICT_DAY} and the province from ${REFORM_DATE}; end it on ${LAST_DISTRICT_DAY} and add a new version`,
      };
  }
}

function checkParent(d: VersionDraft): RuleViolation[] {
  const required = requiredParentLevel(d.level, d.validFrom, d.validTo);
  if (required !== null && typeof required === 'object') return [required];
  if (required === null) {
    return d.parentCode === null ? [] : [{ field: 'parentCode', message: `a ${d.level} has no parent` }];
  }
  if (d.parentCode === null) return [{ field: 'parentCode', message: `a ${d.level} needs a parent ${required}` }];
  if (d.parentLevel !== required) {
    return [{ field: 'parentCode', message: `the parent of a ${d.level} between ${d.validFrom} and ${d.validTo ?? 'now'} is a ${required}, and ${d.parentCode} is a ${d.parentLevel ?? 'unknown unit'}` }];
  }
  return [];
}

export type SuccessionKind = 'merge' | 'split' | 'rename';

/**
 * The shape of a succession: a merge joins two or more units into one (which may be one of them
 * keeping its code), a split divides one into two or more (it may continue as one of them), a
 * rename gives a unit a new code.
 */
export function checkSuccession(s: { kind: SuccessionKind; predecessors: string[]; successors: string[] }): RuleViolation[] {
  const out: RuleViolation[] = [];
  const dupP = duplicates(s.predecessors);
  const dupS = duplicates(s.successors);
  if (dupP.length) out.push({ field: 'predecessors', message: `listed twice: ${dupP.join(', ')}` });
  if (dupS.length) out.push({ field: 'successors', message: `listed twice: ${dupS.join(', ')}` });
  const p = new Set(s.predecessors).size;
  const n = new Set(s.successors).size;
  if (s.kind === 'merge') {
    if (p < 2) out.push({ field: 'predecessors', message: 'a merge joins two or more units' });
    if (n !== 1) out.push({ field: 'successors', message: 'a merge has exactly one successor' });
  } else if (s.kind === 'split') {
    if (p !== 1) out.push({ field: 'predecessors', message: 'a split divides exactly one unit' });
    if (n < 2) out.push({ field: 'successors', message: 'a split has two or more successors' });
  } else {
    if (p !== 1) out.push({ field: 'predecessors', message: 'a rename has exactly one predecessor' });
    if (n !== 1) out.push({ field: 'successors', message: 'a rename has exactly one successor' });
    if (p === 1 && n === 1 && s.predecessors[0] === s.successors[0]) {
      out.push({ field: 'successors', message: 'a rename gives a new code: keep the code and add a version to change the name' });
    }
  }
  return out;
}

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/** Whether two inclusive date ranges share a day (null: open-ended). */
export function overlaps(a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }): boolean {
  return (a.validTo === null || a.validTo >= b.validFrom) && (b.validTo === null || b.validTo >= a.validFrom);
}

/** The day before a 'YYYY-MM-DD' date. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
