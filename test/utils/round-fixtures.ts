import { matchKey } from '../../src/common/text/vietnamese';
import { addDays, isWorkingDay, postingEndDate, regularRoundDates } from '../../src/reviews/domain/round-state';
import { addHousehold } from './reviews';
import type { TestApp } from './test-app';

/**
 * Fixtures of standards and review rounds for the permission matrix and the bad-input suite,
 * made through the real routes as an admin (households and extra units by SQL, as the scope
 * fixture does). Rounds are regular rounds on a free (year, month) of their commune, so any number
 * can be made in one commune; a `stage` takes a round through the state machine.
 */
export type Stage = 'draft' | 'surveying' | 'meeting' | 'posted' | 'opinion' | 'decided' | 'reported';
const ORDER: Stage[] = ['draft', 'surveying', 'meeting', 'posted', 'opinion', 'decided', 'reported'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

export class RoundFixtures {
  private n = 0;
  /** per commune: the next free slot among decidable months (2022–2025) and later ones (2026–2030) */
  private readonly slots = new Map<string, { early: number; late: number }>();
  private readonly shared = new Map<string, Promise<unknown>>();

  constructor(private readonly t: TestApp, private readonly adminToken: () => string) {}

  async call(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown): Promise<{ status: number; body: Body }> {
    const r = this.t.http()[method](path).set('Authorization', `Bearer ${this.adminToken()}`);
    return body === undefined ? r : r.send(body as object);
  }

  async ok(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown): Promise<Body> {
    const res = await this.call(method, path, body);
    if (res.status >= 300) throw new Error(`reviews fixture ${method.toUpperCase()} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A file download (e.g. a workbook) as bytes. */
  async file(path: string): Promise<Buffer> {
    const res = await this.t.http().get(path).set('Authorization', `Bearer ${this.adminToken()}`).buffer(true)
      .parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => cb(null, Buffer.concat(chunks))); });
    if (res.status !== 200) throw new Error(`reviews fixture GET ${path}: ${res.status}`);
    return res.body as Buffer;
  }

  /** Made once per key (per test file), then reused. */
  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.shared.has(key)) this.shared.set(key, make());
    return this.shared.get(key) as Promise<T>;
  }

  next(): number {
    return ++this.n;
  }

  /** A new rural commune (with one village) under a district, by SQL. */
  async commune(district = '073'): Promise<string> {
    const code = `RX${process.pid % 1000}${this.next()}`;
    await this.t.ds.transaction(async (m) => {
      for (const [c, level, name, kind, area, parent] of [
        [code, 'commune', `Xã Thử ${code}`, 'xa', 'rural', district],
        [`${code}-1`, 'village', `Thôn Thử ${code}`, 'thon', null, code],
      ] as const) {
        await m.query(`INSERT INTO admin_unit (code, level) VALUES ($1, $2)`, [c, level]);
        await m.query(
          `INSERT INTO admin_unit_version (code, name, kind, area_type, parent_code, valid_from, name_key) VALUES ($1, $2, $3, $4, $5, '2020-01-01', $6)`,
          [c, name, kind, area, parent, matchKey(name)],
        );
      }
    });
    return code;
  }

  /** A new province, by SQL (for local standards, one per province and list year). */
  async province(): Promise<string> {
    const code = `RP${process.pid % 1000}${this.next()}`;
    await this.t.ds.query(`INSERT INTO admin_unit (code, level) VALUES ($1, 'province')`, [code]);
    await this.t.ds.query(
      `INSERT INTO admin_unit_version (code, name, kind, parent_code, valid_from, name_key) VALUES ($1, $2, 'tinh', NULL, '2020-01-01', $3)`,
      [code, `Tỉnh Thử ${code}`, matchKey(`Tỉnh Thử ${code}`)],
    );
    return code;
  }

  async household(commune: string): Promise<{ id: number; code: string }> {
    const code = `RH-${this.next()}`;
    return { id: await addHousehold(this.t.ds, { commune, code, members: [{ sex: 'male', birthYear: 1980 }, { sex: 'female', birthYear: 1985 }] }), code };
  }

  /** A free (year, month) for a regular round of the commune; `decidable`: early enough to be decided today. */
  slot(commune: string, decidable: boolean): { year: number; month: number } {
    const s = this.slots.get(commune) ?? { early: 0, late: 0 };
    this.slots.set(commune, s);
    const early = decidable || s.late >= 60;
    const i = early ? s.early++ : s.late++;
    if (early && i >= 48) throw new Error(`reviews fixture: no decidable month left in ${commune}`);
    return { year: (early ? 2022 : 2026) + Math.floor(i / 12), month: 1 + (i % 12) };
  }

  /** A regular round of the commune taken to `stage` (results and an application from `meeting` on when decidable). */
  async round(commune: string, stage: Stage = 'draft', opts: { opinionRequired?: boolean; poor?: boolean; results?: boolean } = {}): Promise<{ id: number; version: number; year: number; month: number; householdId?: number }> {
    const upTo = (s: Stage) => ORDER.indexOf(stage) >= ORDER.indexOf(s);
    const decidable = upTo('decided') || !!opts.results;
    const { year, month } = this.slot(commune, decidable);
    const mm = String(month).padStart(2, '0');
    let r: Body = await this.ok('post', '/api/review-rounds', { communeCode: commune, year, kind: 'regular', month, opinionRequired: opts.opinionRequired });
    let householdId: number | undefined;
    if (upTo('surveying')) r = await this.ok('post', `/api/review-rounds/${r.id}/start`, { version: r.version });
    if (decidable) {
      householdId = (await this.household(commune)).id;
      await this.ok('post', '/api/review-applications', { householdId, form: 'mau01', filedOn: `${year}-${mm}-05`, roundId: r.id });
      await this.ok('put', `/api/review-rounds/${r.id}/results/${householdId}`,
        opts.poor === false ? { incomePerCapita: 1_000_000, deprivations: ['water'] } : { incomePerCapita: 1_000_000, deprivations: ['water', 'sanitation', 'housingQuality'] });
      r = await this.ok('get', `/api/review-rounds/${r.id}`);
    }
    const meeting = addDays(regularRoundDates(year, month).startsOn, 4);
    let postStart = addDays(meeting, 1);
    while (!isWorkingDay(postStart)) postStart = addDays(postStart, 1);
    const postEnd = postingEndDate(postStart);
    if (upTo('meeting')) r = await this.ok('post', `/api/review-rounds/${r.id}/meeting`, { version: r.version, date: meeting, agreementPct: 80 });
    if (upTo('posted')) r = await this.ok('post', `/api/review-rounds/${r.id}/posting`, { version: r.version, start: postStart });
    if (upTo('opinion') && r.opinionRequired) r = await this.ok('post', `/api/review-rounds/${r.id}/opinion`, { version: r.version, date: postEnd, ref: `YK-${this.next()}` });
    if (upTo('decided')) r = await this.ok('post', `/api/review-rounds/${r.id}/decision`, { version: r.version, decisionNumber: `${this.next()}/QĐ-UBND`, decisionDate: addDays(postEnd, 1) });
    if (upTo('reported')) r = await this.ok('post', `/api/review-rounds/${r.id}/report`, { version: r.version });
    return { id: r.id, version: r.version, year, month, householdId };
  }

  /** A periodic round of 2029 (list year 2030) in the commune, surveying: results can be written (with an income: ND351 has no B1 cut-off yet). */
  periodic(commune: string): Promise<{ id: number }> {
    return this.once(`periodic:${commune}`, async () => {
      const r = await this.ok('post', '/api/review-rounds', { communeCode: commune, year: 2029, kind: 'periodic' });
      await this.ok('post', `/api/review-rounds/${r.id}/start`, { version: r.version, date: '2026-09-07' });
      return { id: r.id as number };
    });
  }

  /** A household of the commune with a result in the commune's periodic round. */
  async result(commune: string): Promise<{ roundId: number; householdId: number; version: number }> {
    const { id: roundId } = await this.periodic(commune);
    const h = await this.household(commune);
    const res = await this.ok('put', `/api/review-rounds/${roundId}/results/${h.id}`, { incomePerCapita: 1_200_000, deprivations: ['water'] });
    return { roundId, householdId: h.id, version: res.version };
  }

  async application(commune: string): Promise<{ id: number; version: number }> {
    const h = await this.household(commune);
    return this.ok('post', '/api/review-applications', { householdId: h.id, form: 'mau01', filedOn: '2024-01-03' });
  }

  async complaint(roundId: number): Promise<{ id: number; version: number }> {
    const round = await this.ok('get', `/api/review-rounds/${roundId}`);
    return this.ok('post', `/api/review-rounds/${roundId}/complaints`, { receivedOn: round.postingStart, content: 'Đề nghị xem xét lại' });
  }

  /** A national standard of its own (list year 2099), with ND07's dimensions and indicators. */
  nationalStandard(): Promise<{ code: string }> {
    return this.once('national', async () => {
      const code = `RS-${this.next()}`;
      await this.ok('post', '/api/standards', {
        code, title: 'Chuẩn thử', decree: 'Nghị định thử', listYearFrom: 2099, listYearTo: 2099, copyIndicatorsFrom: 'ND07-2021',
        lines: [{ areaType: 'rural', incomeLine: 1_500_000, averageUpper: 2_250_000, b1Cutoff: 140 }],
      });
      return { code };
    });
  }

  async standardVersion(code: string): Promise<number> {
    return (await this.ok('get', `/api/standards/${code}`)).version;
  }
}
