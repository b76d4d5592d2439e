import type { DataSource } from 'typeorm';
import type { EducationLevel, Employment, Relation } from '../../src/households/domain/vocabulary';
import { writeHousehold } from './register-writer';
import type { TestApp } from './test-app';

/**
 * The smallest register the review rules need, written through the one fixture writer
 * (register-writer.ts: the service's bulk writer), with the members each rule looks at.
 */
export interface MemberSpec {
  name?: string;
  sex?: 'male' | 'female';
  birthYear: number;
  relation?: string;
  healthInsurance?: boolean;
  inSchool?: boolean | null;
  educationLevel?: string | null;
  employment?: string | null;
  malnourished?: boolean | null;
  labourCapacity?: boolean;
  idNumber?: string | null;
}

export interface HouseholdSpec {
  commune: string;
  code: string;
  village?: string | null;
  headName?: string;
  headSex?: 'male' | 'female';
  ethnicity?: string;
  registeredOn?: string;
  status?: 'active' | 'moved_away' | 'merged' | 'split' | 'dissolved';
  statusDate?: string | null;
  splitFromId?: number | null;
  meritorious?: boolean;
  /** default: a couple and two children */
  members?: MemberSpec[];
}

export const FAMILY: MemberSpec[] = [
  { sex: 'male', birthYear: 1980, relation: 'head', educationLevel: 'upper_secondary', employment: 'farming', inSchool: false },
  { sex: 'female', birthYear: 1983, relation: 'spouse', educationLevel: 'upper_secondary', employment: 'farming', inSchool: false },
  { sex: 'male', birthYear: 2010, relation: 'child', inSchool: true, educationLevel: 'primary', malnourished: false },
  { sex: 'female', birthYear: 2013, relation: 'child', inSchool: true, educationLevel: 'primary', malnourished: false },
];

export async function addHousehold(ds: DataSource, h: HouseholdSpec): Promise<number> {
  const headName = h.headName ?? `Nông Văn ${h.code}`;
  const ethnicity = h.ethnicity ?? '02';
  const members = (h.members ?? FAMILY).map((m, i) => ({
    fullName: m.name ?? (i === 0 ? headName : `Thành viên ${i} ${h.code}`), sex: m.sex ?? 'male', birthYear: m.birthYear,
    relation: (i === 0 ? 'head' : m.relation ?? 'child') as Relation, ethnicity, idNumber: m.idNumber ?? null,
    healthInsurance: m.healthInsurance ?? true, inSchool: m.inSchool ?? null, educationLevel: (m.educationLevel ?? null) as EducationLevel | null,
    labourCapacity: m.labourCapacity ?? true, employment: (m.employment ?? null) as Employment | null, malnourished: m.malnourished ?? null,
  }));
  return writeHousehold(ds, {
    code: h.code, communeCode: h.commune, villageCode: h.village ?? null, registeredOn: h.registeredOn ?? '2020-01-01',
    meritorious: h.meritorious ?? false, status: h.status ?? 'active', statusDate: h.statusDate ?? null, splitFromId: h.splitFromId ?? null,
    head: { fullName: headName, sex: h.headSex ?? 'male', birthYear: 1980, ethnicity },
    members,
  });
}

export async function setStatus(ds: DataSource, id: number, status: string, date: string): Promise<void> {
  await ds.query(`UPDATE household SET status = $2, status_date = $3 WHERE id = $1`, [id, status, date]);
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Inputs that make a class under ND07 in a rural commune (B1 cut-off 140, line 1,500,000). */
export const RURAL = {
  poor: { b1Score: 100, deprivations: ['housingQuality', 'sanitation', 'water'] },
  near_poor: { b1Score: 120, deprivations: ['water'] },
  average: { incomePerCapita: 2_000_000, deprivations: [] },
  above: { b1Score: 200, deprivations: [] },
} as const;

/**
 * Takes a round from draft to decided through the API with plausible dates in its year; results
 * are put by `fill` while the round is surveying.
 */
export async function runRound(
  t: TestApp, token: string, opts: { commune: string; year: number; kind?: 'periodic' | 'regular'; month?: number; totalHouseholds?: number; decisionDate?: string },
  fill: (roundId: number) => Promise<void>,
// eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ id: number; decision: Record<string, any>; status: number; body: Record<string, any> }> {
  const y = opts.year;
  const create = await t.http().post('/api/review-rounds').set(bearer(token))
    .send({ communeCode: opts.commune, year: y, kind: opts.kind ?? 'periodic', month: opts.month, totalHouseholds: opts.totalHouseholds });
  if (create.status !== 201) throw new Error(`create: ${create.status} ${JSON.stringify(create.body)}`);
  const id = create.body.id;
  let v = create.body.version;
  const step = async (path: string, body: Record<string, unknown>) => {
    const r = await t.http().post(`/api/review-rounds/${id}/${path}`).set(bearer(token)).send({ version: v, ...body });
    if (r.status !== 200) return r;
    v = r.body.version;
    return r;
  };
  const regular = (opts.kind ?? 'periodic') === 'regular';
  const mm = String(opts.month ?? 10).padStart(2, '0');
  const s1 = await step('start', { date: regular ? `${y}-${mm}-15` : `${y}-09-05` });
  if (s1.status !== 200) throw new Error(`start: ${s1.status} ${JSON.stringify(s1.body)}`);
  await fill(id);
  v = (await t.http().get(`/api/review-rounds/${id}`).set(bearer(token))).body.version;
  const s2 = await step('meeting', { date: regular ? `${y}-${mm}-20` : `${y}-10-20`, agreementPct: 80, minutesRef: `BB-${y}` });
  if (s2.status !== 200) throw new Error(`meeting: ${s2.status} ${JSON.stringify(s2.body)}`);
  const s3 = await step('posting', { start: regular ? `${y}-${mm}-21` : `${y}-10-24` });
  if (s3.status !== 200) throw new Error(`posting: ${s3.status} ${JSON.stringify(s3.body)}`);
  if (s3.body.opinionRequired) {
    const s4 = await step('opinion', { date: `${y}-11-20`, ref: `${y}/UBND-LĐTBXH` });
    if (s4.status !== 200) throw new Error(`opinion: ${s4.status} ${JSON.stringify(s4.body)}`);
  }
  const decisionDate = opts.decisionDate ?? (regular ? `${y}-${mm}-28` : `${y}-12-10`);
  const d = await step('decision', { decisionNumber: `${100 + (y % 100)}/QĐ-UBND`, decisionDate });
  return { id, decision: d.body.decision, status: d.status, body: d.body };
}
