import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM_USER } from '../auth/auth-user';
import { COMMUNES } from './chiem-hoa';
import { DEMO_YEARS, DemoYear, demoPlan, REVIEW_DECISION_DATE } from './demo-plan';
import { Rng } from './rng';
import type { StandardRules } from '../standards/domain/classify';
import { StandardsService } from '../standards/standards.service';
import { ApplicationsService } from '../reviews/applications.service';
import { DecisionRepository } from '../reviews/decision.repository';
import { DecisionService } from '../reviews/decision.service';
import { addDays, isWorkingDay, postingEndDate, regularRoundDates } from '../reviews/domain/round-state';
import { BulkResultRow, ResultsService } from '../reviews/results.service';
import { RoundsService } from '../reviews/rounds.service';

/** How often each indicator is deprived among poor households of a northern mountain district (demo weights). */
const INDICATOR_WEIGHTS: Record<string, number> = {
  sanitation: 60, housingQuality: 50, water: 35, adultEducation: 35, informationAssets: 30, employment: 25, dependants: 25,
  housingArea: 20, nutrition: 15, telecom: 10, healthInsurance: 8, childSchooling: 5, wasteTreatment: 20,
};
const CAUSE_WEIGHTS: [number, number][] = [[2, 50], [1, 35], [3, 30], [5, 30], [6, 25], [7, 15], [4, 10], [8, 5]];
const NEED_WEIGHTS: [string, number][] = [['credit', 60], ['production', 50], ['housing', 30], ['employment', 20], ['health', 20], ['education', 15], ['other', 5]];
/** Relative wealth by the head's ethnicity (demo assumption: Mông and Dao households poorer, Kinh less poor). */
const ETHNIC_WEALTH: Record<string, number> = { '01': 0.9, '02': 0, '07': -0.1, '15': -0.2, '25': -0.3, '09': -0.6, '08': -1.0 };

type Cls = 'poor' | 'near_poor' | 'none';
interface Hh {
  id: number;
  commune: string;
  registeredOn: string;
  status: string;
  statusDate: string | null;
  ethnicity: string;
  w: number | null;
  dp: number;
  order: string[];
  causes: number[];
  needs: string[];
  cls: Partial<Record<DemoYear, Cls>>;
}

const activeOn = (h: Hh, d: string) => h.registeredOn <= d && (h.status === 'active' || (h.statusDate ?? '') > d);

