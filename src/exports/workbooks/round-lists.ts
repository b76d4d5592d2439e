import { Workbook } from 'exceljs';
import type { CertificateMember, CertificateRow, PostingRow, RoundInfo } from '../exports.repository';
import { setTextCell } from '../../common/excel/safe-cell';
import { RELATION_VI } from './household-list';
import { BORDER_ALL, ColumnNode, FONT_NAME, OfficialSheet, placeName } from './official-sheet';
import type { WorkbookOptions } from './common';

/**
 * The lists of one review round: the list posted publicly after the village meeting (Decision
 * 24/2021/QĐ-TTg Art. 4 step 4: poor, near-poor, escaped-poor and escaped-near-poor households),
 * and the certificates (Mẫu số 03) the chairman's decision issued, as a register to sign on
 * receipt and as printable certificates, one per page.
 */

const vnDate = (iso: string | null): string => (iso ? iso.split('-').reverse().join('/') : '…');

type Section = { title: string; rows: { row: PostingRow; note: string | null }[] };

/** Which section(s) a household of the round belongs to, with the note that explains why. */
export function postingSections(rows: PostingRow[], round: Pick<RoundInfo, 'kind'>): Section[] {
  // a baseline round, or a first round with nothing before it, has no "new / old" to tell
  const history = round.kind !== 'baseline' && rows.some((r) => r.previousClass !== null);
  const poor: Section = { title: 'I. HỘ NGHÈO', rows: [] };
  const near: Section = { title: 'II. HỘ CẬN NGHÈO', rows: [] };
  const outPoor: Section = { title: 'III. HỘ THOÁT NGHÈO', rows: [] };
  const outNear: Section = { title: 'IV. HỘ THOÁT CẬN NGHÈO', rows: [] };
  for (const r of rows) {
    const prev = r.previousClass;
    if (r.decidedClass === 'poor') {
      const note = !history ? null : prev === 'poor' ? 'Nghèo cũ' : prev === 'near_poor' ? 'Từ hộ cận nghèo' : r.everPoor ? 'Tái nghèo' : 'Nghèo mới';
      poor.rows.push({ row: r, note });
    } else if (r.decidedClass === 'near_poor') {
      const note = !history ? null : prev === 'near_poor' ? 'Cận nghèo cũ' : prev === 'poor' ? 'Từ hộ nghèo' : r.everNearPoor ? 'Tái cận nghèo' : 'Cận nghèo mới';
      near.rows.push({ row: r, note });
    }
    if (prev === 'poor' && r.decidedClass !== 'poor') {
      outPoor.rows.push({ row: r, note: r.decidedClass === 'near_poor' ? 'Trở thành hộ cận nghèo' : 'Vượt chuẩn cận nghèo' });
    }
    if (prev === 'near_poor' && (r.decidedClass === 'average' || r.decidedClass === 'above')) {
      outNear.rows.push({ row: r, note: 'Vượt chuẩn cận nghèo' });
    }
  }
  return [poor, near, outPoor, outNear];
}

