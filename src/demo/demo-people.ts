import type { MemberRow } from '../households/domain/member';
import { defaultLabourCapacity } from '../households/domain/member';
import type { EducationLevel, Employment, Relation, Sex } from '../households/domain/vocabulary';
import { Rng } from './rng';

/**
 * Plausible people of Chiêm Hóa for the demo, generated deterministically: 18 ethnic groups with
 * the district's mix (Tày the majority, then Dao and Kinh; more than 80 % of heads from ethnic
 * minorities), names as each group writes them, household make-up, ages, health insurance,
 * schooling, labour capacity and work. Pure (no database): the demo seed and the benchmarks use it.
 */

/** Ethnic group codes and weights of household heads in the rural communes (percent). */
const RURAL_ETHNIC: ReadonlyArray<readonly [string, number]> = [
  ['02', 52], // Tày
  ['09', 16], // Dao
  ['01', 14], // Kinh
  ['15', 5], // Sán Chay (Cao Lan)
  ['07', 3.5], // Nùng
  ['08', 3], // Mông
  ['06', 1.2], // Hoa
  ['04', 1], // Mường
  ['18', 0.8], // Sán Dìu
  ['03', 0.6], // Thái
  ['25', 0.5], // Giáy
  ['46', 0.5], // Pà Thẻn
  ['43', 0.3], // Lô Lô
  ['24', 0.3], // Thổ
  ['38', 0.3], // La Chí
  ['05', 0.2], // Khmer
  ['12', 0.15], // Ê Đê
  ['47', 0.15], // Cơ Lao
];
/** The town (thị trấn Vĩnh Lộc) has more Kinh households. */
const TOWN_ETHNIC: ReadonlyArray<readonly [string, number]> = RURAL_ETHNIC.map(([c, w]) => [c, c === '01' ? 38 : w * 0.72] as const);

type W = ReadonlyArray<readonly [string, number]>;
const w = (s: string): W => s.split(',').map((p) => {
  const [name, weight] = p.trim().split(':');
  return [name, Number(weight ?? 1)] as const;
});

const SURNAMES: Record<string, W> = {
  '02': w('Ma:15,Hoàng:14,Nông:10,Lý:8,Hà:8,Quan:6,Chẩu:5,Triệu:4,La:4,Lương:4,Đàm:3,Phùng:3,Nguyễn:4,Bế:3,Âu:2,Lục:2,Mạc:2,Hứa:2'),
  '09': w('Bàn:20,Triệu:18,Đặng:14,Lý:10,Phùng:6,Chảo:5,Dương:4,Tẩn:3,Hoàng:3'),
  '01': w('Nguyễn:30,Trần:10,Lê:8,Phạm:7,Hoàng:5,Vũ:5,Đỗ:4,Bùi:4,Đặng:3,Ngô:3,Dương:3,Phan:3,Đinh:2,Lương:2,Trịnh:2'),
  '08': w('Giàng:15,Vàng:15,Sùng:12,Lý:10,Thào:10,Hầu:5,Vừ:5,Mua:5,Lầu:3'),
  '07': w('Hoàng:10,Nông:8,Lương:6,Lăng:4,Vi:4,Chu:4,Mã:3,Lục:3'),
  '15': w('Hoàng:10,La:6,Lục:5,Lâm:5,Đặng:3,Trần:3,Nịnh:3,Lưu:3'),
  '06': w('Lý:6,Trần:5,Lưu:5,Dương:4,Trương:4,Hoàng:3,Lâm:3'),
  '04': w('Bùi:10,Đinh:8,Quách:5,Hà:5,Xa:2'),
  '18': w('Lý:5,Diệp:4,Trương:4,Lục:3,Bàn:2'),
  '46': w('Phù:6,Lý:5,Sìn:4,Hoàng:3'),
  '43': w('Lò:6,Sì:5,Lù:4,Vàng:3'),
};
const DEFAULT_SURNAMES = w('Hoàng:6,Nông:4,Lý:4,Nguyễn:4,Hà:3,Lò:3,Lường:2,Vi:2');

