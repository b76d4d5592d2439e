import { addHousehold, addRound, bearer, C1, C2, D1, seedUnits } from '../program/fixtures';
import { createTestApp, TestApp } from '../utils/test-app';
import { binary } from './export-app';
import { num, readXlsx, rowOf } from './xlsx-read';

/* eslint-disable @typescript-eslint/no-explicit-any */

const M = 1_000_000;

/**
 * The program progress workbook bound to the real ProgressService (no fake ReportSource): a small
 * district in 2023; each project row of the workbook must carry the JSON report's figures.
 */
describe('GET /api/exports/program-progress.xlsx on the real program module', () => {
  let t: TestApp;
  let district: string;
  let json: any;
  let ws: import('exceljs').Worksheet;

  const post = async (path: string, body: object) => {
    const res = await t.http().post(path).set(bearer(district)).send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedUnits(t.ds);
    district = await t.tokenFor('district', D1);
    const [a, b, c] = [await addHousehold(t.ds, C1), await addHousehold(t.ds, C1), await addHousehold(t.ds, C2)];
    await addRound(t.ds, { commune: C1, year: 2022, kind: 'periodic', decisionDate: '2022-12-09' }, [[a, 'poor'], [b, 'near_poor']]);
    await addRound(t.ds, { commune: C2, year: 2022, kind: 'periodic', decisionDate: '2022-12-09' }, [[c, 'poor']]);
    await addRound(t.ds, { commune: C1, year: 2023, kind: 'periodic', decisionDate: '2023-12-08' }, [[a, 'near_poor'], [b, 'above']]);
    const fund = (body: object) => post('/api/program-funds', { year: 2023, source: 'central', fundType: 'recurrent', entryDate: '2023-03-01', ...body });
    await fund({ unitCode: C1, projectCode: 'GNBV21-DA3-TDA1', kind: 'allocated', amount: 400 * M });
    await fund({ unitCode: C1, projectCode: 'GNBV21-DA3-TDA1', kind: 'allocated', amount: 100 * M, source: 'local', fundType: 'investment' });
    await fund({ unitCode: C1, projectCode: 'GNBV21-DA3-TDA1', kind: 'disbursed', amount: 250 * M, entryDate: '2023-09-01' });
    await fund({ unitCode: D1, projectCode: 'GNBV21-DA7-TDA1', kind: 'allocated', amount: 200 * M });
    await post('/api/program-activities', { unitCode: D1, projectCode: 'GNBV21-DA7-TDA1', kind: 'training', title: 'Tập huấn', date: '2023-05-01', participants: { total: 100 } });
    const support = (householdId: number) => post('/api/program-beneficiaries', { householdId, projectCode: 'GNBV21-DA3-TDA1', supportType: 'production_support', amount: 5 * M, date: '2023-03-10' });
    await support(a);
    await support(b);
    await support(c);

    const res = await t.http().get(`/api/program/progress?unit=${D1}&year=2023`).set(bearer(district));
    expect(res.status).toBe(200);
    json = res.body;
    const x = await t.http().get(`/api/exports/program-progress.xlsx?unit=${D1}&year=2023`).set(bearer(district)).buffer(true).parse(binary);
    if (x.status !== 200) throw new Error(`program-progress.xlsx: ${x.status} ${x.body.toString().slice(0, 300)}`);
    ws = (await readXlsx(x.body)).worksheets[0];
  }, 120_000);
  afterAll(() => t?.close());

  const nodes = () => json.programs[0].projects.flatMap((p: any) => [p, ...p.subProjects]);

  it('every project and sub-project row: funds by source and type, disbursement rate, activities, supported households', () => {
    expect(nodes().length).toBeGreaterThan(5);
    for (const p of nodes()) {
      const r = rowOf(ws, `${p.label}: ${p.name}`);
      const f = p.funds;
      const cells = ['C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'S', 'T', 'U', 'V'].map((col) => num(ws, `${col}${r}`));
      expect({ code: p.code, cells }).toEqual({
        code: p.code,
        cells: [
          f.allocated, f.bySource.central.allocated, f.bySource.local.allocated, f.bySource.other.allocated, f.byType.investment.allocated, f.byType.recurrent.allocated,
          f.disbursed, f.bySource.central.disbursed, f.bySource.local.disbursed, f.bySource.other.disbursed, f.byType.investment.disbursed, f.byType.recurrent.disbursed,
          f.allocated > 0 ? f.rate : null,
          p.activities.count, p.activities.participants.total,
          p.households.poor, p.households.nearPoor, p.households.recentlyEscaped, p.households.other,
        ],
      });
    }
  });

  it('the supported households that left their class at the 2023 review (one commune of two has decided it)', () => {
    const sub = nodes().find((p: any) => p.code === 'GNBV21-DA3-TDA1');
    expect(sub.households).toMatchObject({ poor: 2, nearPoor: 1 });
    const r = rowOf(ws, `${sub.label}: ${sub.name}`);
    // a: poor → near-poor (escaped poverty), b: near-poor → above (escaped near-poverty)
    expect(num(ws, `W${r}`)).toBe(sub.outcome.escapedPoverty + sub.outcome.escapedNearPoverty);
    expect(num(ws, `W${r}`)).toBe(2);
  });

  it('the total row carries the program\'s figures', () => {
    const r = rowOf(ws, 'Tổng cộng');
    const total = json.programs[0].total;
    expect([num(ws, `C${r}`), num(ws, `I${r}`), num(ws, `P${r}`), num(ws, `S${r}`)]).toEqual([total.funds.allocated, total.funds.disbursed, total.activities.count, total.households.poor]);
  });
});
