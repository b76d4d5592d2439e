import { DataSource } from 'typeorm';
import { AggregatesService } from '../../src/aggregates/aggregates.service';
import { matchKey } from '../../src/common/text/vietnamese';
import type { HouseholdStatus, Relation } from '../../src/households/domain/vocabulary';
import { writeHousehold } from './register-writer';

/**
 * SQL fixtures for the reports: units, households, decided review rounds, their results (with
 * the snapshot columns written at decision) and movement rows, inserted directly. The reviews
 * module writes these through its services; the reports only read them, so their tests build
 * them by hand and can state every figure.
 */
export type Cls = 'poor' | 'near_poor' | 'average' | 'above';
export type ListClass = 'poor' | 'near_poor' | 'none';

export interface ResultSpec {
  hh: number;
  cls: Cls;
  persons?: number;
  deprivations?: string[];
  causes?: number[];
  ethnicity?: string;
  femaleHead?: boolean;
  meritorious?: boolean;
  noLabour?: boolean;
  farmAverage?: boolean;
  /** [children, without health insurance, malnourished, out of school] */
  children?: [number, number, number, number];
}

export interface MoveSpec {
  hh: number;
  from: ListClass;
  to: ListClass;
  /** needed when leaving or entering the lists: aboveNearPoor | otherOut | fellBack | newlyPoor | newlyNearPoor | otherIn */
  kind?: string;
  ps: number;
  pe: number;
}

/** The movement kinds of a household for the poor and the near-poor table (docs/RULES.md §3). */
export function movementKinds(m: Pick<MoveSpec, 'from' | 'to' | 'kind'>): { poor: string | null; nearPoor: string | null } {
  const { from, to, kind } = m;
  if (from === 'poor' && to === 'poor') return { poor: 'stay', nearPoor: null };
  if (from === 'near_poor' && to === 'near_poor') return { poor: null, nearPoor: 'stay' };
  if (from === 'poor' && to === 'near_poor') return { poor: 'toNearPoor', nearPoor: 'fromPoor' };
  if (from === 'near_poor' && to === 'poor') return { poor: 'fromNearPoor', nearPoor: 'toPoor' };
  if (!kind) throw new Error(`movement ${from} → ${to} needs a kind`);
  if (from === 'poor' || to === 'poor') return { poor: kind, nearPoor: null };
  return { poor: null, nearPoor: kind };
}

export class ReviewFixtures {
  private households = 0;
  constructor(readonly ds: DataSource) {}

