import { DataSource, EntityManager } from 'typeorm';
import { Rng } from './rng';
import { BeneficiariesRepository } from '../program/beneficiaries.repository';
import { decideEligibility } from '../program/domain/eligibility';
import { FundSource, FundType } from '../program/domain/funds';
import { ProgramRepository } from '../program/program.repository';
import { ProjectKind } from '../program/program-seeds';

/**
 * The National Target Program part of the Chiêm Hóa demo (src/demo): the article's training
 * (docs/RULES.md §8) and a few other activities, plausible funds for 2022–2023
 * for the district and some communes, and households supported — only households the eligibility
 * rule accepts, found with the eligibility SQL; skipped when no decided review exists yet.
 * Everything is marked is_demo. Figures other than the article's are invented for the demo.
 */
const DISTRICT = '073';
const DEMO_USER = 'demo';
/** Communes with their own funds and supported households in the demo. */
const FUND_COMMUNES = ['02299', '02302', '02311', '02350'];
const SUPPORT_COMMUNES = ['02287', '02299', '02302', '02311', '02341', '02350'];

export const ARTICLE_ACTIVITY = {
  title: 'Hội nghị tập huấn nâng cao năng lực thực hiện Chương trình mục tiêu Quốc gia giảm nghèo bền vững năm 2023',
  date: '2023-09-22',
  projectCode: 'GNBV21-DA7-TDA1',
  organisers: ['Sở Lao động – Thương binh và Xã hội Tuyên Quang', 'UBND huyện Chiêm Hóa'],
  targetGroup: 'Đội ngũ cán bộ làm công tác giảm nghèo trên địa bàn huyện Chiêm Hóa',
  // the contents the article lists, in its order
  topics: [
    'Chủ trương, chính sách của Đảng, Nhà nước, của tỉnh Tuyên Quang liên quan đến công tác giảm nghèo nói chung và Chương trình mục tiêu quốc gia giảm nghèo bền vững nói riêng',
    'Hướng dẫn các kỹ năng, kiến thức trong việc xây dựng dự án, nhân rộng mô hình giảm nghèo',
    'Hướng dẫn công tác rà soát hộ nghèo, hộ cận nghèo năm 2023',
    'Trao đổi về những khó khăn, vướng mắc trong tổ chức thực hiện',
    'Xây dựng một số nội dung đa dạng hóa sinh kế, phát triển mô hình giảm nghèo',
    'Thực hiện dự án truyền thông và giảm nghèo về thông tin thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023',
  ],
};

async function projectIds(m: EntityManager): Promise<Map<string, { id: number; kind: ProjectKind; number: number }>> {
  const rows: { code: string; id: number; kind: ProjectKind; number: number }[] = await m.query(
    `SELECT pp.code, pp.id, pp.kind, pp.number FROM program_project pp JOIN program p ON p.id = pp.program_id WHERE p.code = 'GNBV-2021-2025'`,
  );
  return new Map(rows.map((r) => [r.code, r]));
}

/** Projects 1 and 5 are for poor districts; in the demo Chiêm Hóa is not one of them. */
export async function seedProgramApplicability(m: EntityManager): Promise<{ settings: number }> {
  const ids = await projectIds(m);
  for (const code of ['GNBV21-DA1', 'GNBV21-DA5']) {
    await m.query(
      `INSERT INTO program_applicability (project_id, unit_code, applicable, year_from, year_to, reason, created_by, is_demo)
       VALUES ($1, $2, false, 2021, 2025, $3, $4, true)`,
      [ids.get(code)!.id, DISTRICT, 'Huyện không thuộc danh sách huyện nghèo giai đoạn 2021–2025 (dữ liệu minh họa)', DEMO_USER],
    );
  }
  return { settings: 2 };
}

