import { foldText } from '../../common/text/vietnamese';
import { ETHNIC_GROUPS, KINH } from '../ethnic-groups';

/**
 * Reading an ethnic group as officers write it: the official code ("02", "2"), the official name
 * in any case or form ("Tày", "TAY", NFD), or a common other name. Cao Lan and Sán Chỉ are
 * Sán Chay (15), Mèo and H'Mông are Mông (08): Danh mục các dân tộc Việt Nam (QĐ 121-TCTK/PPCĐ).
 */
const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['Việt', KINH], ['Kinh (Việt)', KINH],
  ['Cao Lan', '15'], ['Sán Chỉ', '15'], ['Sán Chay (Cao Lan - Sán Chỉ)', '15'], ['Cao Lan - Sán Chỉ', '15'], ['Sán Chay (Cao Lan)', '15'],
  ['Mèo', '08'], ["H'Mông", '08'], ['Hmông', '08'], ['H Mông', '08'], ['Hmong', '08'], ['Mông (Mèo)', '08'],
  ['Dao đỏ', '09'], ['Dao tiền', '09'], ['Dao quần chẹt', '09'], ['Dao Thanh Y', '09'], ['Dao áo dài', '09'], ['Mán', '09'],
  ['Ê-đê', '12'], ['Ba-na', '13'], ['Xơ-đăng', '14'], ['Bru - Vân Kiều', '23'], ['Bru-Vân Kiều', '23'],
  ['Khơ-me', '05'], ['Khmer', '05'], ['Mnông', '20'], ["M'Nông", '20'], ['Raglai', '21'], ['Ra-glai', '21'], ['Xtiêng', '22'], ['X\'tiêng', '22'],
  ['Hrê', '19'], ['H\'rê', '19'], ['Pà Thẻn', '46'], ['Pà Hưng', '46'], ['Lô Lô', '43'], ['Lolo', '43'],
];

const KEY = (s: string) => foldText(s).replace(/[-'’]/g, ' ').replace(/\s+/g, ' ').trim();

const BY_KEY: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [code, name] of ETHNIC_GROUPS) {
    m.set(KEY(name), code);
    m.set(KEY(name).replace(/ /g, ''), code);
  }
  for (const [alias, code] of ALIASES) {
    m.set(KEY(alias), code);
    m.set(KEY(alias).replace(/ /g, ''), code);
  }
  return m;
})();

const NAME_BY_CODE = new Map(ETHNIC_GROUPS.map(([c, n]) => [c, n]));

const resolved = new Map<string, string | null>();

/** The code of an ethnic group written by an officer, or null when not recognised. */
export function resolveEthnicity(text: string | number | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const s = String(text).trim();
  // an import asks for the same few names on every row
  const known = resolved.get(s);
  if (known !== undefined) return known;
  const code = resolveUncached(s);
  if (resolved.size > 2000) resolved.clear();
  resolved.set(s, code);
  return code;
}

function resolveUncached(s: string): string | null {
  if (/^\d{1,2}$/.test(s)) {
    const code = s.padStart(2, '0');
    return NAME_BY_CODE.has(code) ? code : null;
  }
  const k = KEY(s);
  return BY_KEY.get(k) ?? BY_KEY.get(k.replace(/ /g, '')) ?? null;
}

export function ethnicName(code: string): string | undefined {
  return NAME_BY_CODE.get(code);
}

export function isEthnicCode(code: string): boolean {
  return NAME_BY_CODE.has(code);
}

/** Every group but Kinh is an ethnic minority (dân tộc thiểu số). */
export function isMinority(code: string): boolean {
  return code !== KINH;
}