const MALE_GIVEN = w('Thắng,Hùng,Sơn,Bình,Toàn,Tuyên,Quyết,Cường,Dũng,Hải,Long,Minh,Nam,Phong,Quang,Thanh,Thành,Tiến,Trung,Tuấn,Việt,Vinh,Đức,Hiếu,Huy,Khánh,Kiên,Lâm,Mạnh,Nghĩa,Phúc,Tài,Thịnh,Thuận,Tú,Hưng,Chiến,Hoà,Lợi,Năm,Sáu,Bảy,Chung,Đông');
const FEMALE_GIVEN = w('Hoa,Lan,Hương,Nhung,Thu,Mai,Hằng,Đào,Thơm,Dung,Hạnh,Huyền,Lệ,Liên,Linh,Loan,Ngọc,Nguyệt,Oanh,Phượng,Quyên,Thảo,Thoa,Thúy,Trang,Vân,Yến,Hóa,Thuỷ,Chiêm,Hiền,Hòa,Tuyết');
const DAO_MALE_GIVEN = w('Sinh,Quý,Tiến,Phin,Chiêu,Châu,Lâm,Phấu,Kiềm,Sáng,Chàn,Dũng,Minh,Tài,Vần');
const DAO_FEMALE_GIVEN = w('Mẩy,Nhất,Phây,Liên,Lan,Xuân,Dung,Mùi,Chang,Hoa');
const MONG_MALE_GIVEN = w('Páo,Sính,Chá,Dình,Pó,Chứ,Lử,Mang,Nhà,Dế,Sình');
const MONG_FEMALE_GIVEN = w('Dợ,Mỷ,Chi,Mai,Pà,Sua,Ly,Máy,Dở');

const MIDDLE: Record<'male' | 'female', Record<string, W>> = {
  male: { default: w('Văn:70,Đức:6,Quang:5,Minh:5,Xuân:4,Hữu:4,Ngọc:3,Tiến:3'), '09': w('Văn:50,Tiến:12,Kim:10,Phúc:10,Tài:8,Quý:5'), '08': w('A:45,Seo:20,Văn:20,Chứ:8,Mí:7') },
  female: { default: w('Thị:85,Ngọc:4,Thu:4,Hồng:3,Minh:2,Kim:2'), '09': w('Thị:70,Mùi:12,Kim:10,Xuân:8'), '08': w('Thị:80,Mỷ:10,Dợ:10') },
};

const SIZE: ReadonlyArray<readonly [number, number]> = [[1, 5], [2, 12], [3, 19], [4, 28], [5, 19], [6, 11], [7, 4], [8, 2]];

export interface DemoHouseholdDraft {
  headEthnicity: string;
  surname: string;
  members: MemberRow[];
  meritorious: boolean;
}

export class DemoPeople {
  /** ID numbers already given (CCCD are unique). */
  private readonly idNumbers = new Set<string>();

  constructor(private readonly rng: Rng, private readonly refYear = 2022) {}

  ethnicity(town: boolean): string {
    return this.rng.weighted(town ? TOWN_ETHNIC : RURAL_ETHNIC);
  }

  surname(ethnicity: string): string {
    return this.rng.weighted(SURNAMES[ethnicity] ?? DEFAULT_SURNAMES);
  }

  /** A name; `avoid` holds the given names already used in the household (no two alike). */
  fullName(surname: string, sex: Sex, ethnicity: string, avoid?: Set<string>): string {
    const middle = this.rng.weighted(MIDDLE[sex][ethnicity] ?? MIDDLE[sex].default);
    const list = ethnicity === '09'
      ? (sex === 'male' ? DAO_MALE_GIVEN : DAO_FEMALE_GIVEN)
      : ethnicity === '08'
        ? (sex === 'male' ? MONG_MALE_GIVEN : MONG_FEMALE_GIVEN)
        : (sex === 'male' ? MALE_GIVEN : FEMALE_GIVEN);
    let given = this.rng.weighted(list);
    for (let tries = 0; tries < 8 && (given === middle || avoid?.has(given)); tries++) given = this.rng.weighted(list);
    avoid?.add(given);
    return `${surname} ${middle} ${given}`;
  }

