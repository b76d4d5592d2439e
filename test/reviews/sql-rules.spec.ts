import { ageMonthsOn, ageOn, retirementAgeMonths } from '../../src/reviews/domain/deprivations';
import { createTestApp, TestApp } from '../utils/test-app';

/** The SQL twins of the pure age rules (migration 1700000005000) give the same answers. */
describe('SQL age functions agree with deprivations.ts (real PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(() => t.close());

  const births: [string | null, number][] = [
    [null, 2016], [null, 1962], ['2016-10-01', 2016], ['2016-10-02', 2016], ['2016-01-15', 2016], ['1962-04-01', 1962],
    ['1962-04-02', 1962], ['2000-02-29', 2000], ['2010-12-31', 2010], ['2007-01-01', 2007],
  ];
  const dates = ['2022-10-01', '2021-12-10', '2024-02-29', '2023-01-01', '2020-06-30'];

  it.each(dates)('member_age and member_age_months on %s', async (on) => {
    const rows: { age: number; months: number }[] = await t.ds.query(
      `SELECT member_age(b.d, b.y, $1::date) AS age, member_age_months(b.d, b.y, $1::date) AS months
         FROM unnest($2::date[], $3::int[]) WITH ORDINALITY AS b(d, y, i) ORDER BY b.i`,
      [on, births.map((b) => b[0]), births.map((b) => b[1])],
    );
    expect(rows).toEqual(births.map(([birthDate, birthYear]) => ({ age: ageOn({ birthDate, birthYear }, on), months: ageMonthsOn({ birthDate, birthYear }, on) })));
  });

  it('retirement_age_months', async () => {
    for (const sex of ['male', 'female'] as const) for (const y of [2019, 2020, 2021, 2025, 2028, 2035, 2040]) {
      const [{ m }] = await t.ds.query(`SELECT retirement_age_months($1, $2) AS m`, [sex, y]);
      expect(m).toBe(retirementAgeMonths(sex, y));
    }
  });
});
