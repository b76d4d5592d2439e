import { createTestApp, TestApp } from '../utils/test-app';
import { auditRows, bearer, C1, C2, C3, D1, D2, seedUnits } from './fixtures';

describe('program activities (real PostgreSQL)', () => {
  let t: TestApp;
  let district: string;
  let commune: string;
  let other: string;
  const training = (over: object = {}) => ({
    unitCode: D1,
    projectCode: 'GNBV21-DA7-TDA1',
    kind: 'training',
    title: 'Hội nghị tập huấn nâng cao năng lực thực hiện Chương trình mục tiêu Quốc gia giảm nghèo bền vững năm 2023',
    date: '2023-09-22',
    place: 'Hội trường UBND huyện',
    targetGroup: 'Cán bộ làm công tác giảm nghèo',
    topics: ['Hướng dẫn công tác rà soát hộ nghèo, hộ cận nghèo năm 2023', '  Kỹ năng xây dựng dự án,   nhân rộng mô hình giảm nghèo '],
    organisers: ['Sở Lao động – Thương binh và Xã hội', 'UBND huyện'],
    participants: { total: 120, women: 55, ethnicMinority: 90, officials: 120, residents: 0 },
    ...over,
  });
  let id: number;

  beforeAll(async () => {
    t = await createTestApp();
    await seedUnits(t.ds);
    district = await t.tokenFor('district', D1);
    commune = await t.tokenFor('commune', C1);
    other = await t.tokenFor('district', D2);
  });
  afterAll(() => t.close());

  it('records a training with its topics, organisers and participants', async () => {
    const res = await t.http().post('/api/program-activities').set(bearer(district)).send(training());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      unitCode: D1, unitName: 'Huyện Một', programCode: 'GNBV-2021-2025', projectCode: 'GNBV21-DA7-TDA1', kind: 'training',
      date: '2023-09-22', endDate: null, year: 2023, version: 1,
      topics: ['Hướng dẫn công tác rà soát hộ nghèo, hộ cận nghèo năm 2023', 'Kỹ năng xây dựng dự án, nhân rộng mô hình giảm nghèo'],
      participants: { total: 120, women: 55, ethnicMinority: 90, officials: 120, residents: 0 },
    });
    id = res.body.id;
  });

  it.each([
    [{ total: 10, women: 11 }, 'participants.women'],
    [{ total: 10, ethnicMinority: 12 }, 'participants.ethnicMinority'],
    [{ total: 10, officials: 6, residents: 5 }, 'participants.residents'],
    [{ total: -1 }, 'participants.total'],
  ])('refuses inconsistent participants %j', async (participants, field) => {
    const res = await t.http().post('/api/program-activities').set(bearer(district)).send(training({ participants }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('refuses an end before the start and an unknown project', async () => {
    expect((await t.http().post('/api/program-activities').set(bearer(district)).send(training({ endDate: '2023-09-21' }))).status).toBe(400);
    const unknown = await t.http().post('/api/program-activities').set(bearer(district)).send(training({ projectCode: 'NOPE' }));
    expect(unknown.status).toBe(404);
    expect(unknown.body.details[0].field).toBe('projectCode');
  });

  it('lists the activities of a unit and its children in a year', async () => {
    await t.http().post('/api/program-activities').set(bearer(district)).send(training({
      unitCode: C1, projectCode: 'GNBV21-DA6-TDA2', kind: 'communication', title: 'Tuyên truyền giảm nghèo đa chiều tại thôn', date: '2023-04-05',
      participants: { total: 60, women: 35, ethnicMinority: 58, officials: 4, residents: 56 },
    }));
    await t.http().post('/api/program-activities').set(bearer(district)).send(training({ unitCode: C2, date: '2022-11-10', title: 'Tập huấn 2022' }));
    await t.http().post('/api/program-activities').set(bearer(other)).send(training({ unitCode: C3, title: 'Tập huấn huyện Hai' }));

    const res = await t.http().get(`/api/program-activities?unit=${D1}&year=2023`).set(bearer(district));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect(res.body.items.map((a: { unitCode: string; date: string }) => `${a.unitCode} ${a.date}`)).toEqual([`${D1} 2023-09-22`, `${C1} 2023-04-05`]);
    expect(res.body.items[1]).toMatchObject({ title: 'Tuyên truyền giảm nghèo đa chiều tại thôn', projectCode: 'GNBV21-DA6-TDA2', participants: { total: 60, residents: 56 } });

    const byProject = await t.http().get(`/api/program-activities?unit=${D1}&project=GNBV21-DA7`).set(bearer(district));
    expect(byProject.body.total).toBe(2); // both Tiểu dự án 1 trainings of the district (2022 and 2023)
    const province = await t.tokenFor('province', '99');
    expect((await t.http().get('/api/program-activities?unit=99&year=2023').set(bearer(province))).body.total).toBe(3);
  });

  it('lets everyone read in their area only', async () => {
    const mine = await t.http().get('/api/program-activities').set(bearer(commune));
    expect(mine.body.items.map((a: { unitCode: string }) => a.unitCode)).toEqual([C1]);
    expect((await t.http().get(`/api/program-activities?unit=${D1}`).set(bearer(commune))).status).toBe(403);
    expect((await t.http().get(`/api/program-activities/${id}`).set(bearer(other))).status).toBe(403);
  });

  it('updates with the version read, refusing a stale one', async () => {
    const res = await t.http().patch(`/api/program-activities/${id}`).set(bearer(district))
      .send({ version: 1, participants: { total: 125, women: 57, ethnicMinority: 92, officials: 125 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, participants: { total: 125, women: 57, ethnicMinority: 92, officials: 125, residents: 0 } });
    const stale = await t.http().patch(`/api/program-activities/${id}`).set(bearer(district)).send({ version: 1, title: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const bad = await t.http().patch(`/api/program-activities/${id}`).set(bearer(district)).send({ version: 2, participants: { total: 100, women: 101 } });
    expect(bad.status).toBe(400);
    const moved = await t.http().patch(`/api/program-activities/${id}`).set(bearer(district)).send({ version: 2, unitCode: C3 });
    expect(moved.status).toBe(403);
    expect((await t.http().patch(`/api/program-activities/${id}`).set(bearer(commune)).send({ version: 2, title: 'x' })).status).toBe(403);
  });

  it('deletes, and audits create, update and delete', async () => {
    expect((await t.http().delete(`/api/program-activities/${id}?version=1`).set(bearer(district))).status).toBe(409);
    expect((await t.http().delete(`/api/program-activities/${id}?version=2`).set(bearer(district))).status).toBe(204);
    expect((await t.http().get(`/api/program-activities/${id}`).set(bearer(district))).status).toBe(404);
    const rows = await auditRows(t.ds, 'program_activity', id);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(rows[1].oldValue.participants.total).toBe(120);
    expect(rows[1].newValue.participants.total).toBe(125);
    expect(rows[2]).toMatchObject({ actor: 'district_991', unitCode: D1 });
    expect(rows[2].oldValue.title).toContain('Hội nghị tập huấn');
  });
});