  /** A CCCD: province code 008 (Tuyên Quang), sex-and-century digit, two digits of the birth year, six digits. */
  private idNumber(sex: Sex, birthYear: number): string {
    const century = birthYear >= 2000 ? 2 : 0;
    const prefix = `008${century + (sex === 'female' ? 1 : 0)}${String(birthYear % 100).padStart(2, '0')}`;
    for (;;) {
      const id = prefix + String(this.rng.int(0, 999_999)).padStart(6, '0');
      if (!this.idNumbers.has(id)) {
        this.idNumbers.add(id);
        return id;
      }
    }
  }

  person(o: { surname: string; sex: Sex; age: number; relation: Relation; ethnicity: string; avoid?: Set<string> }): MemberRow {
    const { rng } = this;
    const age = Math.max(0, Math.min(98, o.age));
    const birthYear = this.refYear - age;
    const withDate = rng.chance(0.6);
    const birthDate = withDate ? `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}` : null;
    const disability = age >= 70 ? rng.weighted([['none', 88], ['mild', 8], ['severe', 4]] as const) : rng.weighted([['none', 97], ['mild', 2], ['severe', 1]] as const);
    let labour = defaultLabourCapacity(age, disability);
    if (age > 60 && age <= 72 && disability !== 'severe' && rng.chance(0.35)) labour = true; // older farmers still work
    if (labour && rng.chance(0.01)) labour = false; // long illness
    let inSchool: boolean | null = null;
    if (age >= 3 && age <= 5) inSchool = rng.chance(0.85);
    else if (age >= 6 && age <= 14) inSchool = rng.chance(0.96);
    else if (age >= 15 && age <= 17) inSchool = rng.chance(0.72);
    else if (age >= 18 && age <= 24) inSchool = rng.chance(0.2);
    let education: EducationLevel | null = null;
    if (age >= 6 && age <= 10) education = 'primary';
    else if (age >= 11 && age <= 14) education = rng.chance(0.9) ? 'lower_secondary' : 'primary';
    else if (age >= 15) {
      education = age > 60
        ? rng.weighted([['none', 25], ['primary', 45], ['lower_secondary', 25], ['upper_secondary', 5]] as const)
        : age > 35
          ? rng.weighted([['none', 5], ['primary', 25], ['lower_secondary', 45], ['upper_secondary', 17], ['vocational', 6], ['higher', 2]] as const)
          : rng.weighted([['primary', 6], ['lower_secondary', 38], ['upper_secondary', 36], ['vocational', 13], ['higher', 7]] as const);
    }
    let employment: Employment | null = null;
    if (age >= 6 && inSchool) employment = 'student';
    else if (age >= 15 && labour) {
      employment = rng.weighted([['farming', 68], ['wage_no_contract', 12], ['wage_contract', 6], ['self_employed', 6], ['public_sector', 3], ['unemployed', 3], ['none', 2]] as const);
    } else if (age > 60) employment = rng.chance(0.12) ? 'retired' : 'none';
    else if (age >= 15) employment = 'none';
    const insured = age < 6 || rng.chance(o.ethnicity === '01' ? 0.88 : 0.95);
    const malnourished = age < 5 ? rng.chance(0.12) : age < 16 ? rng.chance(0.04) : null;
    return {
      fullName: this.fullName(o.surname, o.sex, o.ethnicity, o.avoid),
      sex: o.sex,
      birthDate,
      birthYear,
      relation: o.relation,
      ethnicity: o.ethnicity,
      idNumber: age >= 14 && rng.chance(0.8) ? this.idNumber(o.sex, birthYear) : null,
      healthInsurance: insured,
      inSchool,
      educationLevel: education,
      disability,
      labourCapacity: labour,
      employment,
      malnourished,
    };
  }

