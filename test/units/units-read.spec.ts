import { seedDemoUnits } from '../../src/demo/seed-units';
import { UnitsRepository } from '../../src/units/units.repository';
import { createTestApp, TestApp } from '../utils/test-app';
import { createUnits, smallTree, UnitsApi, unitsApi } from '../utils/units';

/** Reads of the dated tree: the list filters, validity by date, and the queries other modules use. */
describe('units: reads by parent, level and date', () => {
  let t: TestApp;
  let admin: UnitsApi;
  let repo: UnitsRepository;

  beforeAll(async () => {
    t = await createTestApp();
    await t.ds.transaction((m) => seedDemoUnits(m));
    admin = unitsApi(t, await t.tokenFor('admin', null));
    repo = t.app.get(UnitsRepository);
    await createUnits(admin, smallTree('R'));
    // RC2 moves from RD1 to RD2 on 1 Jan 2023: two versions of one code.
    const moved = await admin.newVersion('RC2', { validFrom: '2023-01-01', parentCode: 'RD2' });
    expect(moved.status).toBe(201);
  });
  afterAll(() => t.close());

  const codes = (res: { body: { items: { code: string }[] } }) => res.body.items.map((i) => i.code);

  it('filters by parent on a date: the 26 Chiêm Hóa communes', async () => {
    const res = await admin.list({ parent: '073', date: '2022-12-31', pageSize: 100 });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(26);
    expect(res.body.items.every((u: { level: string; parentCode: string }) => u.level === 'commune' && u.parentCode === '073')).toBe(true);
  });

  it('filters by level', async () => {
    const res = await admin.list({ level: 'district', pageSize: 100 });
    expect(res.status).toBe(200);
    expect(codes(res)).toEqual(['073', 'RD1', 'RD2']);
  });

  it('combines parent, level and date', async () => {
    const res = await admin.list({ parent: 'RC1', level: 'village', date: '2021-06-01' });
    expect(codes(res)).toEqual(['RV1']);
    const none = await admin.list({ parent: 'RC1', level: 'commune', date: '2021-06-01' });
    expect(none.body).toEqual({ items: [], total: 0, page: 1, pageSize: 50 });
  });

  it('without a date lists every version; with one, only the versions valid that day', async () => {
    const all = await admin.list({ level: 'commune', parent: 'RD2' });
    // RT from 2020, and RC2's second version (under RD2 from 2023)
    expect(all.body.items.map((u: { code: string; validFrom: string }) => `${u.code}@${u.validFrom}`)).toEqual(['RC2@2023-01-01', 'RT@2020-01-01']);
    const everyVersion = await admin.list({ level: 'commune' , pageSize: 1000 });
    expect(everyVersion.body.items.filter((u: { code: string }) => u.code === 'RC2')).toEqual([
      expect.objectContaining({ parentCode: 'RD1', validFrom: '2020-01-01', validTo: '2022-12-31' }),
      expect.objectContaining({ parentCode: 'RD2', validFrom: '2023-01-01', validTo: '2025-06-30' }),
    ]);
    expect(codes(await admin.list({ parent: 'RD1', date: '2022-12-31' }))).toEqual(['RC1', 'RC2']);
    expect(codes(await admin.list({ parent: 'RD1', date: '2023-01-01' }))).toEqual(['RC1']);
    expect(codes(await admin.list({ parent: 'RD2', date: '2023-01-01' }))).toEqual(['RC2', 'RT']);
  });

  it('after the district level ended, no district or old commune is valid', async () => {
    const res = await admin.list({ level: 'district', date: '2025-07-01' });
    expect(res.body.total).toBe(0);
    expect((await admin.list({ parent: '073', date: '2025-06-30' })).body.total).toBe(26);
    expect((await admin.list({ parent: '073', date: '2025-07-01' })).body.total).toBe(0);
  });

  it('pages the list with one envelope', async () => {
    const p2 = await admin.list({ parent: '073', date: '2022-12-31', pageSize: 10, page: 3 });
    expect(p2.body).toMatchObject({ total: 26, page: 3, pageSize: 10 });
    expect(p2.body.items).toHaveLength(6);
  });

  it('shows the version valid on a date, its children then and every version', async () => {
    const before = await admin.get('RC2', '2022-05-01');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ code: 'RC2', parentCode: 'RD1', validFrom: '2020-01-01', validTo: '2022-12-31', version: 2 });
    expect(before.body.versions).toHaveLength(2);
    const after = await admin.get('RC2', '2024-05-01');
    expect(after.body).toMatchObject({ parentCode: 'RD2', validFrom: '2023-01-01', version: 1 });

    const d1Then = await admin.get('RD1', '2022-05-01');
    expect(d1Then.body.children.map((c: { code: string }) => c.code)).toEqual(['RC1', 'RC2']);
    const d1Later = await admin.get('RD1', '2023-05-01');
    expect(d1Later.body.children.map((c: { code: string }) => c.code)).toEqual(['RC1']);
  });

  it('answers 404 for a code on a day it did not exist, and for an unknown code', async () => {
    const early = await admin.get('RC1', '2019-12-31');
    expect(early.status).toBe(404);
    expect(early.body.code).toBe('NOT_FOUND');
    expect((await admin.get('NOPE')).status).toBe(404);
  });

  it('without a date shows an ended unit as it last was, with its children then', async () => {
    const res = await admin.get('073');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: '073', name: 'Huyện Chiêm Hóa', validTo: '2025-06-30', predecessors: [], successors: [] });
    expect(res.body.children).toHaveLength(26);
  });

  it('validates the date filter', async () => {
    const res = await admin.list({ date: '2022-13-01' });
    expect(res.status).toBe(400);
    expect(res.body.details[0].field).toBe('date');
  });

  it('loads a demo tree that obeys the rules: every child inside its parent\'s validity, idempotently', async () => {
    const ids: number[] = (await t.ds.query(`SELECT id FROM admin_unit_version`)).map((r: { id: number }) => r.id);
    await t.ds.transaction(async (m) => {
      expect(await repo.outsideParent(m, ids)).toEqual([]);
      for (const code of ['08', '073', '02287']) expect(await repo.childrenOutside(m, code)).toEqual([]);
      await seedDemoUnits(m); // a start interrupted after this step loads it again
    });
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM admin_unit_version`)).toEqual([{ n: ids.length }]);
  });

  describe('repository queries for other modules', () => {
    it('lists the commune-level codes under a unit on a date', async () => {
      expect(await repo.communeCodesOn('RD1', '2022-12-31')).toEqual(['RC1', 'RC2']);
      expect(await repo.communeCodesOn('RD1', '2023-01-01')).toEqual(['RC1']);
      expect(await repo.communeCodesOn('RD2', '2023-01-01')).toEqual(['RC2', 'RT']);
      expect(await repo.communeCodesOn('R', '2023-01-01')).toEqual(['RC1', 'RC2', 'RT']);
      expect(await repo.communeCodesOn('RC1', '2023-01-01')).toEqual(['RC1']);
      expect(await repo.communeCodesOn('RC1', '2019-01-01')).toEqual([]);
      expect(await repo.communeCodesOn('RV1', '2023-01-01')).toEqual([]);
      expect(await repo.communeCodesOn('08', '2022-12-31')).toHaveLength(26);
      expect(await repo.communeCodesOn('08', '2025-07-01')).toEqual([]);
    });

    it('finds the version valid on a date, for one code or many', async () => {
      expect(await repo.version('RC2', '2022-12-31')).toMatchObject({ parentCode: 'RD1', areaType: 'rural' });
      expect(await repo.version('RC2', '2026-01-01')).toBeUndefined();
      const many = await repo.versionsOn(['RC2', 'RT', 'RC1', 'NOPE'], '2023-06-01');
      expect(many.map((v) => [v.code, v.parentCode, v.areaType])).toEqual([
        ['RC1', 'RD1', 'rural'], ['RC2', 'RD2', 'rural'], ['RT', 'RD2', 'urban'],
      ]);
    });

    it('sees a cycle only where the links overlap in time', async () => {
      // Written by hand: the service refuses such data, this is about the query itself.
      await t.ds.query(`INSERT INTO admin_unit (code, level) VALUES ('XA', 'commune'), ('XB', 'commune')`);
      await t.ds.query(
        `INSERT INTO admin_unit_version (code, name, kind, area_type, parent_code, valid_from, valid_to, name_key)
         VALUES ('XB', 'Xã B', 'xa', 'rural', 'XA', '2020-01-01', '2021-12-31', 'xa b')`,
      );
      await t.ds.transaction(async (m) => {
        expect(await repo.cycleVia(m, 'XA', 'XB', '2023-01-01', null)).toBeNull();
        expect(await repo.cycleVia(m, 'XA', 'XB', '2021-06-01', null)).toEqual({ from: '2021-06-01', path: ['XA', 'XB', 'XA'] });
      });
    });
  });
});
