import { DataSource } from 'typeorm';
import { seedDemoUnits } from '../../src/demo/seed-units';
import type { Relation } from '../../src/households/domain/vocabulary';
import { writeHousehold } from '../utils/register-writer';

/**
 * Review data for the list exports, written with SQL so every figure of the lists is stated here
 * (households through the one fixture writer, register-writer.ts): two communes of Chiêm Hóa, a decided baseline round 2021 and a decided
 * periodic round 2022 in Xã Phúc Sơn, and one in Thị trấn Vĩnh Lộc.
 */
export interface ListFixture {
  round2021: number;
  round2022: number;
  roundVinhLoc: number;
  roundDraft: number;
}

interface Member { name: string; sex: 'male' | 'female'; year: number; relation: string; ethnicity: string; id?: string }

export async function seedListFixture(ds: DataSource): Promise<ListFixture> {
  await ds.transaction((m) => seedDemoUnits(m));
  const round = async (commune: string, year: number, kind: string, status: string) => {
    const decided = status === 'decided';
    const [r] = await ds.query(
      `INSERT INTO review_round (commune_code, year, kind, list_year, standard_code, status, total_households, total_persons,
                                 decision_number, decision_date, posting_start, posting_end)
       VALUES ($1, $2::int, $3, $2::int + 1, 'ND07-2021', $4, 1000, 4000, $5, $6::date, $7::date, $8::date) RETURNING id`,
      [commune, year, kind, status, decided ? `${year % 100}/QĐ-UBND` : null, decided ? `${year}-12-09` : null, `${year}-11-20`, `${year}-11-24`],
    );
    return r.id as number;
  };
  const household = async (commune: string, code: string, village: string, head: Member, members: Member[], extra: { meritorious?: boolean; idNumber?: string } = {}) => {
    return writeHousehold(ds, {
      code, communeCode: commune, villageCode: village, meritorious: extra.meritorious ?? false,
      head: { fullName: head.name, sex: head.sex, birthYear: head.year, ethnicity: head.ethnicity, idNumber: extra.idNumber ?? null },
      members: [{ ...head, relation: 'head', id: extra.idNumber }, ...members].map((m) => ({
        fullName: m.name, sex: m.sex, birthYear: m.year, relation: m.relation as Relation, ethnicity: m.ethnicity, idNumber: m.id ?? null,
      })),
    });
  };
  const result = async (roundId: number, householdId: number, cls: string, snap: { village: string; persons: number; ethnicity: string; sex: string; meritorious?: boolean; noLabour?: boolean }, extra: { needs?: string[]; cert?: string } = {}) => {
    await ds.query(
      `INSERT INTO review_result (round_id, household_id, standard_code, area_type, b1_score, computed_class, decided_class, explanation,
                                  support_needs, certificate_number, snap_persons, snap_village_code, snap_head_ethnicity, snap_head_sex,
                                  snap_ethnic_minority, snap_female_head, snap_meritorious, snap_no_labour)
       VALUES ($1, $2, 'ND07-2021', 'rural', 120, $3, $3, 'fixture', $4, $5, $6, $7, $8::varchar, $9::varchar, $8::varchar <> '01', $9::varchar = 'female', $10, $11)`,
      [roundId, householdId, cls, extra.needs ?? [], extra.cert ?? null, snap.persons, snap.village, snap.ethnicity, snap.sex, snap.meritorious ?? false, snap.noLabour ?? false],
    );
  };
  const move = (roundId: number, householdId: number, start: string, end: string, poorMove: string | null, nearMove: string | null, ps: number, pe: number) =>
    ds.query(`INSERT INTO review_movement VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [roundId, householdId, start, end, poorMove, nearMove, ps, pe]);

  const round2021 = await round('02299', 2021, 'baseline', 'decided');
  const round2022 = await round('02299', 2022, 'periodic', 'decided');
  const roundVinhLoc = await round('02287', 2022, 'periodic', 'decided');
  const roundDraft = await round('02302', 2022, 'periodic', 'surveying');

  const h1 = await household('02299', 'PS-1', '02299-01', { name: 'Nguyễn Văn An', sex: 'male', year: 1970, relation: 'head', ethnicity: '02' }, [
    { name: 'Hoàng Thị Bình', sex: 'female', year: 1972, relation: 'spouse', ethnicity: '02', id: '008172000123' },
    { name: 'Nguyễn Văn Cường', sex: 'male', year: 2005, relation: 'child', ethnicity: '02' },
  ], { meritorious: true, idNumber: '008070000456' });
  const h2 = await household('02299', 'PS-2', '02299-02', { name: '=SUM(A1:A2)', sex: 'female', year: 1980, relation: 'head', ethnicity: '01' }, []);
  const h3 = await household('02299', 'PS-3', '02299-01', { name: 'Lý Văn Dũng', sex: 'male', year: 1965, relation: 'head', ethnicity: '09' }, [
    { name: 'Lý Thị Em', sex: 'female', year: 1990, relation: 'child', ethnicity: '09' },
  ]);
  const h4 = await household('02299', 'PS-4', '02299-02', { name: 'Trần Văn Phúc', sex: 'male', year: 1975, relation: 'head', ethnicity: '01' }, []);
  const h5 = await household('02299', 'PS-5', '02299-03', { name: 'Ma Văn Giang', sex: 'male', year: 1960, relation: 'head', ethnicity: '02' }, [], {});
  const h6 = await household('02287', 'VL-1', '02287-01', { name: 'Phạm Thị Hoa', sex: 'female', year: 1988, relation: 'head', ethnicity: '01' }, [
    { name: 'Phạm Văn Khánh', sex: 'male', year: 2015, relation: 'child', ethnicity: '01' },
  ]);

  // 2021 (baseline): h1 poor, h3 poor, h4 near-poor, h5 above
  await result(round2021, h1, 'poor', { village: '02299-01', persons: 3, ethnicity: '02', sex: 'male', meritorious: true });
  await result(round2021, h3, 'poor', { village: '02299-01', persons: 2, ethnicity: '09', sex: 'male' });
  await result(round2021, h4, 'near_poor', { village: '02299-02', persons: 1, ethnicity: '01', sex: 'male' });
  await result(round2021, h5, 'above', { village: '02299-03', persons: 1, ethnicity: '02', sex: 'male' });
  // 2022: h1 stays poor, h2 newly poor, h5 poor again (fell back, by the movement), h3 poor → near-poor, h4 escaped near-poverty
  await result(round2022, h1, 'poor', { village: '02299-01', persons: 3, ethnicity: '02', sex: 'male', meritorious: true }, { needs: ['health', 'housing'], cert: 'PS-001' });
  await result(round2022, h2, 'poor', { village: '02299-02', persons: 1, ethnicity: '01', sex: 'female', noLabour: true }, { needs: ['credit', 'something-else'], cert: 'PS-002' });
  await result(round2022, h5, 'poor', { village: '02299-03', persons: 1, ethnicity: '02', sex: 'male' }, { cert: 'PS-003' });
  await result(round2022, h3, 'near_poor', { village: '02299-01', persons: 2, ethnicity: '09', sex: 'male' }, { needs: ['production'], cert: 'PS-004' });
  await result(round2022, h4, 'above', { village: '02299-02', persons: 1, ethnicity: '01', sex: 'male' });
  await move(round2022, h1, 'poor', 'poor', 'stay', null, 3, 3);
  await move(round2022, h2, 'none', 'poor', 'newlyPoor', null, 0, 1);
  await move(round2022, h5, 'none', 'poor', 'fellBack', null, 0, 1);
  await move(round2022, h3, 'poor', 'near_poor', 'toNearPoor', 'fromPoor', 2, 2);
  await move(round2022, h4, 'near_poor', 'none', null, 'aboveNearPoor', 1, 0);
  await result(roundVinhLoc, h6, 'poor', { village: '02287-01', persons: 2, ethnicity: '01', sex: 'female' });
  await move(roundVinhLoc, h6, 'none', 'poor', 'newlyPoor', null, 0, 2);
  return { round2021, round2022, roundVinhLoc, roundDraft };
}