/** The list for public posting at the village and the commune People's Committee. */
export function buildPostingWorkbook(round: RoundInfo, rows: PostingRow[], opts: WorkbookOptions = {}): { workbook: Workbook; households: number } {
  const wb = new Workbook();
  wb.creator = 'Rà soát hộ nghèo, hộ cận nghèo';
  const columns: ColumnNode[] = [
    { key: 'tt', title: 'TT', number: '1', format: 'text', width: 6 },
    { key: 'name', title: 'Họ và tên chủ hộ', number: '2', format: 'text', width: 28 },
    { title: 'Năm sinh', children: [{ key: 'male', title: 'Nam', number: '3', format: 'year', width: 8 }, { key: 'female', title: 'Nữ', number: '4', format: 'year', width: 8 }] },
    { key: 'ethnicity', title: 'Dân tộc', number: '5', format: 'text', width: 10 },
    { key: 'village', title: 'Thôn/Tổ', number: '6', format: 'text', width: 18 },
    { key: 'persons', title: 'Số nhân khẩu', number: '7', format: 'count', width: 9 },
    { key: 'note', title: 'Ghi chú', number: '8', format: 'text', width: 22 },
  ];
  const posting = round.postingStart ? ` (niêm yết từ ngày ${vnDate(round.postingStart)} đến ngày ${vnDate(round.postingEnd)})` : '';
  const kind = round.kind === 'regular' ? `rà soát thường xuyên tháng ${round.month}/${round.year}` : `rà soát năm ${round.year}`;
  const sheet = new OfficialSheet(wb, 'Danh sách niêm yết', {
    unitName: round.communeName,
    title: 'DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO, HỘ THOÁT NGHÈO, HỘ THOÁT CẬN NGHÈO',
    subtitle: `Niêm yết công khai kết quả ${kind} - ${round.communeName}${posting}`,
    columns,
    frozenColumns: 2,
  });
  let households = 0;
  for (const section of postingSections(rows, round)) {
    const head = sheet.reserveRow();
    sheet.writeRow(head, { tt: null, name: `${section.title}: ${section.rows.length} hộ, ${section.rows.reduce((s, x) => s + x.row.persons, 0)} nhân khẩu` }, { bold: true });
    sheet.ws.mergeCells(head, 2, head, sheet.columnCount);
    section.rows.forEach(({ row, note }, i) => {
      sheet.writeRow(sheet.reserveRow(), {
        tt: String(i + 1),
        name: row.headName,
        male: row.headSex === 'male' ? row.headBirthYear : null,
        female: row.headSex === 'female' ? row.headBirthYear : null,
        ethnicity: row.ethnicity,
        village: row.villageName,
        persons: row.persons,
        note,
      });
    });
    households += section.rows.length;
  }
  sheet.addNote('Mọi ý kiến, khiếu nại về kết quả rà soát gửi Ban Chỉ đạo rà soát xã trong thời gian niêm yết (03 ngày làm việc).');
  sheet.finish({ place: placeName(round.communeName), date: opts.date });
  return { workbook: wb, households };
}

/**
 * The certificates a decision issued (Mẫu số 03, Decision 24/2021/QĐ-TTg): a register with a
 * column to sign on receipt, and one printable certificate per household, a page each. The
 * chairman signs the box of the list year (the year after the review), the basis of the
 * household's benefits that year.
 */
export function buildCertificatesWorkbook(
  round: RoundInfo,
  rows: CertificateRow[],
  members: CertificateMember[],
  maskId: (id: string | null) => string | null,
  opts: WorkbookOptions = {},
): Workbook {
  const wb = new Workbook();
  wb.creator = 'Rà soát hộ nghèo, hộ cận nghèo';
  const decision = `Quyết định số ${round.decisionNumber ?? '…'} ngày ${vnDate(round.decisionDate)} của Chủ tịch Ủy ban nhân dân ${round.communeName}`;
  const register = new OfficialSheet(wb, 'Sổ cấp giấy chứng nhận', {
    unitName: round.communeName,
    title: 'SỔ THEO DÕI CẤP GIẤY CHỨNG NHẬN HỘ NGHÈO, HỘ CẬN NGHÈO',
    subtitle: `Kèm theo ${decision}; giấy chứng nhận có giá trị năm ${round.listYear}`,
    columns: [
      { key: 'tt', title: 'TT', number: '1', format: 'text', width: 6 },
      { key: 'number', title: 'Số giấy chứng nhận', number: '2', format: 'text', width: 14 },
      { key: 'name', title: 'Họ và tên chủ hộ', number: '3', format: 'text', width: 26 },
      { key: 'birthYear', title: 'Năm sinh', number: '4', format: 'year', width: 8 },
      { key: 'village', title: 'Thôn/Tổ', number: '5', format: 'text', width: 16 },
      { key: 'class', title: 'Loại hộ', number: '6', format: 'text', width: 13 },
      { key: 'persons', title: 'Số nhân khẩu', number: '7', format: 'count', width: 9 },
      { key: 'received', title: 'Ngày nhận', number: '8', format: 'text', width: 12 },
      { key: 'signature', title: 'Người nhận ký, ghi rõ họ tên', number: '9', format: 'text', width: 22 },
    ],
    frozenColumns: 3,
  });
  rows.forEach((r, i) => {
    register.writeRow(register.reserveRow(), {
      tt: String(i + 1), number: r.certificateNumber, name: r.headName, birthYear: r.headBirthYear, village: r.villageName,
      class: r.decidedClass === 'poor' ? 'Hộ nghèo' : 'Hộ cận nghèo', persons: r.persons,
    });
  });
  register.addNote(`Tổng số: ${rows.length} giấy chứng nhận (${rows.filter((r) => r.decidedClass === 'poor').length} hộ nghèo, ${rows.filter((r) => r.decidedClass === 'near_poor').length} hộ cận nghèo).`);
  register.finish({ place: placeName(round.communeName), date: opts.date });

  addPrintableCertificates(wb, round, rows, members, maskId);
  return wb;
}

