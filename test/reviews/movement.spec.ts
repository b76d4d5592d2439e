import { seedDemoUnits } from '../../src/demo/seed-units';
import { MovementRow, personsContribution } from '../../src/reviews/domain/movement';
import { writeMembers } from '../utils/register-writer';
import { createTestApp, TestApp } from '../utils/test-app';
import { addHousehold, bearer, FAMILY, RURAL, runRound, setStatus } from '../utils/reviews';

type Cls = keyof typeof RURAL;

/**
 * A hand-made history of one rural commune under ND07 (rounds 2021 → 2024) with every kind of
 * movement, including a household that fell back into poverty two years after escaping and
 * households that moved away or died out.
 */
describe('movement on a hand-made history (real PostgreSQL)', () => {
  let t: TestApp;
  let token: string;
  const C = '02299';
  const ids: Record<string, number> = {};
  const rounds: Record<number, number> = {};

  // the classes each household is given per round year ('-' = no result)
  const history: Record<string, Partial<Record<2021 | 2022 | 2023 | 2024, Cls>>> = {
    A: { 2021: 'poor', 2022: 'poor', 2023: 'poor', 2024: 'poor' },
    B: { 2021: 'poor', 2022: 'near_poor', 2023: 'near_poor', 2024: 'near_poor' },
    C: { 2021: 'poor', 2022: 'above', 2023: 'above', 2024: 'poor' }, // fell back after escaping two years earlier
    D: { 2021: 'poor' }, // moved away in 2022
    E: { 2021: 'near_poor', 2022: 'poor', 2023: 'poor', 2024: 'poor' },
    F: { 2021: 'near_poor', 2022: 'above', 2023: 'near_poor', 2024: 'near_poor' }, // fell back into near-poverty
    G: { 2021: 'above', 2022: 'poor', 2023: 'average', 2024: 'above' },
    H: { 2022: 'near_poor', 2023: 'near_poor', 2024: 'near_poor' },
    I: { 2022: 'poor', 2023: 'poor', 2024: 'poor' }, // split off A in 2022
    J: { 2022: 'near_poor', 2023: 'near_poor', 2024: 'near_poor' }, // moved in 2022
    K: { 2021: 'near_poor' }, // died out in 2022
    L: { 2021: 'near_poor', 2022: 'near_poor', 2023: 'near_poor', 2024: 'near_poor' }, // a baby in 2022
    M: { 2021: 'poor', 2022: 'poor', 2023: 'poor', 2024: 'poor' }, // a member left in 2022
    N: { 2021: 'above', 2022: 'above', 2023: 'above', 2024: 'above' },
    P: { 2021: 'poor', 2022: 'above', 2023: 'poor', 2024: 'poor' }, // fell back one year after escaping
  };

  const putAll = async (year: 2021 | 2022 | 2023 | 2024, roundId: number) => {
    for (const [k, h] of Object.entries(history)) {
      const cls = h[year];
      if (!cls) continue;
      const res = await t.http().put(`/api/review-rounds/${roundId}/results/${ids[k]}`).set(bearer(token)).send(RURAL[cls]);
      if (res.status !== 200) throw new Error(`${k} ${year}: ${res.status} ${JSON.stringify(res.body)}`);
      expect(res.body.decidedClass).toBe(cls);
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.ds.transaction((m) => seedDemoUnits(m));
    token = await t.tokenFor('commune', C);
    for (const k of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'K', 'L', 'M', 'N', 'P']) ids[k] = await addHousehold(t.ds, { commune: C, code: `MV-${k}`, village: `${C}-01` });
    const r21 = await runRound(t, token, { commune: C, year: 2021 }, (id) => putAll(2021, id));
    expect(r21.status).toBe(200);
    rounds[2021] = r21.id;
    // during 2022: D moves away, K dies out, I splits off A, J moves in, L has a baby, M loses a member
    await setStatus(t.ds, ids.D, 'moved_away', '2022-05-01');
    await setStatus(t.ds, ids.K, 'dissolved', '2022-06-01');
    ids.I = await addHousehold(t.ds, { commune: C, code: 'MV-I', registeredOn: '2022-03-01', splitFromId: ids.A, members: FAMILY.slice(0, 2) });
    ids.H = await addHousehold(t.ds, { commune: C, code: 'MV-H' });
    ids.J = await addHousehold(t.ds, { commune: C, code: 'MV-J', registeredOn: '2022-04-01', members: FAMILY.slice(0, 3) });
    await writeMembers(t.ds, ids.L, [{ fullName: 'Bé Nông Thị Na', sex: 'female', birthYear: 2022, relation: 'child' }]);
    await t.ds.query(`DELETE FROM household_member WHERE household_id = $1 AND relation <> 'head' AND birth_year = 2013`, [ids.M]);
    for (const y of [2022, 2023, 2024] as const) {
      const r = await runRound(t, token, { commune: C, year: y }, (id) => putAll(y, id));
      if (r.status !== 200) throw new Error(`decide ${y}: ${r.status} ${JSON.stringify(r.body)}`);
      rounds[y] = r.id;
    }
  }, 120_000);
  afterAll(() => t.close());

  const movement = async (year: number) => {
    const rows: { code: string; poor: string | null; near: string | null; ps: number; pe: number; sc: string; ec: string }[] = await t.ds.query(
      `SELECT h.code, mv.poor_move AS poor, mv.near_poor_move AS near, mv.persons_start AS ps, mv.persons_end AS pe,
              mv.start_class AS sc, mv.end_class AS ec
         FROM review_movement mv JOIN household h ON h.id = mv.household_id WHERE mv.round_id = $1 ORDER BY h.code`,
      [rounds[year]],
    );
    return Object.fromEntries(rows.map((r) => [r.code.slice(3), r]));
  };

  it('treats the first round under ND07 (2021) as a baseline: no movement', async () => {
    const res = await t.http().get(`/api/review-rounds/${rounds[2021]}/movement/summary`).set(bearer(token));
    expect(res.body).toMatchObject({ hasMovement: false, households: null });
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM review_movement WHERE round_id = $1`, [rounds[2021]]);
    expect(n).toBe(0);
  });

  it('books every kind of move in 2022, and no fell back (2021 was the first round)', async () => {
    const m = await movement(2022);
    const moves = Object.fromEntries(Object.entries(m).map(([k, r]) => [k, [r.poor, r.near]]));
    expect(moves).toEqual({
      A: ['stay', null],
      B: ['toNearPoor', 'fromPoor'],
      C: ['aboveNearPoor', null],
      D: ['otherOut', null],
      E: ['fromNearPoor', 'toPoor'],
      F: [null, 'aboveNearPoor'],
      G: ['newlyPoor', null],
      H: [null, 'newlyNearPoor'],
      I: ['otherIn', null],
      J: [null, 'otherIn'],
      K: [null, 'otherOut'],
      L: [null, 'stay'],
      M: ['stay', null],
      P: ['aboveNearPoor', null],
    });
    expect(Object.values(m).some((r) => r.poor === 'fellBack' || r.near === 'fellBack')).toBe(false);
    // persons: start snapshot (2021) and end snapshot (2022)
    expect([m.L.ps, m.L.pe]).toEqual([4, 5]);
    expect([m.M.ps, m.M.pe]).toEqual([4, 3]);
    expect([m.D.ps, m.D.pe]).toEqual([4, 0]);
    expect([m.I.ps, m.I.pe]).toEqual([0, 2]);
  });

  it('books fell back in 2023 (poor one year after escaping; near-poor again)', async () => {
    const m = await movement(2023);
    expect(m.P.poor).toBe('fellBack');
    expect(m.F.near).toBe('fellBack');
    expect(m.G.poor).toBe('aboveNearPoor');
    expect(m.C).toBeUndefined(); // none in 2022 and 2023
  });

  it('books fell back in 2024 for a household that escaped two years earlier', async () => {
    const m = await movement(2024);
    expect(m.C.poor).toBe('fellBack');
  });

  it('reconciles every year, households and persons, through the SQL view', async () => {
    for (const y of [2022, 2023, 2024]) {
      const res = await t.http().get(`/api/review-rounds/${rounds[y]}/movement/summary`).set(bearer(token));
      expect(res.status).toBe(200);
      expect(res.body.reconciles).toBe(true);
      expect(res.body.problems).toEqual([]);
    }
    const s = (await t.http().get(`/api/review-rounds/${rounds[2022]}/movement/summary`).set(bearer(token))).body;
    expect(s.households.poor).toEqual({
      start: 6, end: 5,
      movement: { toNearPoor: 1, aboveNearPoor: 2, otherOut: 1, fromNearPoor: 1, fellBack: 0, newlyPoor: 1, otherIn: 1 },
    });
    expect(s.households.nearPoor).toEqual({
      start: 4, end: 4,
      movement: { toPoor: 1, aboveNearPoor: 1, otherOut: 1, fromPoor: 1, fellBack: 0, newlyNearPoor: 1, otherIn: 1 },
    });
    // M lost a member (poor other out 1), L gained one (near-poor other in 1)
    expect(s.persons.poor.movement.otherOut).toBe(4 + 1);
    expect(s.persons.nearPoor.movement.otherIn).toBe(3 + 1);
    expect(s.persons.poor.movement.toNearPoor).toBe(s.persons.nearPoor.movement.fromPoor);
  });

  it('the view review_movement_flow agrees with personsContribution() row by row', async () => {
    for (const y of [2022, 2023, 2024]) {
      const rows: (MovementRow & { householdId: number })[] = await t.ds.query(
        `SELECT household_id AS "householdId", start_class AS "startClass", end_class AS "endClass", poor_move AS "poorMove",
                near_poor_move AS "nearPoorMove", persons_start AS "personsStart", persons_end AS "personsEnd"
           FROM review_movement WHERE round_id = $1`, [rounds[y]]);
      const flows: { householdId: number; side: string; move: string; persons: number }[] = await t.ds.query(
        `SELECT household_id AS "householdId", side, move, persons FROM review_movement_flow WHERE round_id = $1`, [rounds[y]]);
      for (const r of rows) {
        const expected = personsContribution(r);
        const got = { poor: {} as Record<string, number>, nearPoor: {} as Record<string, number> };
        for (const f of flows.filter((x) => x.householdId === r.householdId && x.persons !== 0)) {
          const side = f.side === 'poor' ? got.poor : got.nearPoor;
          side[f.move] = (side[f.move] ?? 0) + f.persons;
        }
        expect(got).toEqual(expected);
      }
    }
  });

  it('records the start round and that the round has movement', async () => {
    const r = (await t.http().get(`/api/review-rounds/${rounds[2023]}`).set(bearer(token))).body;
    expect(r).toMatchObject({ status: 'decided', hasMovement: true, startRoundIds: [rounds[2022]], listYear: 2024, standard: 'ND07-2021' });
  });

  it('lists the escaped households of a decision against the list before it', async () => {
    const res = await t.http().get(`/api/review-rounds/${rounds[2022]}/lists/escaped-poor`).set(bearer(token));
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { code: string }) => i.code).sort()).toEqual(['MV-B', 'MV-C', 'MV-P']);
    const near = await t.http().get(`/api/review-rounds/${rounds[2022]}/lists/escaped-near-poor`).set(bearer(token));
    expect(near.body.items.map((i: { code: string }) => i.code)).toEqual(['MV-F']);
  });
});