export async function seedProgramActivities(m: EntityManager): Promise<{ activities: number }> {
  const ids = await projectIds(m);
  const rows: {
    unit: string; project: string; kind: string; title: string; date: string; place: string | null; target: string | null;
    topics: string[]; organisers: string[]; p: [number, number, number, number, number]; note: string | null;
  }[] = [
    {
      unit: DISTRICT, project: ARTICLE_ACTIVITY.projectCode, kind: 'training', title: ARTICLE_ACTIVITY.title, date: ARTICLE_ACTIVITY.date,
      place: 'Huyện Chiêm Hóa', target: ARTICLE_ACTIVITY.targetGroup, topics: ARTICLE_ACTIVITY.topics, organisers: ARTICLE_ACTIVITY.organisers,
      p: [120, 54, 97, 120, 0],
      note: 'Theo bài "Tuyên Quang tập huấn nâng cao năng lực cán bộ làm công tác giảm nghèo ở Chiêm Hóa" (LĐXH, 22/09/2023). Số người tham dự là số liệu minh họa: bài báo không nêu.',
    },
    {
      unit: DISTRICT, project: 'GNBV21-DA7-TDA1', kind: 'training', title: 'Tập huấn nghiệp vụ rà soát hộ nghèo, hộ cận nghèo năm 2022',
      date: '2022-09-14', place: 'Hội trường UBND huyện Chiêm Hóa', target: 'Cán bộ giảm nghèo cấp xã, trưởng thôn',
      topics: ['Quy trình rà soát theo Quyết định 24/2021/QĐ-TTg', 'Sử dụng phiếu A, B1, B2 theo Thông tư 07/2021/TT-BLĐTBXH'],
      organisers: ['Phòng Lao động – Thương binh và Xã hội huyện Chiêm Hóa'], p: [112, 47, 90, 112, 0], note: 'Dữ liệu minh họa.',
    },
    {
      unit: '02299', project: 'GNBV21-DA6-TDA2', kind: 'communication', title: 'Tuyên truyền về giảm nghèo đa chiều tại nhà văn hóa thôn',
      date: '2023-05-12', place: 'Nhà văn hóa thôn Nà Héc, xã Phúc Sơn', target: 'Người dân trong thôn',
      topics: ['Chuẩn nghèo đa chiều giai đoạn 2022–2025', 'Chính sách hỗ trợ hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo'],
      organisers: ['UBND xã Phúc Sơn'], p: [86, 41, 82, 6, 80], note: 'Dữ liệu minh họa.',
    },
    {
      unit: '02302', project: 'GNBV21-DA6-TDA2', kind: 'communication', title: 'Hội nghị đối thoại chính sách giảm nghèo với người dân',
      date: '2022-11-03', place: 'Hội trường UBND xã Minh Quang', target: 'Hộ nghèo, hộ cận nghèo',
      topics: ['Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021–2025'], organisers: ['UBND xã Minh Quang'],
      p: [64, 30, 63, 8, 56], note: 'Dữ liệu minh họa.',
    },
    {
      unit: '02311', project: 'GNBV21-DA2', kind: 'model', title: 'Mô hình chăn nuôi bò sinh sản cho hộ nghèo, hộ cận nghèo',
      date: '2023-04-20', place: 'Xã Hà Lang', target: 'Hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo',
      topics: ['Kỹ thuật chăm sóc bò sinh sản', 'Quản lý và luân chuyển vốn hỗ trợ trong cộng đồng'], organisers: ['UBND xã Hà Lang', 'Trạm Khuyến nông huyện'],
      p: [24, 9, 24, 0, 24], note: 'Dữ liệu minh họa.',
    },
    {
      unit: DISTRICT, project: 'GNBV21-DA7-TDA2', kind: 'conference', title: 'Hội nghị sơ kết 6 tháng đầu năm thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023',
      date: '2023-07-06', place: 'Hội trường UBND huyện Chiêm Hóa', target: 'Thành viên Ban Chỉ đạo các Chương trình mục tiêu quốc gia huyện',
      topics: ['Kết quả giải ngân 6 tháng đầu năm', 'Nhiệm vụ trọng tâm 6 tháng cuối năm'], organisers: ['UBND huyện Chiêm Hóa'],
      p: [58, 21, 40, 58, 0], note: 'Dữ liệu minh họa.',
    },
  ];
  for (const r of rows) {
    await m.query(
      `INSERT INTO program_activity (unit_code, project_id, kind, title, held_on, place, target_group, topics, organisers,
         participants_total, participants_women, participants_ethnic_minority, participants_officials, participants_residents,
         note, created_by, updated_by, is_demo)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, true)`,
      [r.unit, ids.get(r.project)!.id, r.kind, r.title, r.date, r.place, r.target, r.topics, r.organisers, ...r.p, r.note, DEMO_USER],
    );
  }
  return { activities: rows.length };
}

interface FundPlan {
  unit: string;
  project: string;
  source: FundSource;
  fundType: FundType;
  /** millions of VND allocated in 2022 and 2023 */
  millions: [number, number];
}