function addPrintableCertificates(wb: Workbook, round: RoundInfo, rows: CertificateRow[], members: CertificateMember[], maskId: (id: string | null) => string | null): void {
  const ws = wb.addWorksheet('Giấy chứng nhận (Mẫu 03)', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.6, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
  });
  [6, 26, 16, 10, 22].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const byHousehold = new Map<number, CertificateMember[]>();
  for (const m of members) {
    const list = byHousehold.get(m.householdId) ?? [];
    list.push(m);
    byHousehold.set(m.householdId, list);
  }
  const f = (extra: Record<string, unknown> = {}) => ({ name: FONT_NAME, size: 12, ...extra });
  let r = 1;
  const line = (from: number, to: number, text: string, font: Record<string, unknown> = {}, align: 'center' | 'left' = 'center') => {
    if (to > from) ws.mergeCells(r, from, r, to);
    const cell = ws.getCell(r, from);
    setTextCell(cell, text);
    cell.font = f(font);
    cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
  };
  for (const c of rows) {
    const cls = c.decidedClass === 'poor' ? 'HỘ NGHÈO' : 'HỘ CẬN NGHÈO';
    line(1, 2, 'ỦY BAN NHÂN DÂN', { bold: true }); line(3, 5, 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true }); r++;
    line(1, 2, round.communeName.toLocaleUpperCase('vi'), { bold: true }); line(3, 5, 'Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true }); r += 2;
    line(1, 5, `GIẤY CHỨNG NHẬN ${cls}`, { bold: true, size: 16 }); r++;
    line(1, 5, `Số: ${c.certificateNumber}`, { italic: true }); r += 2;
    line(1, 5, `Chủ tịch Ủy ban nhân dân ${round.communeName} chứng nhận:`, {}, 'left'); r++;
    line(1, 5, `Hộ gia đình ông/bà: ${c.headName}    Năm sinh: ${c.headBirthYear}`, { bold: true }, 'left'); r++;
    line(1, 5, `Địa chỉ: ${[c.address, c.villageName, round.communeName].filter(Boolean).join(', ')}`, {}, 'left'); r++;
    line(1, 5, `Là ${cls.toLocaleLowerCase('vi')} theo chuẩn nghèo đa chiều (${round.standardCode}), theo ${`Quyết định số ${round.decisionNumber ?? '…'} ngày ${vnDate(round.decisionDate)}`}.`, {}, 'left'); r++;
    line(1, 5, 'Các thành viên của hộ gia đình:', { italic: true }, 'left'); r++;
    const header = ['TT', 'Họ và tên', 'Quan hệ với chủ hộ', 'Năm sinh', 'Số định danh cá nhân'];
    header.forEach((h, i) => {
      const cell = ws.getCell(r, i + 1);
      cell.value = h;
      cell.font = f({ bold: true, size: 11 });
      cell.border = BORDER_ALL;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    r++;
    (byHousehold.get(c.householdId) ?? []).forEach((m, i) => {
      const values = [String(i + 1), m.fullName, RELATION_VI[m.relation] ?? m.relation, m.birthYear, maskId(m.idNumber)];
      values.forEach((v, k) => {
        const cell = ws.getCell(r, k + 1);
        // the name and the ID number are user text (an ID keeps its leading zeros as text)
        if (k === 1 || k === 4) setTextCell(cell, v);
        else cell.value = v ?? null;
        cell.font = f({ size: 11 });
        cell.border = BORDER_ALL;
        cell.alignment = { horizontal: k === 1 || k === 2 ? 'left' : 'center', vertical: 'middle' };
      });
      r++;
    });
    r++;
    line(1, 2, `Xác nhận năm ${round.listYear}:`, { bold: true }, 'left'); line(3, 5, `${placeName(round.communeName)}, ngày ${vnDate(round.decisionDate)}`, { italic: true }); r++;
    line(3, 5, 'CHỦ TỊCH', { bold: true }); r++;
    line(3, 5, '(Ký tên, đóng dấu)', { italic: true }); r += 4;
    ws.getRow(r - 1).addPageBreak();
  }
}