  async unit(code: string, level: 'province' | 'district' | 'commune' | 'village', name: string, parent: string | null,
    opts: { from?: string; to?: string | null; kind?: string; areaType?: 'rural' | 'urban' | null } = {}): Promise<void> {
    const kind = opts.kind ?? { province: 'tinh', district: 'huyen', commune: 'xa', village: 'thon' }[level];
    await this.ds.query(`INSERT INTO admin_unit (code, level) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [code, level]);
    await this.ds.query(
      `INSERT INTO admin_unit_version (code, name, kind, area_type, parent_code, valid_from, valid_to, name_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [code, name, kind, opts.areaType === undefined ? (level === 'commune' ? 'rural' : null) : opts.areaType, parent, opts.from ?? '2020-01-01', opts.to ?? null, matchKey(name)],
    );
  }

  /** Ends the open version of a unit on a date (the day before the next one begins). */
  async endUnit(code: string, lastDay: string): Promise<void> {
    await this.ds.query(`UPDATE admin_unit_version SET valid_to = $2 WHERE code = $1 AND valid_to IS NULL`, [code, lastDay]);
  }

  async succession(predecessor: string, successor: string, kind: 'merge' | 'split' | 'rename', effective: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO admin_unit_succession (predecessor_code, successor_code, kind, effective_date) VALUES ($1, $2, $3, $4)`,
      [predecessor, successor, kind, effective],
    );
  }

  async household(commune: string, opts: { ethnicity?: string; femaleHead?: boolean; meritorious?: boolean; registeredOn?: string;
    status?: string; statusDate?: string; members?: number } = {}): Promise<number> {
    const n = ++this.households;
    const name = `Chủ hộ ${n}`;
    const ethnicity = opts.ethnicity ?? '01';
    return writeHousehold(this.ds, {
      code: `H${String(n).padStart(5, '0')}`, communeCode: commune, status: (opts.status ?? 'active') as HouseholdStatus,
      statusDate: opts.statusDate ?? null, registeredOn: opts.registeredOn ?? '2020-01-01', meritorious: opts.meritorious ?? false,
      head: { fullName: name, sex: opts.femaleHead ? 'female' : 'male', birthYear: 1970, ethnicity },
      members: Array.from({ length: opts.members ?? 0 }, (_, i) => ({
        fullName: `Thành viên ${i + 1}`, sex: 'male' as const, birthYear: 1990, relation: (i === 0 ? 'head' : 'child') as Relation, ethnicity,
      })),
    });
  }

  /** Several households at once: returns their ids. */
  async householdsIn(commune: string, count: number, opts: Parameters<ReviewFixtures['household']>[1] = {}): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) ids.push(await this.household(commune, opts));
    return ids;
  }

  /**
   * A review round; decided by default (decision on 10 Dec of the year), under ND07-2021 for the
   * list years 2022–2026. `totals: null` leaves the resident totals empty (the register fallback).
   */
  async round(commune: string, year: number, opts: { kind?: 'periodic' | 'baseline' | 'regular'; totals?: [number, number] | null;
    decisionDate?: string; status?: string; standard?: string } = {}): Promise<number> {
    const status = opts.status ?? 'decided';
    const decided = status === 'decided' || status === 'reported';
    const totals = opts.totals === undefined ? [100, 400] : opts.totals;
    const [{ id }] = await this.ds.query(
      `INSERT INTO review_round (commune_code, year, kind, month, list_year, standard_code, status, total_households, total_persons,
                                 decision_number, decision_date, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [commune, year, opts.kind ?? 'periodic', opts.kind === 'regular' ? 6 : null, year + 1, opts.standard ?? 'ND07-2021', status,
        totals?.[0] ?? null, totals?.[1] ?? null, decided ? `${year}/QĐ-UBND` : null, decided ? opts.decisionDate ?? `${year}-12-10` : null,
        decided ? new Date(`${opts.decisionDate ?? `${year}-12-10`}T09:00:00Z`) : null],
    );
    return id;
  }

  async results(roundId: number, rows: ResultSpec[]): Promise<void> {
    if (!rows.length) return;
    await this.ds.query(
      `INSERT INTO review_result (round_id, household_id, standard_code, area_type, b1_score, deprivations, deprivation_count,
                                  computed_class, decided_class, farm_average, causes, explanation,
                                  snap_persons, snap_head_sex, snap_head_ethnicity, snap_ethnic_minority, snap_female_head,
                                  snap_meritorious, snap_no_labour, snap_children, snap_children_no_insurance,
                                  snap_children_malnourished, snap_children_out_of_school)
       SELECT $1, x.hh, r.standard_code, 'rural', CASE WHEN x.cls IN ('poor', 'near_poor') THEN 120 ELSE 200 END,
              string_to_array(x.deps, ','), coalesce(array_length(string_to_array(x.deps, ','), 1), 0),
              x.cls, x.cls, x.farm, string_to_array(x.causes, ',')::smallint[], 'fixture',
              x.persons, CASE WHEN x.female THEN 'female' ELSE 'male' END, x.eth, x.eth <> '01', x.female,
              x.merit, x.nolab, x.ch, x.ch_ni, x.ch_mn, x.ch_os
         FROM review_round r,
              jsonb_to_recordset($2::jsonb) AS x(hh int, cls text, persons int, deps text, causes text, eth text, female boolean,
                                                 merit boolean, nolab boolean, farm boolean, ch int, ch_ni int, ch_mn int, ch_os int)
        WHERE r.id = $1`,
      [roundId, JSON.stringify(rows.map((r) => ({
        hh: r.hh, cls: r.cls, persons: r.persons ?? 4, deps: (r.deprivations ?? []).join(','), causes: (r.causes ?? []).join(','),
        eth: r.ethnicity ?? '01', female: r.femaleHead ?? false, merit: r.meritorious ?? false, nolab: r.noLabour ?? false,
        farm: r.farmAverage ?? false, ch: r.children?.[0] ?? 0, ch_ni: r.children?.[1] ?? 0, ch_mn: r.children?.[2] ?? 0, ch_os: r.children?.[3] ?? 0,
      })))],
    );
  }

  async movement(roundId: number, rows: MoveSpec[]): Promise<void> {
    if (!rows.length) return;
    await this.ds.query(
      `INSERT INTO review_movement (round_id, household_id, start_class, end_class, poor_move, near_poor_move, persons_start, persons_end)
       SELECT $1, x.hh, x.s, x.e, x.pm, x.nm, x.ps, x.pe
         FROM jsonb_to_recordset($2::jsonb) AS x(hh int, s text, e text, pm text, nm text, ps int, pe int)`,
      [roundId, JSON.stringify(rows.map((m) => {
        const k = movementKinds(m);
        return { hh: m.hh, s: m.from, e: m.to, pm: k.poor, nm: k.nearPoor, ps: m.ps, pe: m.pe };
      }))],
    );
  }

  /** What the reviews module does when it decides a round: the aggregates, in one transaction. */
  async aggregate(aggregates: AggregatesService, ...roundIds: number[]): Promise<void> {
    for (const id of roundIds) await this.ds.transaction((m) => aggregates.rebuildRound(m, id));
  }

  async plan(unitCode: string, year: number, target: number, unit: 'points' | 'households'): Promise<void> {
    await this.ds.query(`INSERT INTO reduction_plan (unit_code, year, target, target_unit) VALUES ($1, $2, $3, $4)`, [unitCode, year, target, unit]);
  }
}
