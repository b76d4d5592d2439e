import { Rng } from '../../src/demo/rng';
import { Cls, ListClass, MoveSpec, ResultSpec, ReviewFixtures } from './review-fixtures';

const INDICATORS = ['employment', 'dependants', 'nutrition', 'healthInsurance', 'adultEducation', 'childSchooling',
  'housingQuality', 'housingArea', 'water', 'sanitation', 'telecom', 'informationAssets'];
const ETHNIC = ['01', '02', '02', '07', '08', '09', '01', '15'];

interface Hh { id: number; commune: string; registeredYear: number; leftYear: number | null; persons: number; ethnicity: string; female: boolean; meritorious: boolean }

/**
 * A random but consistent history for the aggregate recount test: `communes` communes of one
 * district, three yearly periodic rounds (2021 a baseline under ND07: no movement; 2022 and 2023
 * with movement), households moving away and in, changing size and class, falling back. The
 * movement is derived the way docs/RULES.md §3 defines it.
 */
export async function randomHistory(fx: ReviewFixtures, opts: { seed: number; district: string; communes: string[]; households: number }): Promise<number[]> {
  const rng = new Rng(opts.seed);
  const roundIds: number[] = [];
  for (const commune of opts.communes) {
    const hhs: Hh[] = [];
    const add = async (year: number) => {
      const ethnicity = rng.pick(ETHNIC);
      const female = rng.chance(0.25);
      const meritorious = rng.chance(0.05);
      const persons = rng.int(1, 8);
      const id = await fx.household(commune, { ethnicity, femaleHead: female, meritorious, registeredOn: `${year}-03-01`, members: rng.chance(0.5) ? persons : 0 });
      hhs.push({ id, commune, registeredYear: year, leftYear: null, persons, ethnicity, female, meritorious });
    };
    for (let i = 0; i < opts.households; i++) await add(2020);
    const cls = new Map<number, Cls>();
    const everPoor = new Set<number>();
    const everNear = new Set<number>();
    let prev = new Map<number, { cls: Cls; persons: number }>();
    for (const year of [2021, 2022, 2023]) {
      if (year > 2021) {
        // some households leave during the year, some arrive
        for (const h of hhs) if (h.leftYear === null && rng.chance(0.06)) h.leftYear = year;
        const arrivals = rng.int(1, 4);
        for (let i = 0; i < arrivals; i++) await add(year);
      }
      for (const h of hhs) if (h.leftYear !== year && rng.chance(0.15)) h.persons = Math.max(1, h.persons + rng.int(-2, 2));
      const active = hhs.filter((h) => h.leftYear === null);
      for (const h of hhs) if (h.leftYear === year) await fx.ds.query(`UPDATE household SET status = 'moved_away', status_date = $2 WHERE id = $1`, [h.id, `${year}-06-01`]);
      const results: ResultSpec[] = [];
      for (const h of active) {
        const before = cls.get(h.id);
        let c: Cls = rng.weighted<Cls>([['poor', 0.25], ['near_poor', 0.15], ['average', 0.3], ['above', 0.3]]);
        if (before === 'poor' && rng.chance(0.5)) c = 'poor';
        cls.set(h.id, c);
        // not every household is reviewed: those neither listed nor asking stay without a result
        if (c === 'above' && rng.chance(0.4) && before !== 'poor' && before !== 'near_poor') continue;
        const deps = rng.shuffle([...INDICATORS]).slice(0, c === 'poor' ? rng.int(3, 7) : rng.int(0, 2));
        const kids = rng.int(0, 3);
        results.push({
          hh: h.id, cls: c, persons: h.persons, deprivations: deps, causes: c === 'poor' || c === 'near_poor' ? rng.shuffle([1, 2, 3, 4, 5, 6, 7, 8]).slice(0, rng.int(1, 3)) : [],
          ethnicity: h.ethnicity, femaleHead: h.female, meritorious: h.meritorious, noLabour: rng.chance(0.1), farmAverage: c === 'average' && rng.chance(0.3),
          children: [kids, rng.int(0, kids), rng.int(0, kids), rng.int(0, kids)],
        });
      }
      const totals: [number, number] | null = rng.chance(0.2) ? null : [active.length + rng.int(0, 20), active.reduce((s, h) => s + h.persons, 0) + rng.int(0, 60)];
      const id = await fx.round(commune, year, { totals });
      await fx.results(id, results);
      const now = new Map(results.map((r) => [r.hh, { cls: r.cls, persons: r.persons! }]));
      if (year > 2021) {
        const moves: MoveSpec[] = [];
        const list = (c: Cls | undefined): ListClass => (c === 'poor' || c === 'near_poor' ? c : 'none');
        for (const h of hhs) {
          const s = list(prev.get(h.id)?.cls);
          const e = list(now.get(h.id)?.cls);
          if (s === 'none' && e === 'none') continue;
          let kind: string | undefined;
          if (e === 'none') kind = h.leftYear === year || !now.has(h.id) ? 'otherOut' : 'aboveNearPoor';
          if (s === 'none') {
            const ever = e === 'poor' ? everPoor : everNear;
            kind = h.registeredYear === year ? 'otherIn' : ever.has(h.id) ? 'fellBack' : e === 'poor' ? 'newlyPoor' : 'newlyNearPoor';
          }
          moves.push({ hh: h.id, from: s, to: e, kind, ps: s === 'none' ? 0 : prev.get(h.id)!.persons, pe: e === 'none' ? 0 : now.get(h.id)!.persons });
        }
        await fx.movement(id, moves);
      }
      for (const [hh, r] of now) {
        if (r.cls === 'poor') everPoor.add(hh);
        if (r.cls === 'near_poor') everNear.add(hh);
      }
      prev = now;
      roundIds.push(id);
    }
  }
  return roundIds;
}
