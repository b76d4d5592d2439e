import { createTestApp, TestApp } from '../utils/test-app';
import { createUnits, smallTree, UnitBody, UnitsApi, unitsApi } from '../utils/units';

/**
 * Writes to the dated tree (admin only): new codes, new dated versions, corrections, merges and
 * splits, every refusal with its code and field, and the audit trail.
 */
describe('units: writes', () => {
  let t: TestApp;
  let admin: UnitsApi;

  beforeAll(async () => {
    t = await createTestApp();
    admin = unitsApi(t, await t.tokenFor('admin', null));
  });
  afterAll(() => t.close());

  const audit = (entityId: string) =>
    t.ds.query(`SELECT actor, action, entity, entity_id, unit_code, old_value, new_value FROM audit_log WHERE entity_id = $1 ORDER BY id`, [entityId]);
  const expectError = (res: { status: number; body: { code: string; details: { field?: string }[] } }, status: number, code: string, field: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.body.details.map((d) => d.field)).toContain(field);
  };

  describe('a new code', () => {
    beforeAll(() => createUnits(admin, smallTree('N')));

    it('is stored with its first version, its name cleaned and keyed, and audited', async () => {
      const res = await admin.create({
        code: 'NC9', level: 'commune', name: '  Xã  Hòa\u00a0Phú ', kind: 'xa', areaType: 'rural', parentCode: 'ND1',
        validFrom: '2021-01-01', validTo: '2025-06-30',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        code: 'NC9', name: 'Xã Hòa Phú', level: 'commune', kind: 'xa', areaType: 'rural', parentCode: 'ND1',
        validFrom: '2021-01-01', validTo: '2025-06-30', version: 1, children: [], predecessors: [], successors: [],
      });
      const [row] = await t.ds.query(`SELECT name, name_key FROM admin_unit_version WHERE code = 'NC9'`);
      expect(row).toEqual({ name: 'Xã Hòa Phú', name_key: 'xa4 hoa2 phu1' });
      const [entry] = await audit('NC9');
      expect(entry).toMatchObject({
        actor: 'admin_all', action: 'create', entity: 'admin_unit', unit_code: 'NC9', old_value: null,
        new_value: expect.objectContaining({ code: 'NC9', level: 'commune', name: 'Xã Hòa Phú', parentCode: 'ND1' }),
      });
    });

    it('refuses a code that exists (409 DUPLICATE on code), writing nothing', async () => {
      const res = await admin.create({ code: 'NC1', level: 'commune', name: 'Xã Khác', kind: 'xa', areaType: 'rural', parentCode: 'ND1', validFrom: '2021-01-01', validTo: '2025-06-30' });
      expectError(res, 409, 'DUPLICATE', 'code');
      expect(await t.ds.query(`SELECT count(*)::int AS n FROM admin_unit_version WHERE code = 'NC1'`)).toEqual([{ n: 1 }]);
    });

    it('refuses malformed input before any rule (400 naming the field)', async () => {
      expectError(await admin.create({ code: 'bad code!', level: 'commune', name: 'X', kind: 'xa', validFrom: '2021-01-01' }), 400, 'VALIDATION_FAILED', 'code');
      expectError(await admin.create({ code: 'NX', level: 'hamlet', name: 'X', kind: 'xa', validFrom: '2021-01-01' }), 400, 'VALIDATION_FAILED', 'level');
      expectError(await admin.create({ code: 'NX', level: 'commune', name: '   ', kind: 'xa', areaType: 'rural', parentCode: 'ND1', validFrom: '2021-01-01', validTo: '2025-06-30' }), 400, 'VALIDATION_FAILED', 'name');
      expectError(await admin.create({ code: 'NX', level: 'commune', name: 'X', kind: 'xa', validFrom: '1/1/2021' }), 400, 'VALIDATION_FAILED', 'validFrom');
    });

    const commune = (over: Partial<UnitBody>): UnitBody => ({
      code: 'NX', level: 'commune', name: 'Xã Thử', kind: 'xa', areaType: 'rural', parentCode: 'ND1',
      validFrom: '2021-01-01', validTo: '2025-06-30', ...over,
    });

    it.each<[string, UnitBody, string]>([
      ['a commune without area type', commune({ areaType: null }), 'areaType'],
      ['a xã marked urban', commune({ areaType: 'urban' }), 'areaType'],
      ['a phường marked rural', commune({ kind: 'phuong' }), 'areaType'],
      ['a thị trấn marked rural', commune({ kind: 'thi_tran' }), 'areaType'],
      ['an area type on a district', { code: 'NX', level: 'district', name: 'Huyện Thử', kind: 'huyen', areaType: 'rural', parentCode: 'N', validFrom: '2021-01-01', validTo: '2025-06-30' }, 'areaType'],
      ['an area type on a village', { code: 'NX', level: 'village', name: 'Thôn Thử', kind: 'thon', areaType: 'rural', parentCode: 'NC1', validFrom: '2021-01-01', validTo: '2025-06-30' }, 'areaType'],
      ['a kind of another level', commune({ kind: 'huyen' }), 'kind'],
      ['a village of kind xã', { code: 'NX', level: 'village', name: 'Thôn Thử', kind: 'xa', parentCode: 'NC1', validFrom: '2021-01-01', validTo: '2025-06-30' }, 'kind'],
      ['a village under a district', { code: 'NX', level: 'village', name: 'Thôn Thử', kind: 'thon', parentCode: 'ND1', validFrom: '2021-01-01', validTo: '2025-06-30' }, 'parentCode'],
      ['a commune under a province before the reform', commune({ parentCode: 'N' }), 'parentCode'],
      ['a commune under a district after the reform', commune({ validFrom: '2025-07-01', validTo: null }), 'parentCode'],
      ['a commune under a village', commune({ parentCode: 'NV1' }), 'parentCode'],
      ['a commune version spanning the reform', commune({ validTo: null }), 'validTo'],
      ['a district under a district', { code: 'NX', level: 'district', name: 'Quận Thử', kind: 'quan', parentCode: 'ND1', validFrom: '2021-01-01', validTo: '2025-06-30' }, 'parentCode'],
      ['a district valid after the reform', { code: 'NX', level: 'district', name: 'Huyện Thử', kind: 'huyen', parentCode: 'N', validFrom: '2021-01-01' }, 'validTo'],
      ['a province with a parent', { code: 'NX', level: 'province', name: 'Tỉnh Thử', kind: 'tinh', parentCode: 'N', validFrom: '2021-01-01' }, 'parentCode'],
      ['a commune without parent', commune({ parentCode: null }), 'parentCode'],
      ['an unknown parent', commune({ parentCode: 'NOPE' }), 'parentCode'],
      ['validTo before validFrom', commune({ validFrom: '2022-01-01', validTo: '2021-12-31' }), 'validTo'],
      ['a thị trấn after the reform', commune({ kind: 'thi_tran', areaType: 'urban', parentCode: 'N', validFrom: '2025-07-01', validTo: null }), 'validTo'],
      ['an đặc khu without area type', commune({ kind: 'dac_khu', areaType: null, parentCode: 'N', validFrom: '2025-07-01', validTo: null }), 'areaType'],
    ])('refuses %s (400 VALIDATION_FAILED)', async (_, body, field) => {
      expectError(await admin.create(body), 400, 'VALIDATION_FAILED', field);
      expect(await t.ds.query(`SELECT code FROM admin_unit WHERE code = 'NX'`)).toEqual([]);
    });

    it('takes an đặc khu as rural or urban, as configured', async () => {
      const res = await admin.create(commune({ code: 'NDK', name: 'Đặc khu Thử', kind: 'dac_khu', areaType: 'urban', parentCode: 'N', validFrom: '2025-07-01', validTo: null }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ kind: 'dac_khu', areaType: 'urban', parentCode: 'N' });
    });

    it('refuses a child outside its parent\'s validity (409, validFrom or validTo named)', async () => {
      expectError(await admin.create(commune({ validFrom: '2019-06-01' })), 409, 'OUTSIDE_PARENT_VALIDITY', 'validFrom');
      expectError(
        await admin.create({ code: 'NX', level: 'village', name: 'Thôn Thử', kind: 'thon', parentCode: 'NC1', validFrom: '2021-01-01', validTo: null }),
        409, 'OUTSIDE_PARENT_VALIDITY', 'validTo',
      );
      expect(await t.ds.query(`SELECT code FROM admin_unit WHERE code = 'NX'`)).toEqual([]);
      expect(await audit('NX')).toEqual([]);
    });
  });

  describe('new dated versions', () => {
    beforeAll(() => createUnits(admin, smallTree('V')));

    it('moves a commune to another district on a date: the open version ends the day before', async () => {
      const res = await admin.newVersion('VC2', { validFrom: '2023-01-01', parentCode: 'VD2' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ code: 'VC2', name: 'Xã Minh Quang', parentCode: 'VD2', validFrom: '2023-01-01', validTo: '2025-06-30' });
      expect(res.body.versions).toEqual([
        expect.objectContaining({ parentCode: 'VD1', validFrom: '2020-01-01', validTo: '2022-12-31', version: 2 }),
        expect.objectContaining({ parentCode: 'VD2', validFrom: '2023-01-01', validTo: '2025-06-30', version: 1 }),
      ]);
      expect((await admin.get('VD1', '2022-12-31')).body.children.map((c: { code: string }) => c.code)).toEqual(['VC1', 'VC2']);
      expect((await admin.get('VD1', '2023-01-01')).body.children.map((c: { code: string }) => c.code)).toEqual(['VC1']);
      expect((await admin.get('VD2', '2023-01-01')).body.children.map((c: { code: string }) => c.code)).toEqual(['VC2', 'VT']);

      const entries = await t.ds.query(`SELECT action, entity, entity_id, old_value, new_value, note FROM audit_log WHERE unit_code = 'VC2' AND entity = 'admin_unit_version' ORDER BY id`);
      expect(entries).toEqual([
        expect.objectContaining({ action: 'update', entity_id: 'VC2@2020-01-01', old_value: expect.objectContaining({ validTo: '2025-06-30' }), new_value: expect.objectContaining({ validTo: '2022-12-31' }) }),
        expect.objectContaining({ action: 'create', entity_id: 'VC2@2023-01-01', new_value: expect.objectContaining({ parentCode: 'VD2', validFrom: '2023-01-01' }) }),
      ]);
    });

    it('turns a xã into a phường, urban from that day', async () => {
      const res = await admin.newVersion('VC1', { validFrom: '2024-01-01', kind: 'phuong', name: 'Phường Phúc Sơn', areaType: 'urban' });
      expect(res.status).toBe(201);
      expect((await admin.get('VC1', '2023-12-31')).body).toMatchObject({ kind: 'xa', areaType: 'rural', name: 'Xã Phúc Sơn' });
      expect((await admin.get('VC1', '2024-01-01')).body).toMatchObject({ kind: 'phuong', areaType: 'urban', name: 'Phường Phúc Sơn' });
    });

    it('refuses a phường that keeps the xã\'s rural area type (400 areaType)', async () => {
      const res = await admin.newVersion('VT', { validFrom: '2024-01-01', kind: 'xa' });
      expectError(res, 400, 'VALIDATION_FAILED', 'areaType');
    });

    it('continues a commune under the province after the reform', async () => {
      const res = await admin.newVersion('VT', { validFrom: '2025-07-01', kind: 'phuong', name: 'Phường Vĩnh Lộc', parentCode: 'V' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ parentCode: 'V', kind: 'phuong', areaType: 'urban', validFrom: '2025-07-01', validTo: null });
      expect(res.body.versions.map((v: { validFrom: string; validTo: string | null }) => [v.validFrom, v.validTo])).toEqual([
        ['2020-01-01', '2025-06-30'], ['2025-07-01', null],
      ]);
    });

    it('refuses a version starting where one starts, and one overlapping the next (409 VERSION_OVERLAP)', async () => {
      expectError(await admin.newVersion('VC2', { validFrom: '2023-01-01', name: 'Xã Mới' }), 409, 'VERSION_OVERLAP', 'validFrom');
      expectError(await admin.newVersion('VC2', { validFrom: '2021-01-01', name: 'Xã Mới', validTo: '2023-06-30' }), 409, 'VERSION_OVERLAP', 'validTo');
    });

    it('refuses a version that changes nothing, or precedes the first one (400 validFrom)', async () => {
      expectError(await admin.newVersion('VC2', { validFrom: '2024-01-01' }), 400, 'VALIDATION_FAILED', 'validFrom');
      expectError(await admin.newVersion('VC2', { validFrom: '2019-01-01', name: 'Xã Cũ' }), 400, 'VALIDATION_FAILED', 'validFrom');
      expect((await admin.newVersion('NOPE', { validFrom: '2024-01-01', name: 'X' })).status).toBe(404);
    });

    it('refuses a move to a parent that has ended (409 OUTSIDE_PARENT_VALIDITY)', async () => {
      await createUnits(admin, [{ code: 'VD3', level: 'district', name: 'Huyện Ba', kind: 'huyen', parentCode: 'V', validFrom: '2020-01-01', validTo: '2022-12-31' }]);
      expectError(await admin.newVersion('VC1', { validFrom: '2022-01-01', parentCode: 'VD3' }), 409, 'OUTSIDE_PARENT_VALIDITY', 'validTo');
      expect((await admin.get('VC1', '2022-06-01')).body.parentCode).toBe('VD1');
    });
  });

  describe('corrections', () => {
    beforeAll(() => createUnits(admin, smallTree('K')));

    it('corrects a name in place with optimistic locking, audited', async () => {
      const res = await admin.correct('KC2', '2020-01-01', { version: 1, name: 'Xã Minh Quang ' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Xã Minh Quang', version: 2 });
      expectError(await admin.correct('KC2', '2020-01-01', { version: 1, name: 'Xã Khác' }), 409, 'VERSION_CONFLICT', 'version');
      const [entry] = await audit('KC2@2020-01-01');
      expect(entry).toMatchObject({ action: 'update', entity: 'admin_unit_version', old_value: expect.objectContaining({ name: 'Xã Minh Quang' }) });
      expect((await admin.correct('KC2', '2020-02-02', { version: 1, name: 'X' })).status).toBe(404);
      expectError(await admin.correct('KC2', 'someday', { version: 2, name: 'X' }), 400, 'VALIDATION_FAILED', 'validFrom');
      expectError(await admin.correct('KC2', '2020-01-01', { name: 'X' }), 400, 'VALIDATION_FAILED', 'version');
    });

    it('refuses a parent that makes the unit its own ancestor (409 UNIT_CYCLE on parentCode)', async () => {
      expectError(await admin.correct('KC1', '2020-01-01', { version: 1, parentCode: 'KC1' }), 409, 'UNIT_CYCLE', 'parentCode');
      const res = await admin.correct('KC1', '2020-01-01', { version: 1, parentCode: 'KV1' });
      expectError(res, 409, 'UNIT_CYCLE', 'parentCode');
      expect(res.body.message).toContain('KC1 → KV1 → KC1');
      expect((await admin.get('KC1', '2021-01-01')).body.parentCode).toBe('KD1');
    });

    it('refuses shortening a unit below its children (409 OUTSIDE_PARENT_VALIDITY)', async () => {
      const res = await admin.correct('KD1', '2020-01-01', { version: 1, validTo: '2023-12-31' });
      expectError(res, 409, 'OUTSIDE_PARENT_VALIDITY', 'validTo');
      expect(res.body.details[0].children).toEqual(['KC1', 'KC2']);
      expectError(await admin.correct('KC1', '2020-01-01', { version: 1, validFrom: '2021-01-01' }), 409, 'OUTSIDE_PARENT_VALIDITY', 'validFrom');
    });

    it('refuses a correction that overlaps another version (409 VERSION_OVERLAP)', async () => {
      expect((await admin.newVersion('KT', { validFrom: '2024-01-01', name: 'Thị trấn Mới' })).status).toBe(201);
      expectError(await admin.correct('KT', '2020-01-01', { version: 2, validTo: '2024-03-31' }), 409, 'VERSION_OVERLAP', 'validTo');
      expectError(await admin.correct('KT', '2024-01-01', { version: 1, validFrom: '2023-06-01' }), 409, 'VERSION_OVERLAP', 'validFrom');
    });

    it('leaves the exclusion constraint as the last guard against overlapping versions', async () => {
      await expect(
        t.ds.query(
          `INSERT INTO admin_unit_version (code, name, kind, area_type, parent_code, valid_from, valid_to, name_key)
           VALUES ('KC1', 'Xã Trùng', 'xa', 'rural', 'KD1', '2021-01-01', '2021-12-31', 'xa2 trung2')`,
        ),
      ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23P01', constraint: 'admin_unit_version_no_overlap' }) });
    });
  });

  describe('merges and splits', () => {
    beforeAll(async () => {
      await createUnits(admin, smallTree('M'));
      await createUnits(admin, [
        { code: 'MN', level: 'commune', name: 'Xã Hợp Nhất', kind: 'xa', areaType: 'rural', parentCode: 'M', validFrom: '2025-07-01' },
        { code: 'MS1', level: 'commune', name: 'Xã Tách Một', kind: 'xa', areaType: 'rural', parentCode: 'M', validFrom: '2025-07-01' },
        { code: 'MS2', level: 'commune', name: 'Phường Tách Hai', kind: 'phuong', areaType: 'urban', parentCode: 'M', validFrom: '2025-07-01' },
      ]);
    });

    it('records a merge: predecessors and successors on both sides, audited', async () => {
      const res = await admin.succession({ kind: 'merge', effectiveDate: '2025-07-01', predecessors: ['MC1', 'MC2'], successors: ['MN'], note: 'Nghị quyết sắp xếp đơn vị hành chính cấp xã' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ links: 2 });
      const merged = await admin.get('MN');
      expect(merged.body.predecessors).toEqual([
        { code: 'MC1', name: 'Xã Phúc Sơn', kind: 'merge', effectiveDate: '2025-07-01', note: 'Nghị quyết sắp xếp đơn vị hành chính cấp xã' },
        { code: 'MC2', name: 'Xã Minh Quang', kind: 'merge', effectiveDate: '2025-07-01', note: 'Nghị quyết sắp xếp đơn vị hành chính cấp xã' },
      ]);
      const old = await admin.get('MC1');
      expect(old.body.successors).toEqual([expect.objectContaining({ code: 'MN', name: 'Xã Hợp Nhất', kind: 'merge' })]);
      const [entry] = await t.ds.query(`SELECT action, entity, new_value FROM audit_log WHERE entity = 'admin_unit_succession'`);
      expect(entry).toMatchObject({ action: 'create', new_value: expect.objectContaining({ predecessors: ['MC1', 'MC2'], successors: ['MN'] }) });
    });

    it('refuses recording the same merge twice (409 DUPLICATE)', async () => {
      const res = await admin.succession({ kind: 'merge', effectiveDate: '2025-07-01', predecessors: ['MC1', 'MC2'], successors: ['MN'] });
      expectError(res, 409, 'DUPLICATE', 'successors');
    });

    it('records a split where the unit continues under its code', async () => {
      expect((await admin.newVersion('MT', { validFrom: '2025-07-01', kind: 'phuong', parentCode: 'M' })).status).toBe(201);
      const res = await admin.succession({ kind: 'split', effectiveDate: '2025-07-01', predecessors: ['MT'], successors: ['MT', 'MS2'] });
      expect(res.status).toBe(201);
      expect(res.body.links).toBe(1);
      expect((await admin.get('MS2')).body.predecessors).toEqual([expect.objectContaining({ code: 'MT', name: 'Thị trấn Vĩnh Lộc', kind: 'split' })]);
    });

    it.each<[string, Record<string, unknown>, number, string, string]>([
      ['a merge of one unit', { kind: 'merge', predecessors: ['MC1'], successors: ['MN'] }, 400, 'VALIDATION_FAILED', 'predecessors'],
      ['a split into one unit', { kind: 'split', predecessors: ['MV1'], successors: ['MS1'] }, 400, 'VALIDATION_FAILED', 'successors'],
      ['an unknown unit', { kind: 'merge', predecessors: ['MC1', 'NOPE'], successors: ['MS1'] }, 400, 'VALIDATION_FAILED', 'predecessors'],
      ['units of different levels', { kind: 'merge', predecessors: ['MC1', 'MV1'], successors: ['MS1'] }, 400, 'VALIDATION_FAILED', 'successors'],
      ['a successor not valid on the date', { kind: 'merge', predecessors: ['MC1', 'MC2'], successors: ['MS1'], effectiveDate: '2024-01-01' }, 400, 'VALIDATION_FAILED', 'successors'],
      ['a predecessor still valid on the date', { kind: 'merge', predecessors: ['MS1', 'MN'], successors: ['MT'] }, 400, 'VALIDATION_FAILED', 'predecessors'],
      ['a predecessor not valid the day before', { kind: 'rename', predecessors: ['MS1'], successors: ['MN'] }, 400, 'VALIDATION_FAILED', 'predecessors'],
    ])('refuses %s', async (_, body, status, code, field) => {
      expectError(await admin.succession({ effectiveDate: '2025-07-01', ...body }), status, code, field);
    });
  });

  describe('only admins write', () => {
    beforeAll(() => createUnits(admin, smallTree('A')));

    it.each(['province', 'district', 'commune'] as const)('a %s officer gets 403 on every write, and can read', async (role) => {
      const unit = role === 'province' ? 'A' : role === 'district' ? 'AD1' : 'AC1';
      const officer = unitsApi(t, await t.tokenFor(role, unit));
      const forbidden = [
        await officer.create({ code: 'AX', level: 'commune', name: 'Xã X', kind: 'xa', areaType: 'rural', parentCode: 'AD1', validFrom: '2021-01-01', validTo: '2025-06-30' }),
        await officer.newVersion('AC1', { validFrom: '2023-01-01', name: 'Xã Đổi Tên' }),
        await officer.correct('AC1', '2020-01-01', { version: 1, name: 'Xã Sửa' }),
        await officer.succession({ kind: 'merge', effectiveDate: '2023-01-01', predecessors: ['AC1', 'AC2'], successors: ['AT'] }),
      ];
      expect(forbidden.map((r) => [r.status, r.body.code])).toEqual(Array(4).fill([403, 'FORBIDDEN']));
      expect((await officer.get('AC1', '2021-01-01')).status).toBe(200);
      expect(await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor = $1`, [`${role}_${unit}`])).toEqual([{ n: 0 }]);
    });
  });
});