/** Allocations with their decision, then two or three disbursements (always within the allocation). */
export async function seedProgramFunds(m: EntityManager): Promise<{ entries: number }> {
  const ids = await projectIds(m);
  const rng = new Rng(2023);
  const plan: FundPlan[] = [
    { unit: DISTRICT, project: 'GNBV21-DA2', source: 'central', fundType: 'recurrent', millions: [1_850, 2_240] },
    { unit: DISTRICT, project: 'GNBV21-DA2', source: 'local', fundType: 'recurrent', millions: [185, 224] },
    { unit: DISTRICT, project: 'GNBV21-DA3-TDA2', source: 'central', fundType: 'recurrent', millions: [320, 410] },
    { unit: DISTRICT, project: 'GNBV21-DA4-TDA1', source: 'central', fundType: 'recurrent', millions: [950, 1_120] },
    { unit: DISTRICT, project: 'GNBV21-DA4-TDA3', source: 'central', fundType: 'recurrent', millions: [120, 140] },
    { unit: DISTRICT, project: 'GNBV21-DA6-TDA1', source: 'central', fundType: 'recurrent', millions: [180, 210] },
    { unit: DISTRICT, project: 'GNBV21-DA6-TDA2', source: 'central', fundType: 'recurrent', millions: [260, 290] },
    { unit: DISTRICT, project: 'GNBV21-DA7-TDA1', source: 'central', fundType: 'recurrent', millions: [420, 480] },
    { unit: DISTRICT, project: 'GNBV21-DA7-TDA2', source: 'central', fundType: 'recurrent', millions: [150, 170] },
    ...FUND_COMMUNES.flatMap((c, i): FundPlan[] => [
      { unit: c, project: 'GNBV21-DA3-TDA1', source: 'central', fundType: 'recurrent', millions: [620 + 90 * i, 760 + 80 * i] },
      { unit: c, project: 'GNBV21-DA3-TDA1', source: 'local', fundType: 'recurrent', millions: [62 + 9 * i, 76 + 8 * i] },
      { unit: c, project: 'GNBV21-DA3-TDA1', source: 'other', fundType: 'recurrent', millions: [35, 40] },
    ]),
  ];
  let entries = 0;
  const insert = async (p: FundPlan, year: number, kind: 'allocated' | 'disbursed', amount: number, date: string, doc: string, extra: { correctsId?: number; reason?: string } = {}) => {
    const [{ id }] = await m.query(
      `INSERT INTO program_fund_entry (unit_code, year, project_id, source, fund_type, kind, amount, entry_date, document_ref,
         corrects_id, correction_reason, created_by, is_demo)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, true) RETURNING id`,
      [p.unit, year, ids.get(p.project)!.id, p.source, p.fundType, kind, amount, date, doc, extra.correctsId ?? null, extra.reason ?? null, DEMO_USER],
    );
    entries++;
    return id as number;
  };
  let corrected = false;
  for (const p of plan) {
    for (const [k, year] of [2022, 2023].entries()) {
      const allocated = p.millions[k] * 1_000_000;
      // 2022 allocations came late in the year (the program was approved in January 2022)
      await insert(p, year, 'allocated', allocated, year === 2022 ? '2022-06-28' : '2023-02-15',
        p.unit === DISTRICT ? `QĐ giao vốn ${year}/UBND huyện` : `QĐ phân bổ vốn ${year}/UBND xã`);
      // disbursed by the end of January of the next year: about half in 2022, most in 2023
      const rate = year === 2022 ? 0.45 + rng.next() * 0.25 : 0.78 + rng.next() * 0.17;
      const total = Math.floor((allocated * rate) / 1_000_000) * 1_000_000;
      const first = Math.floor((total * 0.4) / 1_000_000) * 1_000_000;
      const dates = year === 2022 ? ['2022-10-20', '2022-12-28'] : ['2023-07-25', '2023-12-27'];
      const firstId = await insert(p, year, 'disbursed', first, dates[0], 'Chứng từ thanh toán đợt 1');
      await insert(p, year, 'disbursed', total - first, dates[1], 'Chứng từ thanh toán đợt 2');
      if (!corrected && year === 2023 && p.unit !== DISTRICT) {
        // one correction in the history: the first payment had been keyed 10 million too high
        await insert(p, year, 'disbursed', first - 10_000_000, dates[0], 'Chứng từ thanh toán đợt 1',
          { correctsId: firstId, reason: 'Nhập sai số tiền trên chứng từ: điều chỉnh theo đối chiếu với Kho bạc' });
        corrected = true;
      }
    }
  }
  return { entries };
}

