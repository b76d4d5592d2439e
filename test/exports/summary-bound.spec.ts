import type { Worksheet } from 'exceljs';
import { DISTRICT, PROVINCE } from '../../src/demo/chiem-hoa';
import { seedDemoPlanRounds } from '../utils/demo-plan-rounds';
import { createTestApp, TestApp } from '../utils/test-app';
import { binary } from './export-app';
import { num, readXlsx, rowOf } from './xlsx-read';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The summary workbook bound to the real reports (no fake ReportSource): Chiêm Hóa with the demo
 * plan's counts as decided rounds of 2021 and 2022. Every figure of tables 1–3 must be the JSON
 * report's figure, for the district and each of its 26 communes.
 */
describe('GET /api/reports/summary.xlsx on the real reports', () => {
  let t: TestApp;
  let token: string;
  let json: any;
  let t1: Worksheet;
  let t2: Worksheet;
  let t3: Worksheet;

  const getJson = async (unit: string) => {
    const res = await t.http().get(`/api/reports/summary?unit=${unit}&year=2022`).set('Authorization', `Bearer ${token}`);
    if (res.status !== 200) throw new Error(`summary ${unit}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const getXlsx = async (unit: string) => {
    const res = await t.http().get(`/api/reports/summary.xlsx?unit=${unit}&year=2022`).set('Authorization', `Bearer ${token}`).buffer(true).parse(binary);
    if (res.status !== 200) throw new Error(`summary.xlsx ${unit}: ${res.status} ${res.body.toString().slice(0, 300)}`);
    return readXlsx(res.body);
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoPlanRounds(t);
    token = await t.tokenFor('province', PROVINCE.code);
    json = await getJson(DISTRICT.code);
    const wb = await getXlsx(DISTRICT.code);
    t1 = wb.getWorksheet('1. Kết quả rà soát')!;
    t2 = wb.getWorksheet('2. Diễn biến hộ nghèo')!;
    t3 = wb.getWorksheet('3. Diễn biến hộ cận nghèo')!;
  }, 180_000);
  afterAll(() => t?.close());

  it('the fixture is the article\'s district: 9,776 → 8,162 poor households, 26 communes, complete', () => {
    expect(json).toMatchObject({ status: 'complete', poor: { start: 9776, end: 8162, rateEnd: 26.04 }, households: { start: 31223, end: 31344 } });
    expect(json.children).toHaveLength(26);
  });

  const units = () => [json, ...json.children] as any[];

  it('table 1: households, persons, poor and near-poor counts and rates, farm households of each unit equal the JSON report', () => {
    for (const u of units()) {
      const r = rowOf(t1, u.unit.name);
      const cells = ['C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P'].map((c) => num(t1, `${c}${r}`));
      expect({ unit: u.unit.name, cells }).toEqual({
        unit: u.unit.name,
        cells: [
          u.households.end, u.persons.end,
          u.poor.end, u.poor.rateEnd, u.nearPoor.end, u.nearPoor.rateEnd, u.farmAverage.households, u.farmAverage.rate,
          u.poorPersons.end, u.poorPersons.rateEnd, u.nearPoorPersons.end, u.nearPoorPersons.rateEnd, u.farmAverage.persons, u.farmAverage.personsRate,
        ],
      });
    }
  });

  it('table 1: rates are numbers shown with 2 decimals', () => {
    for (const u of units()) {
      const r = rowOf(t1, u.unit.name);
      for (const c of ['F', 'H', 'J', 'L', 'N', 'P']) {
        expect(typeof num(t1, `${c}${r}`)).toBe('number');
        expect(t1.getCell(`${c}${r}`).numFmt).toBe('0.00');
        expect(Math.round((num(t1, `${c}${r}`) as number) * 100) / 100).toBe(num(t1, `${c}${r}`));
      }
    }
  });

  const movementRow = (ws: Worksheet, r: number) => ['D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L'].map((c) => num(ws, `${c}${r}`));

  it('table 2: start, each movement column and end of the poor households and persons equal the JSON report', () => {
    for (const u of units()) {
      const r = rowOf(t2, u.unit.name);
      const expected = (c: any) => [c.start, c.movement.toNearPoor, c.movement.aboveNearPoor, c.movement.otherOut, c.movement.fromNearPoor, c.movement.fellBack, c.movement.newlyPoor, c.movement.otherIn, c.end];
      expect({ unit: u.unit.name, households: movementRow(t2, r), persons: movementRow(t2, r + 1) })
        .toEqual({ unit: u.unit.name, households: expected(u.poor), persons: expected(u.poorPersons) });
    }
  });

  it('table 3: the same for the near-poor households', () => {
    for (const u of units()) {
      const r = rowOf(t3, u.unit.name);
      const expected = (c: any) => [c.start, c.movement.toPoor, c.movement.aboveNearPoor, c.movement.otherOut, c.movement.fromPoor, c.movement.fellBack, c.movement.newlyNearPoor, c.movement.otherIn, c.end];
      expect({ unit: u.unit.name, households: movementRow(t3, r), persons: movementRow(t3, r + 1) })
        .toEqual({ unit: u.unit.name, households: expected(u.nearPoor), persons: expected(u.nearPoorPersons) });
    }
  });

  it('a province: the district is row 1 with its communes 1.1, 1.2… carrying the district report\'s figures', async () => {
    const ws = (await getXlsx(PROVINCE.code)).getWorksheet('1. Kết quả rà soát')!;
    const d = rowOf(ws, DISTRICT.name);
    expect(num(ws, `E${d}`)).toBe(json.poor.end);
    const first = json.children[0];
    const r = rowOf(ws, first.unit.name);
    expect(r).toBeGreaterThan(d);
    expect(String(ws.getCell(`A${r}`).value)).toMatch(/^\d+\.\d+$/);
    expect([num(ws, `C${r}`), num(ws, `E${r}`), num(ws, `F${r}`)]).toEqual([first.households.end, first.poor.end, first.poor.rateEnd]);
  });
});