  /**
   * A household: its size drawn around 4 persons, a head aged 22–88 (about one in five a woman),
   * a spouse, children, sometimes a parent, or for older heads a married child with grandchildren.
   * `young` makes a newly formed household (a split-off, a young family moving in).
   */
  household(o: { town: boolean; ethnicity?: string; surname?: string; young?: boolean }): DemoHouseholdDraft {
    const { rng } = this;
    const ethnicity = o.ethnicity ?? this.ethnicity(o.town);
    const surname = o.surname ?? this.surname(ethnicity);
    const size = o.young ? rng.weighted([[1, 10], [2, 30], [3, 35], [4, 25]] as const) : rng.weighted(SIZE);
    const headSex: Sex = rng.chance(size === 1 ? 0.45 : 0.17) ? 'female' : 'male';
    const headAge = o.young ? rng.int(20, 34) : size === 1 ? rng.int(40, 88) : rng.weighted([[rng.int(22, 34), 22], [rng.int(35, 49), 36], [rng.int(50, 64), 28], [rng.int(65, 85), 14]] as const);
    const avoid = new Set<string>();
    const person = (p: { surname: string; sex: Sex; age: number; relation: Relation; ethnicity: string }) => this.person({ ...p, avoid });
    const members: MemberRow[] = [person({ surname, sex: headSex, age: headAge, relation: 'head', ethnicity })];
    let slots = size - 1;
    const other = (): string => (rng.chance(0.88) ? ethnicity : this.ethnicity(o.town));
    if (slots > 0 && headAge < 80 && rng.chance(headSex === 'male' ? 0.92 : 0.4)) {
      const sex: Sex = headSex === 'male' ? 'female' : 'male';
      const spouseEthnic = other();
      members.push(person({ surname: this.surname(spouseEthnic), sex, age: Math.max(18, headAge + rng.int(-6, 3)), relation: 'spouse', ethnicity: spouseEthnic }));
      slots--;
    }
    const childSurname = headSex === 'male' ? surname : (members[1]?.relation === 'spouse' ? members[1].fullName.split(' ')[0] : surname);
    if (headAge >= 55 && slots >= 3 && rng.chance(0.6)) {
      const sonAge = headAge - rng.int(22, 30);
      members.push(person({ surname: childSurname, sex: 'male', age: sonAge, relation: 'child', ethnicity }));
      const dilEthnic = other();
      members.push(person({ surname: this.surname(dilEthnic), sex: 'female', age: sonAge - rng.int(0, 4), relation: 'child_in_law', ethnicity: dilEthnic }));
      slots -= 2;
      let age = sonAge - rng.int(20, 26);
      while (slots-- > 0) {
        members.push(person({ surname: childSurname, sex: rng.chance(0.5) ? 'male' : 'female', age: Math.max(0, age), relation: 'grandchild', ethnicity }));
        age -= rng.int(1, 4);
      }
    } else {
      if (headAge <= 45 && slots >= 2 && rng.chance(0.3)) {
        members.push(person({ surname, sex: rng.chance(0.6) ? 'female' : 'male', age: headAge + rng.int(22, 30), relation: 'parent', ethnicity }));
        slots--;
      }
      let age = headAge - rng.int(19, 30);
      while (slots-- > 0) {
        members.push(person({ surname: childSurname, sex: rng.chance(0.51) ? 'male' : 'female', age: Math.max(0, age), relation: 'child', ethnicity }));
        age -= rng.int(1, 4);
      }
    }
    return { headEthnicity: ethnicity, surname, members, meritorious: rng.chance(headAge >= 60 ? 0.07 : 0.025) };
  }
}