/**
 * Households supported in 2022 and 2023: picked among those the eligibility SQL finds poor or
 * near-poor on the year's list at the support date, then checked by the eligibility rule itself.
 */
export async function seedProgramBeneficiaries(m: EntityManager, ds: DataSource): Promise<{ beneficiaries: number; skipped?: string }> {
  const repo = new BeneficiariesRepository(ds);
  const catalogue = new ProgramRepository(ds);
  const supports = [
    { project: 'GNBV21-DA3-TDA1', type: 'production_support', dates: { 2022: '2022-10-12', 2023: '2023-04-18' }, per: 18, amount: [5, 10] },
    { project: 'GNBV21-DA2', type: 'livelihood_model', dates: { 2022: '2022-11-08', 2023: '2023-05-16' }, per: 8, amount: [8, 15] },
    { project: 'GNBV21-DA4-TDA1', type: 'vocational_training', dates: { 2022: '2022-09-20', 2023: '2023-07-11' }, per: 6, amount: [2, 4] },
  ] as const;
  const rng = new Rng(90);
  let count = 0;
  const skipped: number[] = [];
  for (const year of [2022, 2023] as const) {
    const [{ n }] = await m.query(
      `SELECT count(*)::int AS n FROM review_round WHERE commune_code = ANY($1::varchar[]) AND year = $2
          AND kind IN ('periodic','baseline') AND status IN ('decided','reported')`,
      [SUPPORT_COMMUNES, year - 1],
    );
    if (!n) { skipped.push(year); continue; }
    for (const [i, s] of supports.entries()) {
      const project = (await catalogue.projectByCode(s.project, m))!;
      const date = s.dates[year];
      const candidates = await repo.householdsOnList(m, {
        communeCodes: SUPPORT_COMMUNES, year, date, classes: ['poor', 'near_poor'], perCommune: s.per, seed: year * 10 + i,
      });
      const rows = candidates.flatMap((c) => {
        const e = decideEligibility({
          supportDate: date, listClass: c.listClass,
          listSource: c.listKind ? { kind: c.listKind, year: c.listYear!, month: c.listMonth, decisionDate: c.listDecisionDate! } : null,
          escapedOn: c.escapedOn, leftOn: c.status !== 'active' ? c.statusDate : null,
          allowedGroups: project.effectiveBeneficiaryGroups,
          projectLabel: project.fullLabel,
        });
        if (!e.eligible) return [];
        const amount = rng.int(s.amount[0], s.amount[1]) * 1_000_000;
        return [{ c, e, amount }];
      });
      if (!rows.length) continue;
      await m.query(
        `INSERT INTO program_beneficiary (household_id, unit_code, project_id, support_type, amount, supported_on, beneficiary_group,
           list_class, list_round_id, escaped_on, eligibility_reason, created_by, updated_by, is_demo)
         SELECT r.household_id, r.unit_code, $1, $2, r.amount, $3, r.grp, r.list_class, r.round_id, r.escaped_on, r.reason, $4, $4, true
           FROM unnest($5::int[], $6::varchar[], $7::bigint[], $8::varchar[], $9::varchar[], $10::int[], $11::date[], $12::text[])
                AS r(household_id, unit_code, amount, grp, list_class, round_id, escaped_on, reason)`,
        [
          project.id, s.type, date, DEMO_USER,
          rows.map((r) => r.c.householdId), rows.map((r) => r.c.communeCode), rows.map((r) => r.amount), rows.map((r) => r.e.group),
          rows.map((r) => r.c.listClass), rows.map((r) => r.c.listRoundId), rows.map((r) => (r.e.recentlyEscaped ? r.c.escapedOn : null)),
          rows.map((r) => r.e.reason),
        ],
      );
      count += rows.length;
    }
  }
  return skipped.length
    ? { beneficiaries: count, skipped: `no decided periodic review of ${skipped.map((y) => y - 1).join(', ')} in the demo communes: no supported households for ${skipped.join(', ')}` }
    : { beneficiaries: count };
}

/** The whole program demo step, in one transaction. */
export async function seedProgramDemo(ds: DataSource): Promise<Record<string, unknown>> {
  return ds.transaction(async (m) => ({
    ...(await seedProgramApplicability(m)),
    ...(await seedProgramActivities(m)),
    ...(await seedProgramFunds(m)),
    ...(await seedProgramBeneficiaries(m, ds)),
  }));
}
