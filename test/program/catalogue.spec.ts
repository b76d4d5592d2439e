import { createTestApp, TestApp } from '../utils/test-app';
import { auditRows, bearer, C1, C2, D1, D2, seedUnits } from './fixtures';

describe('program catalogue and applicability (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let district: string;
  let commune: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedUnits(t.ds);
    admin = await t.tokenFor('admin', null);
    district = await t.tokenFor('district', D1);
    commune = await t.tokenFor('commune', C1);
  });
  afterAll(() => t.close());

  it('lists the programs with projects and sub-projects nested, paged', async () => {
    const res = await t.http().get('/api/programs').set(bearer(commune));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    const [p21, p26] = res.body.items;
    expect(p21).toMatchObject({
      code: 'GNBV-2021-2025',
      name: 'Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021–2025',
      decision: 'Quyết định 90/QĐ-TTg', decisionDate: '2022-01-18', yearFrom: 2021, yearTo: 2025,
    });
    expect(p21.projects.map((p: { number: number }) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(p21.projects.map((p: { label: string }) => p.label)).toEqual(['Dự án 1', 'Dự án 2', 'Dự án 3', 'Dự án 4', 'Dự án 5', 'Dự án 6', 'Dự án 7']);
    const da7 = p21.projects[6];
    expect(da7).toMatchObject({ code: 'GNBV21-DA7', name: 'Nâng cao năng lực và giám sát, đánh giá Chương trình', effectiveBeneficiaryGroups: [] });
    expect(da7.subProjects).toEqual([
      expect.objectContaining({ code: 'GNBV21-DA7-TDA1', number: 1, label: 'Tiểu dự án 1', name: 'Nâng cao năng lực thực hiện Chương trình' }),
      expect.objectContaining({ code: 'GNBV21-DA7-TDA2', number: 2, label: 'Tiểu dự án 2', name: 'Giám sát, đánh giá' }),
    ]);
    expect(p21.projects[3].subProjects).toHaveLength(3); // Dự án 4: three sub-projects
    expect(p21.projects[3].subProjects[0].effectiveBeneficiaryGroups).toEqual(['poor', 'near_poor', 'recently_escaped', 'other']);
    expect(p21.projects[4].effectiveBeneficiaryGroups).toEqual(['poor', 'near_poor']); // Dự án 5: housing
    expect(p21.targets.find((x: { code: string }) => x.code === 'MDP_RATE')).toMatchObject({ valueMin: 1, valueMax: 1.5, unit: 'points_per_year' });
    expect(p21.targets.find((x: { code: string }) => x.code === 'HALVE_POOR_NEAR_POOR')).toBeDefined();
    expect(p26).toMatchObject({ code: 'MTQG-2026-2035', decision: 'Quyết định 417/QĐ-BNNMT', decisionDate: '2026-01-31', yearFrom: 2026, yearTo: 2035, projects: [] });
    expect(p26.phases).toEqual([expect.objectContaining({ name: 'Giai đoạn I', yearFrom: 2026, yearTo: 2030 })]);
  });

  it('filters the programs running in a year', async () => {
    const res = await t.http().get('/api/programs?year=2027').set(bearer(commune));
    expect(res.body.items.map((p: { code: string }) => p.code)).toEqual(['MTQG-2026-2035']);
  });

  it('lets only an admin add components and projects to the 2026–2035 program, in a three-level tree', async () => {
    const body = { code: 'MTQG26-HP1', kind: 'component', number: 1, name: 'Hợp phần 1: Xây dựng nông thôn mới và giảm nghèo bền vững' };
    expect((await t.http().post('/api/programs/MTQG-2026-2035/projects').set(bearer(district)).send(body)).status).toBe(403);

    const hp = await t.http().post('/api/programs/MTQG-2026-2035/projects').set(bearer(admin)).send(body);
    expect(hp.status).toBe(201);
    expect(hp.body).toMatchObject({ code: 'MTQG26-HP1', label: 'Hợp phần 1', fullLabel: 'Hợp phần 1', version: 1 });

    const bad = await t.http().post('/api/programs/MTQG-2026-2035/projects').set(bearer(admin))
      .send({ code: 'MTQG26-X', kind: 'sub_project', number: 1, name: 'Sai cấp', parentCode: 'MTQG26-HP1' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('kind');

    const da = await t.http().post('/api/programs/MTQG-2026-2035/projects').set(bearer(admin))
      .send({ code: 'MTQG26-HP1-DA1', kind: 'project', number: 1, name: 'Hỗ trợ nhà ở', parentCode: 'MTQG26-HP1', beneficiaryGroups: ['poor'] });
    expect(da.status).toBe(201);
    expect(da.body).toMatchObject({ fullLabel: 'Dự án 1 (Hợp phần 1)', effectiveBeneficiaryGroups: ['poor'] });

    const dup = await t.http().post('/api/programs/MTQG-2026-2035/projects').set(bearer(admin))
      .send({ code: 'MTQG26-HP1-DA1B', kind: 'project', number: 1, name: 'Trùng số', parentCode: 'MTQG26-HP1' });
    expect(dup.status).toBe(409);

    const list = await t.http().get('/api/programs/MTQG-2026-2035').set(bearer(commune));
    expect(list.body.projects[0].subProjects[0]).toMatchObject({ code: 'MTQG26-HP1-DA1', label: 'Dự án 1' });

    const upd = await t.http().patch('/api/program-projects/MTQG26-HP1-DA1').set(bearer(admin)).send({ version: 1, beneficiaryGroups: null, name: 'Hỗ trợ nhà ở cho hộ nghèo' });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ version: 2, beneficiaryGroups: null, effectiveBeneficiaryGroups: ['poor', 'near_poor', 'recently_escaped'] });
    const stale = await t.http().patch('/api/program-projects/MTQG26-HP1-DA1').set(bearer(admin)).send({ version: 1, name: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');

    // a component with a project under it cannot be deleted; the leaf can
    const versionOf = async (code: string) => (await t.ds.query(`SELECT version FROM program_project WHERE code = $1`, [code]))[0].version;
    expect((await t.http().delete(`/api/program-projects/MTQG26-HP1?version=${await versionOf('MTQG26-HP1')}`).set(bearer(admin))).status).toBe(409);
    expect((await t.http().delete(`/api/program-projects/MTQG26-HP1-DA1?version=${await versionOf('MTQG26-HP1-DA1')}`).set(bearer(admin))).status).toBe(204);

    const audit = await auditRows(t.ds, 'program_project');
    expect(audit.map((a: { action: string; entityId: string }) => `${a.action} ${a.entityId}`)).toEqual([
      'create MTQG26-HP1', 'create MTQG26-HP1-DA1', 'update MTQG26-HP1-DA1', 'delete MTQG26-HP1-DA1',
    ]);
  });

  it('creates and edits a program (admin), refusing years that would strand its data', async () => {
    const res = await t.http().post('/api/programs').set(bearer(admin)).send({
      code: 'TEST-2030', name: 'Chương trình thử', yearFrom: 2030, yearTo: 2031,
      targets: [{ code: 'T1', description: 'Giảm 1 điểm %', valueMin: 1, unit: 'points_per_year' }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'TEST-2030', version: 1, targets: [expect.objectContaining({ code: 'T1', valueMin: 1, valueMax: null })] });
    const upd = await t.http().patch('/api/programs/TEST-2030').set(bearer(admin)).send({ version: 1, yearTo: 2032, targets: [] });
    expect(upd.body).toMatchObject({ version: 2, yearTo: 2032, targets: [] });
    expect((await t.http().patch('/api/programs/TEST-2030').set(bearer(admin)).send({ version: 2, yearTo: 2029 })).status).toBe(400);
    const bare = await t.http().delete('/api/programs/TEST-2030').set(bearer(admin));
    expect(bare.status).toBe(400);
    expect(bare.body.details.map((d: { field: string }) => d.field)).toContain('version');
    expect((await t.http().delete('/api/programs/TEST-2030?version=1').set(bearer(admin))).body).toMatchObject({
      statusCode: 409, code: 'VERSION_CONFLICT', details: [{ field: 'version', expected: 1, current: 2 }],
    });
    expect((await t.http().delete('/api/programs/TEST-2030?version=2').set(bearer(admin))).status).toBe(204);
    expect((await t.http().get('/api/programs/TEST-2030').set(bearer(admin))).status).toBe(404);
  });

  it('marks Project 5 not applicable for a district, inherited by its communes, overridden by a commune', async () => {
    const refused = await t.http().post('/api/program-applicability').set(bearer(district))
      .send({ projectCode: 'GNBV21-DA5', unitCode: D1, applicable: false });
    expect(refused.status).toBe(400); // a reason is required
    expect(refused.body.details[0].field).toBe('reason');

    const outside = await t.http().post('/api/program-applicability').set(bearer(district))
      .send({ projectCode: 'GNBV21-DA5', unitCode: D2, applicable: false, reason: 'Không phải huyện nghèo' });
    expect(outside.status).toBe(403);
    const byCommune = await t.http().post('/api/program-applicability').set(bearer(commune))
      .send({ projectCode: 'GNBV21-DA5', unitCode: C1, applicable: false, reason: 'x' });
    expect(byCommune.status).toBe(403);

    const set = await t.http().post('/api/program-applicability').set(bearer(district))
      .send({ projectCode: 'GNBV21-DA5', unitCode: D1, applicable: false, reason: 'Không phải huyện nghèo', yearFrom: 2022, yearTo: 2025 });
    expect(set.status).toBe(201);
    const overlap = await t.http().post('/api/program-applicability').set(bearer(district))
      .send({ projectCode: 'GNBV21-DA5', unitCode: D1, applicable: true, yearFrom: 2025 });
    expect(overlap.status).toBe(409);

    const own = await t.http().post('/api/program-applicability').set(bearer(district))
      .send({ projectCode: 'GNBV21-DA5', unitCode: C2, applicable: true, reason: 'Xã đặc biệt khó khăn được bổ sung' });
    expect(own.status).toBe(201);

    const forC1 = await t.http().get(`/api/program-applicability?unit=${C1}&year=2023`).set(bearer(commune));
    expect(forC1.status).toBe(200);
    const da5 = forC1.body.items.find((i: { projectCode: string }) => i.projectCode === 'GNBV21-DA5');
    expect(da5).toMatchObject({ applicable: false, reason: 'Không phải huyện nghèo', setting: { unitCode: D1 } });
    expect(forC1.body.items.find((i: { projectCode: string }) => i.projectCode === 'GNBV21-DA4')).toMatchObject({ applicable: true, setting: null });

    const forC2 = await t.http().get(`/api/program-applicability?unit=${C2}&year=2023`).set(bearer(district));
    expect(forC2.body.items.find((i: { projectCode: string }) => i.projectCode === 'GNBV21-DA5')).toMatchObject({ applicable: true, setting: { unitCode: C2 } });
    // outside the years of the setting it applies again
    const in2021 = await t.http().get(`/api/program-applicability?unit=${C1}&year=2021`).set(bearer(district));
    expect(in2021.body.items.find((i: { projectCode: string }) => i.projectCode === 'GNBV21-DA5')).toMatchObject({ applicable: true });

    // writes under a project that does not apply are refused
    const act = await t.http().post('/api/program-activities').set(bearer(district)).send({
      unitCode: C1, projectCode: 'GNBV21-DA5', kind: 'communication', title: 'Tuyên truyền nhà ở', date: '2023-05-01', participants: { total: 10 },
    });
    expect(act.status).toBe(422);
    expect(act.body).toMatchObject({ code: 'NOT_APPLICABLE', details: [expect.objectContaining({ field: 'projectCode', unitCode: D1 })] });
    const ok = await t.http().post('/api/program-activities').set(bearer(district)).send({
      unitCode: C2, projectCode: 'GNBV21-DA5', kind: 'communication', title: 'Tuyên truyền nhà ở', date: '2023-05-01', participants: { total: 10 },
    });
    expect(ok.status).toBe(201);

    const audit = await auditRows(t.ds, 'program_applicability');
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor: 'district_991', action: 'create', unitCode: D1 });

    expect((await t.http().delete(`/api/program-applicability/${own.body.id}`).set(bearer(district))).status).toBe(204);
    expect((await auditRows(t.ds, 'program_applicability')).map((a: { action: string }) => a.action)).toEqual(['create', 'create', 'delete']);
  });

  it('refuses 2021–2025 projects for years outside the program', async () => {
    const res = await t.http().post('/api/program-activities').set(bearer(district)).send({
      unitCode: C1, projectCode: 'GNBV21-DA7-TDA1', kind: 'training', title: 'Tập huấn', date: '2026-03-01', participants: { total: 10 },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('BUSINESS_RULE');
    expect(res.body.message).toContain('không áp dụng cho năm 2026');
  });
});
