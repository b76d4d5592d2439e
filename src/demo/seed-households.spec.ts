import { isActiveOn } from '../households/domain/household';
import { checkMember, checkMemberList } from '../households/domain/member';
import { KINH } from '../households/ethnic-groups';
import { DEMO_YEARS, demoPlan, DISTRICT_TOTALS, REVIEW_DECISION_DATE } from './demo-plan';
import { generateDemoRegister } from './seed-households';

describe('the demo register of Chiêm Hóa', () => {
  const { rows, events } = generateDemoRegister();
  const activeOn = (on: string) =>
    rows.filter((h) => isActiveOn({ registeredOn: h.registeredOn, status: h.status ?? 'active', statusDate: h.statusDate ?? null }, on));

  it.each(DEMO_YEARS)('has exactly the planned households of every commune at the %i review', (y) => {
    const on = REVIEW_DECISION_DATE[y];
    const active = activeOn(on);
    expect(active).toHaveLength(DISTRICT_TOTALS.households[y]);
    for (const p of demoPlan()) expect(active.filter((h) => h.communeCode === p.code)).toHaveLength(p.households[y]);
  });

  it('has about 126,000 persons in 2022, about 4 per household', () => {
    const persons = activeOn(REVIEW_DECISION_DATE[2022]).reduce((s, h) => s + h.members.length, 0);
    expect(persons).toBeGreaterThan(124_000);
    expect(persons).toBeLessThan(129_000);
  });

  it('has more than 80 % ethnic-minority heads among 18 ethnic groups', () => {
    const heads = rows.map((h) => h.members.find((m) => m.relation === 'head')!.ethnicity);
    expect(heads.filter((e) => e !== KINH).length / heads.length).toBeGreaterThan(0.8);
    expect(new Set(rows.flatMap((h) => h.members.map((m) => m.ethnicity))).size).toBe(18);
  });

  it('passes the register rules (the same checks as the API and the import)', () => {
    const ids = new Set<string>();
    for (const h of rows.slice(0, 3000)) {
      expect(checkMemberList(h.members)).toEqual([]);
      for (const m of h.members) {
        expect(checkMember(m, '2026-11-27').problems).toEqual([]);
        if (m.idNumber) {
          expect(ids.has(m.idNumber)).toBe(false);
          ids.add(m.idNumber);
        }
      }
    }
  });

  it('links splits, merges and removals to dated history inside the review year', () => {
    const split = rows.filter((h) => h.splitFromRef !== undefined);
    const merged = rows.filter((h) => h.status === 'merged');
    expect(split.length).toBeGreaterThan(150);
    expect(merged.length).toBeGreaterThan(30);
    for (const h of merged) expect(rows[h.mergedIntoRef!].status).toBeUndefined();
    for (const e of events) expect(e.date >= '2021-12-11' && e.date <= '2023-12-07').toBe(true);
    expect(events.filter((e) => e.event === 'status')).toHaveLength(DISTRICT_TOTALS.removed[2022] + DISTRICT_TOTALS.removed[2023]);
  });

  it('is the same on every run', () => {
    const again = generateDemoRegister();
    expect(again.rows.length).toBe(rows.length);
    expect(again.rows[1234].members[0].fullName).toBe(rows[1234].members[0].fullName);
    expect(again.rows[31000].code).toBe(rows[31000].code);
  });
});
