import { CLASSES, get, metric, Metrics, ReportClass } from '../../aggregates/domain/metrics';
import { KINH } from '../../households/ethnic-groups';
import { rate, round } from './rates';

/**
 * The breakdowns of report tables 4–13 (docs/LAW.md §3.7) for one row, from the summed
 * aggregates at the end of the year. Shares are % of the class's households (or children),
 * rounded to 2 decimals here.
 */
export type ClassKey = 'poor' | 'nearPoor';
export const CLASS_KEY: Record<ReportClass, ClassKey> = { poor: 'poor', near_poor: 'nearPoor' };

const perClass = <T>(f: (c: ReportClass) => T): Record<ClassKey, T> =>
  Object.fromEntries(CLASSES.map((c) => [CLASS_KEY[c], f(c)])) as Record<ClassKey, T>;

export interface Labelled { key?: string; code?: string | number; name: string }

/** Tables 4–7: deprived households per indicator, counts (4, 6) and % of the class's households (5, 7). */
export function deprivationTable(m: Metrics, indicators: readonly { key: string; name: string }[]) {
  return perClass((c) => {
    const households = get(m, metric.end(c, 'households'));
    return {
      households,
      totalDeprivations: get(m, metric.deprivation(c, 'total')),
      indicators: indicators.map((i, n) => {
        const count = get(m, metric.deprivation(c, i.key));
        return { number: n + 1, key: i.key, name: i.name, households: count, share: round(rate(count, households)) };
      }),
    };
  });
}

/** Table 8: target groups (and the female head of tables 12/13), households and persons. `other` = none of the first three. */
export function targetGroupTable(m: Metrics) {
  const groups = (c: ReportClass, u: 'households' | 'persons') => ({
    total: get(m, metric.end(c, u)),
    ethnicMinority: get(m, metric.group(c, u, 'ethnic_minority')),
    noLabourCapacity: get(m, metric.group(c, u, 'no_labour')),
    meritorious: get(m, metric.group(c, u, 'meritorious')),
    other: get(m, metric.group(c, u, 'other')),
    femaleHead: get(m, metric.group(c, u, 'female_head')),
  });
  return perClass((c) => ({ households: groups(c, 'households'), persons: groups(c, 'persons') }));
}

/** Table 9: by the head's ethnic group: Kinh, ethnic minorities, and each group present. */
export function ethnicTable(m: Metrics, names: ReadonlyMap<string, string>) {
  return perClass((c) => {
    const prefix = `ethnic.${c}.households.`;
    const codes = Object.keys(m).filter((k) => k.startsWith(prefix) && m[k] > 0).map((k) => k.slice(prefix.length)).sort();
    const households = get(m, metric.end(c, 'households'));
    const persons = get(m, metric.end(c, 'persons'));
    const minorityH = get(m, metric.group(c, 'households', 'ethnic_minority'));
    const minorityP = get(m, metric.group(c, 'persons', 'ethnic_minority'));
    return {
      households: { total: households, kinh: get(m, metric.ethnic(c, 'households', KINH)), ethnicMinority: minorityH },
      persons: { total: persons, kinh: get(m, metric.ethnic(c, 'persons', KINH)), ethnicMinority: minorityP },
      groups: codes.map((code) => ({
        code, name: names.get(code) ?? 'Chưa rõ',
        households: get(m, metric.ethnic(c, 'households', code)),
        persons: get(m, metric.ethnic(c, 'persons', code)),
        share: round(rate(get(m, metric.ethnic(c, 'households', code)), households)),
      })),
    };
  });
}

/** Table 10: by cause of poverty (a household may give several causes). */
export function causeTable(m: Metrics, causes: readonly { code: number; name: string }[]) {
  return perClass((c) => {
    const households = get(m, metric.end(c, 'households'));
    return {
      households,
      causes: causes.map((k) => {
        const n = get(m, metric.cause(c, k.code));
        return { code: k.code, name: k.name, households: n, share: round(rate(n, households)) };
      }),
    };
  });
}

/** Table 11: children of poor and near-poor households and their deprivations. */
export function childrenTable(m: Metrics) {
  return perClass((c) => {
    const children = get(m, metric.children(c, 'total'));
    const item = (what: 'no_insurance' | 'malnourished' | 'out_of_school') => {
      const n = get(m, metric.children(c, what));
      return { children: n, share: round(rate(n, children)) };
    };
    return {
      children,
      health: { noHealthInsurance: item('no_insurance'), malnourished: item('malnourished') },
      education: { outOfSchool: item('out_of_school') },
    };
  });
}

/**
 * Tables 12/13: the review by the multidimensional standard. Totals of households and persons
 * split Kinh / ethnic minority come from the register at the decision (the review only surveys
 * listed households); the official rate uses the round's resident total. The provincial
 * "dân tộc tại chỗ" column is a provincial extension and is not computed.
 */
export function multidimensionalTable(m: Metrics) {
  const regH = get(m, metric.registerHouseholds);
  const regHm = get(m, metric.registerHouseholdsMinority);
  const regP = get(m, metric.registerPersons);
  const regPm = get(m, metric.registerPersonsMinority);
  const totalH = get(m, metric.totalHouseholds);
  return {
    households: { total: totalH, registered: regH, kinh: regH - regHm, ethnicMinority: regHm },
    persons: { total: get(m, metric.totalPersons), registered: regP, kinh: regP - regPm, ethnicMinority: regPm },
    ...perClass((c) => {
      const h = get(m, metric.end(c, 'households'));
      const hm = get(m, metric.group(c, 'households', 'ethnic_minority'));
      const p = get(m, metric.end(c, 'persons'));
      const pm = get(m, metric.group(c, 'persons', 'ethnic_minority'));
      return {
        households: { total: h, kinh: h - hm, ethnicMinority: hm },
        meritorious: get(m, metric.group(c, 'households', 'meritorious')),
        noLabourCapacity: get(m, metric.group(c, 'households', 'no_labour')),
        femaleHead: get(m, metric.group(c, 'households', 'female_head')),
        persons: { total: p, kinh: p - pm, ethnicMinority: pm },
        rate: round(rate(h, totalH)),
        ethnicMinorityRate: round(rate(hm, regHm)),
      };
    }),
  };
}