function normal(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Weighted sampling without replacement: a household's deprivations in the order they would appear. */
function weightedOrder<T>(rng: Rng, items: [T, number][]): T[] {
  return items.map(([v, w]) => [v, Math.pow(rng.next(), 1 / w)] as const).sort((a, b) => b[1] - a[1]).map(([v]) => v);
}

/**
 * The Chiêm Hóa review demo: decided periodic rounds for 2021, 2022 and 2023 in every commune that
 * hit demo-plan.ts exactly (poor, near-poor, total households), each household classified by the
 * rules from its own generated inputs (Phiếu B1 score, sometimes an income, Phiếu B2 ticks), with
 * causes and needs; a few regular rounds driven by Mẫu 01 / Mẫu 04 applications, and some that are
 * overdue. It runs on the households already in the register (the households demo step).
 */
@Injectable()
export class ReviewsDemoService {
  private readonly logger = new Logger('ReviewsDemo');
  /** milliseconds spent per phase, logged at the end */
  private readonly timing: Record<string, number> = {};
  private async timed<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const t0 = Date.now();
    try {
      return await fn();
    } finally {
      this.timing[phase] = (this.timing[phase] ?? 0) + Date.now() - t0;
    }
  }

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly rounds: RoundsService,
    private readonly decision: DecisionService,
    private readonly decisionRepo: DecisionRepository,
    private readonly results: ResultsService,
    private readonly applications: ApplicationsService,
    private readonly standards: StandardsService,
  ) {}

  async seed(): Promise<Record<string, number>> {
    const plan = demoPlan();
    const rows: { id: number; commune: string; registeredOn: string; status: string; statusDate: string | null; ethnicity: string }[] = await this.ds.query(
      `SELECT id, commune_code AS commune, registered_on AS "registeredOn", status, status_date AS "statusDate", head_ethnicity AS ethnicity
         FROM household WHERE commune_code = ANY($1::varchar[]) ORDER BY commune_code, id`,
      [plan.map((p) => p.code)],
    );
    if (!rows.length) {
      this.logger.warn('demo reviews: no households in the Chiêm Hóa communes — run the households demo step first; nothing done');
      return { rounds: 0 };
    }
    const byCommune = new Map<string, Hh[]>();
    for (const r of rows) {
      const list = byCommune.get(r.commune) ?? [];
      list.push({ ...r, w: null, dp: 0, order: [], causes: [], needs: [], cls: {} });
      byCommune.set(r.commune, list);
    }
    this.model(byCommune);

    const summary = { periodicRounds: 0, regularRounds: 0, openRounds: 0, results: 0, applications: 0, registerMismatches: 0 };
    const rules = new Map<number, StandardRules>();
    for (const y of DEMO_YEARS) rules.set(y, (await this.standards.forListYear(y + 1)).rules);

    for (const y of DEMO_YEARS) {
      if (y > 2021) {
        const r = await this.regularRounds(byCommune, y as 2022 | 2023, rules.get(y - 1 as DemoYear)!);
        summary.regularRounds += r.rounds;
        summary.applications += r.applications;
        summary.results += r.results;
      }
      for (const [i, p] of plan.entries()) {
        const r = await this.periodicRound(p.code, i, y, byCommune.get(p.code) ?? [], { households: p.households[y], poor: p.poor[y], nearPoor: p.nearPoor[y] }, rules.get(y)!);
        summary.periodicRounds++;
        summary.results += r.results;
        if (r.mismatch) summary.registerMismatches++;
      }
      this.logger.log(`demo reviews: periodic rounds of ${y} decided`);
    }
    const open = await this.openWork(byCommune);
    summary.openRounds += open.rounds;
    summary.applications += open.applications;
    this.logger.log(`demo reviews: time by phase (ms) ${JSON.stringify(this.timing)}`);
    return summary;
  }

  /**
   * A latent living standard per household that drifts from year to year; each year the commune's
   * poorest households (exactly poor + near-poor of the plan) are below the line, and among them
   * those with the most deprivations are poor. Gives natural movement: escapes, new poverty, and
   * households that fall back.
   */
  private model(byCommune: Map<string, Hh[]>): void {
    for (const [ci, p] of demoPlan().entries()) {
      const hh = byCommune.get(p.code) ?? [];
      const rng = new Rng(9000 + ci);
      const town = COMMUNES[ci].kind === 'thi_tran';
      for (const h of hh) {
        h.order = weightedOrder(rng, Object.entries(INDICATOR_WEIGHTS));
        h.causes = weightedOrder(rng, CAUSE_WEIGHTS).slice(0, rng.int(1, 3)).sort((a, b) => a - b);
        h.needs = weightedOrder(rng, NEED_WEIGHTS).slice(0, rng.int(1, 3));
      }
      for (const y of DEMO_YEARS) {
        const D = REVIEW_DECISION_DATE[y];
        for (const h of hh) {
          if (h.w === null) {
            h.w = (ETHNIC_WEALTH[h.ethnicity] ?? -0.2) + (town ? 1.2 : 0) + normal(rng);
            h.dp = normal(rng) - 0.5 * h.w;
          } else {
            h.w += 0.12 + 0.45 * normal(rng);
            h.dp = 0.85 * h.dp + 0.4 * normal(rng) - 0.05;
          }
        }
        const active = hh.filter((h) => activeOn(h, D)).sort((a, b) => a.w! - b.w!);
        const below = active.slice(0, Math.min(active.length, p.poor[y] + p.nearPoor[y])).sort((a, b) => b.dp - a.dp);
        for (const h of active) h.cls[y] = 'none';
        below.forEach((h, k) => (h.cls[y] = k < p.poor[y] ? 'poor' : 'near_poor'));
      }
    }
  }

  /** Phiếu B1, income and Phiếu B2 inputs from which the rules give the household's class. */
  private inputs(rng: Rng, h: Hh, cls: Cls, rules: StandardRules, area: 'rural' | 'urban', farmOk: boolean): Omit<BulkResultRow, 'householdId'> {
    const line = rules.lines[area]!;
    const cutoff = line.b1Cutoff;
    const below = cls !== 'none';
    const round10k = (n: number) => Math.floor(n / 10_000) * 10_000;
    let income: number | null = null;
    let farm = false;
    if (below) {
      if (cutoff === null || rng.chance(0.35)) income = round10k(line.incomeLine * (0.45 + 0.55 * rng.next()));
    } else if (cutoff === null || rng.chance(0.35)) {
      const avg = line.averageUpper;
      if (avg !== null && rng.chance(0.45)) {
        income = round10k(line.incomeLine + 10_000 + rng.next() * (avg - line.incomeLine - 10_000));
        farm = farmOk && rng.chance(0.3);
      } else income = round10k((avg ?? line.incomeLine) + 10_000 + rng.next() * 3_000_000);
    }
    const b1 = cutoff === null ? null : below ? cutoff - Math.floor(rng.next() * (cls === 'poor' ? 75 : 50)) : cutoff + 1 + Math.floor(rng.next() * 150);
    const known = new Set(rules.indicators.map((i) => i.key));
    const order = h.order.filter((k) => known.has(k));
    const k = cls === 'poor' ? rng.weighted([[3, 35], [4, 30], [5, 20], [6, 10], [7, 5]] as const)
      : rng.weighted([[0, 45], [1, 35], [2, 20]] as const);
    return {
      b1Score: b1, incomePerCapita: income, enteredDeprivations: order.slice(0, k), farmAverage: farm,
      causes: below ? h.causes : [], supportNeeds: below ? h.needs : [],
    };
  }

  private async periodicRound(
    commune: string, index: number, y: DemoYear, hh: Hh[], target: { households: number; poor: number; nearPoor: number }, rules: StandardRules,
  ): Promise<{ results: number; mismatch: boolean }> {
    const D = REVIEW_DECISION_DATE[y];
    const area: 'rural' | 'urban' = COMMUNES[index].kind === 'thi_tran' ? 'urban' : 'rural';
    const active = hh.filter((h) => activeOn(h, D));
    const mismatch = active.length !== target.households;
    if (mismatch) {
      this.logger.warn(`demo reviews: ${commune} has ${active.length} households on the register on ${D}, the plan says ${target.households}; the round records the plan's total`);
    }
    const register = await this.timed('register totals', () => this.decisionRepo.registerTotals(this.ds.manager, commune, D));
    const u = SYSTEM_USER;
    let round = await this.timed('create', () => this.rounds.create(u, { communeCode: commune, year: y, kind: 'periodic', totalHouseholds: target.households, totalPersons: register.persons }));
    const id = round.id;
    const rng = new Rng(y * 100 + index);
    const start = `${y}-09-${String(5 + (index % 10)).padStart(2, '0')}`;
    round = await this.rounds.start(u, id, { version: round.version, date: start });
    const rows = active.map((h) => ({ householdId: h.id, ...this.inputs(rng, h, h.cls[y]!, rules, area, area === 'rural') }));
    await this.timed('results', () => this.results.bulkWrite(u, id, rows, 'demo'));
    round = await this.rounds.get(u, id) as typeof round;
    let meeting = `${y}-10-${String(10 + (index % 12)).padStart(2, '0')}`;
    if (y === 2021 && index % 13 === 5) {
      // the first village meeting did not reach 50 %: back to surveying, meet again a week later (Art. 4.3)
      round = await this.rounds.meeting(u, id, { version: round.version, date: meeting, agreementPct: 44.5, minutesRef: `BB-${commune}-${y}-01` });
      meeting = addDays(meeting, 7);
    }
    round = await this.rounds.meeting(u, id, { version: round.version, date: meeting, agreementPct: 62 + rng.int(0, 36), minutesRef: `BB-${commune}-${y}`, attendees: 40 + rng.int(0, 80) });
    let postStart = addDays(meeting, 1);
    while (!isWorkingDay(postStart)) postStart = addDays(postStart, 1);
    round = await this.rounds.post(u, id, { version: round.version, start: postStart });
    if (index % 9 === 3) {
      const who = active.find((h) => h.cls[y] === 'none');
      const c = await this.rounds.addComplaint(u, id, { householdId: who?.id, receivedOn: postStart, content: 'Hộ đề nghị xem xét lại kết quả chấm điểm Phiếu B1.' }) as { id: number; version: number };
      await this.rounds.recheckComplaint(u, id, c.id, { version: c.version, recheckedOn: addDays(postStart, 2), outcome: 'Phúc tra: kết quả chấm điểm đúng, giữ nguyên.' });
      round = await this.rounds.get(u, id) as typeof round;
    }
    const end = postingEndDate(postStart);
    if (round.opinionRequired) {
      round = await this.rounds.opinion(u, id, { version: round.version, date: addDays(end, 14 + (index % 7)), ref: `${1200 + index}/UBND-LĐTBXH`, by: 'Chủ tịch UBND huyện Chiêm Hóa' });
    }
    const decided = await this.timed('decide', () => this.decision.decide(u, id, { version: round.version, decisionNumber: `${200 + index}/QĐ-UBND`, decisionDate: D }));
    const got = decided.decision!;
    if (got.poor !== target.poor || got.nearPoor !== target.nearPoor) {
      throw new Error(`demo reviews: ${commune} ${y} decided ${got.poor} poor / ${got.nearPoor} near-poor, the plan says ${target.poor} / ${target.nearPoor}`);
    }
    if (y < 2023) await this.rounds.report(u, id, { version: decided.version });
    return { results: rows.length, mismatch };
  }

  /**
   * Regular rounds in some communes during `y`: Mẫu 04 from poor households that escape this year,
   * Mẫu 01 from households that become poor, reviewed on the 15th and decided within 15 days.
   */
  private async regularRounds(byCommune: Map<string, Hh[]>, y: 2022 | 2023, rules: StandardRules): Promise<{ rounds: number; applications: number; results: number }> {
    const prev = (y - 1) as DemoYear;
    let rounds = 0;
    let applications = 0;
    let results = 0;
    for (const [i, c] of COMMUNES.entries()) {
      if (i % 5 !== (y === 2022 ? 1 : 3)) continue;
      const month = 3 + (i % 6);
      const { startsOn } = regularRoundDates(y, month);
      const filedOn = `${y}-${String(month).padStart(2, '0')}-${String(3 + (i % 8)).padStart(2, '0')}`;
      const hh = byCommune.get(c.code) ?? [];
      const ok = (h: Hh) => activeOn(h, REVIEW_DECISION_DATE[y]) && h.registeredOn <= filedOn;
      const escaping = hh.filter((h) => ok(h) && h.cls[prev] === 'poor' && h.cls[y] !== 'poor').slice(0, 2);
      const entering = hh.filter((h) => ok(h) && h.cls[prev] === 'none' && h.cls[y] === 'poor').slice(0, 2);
      const refused = hh.find((h) => ok(h) && h.cls[prev] === 'none' && h.cls[y] === 'none' && !escaping.includes(h));
      if (!escaping.length && !entering.length) continue;
      for (const h of escaping) await this.applications.create(SYSTEM_USER, { householdId: h.id, form: 'mau04', filedOn, channel: 'direct' });
      for (const h of entering) await this.applications.create(SYSTEM_USER, { householdId: h.id, form: 'mau01', filedOn, channel: i % 2 ? 'online' : 'direct' });
      applications += escaping.length + entering.length;
      let round = await this.rounds.create(SYSTEM_USER, { communeCode: c.code, year: y, kind: 'regular', month });
      const id = round.id;
      round = await this.rounds.start(SYSTEM_USER, id, { version: round.version, date: startsOn });
      const rng = new Rng(y * 1000 + i);
      const area: 'rural' | 'urban' = c.kind === 'thi_tran' ? 'urban' : 'rural';
      const rows = [...escaping, ...entering].map((h) => ({ householdId: h.id, quickScreen: 'passed' as const, ...this.inputs(rng, h, h.cls[y]!, rules, area, false) }));
      await this.results.bulkWrite(SYSTEM_USER, id, rows, 'demo');
      results += rows.length;
      round = await this.rounds.get(SYSTEM_USER, id) as typeof round;
      const meeting = addDays(startsOn, 4);
      round = await this.rounds.meeting(SYSTEM_USER, id, { version: round.version, date: meeting, agreementPct: 85, minutesRef: `BB-TX-${c.code}-${y}-${month}` });
      let postStart = addDays(meeting, 1);
      while (!isWorkingDay(postStart)) postStart = addDays(postStart, 1);
      round = await this.rounds.post(SYSTEM_USER, id, { version: round.version, start: postStart });
      const decisionDate = addDays(postingEndDate(postStart), 1);
      const decided = await this.decision.decide(SYSTEM_USER, id, { version: round.version, decisionNumber: `${50 + i}/QĐ-UBND`, decisionDate });
      await this.rounds.report(SYSTEM_USER, id, { version: decided.version });
      rounds++;
      if (refused) {
        const a = await this.applications.create(SYSTEM_USER, { householdId: refused.id, form: 'mau01', filedOn: addDays(decisionDate, 3), channel: 'post' }) as unknown as { id: number; version: number };
        await this.applications.update(SYSTEM_USER, a.id, { version: a.version, status: 'refused', answer: 'Qua rà soát, hộ có điểm B1 trên ngưỡng: không thuộc diện hộ nghèo, hộ cận nghèo.' });
        applications++;
      }
    }
    return { rounds, applications, results };
  }

  /** Work left open: regular rounds of Feb 2024 not decided in time, and applications no round has taken up. */
  private async openWork(byCommune: Map<string, Hh[]>): Promise<{ rounds: number; applications: number }> {
    let rounds = 0;
    let applications = 0;
    for (const [i, c] of COMMUNES.entries()) {
      if (i !== 2 && i !== 11 && i !== 19 && i !== 24) continue;
      const hh = (byCommune.get(c.code) ?? []).filter((h) => h.status === 'active' && h.cls[2023] === 'none').slice(0, 2);
      if (!hh.length) continue;
      if (i === 2 || i === 11) {
        for (const h of hh) await this.applications.create(SYSTEM_USER, { householdId: h.id, form: 'mau01', filedOn: '2024-02-05', channel: 'direct' });
        const round = await this.rounds.create(SYSTEM_USER, { communeCode: c.code, year: 2024, kind: 'regular', month: 2 });
        await this.rounds.start(SYSTEM_USER, round.id, { version: round.version, date: '2024-02-15' });
        rounds++;
      } else {
        for (const h of hh) await this.applications.create(SYSTEM_USER, { householdId: h.id, form: 'mau01', filedOn: '2024-03-04', channel: 'online' });
      }
      applications += hh.length;
    }
    return { rounds, applications };
  }
}

