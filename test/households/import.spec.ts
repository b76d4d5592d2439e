import ExcelJS from 'exceljs';
import { seedDemoUnits } from '../../src/demo/seed-units';
import { createHousehold, head, PHUC_SON, VINH_LOC } from '../utils/households';
import { createTestApp, TestApp } from '../utils/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Reads a binary HTTP answer into a Buffer (supertest leaves xlsx bodies unparsed otherwise). */
const binary = (res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function workbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes rows under the headings of the data sheet, by heading text (so the test does not depend on column order). */
function fill(ws: ExcelJS.Worksheet, rows: Record<string, unknown>[], headerRow = 1): void {
  const cols = new Map<string, number>();
  ws.getRow(headerRow).eachCell((cell, col) => cols.set(String(cell.value).replace(/\s*\*$/, ''), col));
  rows.forEach((r, i) => {
    const row = ws.getRow(headerRow + 1 + i);
    for (const [heading, value] of Object.entries(r)) {
      const col = cols.get(heading);
      if (!col) throw new Error(`no column ${heading}`);
      row.getCell(col).value = value as ExcelJS.CellValue;
    }
    row.commit();
  });
}

describe('household import from Excel (real PostgreSQL)', () => {
  let t: TestApp;
  let officer: string;
  let district: string;
  let other: string;
  let template: Buffer;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const upload = (buf: Buffer, name = 'danh-sach.xlsx', commune = VINH_LOC, token = officer, query = '') =>
    t.http().post(`/api/households/import?commune=${commune}${query}`).set(auth(token)).attach('file', buf, name);
  const count = async () => (await t.ds.query(`SELECT (SELECT count(*) FROM household)::int AS h, (SELECT count(*) FROM household_member)::int AS m`))[0];

  beforeAll(async () => {
    t = await createTestApp();
    await t.ds.transaction((m) => seedDemoUnits(m));
    officer = await t.tokenFor('commune', VINH_LOC);
    other = await t.tokenFor('commune', PHUC_SON);
    district = await t.tokenFor('district', '073');
    const res = await t.http().get(`/api/households/import-template?commune=${VINH_LOC}`).set(auth(officer)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    expect(res.headers['content-disposition']).toContain('mau-nhap-ho-gia-dinh-02287.xlsx');
    template = res.body;
  });
  afterAll(() => t.close());

  it('serves a template documenting its layout, with the lists', async () => {
    const wb = await workbook(template);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Hộ và thành viên', 'Danh mục', 'Hướng dẫn']);
    const headings = (wb.getWorksheet('Hộ và thành viên')!.getRow(1).values as unknown[]).filter(Boolean);
    expect(headings).toEqual(expect.arrayContaining(['Mã hộ', 'Thôn/Tổ dân phố *', 'Họ và tên *', 'Quan hệ với chủ hộ *', 'Giới tính *', 'Năm sinh', 'Dân tộc *', 'Số CCCD/CMND']));
    const guide = wb.getWorksheet('Hướng dẫn')!;
    const text: string[] = [];
    guide.eachRow((r) => text.push(String(r.getCell(1).value)));
    expect(text.join('\n')).toContain('"Chủ hộ"');
    const lists = wb.getWorksheet('Danh mục')!;
    expect(lists.getCell('B3').value).toBe('Tày');
    expect(lists.getCell('J2').value).toBe('Tổ dân phố 1');
    const plain = await t.http().get('/api/households/import-template').set(auth(district)).buffer(true).parse(binary);
    expect(plain.status).toBe(200);
  });

  it('imports a filled template (officers\' habits included) and reads it back', async () => {
    const wb = await workbook(template);
    const ws = wb.getWorksheet('Hộ và thành viên')!;
    fill(ws, [
      // a household: head with an ID typed as a number (leading zero lost), NFD name with trailing spaces
      { 'STT': 1, 'Mã hộ': 'VL-001', 'Thôn/Tổ dân phố': 'tổ dân phố 2', 'Họ và tên': 'Nguye\u0302\u0303n Văn Hoà   ', 'Quan hệ với chủ hộ': 'Chủ hộ',
        'Giới tính': 'Nam', 'Năm sinh': 1970, 'Dân tộc': 'Kinh', 'Số CCCD/CMND': 8070001234, 'Có thẻ BHYT': 'có', 'Có khả năng lao động': 'x',
        'Việc làm': 'Làm ruộng', 'Địa chỉ': 'Tổ 2', 'Hộ có người có công': 'Có', 'Ngày đăng ký': '01/02/2016' },
      // wife: a date cell; year as a formula with its cached result; ethnicity with old spelling
      { 'Họ và tên': 'Ma Thị Thuỵ', 'Quan hệ với chủ hộ': 'Vợ', 'Giới tính': 'nữ', 'Ngày sinh': new Date(Date.UTC(1972, 4, 12)),
        'Dân tộc': 'tay', 'Năm sinh': { formula: 'YEAR(G3)', result: 1972 }, 'Thôn/Tổ dân phố': 'Tổ dân phố 2' },
      // a child: birth date typed as text, year as text with a separator, in school
      { 'Họ và tên': 'Nguyễn Thị Hóa', 'Quan hệ với chủ hộ': 'Con gái', 'Giới tính': 'Nữ', 'Ngày sinh': '05/09/2013', 'Dân tộc': '01',
        'Đang đi học': 'Có', 'Trình độ học vấn': 'Tiểu học', 'Suy dinh dưỡng': 'Không' },
      // a second household, code left blank (generated), village by code
      { 'Thôn/Tổ dân phố': '02287-05', 'Họ và tên': 'Bàn Văn Sinh', 'Quan hệ với chủ hộ': 'Chủ hộ', 'Giới tính': 'Nam', 'Năm sinh': '1.958',
        'Dân tộc': 'Dao', 'Khuyết tật': 'Nặng', 'Có khả năng lao động': 'Không' },
    ]);
    const res = await upload(await toBuffer(wb), 'Danh sách hộ Vĩnh Lộc.xlsx');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      communeCode: VINH_LOC, fileName: 'Danh sách hộ Vĩnh Lộc.xlsx', sheet: 'Hộ và thành viên', dryRun: false, households: 2, members: 4, generatedCodes: 1,
    });

    const list = (await t.http().get(`/api/households?commune=${VINH_LOC}&q=hoa`).set(auth(officer))).body;
    const first = list.items.find((i: { code: string }) => i.code === 'VL-001');
    expect(first).toMatchObject({ headName: 'Nguyễn Văn Hoà', villageCode: '02287-02', persons: 3, ethnicMinority: false, meritorious: true, headIdNumber: '008070001234' });
    const detail = (await t.http().get(`/api/households/${first.id}`).set(auth(officer))).body;
    expect(detail).toMatchObject({ registeredOn: '2016-02-01', address: 'Tổ 2' });
    expect(detail.members).toEqual([
      expect.objectContaining({ fullName: 'Nguyễn Văn Hoà', relation: 'head', birthYear: 1970, ethnicity: '01', labourCapacity: true, employment: 'farming', idNumber: '008070001234' }),
      expect.objectContaining({ fullName: 'Ma Thị Thuỵ', relation: 'spouse', sex: 'female', birthDate: '1972-05-12', birthYear: 1972, ethnicity: '02' }),
      expect.objectContaining({ fullName: 'Nguyễn Thị Hóa', relation: 'child', birthDate: '2013-09-05', inSchool: true, educationLevel: 'primary', malnourished: false, labourCapacity: false }),
    ]);
    const second = (await t.http().get(`/api/households?commune=${VINH_LOC}&q=ban van sinh`).set(auth(officer))).body.items[0];
    expect(second).toMatchObject({ code: expect.stringMatching(/^H\d{5}$/), villageCode: '02287-05', headBirthYear: 1958, noLabourCapacity: true });
    const [audit] = await t.ds.query(`SELECT action, unit_code, new_value FROM audit_log WHERE action = 'import'`);
    expect(audit).toMatchObject({ unit_code: VINH_LOC, new_value: expect.objectContaining({ households: 2, members: 4 }) });
  });

  it('reports every bad row (row, column, reason) and writes nothing', async () => {
    const existing = await createHousehold(t, officer, { code: 'OLD-1', head: head({ idNumber: '008075007777' }) });
    const before = await count();
    const wb = await workbook(template);
    fill(wb.getWorksheet('Hộ và thành viên')!, [
      { 'Họ và tên': 'Lý Văn Trước', 'Quan hệ với chủ hộ': 'Con', 'Giới tính': 'Nam', 'Năm sinh': 2000, 'Dân tộc': 'Tày' }, // row 2: member before any head
      { 'Mã hộ': 'NEW-1', 'Thôn/Tổ dân phố': 'Tổ dân phố 3', 'Họ và tên': 'Hà Văn Một', 'Quan hệ với chủ hộ': 'Chủ hộ', 'Giới tính': 'Đực', 'Năm sinh': 1980, 'Dân tộc': 'Tày' }, // row 3: sex
      { 'Họ và tên': '', 'Quan hệ với chủ hộ': 'Vợ', 'Giới tính': 'Nữ', 'Năm sinh': 1982, 'Dân tộc': 'Klingon' }, // row 4: name, ethnicity
      { 'Mã hộ': 'NEW-1', 'Thôn/Tổ dân phố': 'Thôn Không Có', 'Họ và tên': 'Hà Văn Hai', 'Quan hệ với chủ hộ': 'Chủ hộ', 'Giới tính': 'Nam', 'Năm sinh': 'năm ngoái', 'Dân tộc': 'Tày' }, // row 5
      { 'Mã hộ': 'OLD-1', 'Thôn/Tổ dân phố': 'Tổ dân phố 3', 'Họ và tên': 'Hà Văn Ba', 'Quan hệ với chủ hộ': 'Chủ hộ', 'Giới tính': 'Nam', 'Năm sinh': 1980, 'Dân tộc': 'Tày', 'Số CCCD/CMND': '008075007777' }, // row 6
      { 'Mã hộ': 'NEW-9', 'Thôn/Tổ dân phố': 'Tổ dân phố 3', 'Họ và tên': 'Hà Văn Bốn', 'Quan hệ với chủ hộ': 'Chủ hộ', 'Giới tính': 'Nam', 'Ngày sinh': '31/02/1980', 'Dân tộc': 'Tày', 'Có thẻ BHYT': { formula: 'A1' } }, // row 7
      { 'Mã hộ': 'NEW-10', 'Thôn/Tổ dân phố': 'Tổ dân phố 3', 'Họ và tên': 'Hà Văn Năm', 'Quan hệ với chủ hộ': 'Chủ hộ', 'Giới tính': 'Nam', 'Năm sinh': 1990, 'Dân tộc': 'Tày' }, // row 8: fine
      { 'Mã hộ': 'XX', 'Họ và tên': 'Hà Thị Sáu', 'Quan hệ với chủ hộ': 'Vợ', 'Giới tính': 'Nữ', 'Năm sinh': 1991, 'Dân tộc': 'Tày', 'Số CCCD/CMND': '12345' }, // row 9
    ]);
    const res = await upload(await toBuffer(wb));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('IMPORT_INVALID');
    const found = res.body.details.map((d: { row: number; column?: string; field?: string }) => `${d.row}:${d.column ?? ''}:${d.field ?? ''}`);
    expect(found).toEqual(expect.arrayContaining([
      '2:E:relation', '3:F:sex', '4:D:fullName', '4:I:ethnicity', '5:B:code', '5:C:village', '5:H:birthYear',
      '6:B:code', '6:J:idNumber', '7:G:birthDate', '7:K:healthInsurance', '9:B:code', '9:J:idNumber',
    ]));
    expect(found.some((f: string) => f.startsWith('8:'))).toBe(false);
    const oldCode = res.body.details.find((d: { row: number; field: string }) => d.row === 6 && d.field === 'code');
    expect(oldCode.message).toContain(`#${existing.id}`);
    expect(res.body.details.find((d: { row: number; field: string }) => d.row === 3).heading).toBe('Giới tính');
    expect(await count()).toEqual(before);
  });

  it('is all or nothing across batches: a bad row after the first thousand households rolls everything back', async () => {
    const before = await count();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hộ và thành viên');
    ws.addRow(['Mã hộ', 'Thôn/Tổ dân phố', 'Họ và tên', 'Quan hệ với chủ hộ', 'Giới tính', 'Năm sinh', 'Dân tộc', 'Số CCCD/CMND']);
    for (let i = 1; i <= 1100; i++) {
      ws.addRow([`B-${i}`, `Tổ dân phố ${1 + (i % 10)}`, `Hà Văn Số ${'I'.repeat(1 + (i % 3))}`.replace(/\d/g, ''), 'Chủ hộ', 'Nam', 1960 + (i % 40), 'Tày', `0080600${String(i).padStart(5, '0')}`]);
      ws.addRow([null, null, 'Lục Thị Vợ', 'Vợ', 'Nữ', 1962 + (i % 40), 'Tày', null]);
    }
    ws.getCell('E2201').value = 'Không rõ'; // the last head's sex
    const bad = await upload(await toBuffer(wb), 'lon.xlsx');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ row: 2201, column: 'E', field: 'sex' })]);
    expect(await count()).toEqual(before);
    ws.getCell('E2201').value = 'Nam';
    const ok = await upload(await toBuffer(wb), 'lon.xlsx');
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ households: 1100, members: 2200 });
    expect(await count()).toEqual({ h: before.h + 1100, m: before.m + 2200 });
    // the same file again: every code and ID number is already in the register
    const again = await upload(await toBuffer(wb), 'lon.xlsx');
    expect(again.status).toBe(400);
    expect(again.body.details).toHaveLength(2000); // the list is capped; the message gives the count
    expect(again.body.details[0]).toMatchObject({ row: 2, field: 'code', message: expect.stringContaining('đã có trong xã') });
    expect(again.body.message).toContain('2200 lỗi ở 1100 dòng');
  });

  it('finds the columns by heading: other order, title rows above, extra columns; dry run writes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['DANH SÁCH HỘ GIA ĐÌNH THỊ TRẤN VĨNH LỘC']);
    ws.addRow([]);
    ws.addRow(['Ghi chú riêng', 'Dân tộc', 'Họ tên', 'Giới tính', 'Năm sinh', 'Quan hệ', 'Thôn']);
    ws.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)']);
    ws.addRow(['ghi chú', 'Tày', 'Quan Văn Tám', 'Nam', 1966, 'Chủ hộ', 'Tổ 99']);
    ws.addRow(['', 'Tày', 'Quan Thị Chín', 'Nữ', 1968, 'Vợ/Chồng', '']);
    const before = await count();
    const dry = await upload(await toBuffer(wb), 'x.xlsx', VINH_LOC, officer, '&dryRun=true');
    expect(dry.status).toBe(400); // the town has no "Tổ 99"
    expect(dry.body.details[0]).toMatchObject({ row: 5, column: 'G', field: 'village' });
    ws.getCell('G5').value = 'TDP 7'; // = Tổ dân phố 7
    const ok = await upload(await toBuffer(wb), 'x.xlsx', VINH_LOC, officer, '&dryRun=true');
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ dryRun: true, households: 1, members: 2, sheet: 'Danh sách' });
    expect(await count()).toEqual(before);
  });

  it('names the missing headings when the header row is not found', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['Họ và tên', 'Tuổi']);
    const res = await upload(await toBuffer(wb));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('IMPORT_INVALID');
    expect(res.body.details.map((d: { column: string }) => d.column)).toEqual(['Quan hệ với chủ hộ', 'Giới tính', 'Dân tộc']);
  });

  it('refuses what is not an .xlsx workbook (the shared upload checks), and a missing file naming the field', async () => {
    const renamed = await upload(Buffer.from('Họ và tên;Giới tính\nA;Nam\n'), 'danh-sach.xlsx');
    expect(renamed.status).toBe(400);
    expect(renamed.body.code).toBe('BAD_FILE');
    const csv = await upload(Buffer.from('Họ và tên;Giới tính\nA;Nam\n'), 'danh-sach.csv');
    expect(csv.status).toBe(415);
    const xls = await upload(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]), 'cu.xlsx');
    expect(xls.status).toBe(415);
    expect(xls.body.details[0].field).toBe('file');
    const corrupt = await upload(template.subarray(0, Math.floor(template.length / 2)), 'hong.xlsx');
    expect(corrupt.status).toBe(400);
    expect(corrupt.body.code).toBe('BAD_FILE');
    const none = await t.http().post(`/api/households/import?commune=${VINH_LOC}`).set(auth(officer)).field('note', 'x');
    expect(none.status).toBe(400);
    expect(none.body.details[0].field).toBe('file');
  });

  it('lets only the commune officer of that commune import there', async () => {
    expect((await upload(template, 'a.xlsx', VINH_LOC, other)).status).toBe(403);
    const d = await upload(template, 'a.xlsx', VINH_LOC, district);
    expect(d.status).toBe(403);
    expect(d.body.code).toBe('FORBIDDEN');
    const bad = await upload(template, 'a.xlsx', '073', await t.tokenFor('admin', null));
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('commune');
  });
});

describe('household import size limit', () => {
  it('refuses a file above UPLOAD_LIMIT_MB with 413', async () => {
    const t = await createTestApp({ env: { UPLOAD_LIMIT_MB: '1' } });
    try {
      const token = await t.tokenFor('admin', null);
      const big = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(1_200_000)]);
      const res = await t.http().post(`/api/households/import?commune=${VINH_LOC}`).set('Authorization', `Bearer ${token}`).attach('file', big, 'big.xlsx');
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await t.close();
    }
  });
});
