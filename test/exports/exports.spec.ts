import type { Worksheet } from 'exceljs';
import { writeHouseholds } from '../utils/register-writer';
import type { AuthUser } from '../../src/auth/auth-user';
import { demoVillages } from '../../src/demo/seed-units';
import type { BreakdownReport, ProgramProgressReport, SummaryReport } from '../../src/exports/report-inputs';
import { ReportSource } from '../../src/exports/report-source';
import { LIST_PAGE_SIZE } from '../../src/exports/exports.service';
import { binary, createExportTestApp } from './export-app';
import { breakdownsFor, districtSummary } from './fixtures';
import { ListFixture, seedListFixture } from './list-fixture';
import { formula, num, readXlsx, rowOf } from './xlsx-read';

/** Hand-made figures in place of the reports and program modules (bound for real at merge). */
class FakeSource extends ReportSource {
  calls: string[] = [];
  async summary(user: AuthUser, unit: string, year: number): Promise<SummaryReport> {
    this.calls.push(`summary ${user.username} ${unit} ${year}`);
    return districtSummary();
  }
  async breakdowns(_user: AuthUser, _unit: string, _year: number): Promise<BreakdownReport> {
    return breakdownsFor(districtSummary());
  }
  async programProgress(_user: AuthUser, unit: string, year: number): Promise<ProgramProgressReport> {
    const fig = (a: number, d: number, poor: number) => ({
      allocated: { central: a, local: a / 2, other: 0, investment: a, recurrent: a / 2 },
      disbursed: { central: d, local: d / 2, other: 0, investment: d, recurrent: d / 2 },
      activities: { count: 2, participants: 60 },
      beneficiaries: { poor, nearPoor: 3, recentlyEscaped: 1, other: 0 },
      escapedNextReview: 4,
    });
    return {
      unit: { code: unit, name: 'Huyện Chiêm Hóa', level: 'district' },
      year,
      program: { code: 'CTMTQG-GNBV-2021-2025', name: 'Chương trình MTQG giảm nghèo bền vững giai đoạn 2021-2025' },
      projects: [
        { code: 'DA1', number: '1', name: 'Dự án 1: Hỗ trợ đầu tư phát triển hạ tầng kinh tế - xã hội các huyện nghèo', ...fig(1_000_000_000, 800_000_000, 10) },
        {
          code: 'DA7', number: '7', name: 'Dự án 7: Nâng cao năng lực và giám sát, đánh giá chương trình', ...fig(200_000_000, 150_000_000, 0),
          children: [{ code: 'DA7.1', number: '7.1', name: 'Tiểu dự án 1: Nâng cao năng lực thực hiện chương trình', ...fig(200_000_000, 150_000_000, 0) }],
        },
      ],
      total: fig(1_200_000_000, 950_000_000, 10),
    };
  }
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('Excel exports (real PostgreSQL, real auth, scopes and audit)', () => {
  let t: Awaited<ReturnType<typeof createExportTestApp>>;
  let f: ListFixture;
  let admin: string;
  let district: string;
  let phucSon: string;
  let vinhLoc: string;
  const source = new FakeSource();
  const village = new Map(demoVillages().map((v) => [v.code, v.name]));

  beforeAll(async () => {
    t = await createExportTestApp(source);
    f = await seedListFixture(t.ds);
    admin = await t.tokenFor('admin', null);
    district = await t.tokenFor('district', '073');
    phucSon = await t.tokenFor('commune', '02299');
    vinhLoc = await t.tokenFor('commune', '02287');
  }, 120_000);
  afterAll(() => t?.close());

  const get = (path: string, token: string) => t.http().get(path).set('Authorization', `Bearer ${token}`).buffer(true).parse(binary);
  const audit = async (entity: string) =>
    t.ds.query(`SELECT actor, action, entity, entity_id, unit_code, new_value, note FROM audit_log WHERE entity = $1 ORDER BY id DESC LIMIT 1`, [entity]);

  describe('GET /api/reports/summary.xlsx', () => {
    it('returns the workbook with a Vietnamese file name (RFC 5987) and records the export', async () => {
      const res = await get('/api/reports/summary.xlsx?unit=073&year=2022', district);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="Bao-cao-ket-qua-ra-soat-ho-ngheo-ho-can-ngheo-Huyen-Chiem-Hoa-2022.xlsx"; ' +
          "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20k%E1%BA%BFt%20qu%E1%BA%A3%20r%C3%A0%20so%C3%A1t%20h%E1%BB%99%20ngh%C3%A8o%2C%20h%E1%BB%99%20c%E1%BA%ADn%20ngh%C3%A8o%20-%20Huy%E1%BB%87n%20Chi%C3%AAm%20H%C3%B3a%20-%202022.xlsx",
      );
      const s = districtSummary();
      const wb = await readXlsx(res.body);
      const t1 = wb.getWorksheet('1. Kết quả rà soát')!;
      const top = rowOf(t1, 'Huyện Chiêm Hóa');
      expect([num(t1, `C${top}`), num(t1, `E${top}`), num(t1, `F${top}`)]).toEqual([s.households.end, s.poor.end, s.poor.rateEnd]);
      const t2 = wb.getWorksheet('2. Diễn biến hộ nghèo')!;
      expect([num(t2, `D${top}`), num(t2, `L${top}`)]).toEqual([s.poor.start, s.poor.end]);
      expect(source.calls).toContain('summary district_073 073 2022');
      const [a] = await audit('summary-report');
      expect(a).toMatchObject({ actor: 'district_073', action: 'export', entity_id: '073/2022', unit_code: '073' });
      expect(a.new_value).toMatchObject({ year: 2022, sheets: 14, rows: 4 });
    });

    it('refuses a unit outside the caller\'s area, and bad parameters', async () => {
      expect((await get('/api/reports/summary.xlsx?unit=073&year=2022', vinhLoc)).status).toBe(403);
      const bad = await t.http().get('/api/reports/summary.xlsx?unit=073&year=abc').set('Authorization', `Bearer ${admin}`);
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('year');
    });
  });

  describe('GET /api/exports/household-list.xlsx (tables 14/15, streamed)', () => {
    let ws: Worksheet;
    let res: Awaited<ReturnType<typeof get>>;
    beforeAll(async () => {
      res = await get('/api/exports/household-list.xlsx?unit=02299&year=2022&class=poor', phucSon);
      ws = (await readXlsx(res.body)).worksheets[0];
    });

    it('streams an xlsx with the headings of table 14 and frozen panes', async () => {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toContain('filename="Danh-sach-chi-tiet-ho-ngheo-Xa-Phuc-Son-2022.xlsx"');
      expect(ws.getCell('A4').value).toBe('DANH SÁCH CHI TIẾT HỘ NGHÈO');
      expect(ws.getCell('A2').value).toBe('XÃ PHÚC SƠN');
      expect([ws.getCell('A6').value, ws.getCell('B6').value, ws.getCell('C6').value, ws.getCell('E6').value, ws.getCell('E7').value, ws.getCell('F7').value])
        .toEqual(['STT chủ hộ', 'STT thành viên', 'Họ và tên chủ hộ và thành viên', 'Năm sinh', 'Nam', 'Nữ']);
      expect([ws.getCell('I7').value, ws.getCell('J7').value, ws.getCell('K7').value]).toEqual(['Nghèo mới', 'Tái nghèo', 'Nghèo cũ']);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 8 });
    });

    it('lists each household (head row) with its members, by village', async () => {
      const rows: unknown[][] = [];
      for (let r = 9; r <= 13; r++) rows.push(Array.from({ length: 20 }, (_, i) => ws.getCell(r, i + 1).value ?? null));
      const blank = (n: number) => Array(n).fill(null);
      const x = 'x';
      expect(rows).toEqual([
        // village 1: Nguyễn Văn An (stays poor: "Nghèo cũ"; người có công; DTTS; needs health and housing)
        [1, null, 'Nguyễn Văn An', village.get('02299-01'), 1970, null, 'Tày', 'Chủ hộ', null, null, x, x, x, null, x, null, null, null, x, null],
        [null, 1, 'Hoàng Thị Bình', null, null, 1972, 'Tày', 'Vợ/chồng', ...blank(12)],
        [null, 2, 'Nguyễn Văn Cường', null, 2005, null, 'Tày', 'Con', ...blank(12)],
        // village 2: a name that looks like a formula, newly poor, no labour capacity, credit + an unknown need ("Khác")
        [2, null, '=SUM(A1:A2)', village.get('02299-02'), null, 1980, 'Kinh', 'Chủ hộ', x, null, null, null, null, x, null, null, null, x, null, x],
        // village 3: fell back into poverty
        [3, null, 'Ma Văn Giang', village.get('02299-03'), 1960, null, 'Tày', 'Chủ hộ', null, x, null, null, x, null, ...blank(6)],
      ]);
      expect(ws.getCell('A14').value).toBe('Tổng cộng: 3 hộ, 5 nhân khẩu');
      expect(typeof ws.getCell('C12').value).toBe('string');
      // user text carries the Text format (an officer editing the cell keeps it text): common/excel/safe-cell.ts
      expect(['C12', 'C9', 'D9', 'G9', 'H9'].map((c) => ws.getCell(c).numFmt)).toEqual(['@', '@', '@', '@', '@']);
      expect(ws.getCell('E9').numFmt).toBe('0');
    });

    it('records the export after the stream, with the number of households', async () => {
      // written once the response has finished, so it may land just after the client has the file
      let a: Record<string, any> | undefined;
      for (let i = 0; i < 100 && !a; i++) {
        [a] = await audit('household-list');
        if (!a) await new Promise((r) => setTimeout(r, 20));
      }
      expect(a).toMatchObject({ actor: 'commune_02299', action: 'export', entity_id: '02299/2022/poor', unit_code: '02299', note: null });
      expect(a!.new_value).toMatchObject({ rows: 3, persons: 5, class: 'poor', year: 2022 });
    });

    it('a district list has a section per commune and names the communes without a decided round', async () => {
      const r = await get('/api/exports/household-list.xlsx?unit=073&year=2022&class=poor', district);
      expect(r.status).toBe(200);
      const d = (await readXlsx(r.body)).worksheets[0];
      const texts: string[] = [];
      d.eachRow((row) => { const v = row.getCell(1).value; if (typeof v === 'string') texts.push(v); });
      expect(texts).toEqual(expect.arrayContaining(['Thị trấn Vĩnh Lộc', 'Cộng: 1 hộ, 2 nhân khẩu', 'Xã Phúc Sơn', 'Cộng: 3 hộ, 5 nhân khẩu', 'Tổng cộng: 4 hộ, 7 nhân khẩu']));
      expect(texts.indexOf('Thị trấn Vĩnh Lộc')).toBeLessThan(texts.indexOf('Xã Phúc Sơn'));
      const note = texts.find((s) => s.startsWith('Đơn vị chưa có kết quả rà soát được phê duyệt năm 2022'));
      expect(note).toContain('Xã Minh Quang');
      expect(note).not.toContain('Xã Phúc Sơn');
    });

    it('the near-poor list (table 15) marks a poor household that became near-poor as new', async () => {
      const r = await get('/api/exports/household-list.xlsx?unit=02299&year=2022&class=near_poor', admin);
      const n = (await readXlsx(r.body)).worksheets[0];
      expect([n.getCell('I7').value, n.getCell('J7').value, n.getCell('K7').value]).toEqual(['Cận nghèo mới', 'Tái cận nghèo', 'Cận nghèo cũ']);
      expect((n.getRow(9).values as unknown[]).slice(1, 12)).toEqual([1, undefined, 'Lý Văn Dũng', village.get('02299-01'), 1965, undefined, 'Dao', 'Chủ hộ', 'x', undefined, undefined]);
      expect(n.getCell('B10').value).toBe(1);
      expect(n.getCell('C10').value).toBe('Lý Thị Em');
    });

    it('pages through a list longer than one page, in village order, numbering without a gap', async () => {
      const [rr] = await t.ds.query(
        `INSERT INTO review_round (commune_code, year, kind, list_year, standard_code, status, decision_number, decision_date)
         VALUES ('02305', 2022, 'periodic', 2023, 'ND07-2021', 'decided', '1/QĐ', '2022-12-09') RETURNING id`,
      );
      const n = LIST_PAGE_SIZE + 300;
      await writeHouseholds(t.ds, Array.from({ length: n }, (_, k) => ({
        code: `TH-${k + 1}`, communeCode: '02305', villageCode: `02305-0${1 + ((k + 1) % 3)}`,
        head: { fullName: `Chủ hộ ${k + 1}`, birthYear: 1970, ethnicity: '02' },
        members: [{ fullName: `Con ${k + 1}`, sex: 'female' as const, birthYear: 2010, relation: 'child' as const }],
      })));
      await t.ds.query(
        `INSERT INTO review_result (round_id, household_id, standard_code, area_type, b1_score, computed_class, decided_class, explanation, snap_village_code)
         SELECT $1, id, 'ND07-2021', 'rural', 100, 'poor', 'poor', 'x', village_code FROM household WHERE commune_code = '02305'`, [rr.id]);
      const r = await get('/api/exports/household-list.xlsx?unit=02305&year=2022&class=poor', admin);
      const ws = (await readXlsx(r.body)).worksheets[0];
      const seq: number[] = [];
      const villages: string[] = [];
      let members = 0;
      ws.eachRow((row, i) => {
        if (i <= 8) return;
        const a = row.getCell(1).value;
        if (typeof a === 'number') { seq.push(a); villages.push(String(row.getCell(4).value)); }
        if (row.getCell(2).value === 1) members++;
      });
      expect(seq).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      expect(members).toBe(n);
      const order = [village.get('02305-01'), village.get('02305-02'), village.get('02305-03')];
      expect(villages.map((v) => order.indexOf(v))).toEqual([...villages.map((v) => order.indexOf(v))].sort((x, y) => x - y));
      expect(ws.getCell(9 + 2 * n, 1).value).toBe(`Tổng cộng: ${n} hộ, ${2 * n} nhân khẩu`);
    });

    it('refuses a commune outside the caller\'s area before sending anything', async () => {
      const r = await t.http().get('/api/exports/household-list.xlsx?unit=02299&year=2022&class=poor').set('Authorization', `Bearer ${vinhLoc}`);
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('OUT_OF_SCOPE');
      const unknown = await t.http().get('/api/exports/household-list.xlsx?unit=99999&year=2022&class=poor').set('Authorization', `Bearer ${admin}`);
      expect(unknown.status).toBe(404);
      const cls = await t.http().get('/api/exports/household-list.xlsx?unit=02299&year=2022&class=rich').set('Authorization', `Bearer ${admin}`);
      expect(cls.status).toBe(400);
    });
  });

  describe('a round\'s posting list and certificates', () => {
    it('posts poor, near-poor, escaped-poor and escaped-near-poor households with why', async () => {
      const res = await get(`/api/exports/rounds/${f.round2022}/posting-list.xlsx`, phucSon);
      expect(res.status).toBe(200);
      const ws = (await readXlsx(res.body)).worksheets[0];
      const lines: unknown[][] = [];
      for (let r = 9; r <= ws.rowCount; r++) lines.push([ws.getCell(r, 1).value, ws.getCell(r, 2).value, ws.getCell(r, 7).value, ws.getCell(r, 8).value]);
      expect(lines.slice(0, 11)).toEqual([
        [null, 'I. HỘ NGHÈO: 3 hộ, 5 nhân khẩu', 'I. HỘ NGHÈO: 3 hộ, 5 nhân khẩu', 'I. HỘ NGHÈO: 3 hộ, 5 nhân khẩu'],
        ['1', 'Nguyễn Văn An', 3, 'Nghèo cũ'],
        ['2', '=SUM(A1:A2)', 1, 'Nghèo mới'],
        ['3', 'Ma Văn Giang', 1, 'Nghèo mới'],
        [null, 'II. HỘ CẬN NGHÈO: 1 hộ, 2 nhân khẩu', 'II. HỘ CẬN NGHÈO: 1 hộ, 2 nhân khẩu', 'II. HỘ CẬN NGHÈO: 1 hộ, 2 nhân khẩu'],
        ['1', 'Lý Văn Dũng', 2, 'Từ hộ nghèo'],
        [null, 'III. HỘ THOÁT NGHÈO: 1 hộ, 2 nhân khẩu', 'III. HỘ THOÁT NGHÈO: 1 hộ, 2 nhân khẩu', 'III. HỘ THOÁT NGHÈO: 1 hộ, 2 nhân khẩu'],
        ['1', 'Lý Văn Dũng', 2, 'Trở thành hộ cận nghèo'],
        [null, 'IV. HỘ THOÁT CẬN NGHÈO: 1 hộ, 1 nhân khẩu', 'IV. HỘ THOÁT CẬN NGHÈO: 1 hộ, 1 nhân khẩu', 'IV. HỘ THOÁT CẬN NGHÈO: 1 hộ, 1 nhân khẩu'],
        ['1', 'Trần Văn Phúc', 1, 'Vượt chuẩn cận nghèo'],
        [expect.stringContaining('Mọi ý kiến, khiếu nại'), expect.anything(), expect.anything(), expect.anything()],
      ]);
      const [a] = await audit('posting-list');
      expect(a).toMatchObject({ entity_id: String(f.round2022), unit_code: '02299' });
      expect(a.new_value.rows).toBe(6);
    });

    it('lists the certificates (Mẫu 03) of the decision, ID numbers masked outside the commune', async () => {
      const res = await get(`/api/exports/rounds/${f.round2022}/certificates.xlsx`, district);
      expect(res.status).toBe(200);
      const wb = await readXlsx(res.body);
      const reg = wb.getWorksheet('Sổ cấp giấy chứng nhận')!;
      const numbers = [8, 9, 10, 11].map((r) => [reg.getCell(r, 2).value, reg.getCell(r, 3).value, reg.getCell(r, 6).value]);
      expect(numbers).toEqual([
        ['PS-001', 'Nguyễn Văn An', 'Hộ nghèo'], ['PS-002', '=SUM(A1:A2)', 'Hộ nghèo'], ['PS-003', 'Ma Văn Giang', 'Hộ nghèo'], ['PS-004', 'Lý Văn Dũng', 'Hộ cận nghèo'],
      ]);
      const cert = wb.getWorksheet('Giấy chứng nhận (Mẫu 03)')!;
      const texts: string[] = [];
      cert.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'string') texts.push(c.value); }));
      expect(texts).toEqual(expect.arrayContaining(['GIẤY CHỨNG NHẬN HỘ NGHÈO', 'Số: PS-001', 'GIẤY CHỨNG NHẬN HỘ CẬN NGHÈO', 'Hoàng Thị Bình', '*********123']));
      expect(texts).not.toContain('008172000123');
      const [a] = await audit('certificates');
      expect(a.new_value.rows).toBe(4);
    });

    it('refuses certificates of a round not decided yet, and a posting list before the meeting', async () => {
      const c = await t.http().get(`/api/exports/rounds/${f.roundDraft}/certificates.xlsx`).set('Authorization', `Bearer ${admin}`);
      expect(c.status).toBe(422);
      const p = await t.http().get(`/api/exports/rounds/${f.roundDraft}/posting-list.xlsx`).set('Authorization', `Bearer ${admin}`);
      expect(p.status).toBe(422);
      const other = await t.http().get(`/api/exports/rounds/${f.round2022}/posting-list.xlsx`).set('Authorization', `Bearer ${vinhLoc}`);
      expect(other.status).toBe(403);
      expect((await t.http().get('/api/exports/rounds/999999/certificates.xlsx').set('Authorization', `Bearer ${admin}`)).status).toBe(404);
    });
  });

  it('GET /api/exports/program-progress.xlsx: funds, rates, households, with the total the SUM of the projects', async () => {
    const res = await get('/api/exports/program-progress.xlsx?unit=073&year=2023', district);
    expect(res.status).toBe(200);
    const ws = (await readXlsx(res.body)).worksheets[0];
    const top = rowOf(ws, 'Tổng cộng');
    const p1 = rowOf(ws, 'Dự án 1: Hỗ trợ đầu tư phát triển hạ tầng kinh tế - xã hội các huyện nghèo');
    expect(num(ws, `C${top}`)).toBe(1_800_000_000);
    expect(formula(ws, `D${top}`)).toBe(`SUM(D${p1}:D${p1 + 1})`); // the two projects, not the sub-project
    expect(num(ws, `O${p1}`)).toBe(80);
    expect(ws.getCell(`O${p1}`).numFmt).toBe('0.00');
    expect(num(ws, `R${top}`)).toBe(14);
    const [a] = await audit('program-progress');
    expect(a.new_value.rows).toBe(3);
  });
});
