import ExcelJS from 'exceljs';
import type { ColumnSpec } from '../common/excel/xlsx-table';
import { columnLetter } from '../common/excel/cells';
import { ETHNIC_GROUPS } from './ethnic-groups';
import {
  DISABILITY_LABELS, EDUCATION_LABELS, EMPLOYMENT_LABELS, mainLabels, RELATION_LABELS, SEX_LABELS,
} from './domain/vocabulary';

/**
 * The layout of the household import, and the template that documents it (the template is the
 * documentation officers read: its "Hướng dẫn" sheet says everything below).
 *
 * One sheet, "Hộ và thành viên", one row per person, as the commune's household lists are kept
 * (danh sách chi tiết, biểu 14/15): a row whose "Quan hệ với chủ hộ" is "Chủ hộ" starts a
 * household and carries the household's columns (code, village, address, meritorious, date);
 * the rows below it, until the next "Chủ hộ", are its members. Columns are found by heading, so
 * their order does not matter and other columns are ignored.
 */

export const IMPORT_SHEET = 'Hộ và thành viên';

export type ImportKey =
  | 'stt' | 'code' | 'village' | 'fullName' | 'relation' | 'sex' | 'birthDate' | 'birthYear' | 'ethnicity' | 'idNumber'
  | 'healthInsurance' | 'inSchool' | 'educationLevel' | 'disability' | 'labourCapacity' | 'employment' | 'malnourished'
  | 'address' | 'meritorious' | 'registeredOn';

interface ImportColumn extends ColumnSpec<ImportKey> {
  width: number;
  /** Shown in the guide: required or not, and how to write the value. */
  rule: string;
  householdLevel?: boolean;
  text?: boolean;
}

const yesNo = 'Có / Không (hoặc x = có, để trống = không ghi)';

export const IMPORT_COLUMNS: ReadonlyArray<ImportColumn> = [
  { key: 'stt', heading: 'STT', aliases: ['TT', 'Số thứ tự', 'STT chủ hộ'], width: 6, rule: 'Không bắt buộc; không được đọc.' },
  {
    key: 'code', heading: 'Mã hộ', aliases: ['Mã hộ gia đình', 'Mã số hộ', 'Ma ho'], width: 12, householdLevel: true, text: true,
    rule: 'Ghi ở dòng chủ hộ. Duy nhất trong xã; chữ, số và . _ / - (không có khoảng trắng). Để trống: hệ thống tự cấp mã H00001, H00002…',
  },
  {
    key: 'village', heading: 'Thôn/Tổ dân phố', aliases: ['Thôn', 'Thôn/bản', 'Thôn, bản', 'Tổ dân phố', 'Thôn/tổ', 'Thôn, tổ', 'Thôn/xóm', 'Xóm', 'Bản'],
    width: 18, householdLevel: true,
    rule: 'Bắt buộc ở dòng chủ hộ (khi xã đã khai báo thôn). Ghi tên thôn/tổ (có hoặc không có chữ "Thôn") hoặc mã thôn.',
  },
  { key: 'fullName', heading: 'Họ và tên', aliases: ['Họ tên', 'Họ và tên chủ hộ và thành viên', 'Họ tên thành viên', 'Tên'], width: 26, required: true, rule: 'Bắt buộc. Không có chữ số.' },
  {
    key: 'relation', heading: 'Quan hệ với chủ hộ', aliases: ['Quan hệ', 'QH với chủ hộ', 'Quan hệ với CH'], width: 16, required: true,
    rule: `Bắt buộc. "Chủ hộ" mở đầu một hộ mới; các dòng sau là thành viên của hộ đó. Ghi: ${mainLabels(RELATION_LABELS).join('; ')}.`,
  },
  { key: 'sex', heading: 'Giới tính', aliases: ['Giới', 'Nam/Nữ'], width: 9, required: true, rule: 'Bắt buộc: Nam hoặc Nữ.' },
  { key: 'birthDate', heading: 'Ngày sinh', aliases: ['Ngày tháng năm sinh', 'Ngày, tháng, năm sinh'], width: 12, rule: 'Không bắt buộc: ngày/tháng/năm (25/03/1987) hoặc ô kiểu ngày của Excel.' },
  { key: 'birthYear', heading: 'Năm sinh', aliases: ['Năm sinh (Nam/Nữ)'], width: 9, rule: 'Bắt buộc khi không có ngày sinh: bốn chữ số (1987).' },
  { key: 'ethnicity', heading: 'Dân tộc', aliases: ['DT', 'Dân tộc (mã hoặc tên)'], width: 12, required: true, rule: 'Bắt buộc: tên (Tày, Dao, Kinh…) hoặc mã 2 chữ số theo danh mục 54 dân tộc (xem trang "Danh mục"). Cao Lan ghi là Sán Chay.' },
  {
    key: 'idNumber', heading: 'Số CCCD/CMND', aliases: ['Số CCCD', 'CCCD', 'CMND', 'Số định danh', 'Số định danh cá nhân', 'Số CMND/CCCD', 'CCCD/CMND'],
    width: 16, text: true, rule: 'Không bắt buộc: CCCD 12 chữ số (CMND cũ 9 chữ số). Nên định dạng ô là văn bản để giữ số 0 đầu.',
  },
  { key: 'healthInsurance', heading: 'Có thẻ BHYT', aliases: ['BHYT', 'Có BHYT', 'Bảo hiểm y tế'], width: 9, rule: `${yesNo}. Để trống: Có.` },
  { key: 'inSchool', heading: 'Đang đi học', aliases: ['Đi học', 'Đang học'], width: 9, rule: `${yesNo}.` },
  { key: 'educationLevel', heading: 'Trình độ học vấn', aliases: ['Trình độ', 'Học vấn', 'Trình độ văn hoá'], width: 16, rule: `Không bắt buộc: ${mainLabels(EDUCATION_LABELS).join('; ')}.` },
  { key: 'disability', heading: 'Khuyết tật', aliases: ['Mức độ khuyết tật', 'Người khuyết tật'], width: 10, rule: `Không bắt buộc: ${mainLabels(DISABILITY_LABELS).join('; ')}. Để trống: Không.` },
  {
    key: 'labourCapacity', heading: 'Có khả năng lao động', aliases: ['Khả năng lao động', 'Có KNLĐ', 'KNLĐ'], width: 11,
    rule: `${yesNo}. Để trống: Có nếu từ 15 đến 60 tuổi và không khuyết tật nặng, ngược lại Không. Hộ không ai có khả năng lao động là "hộ không có khả năng lao động".`,
  },
  { key: 'employment', heading: 'Việc làm', aliases: ['Nghề nghiệp', 'Công việc'], width: 18, rule: `Không bắt buộc: ${mainLabels(EMPLOYMENT_LABELS).join('; ')}.` },
  { key: 'malnourished', heading: 'Suy dinh dưỡng', aliases: ['SDD', 'Trẻ suy dinh dưỡng'], width: 9, rule: `${yesNo}. Ghi cho trẻ em (báo cáo chỉ tính trẻ dưới 16 tuổi).` },
  { key: 'address', heading: 'Địa chỉ', aliases: ['Địa chỉ hộ', 'Nơi ở'], width: 24, householdLevel: true, rule: 'Không bắt buộc; ghi ở dòng chủ hộ.' },
  { key: 'meritorious', heading: 'Hộ có người có công', aliases: ['Hộ có công', 'Người có công', 'Hộ chính sách có công', 'Hộ CSCC'], width: 10, householdLevel: true, rule: `${yesNo}; ghi ở dòng chủ hộ.` },
  { key: 'registeredOn', heading: 'Ngày đăng ký', aliases: ['Ngày vào danh sách', 'Ngày lập hộ'], width: 12, householdLevel: true, rule: 'Không bắt buộc; ghi ở dòng chủ hộ. Để trống: ngày nhập tệp.' },
];

export const HOUSEHOLD_LEVEL_KEYS = IMPORT_COLUMNS.filter((c) => c.householdLevel).map((c) => c.key);

/** The heading as the template writes it: required columns marked "*" (the import ignores the mark). */
const shownHeading = (c: ImportColumn) => (c.required || c.key === 'village' ? `${c.heading} *` : c.heading);

const YES_NO = ['Có', 'Không'];

/**
 * The downloadable template: the data sheet with headings, drop-down lists and text-formatted
 * code and ID columns; the guide ("Hướng dẫn") with the rules of every column and an example;
 * the lists ("Danh mục"): the 54 ethnic groups, the vocabularies and, when a commune is given,
 * its villages.
 */
export async function buildImportTemplate(opts: { communeName?: string; villages?: { code: string; name: string }[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rà soát hộ nghèo, hộ cận nghèo';
  wb.created = new Date(0);

  // --- the data sheet ----------------------------------------------------------------------
  const data = wb.addWorksheet(IMPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = IMPORT_COLUMNS.map((c) => ({ header: shownHeading(c), key: c.key, width: c.width }));
  const header = data.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.height = 36;
  IMPORT_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.householdLevel ? 'FFFCE4D6' : 'FFDDEBF7' } };
    cell.note = c.rule;
    if (c.text) data.getColumn(i + 1).numFmt = '@';
  });
  data.getColumn(IMPORT_COLUMNS.findIndex((c) => c.key === 'birthDate') + 1).numFmt = 'dd/mm/yyyy';
  data.getColumn(IMPORT_COLUMNS.findIndex((c) => c.key === 'registeredOn') + 1).numFmt = 'dd/mm/yyyy';

  // --- the lists -----------------------------------------------------------------------------
  const lists = wb.addWorksheet('Danh mục');
  const listColumns: [string, string[]][] = [
    ['Mã dân tộc', ETHNIC_GROUPS.map(([c]) => c)],
    ['Dân tộc', ETHNIC_GROUPS.map(([, n]) => n)],
    ['Quan hệ với chủ hộ', mainLabels(RELATION_LABELS)],
    ['Giới tính', mainLabels(SEX_LABELS).slice(0, 2)],
    ['Có/Không', YES_NO],
    ['Trình độ học vấn', mainLabels(EDUCATION_LABELS)],
    ['Khuyết tật', mainLabels(DISABILITY_LABELS)],
    ['Việc làm', mainLabels(EMPLOYMENT_LABELS)],
    ['Mã thôn/tổ', (opts.villages ?? []).map((v) => v.code)],
    ['Thôn/Tổ dân phố', (opts.villages ?? []).map((v) => v.name)],
  ];
  const listRange: Record<string, string> = {};
  listColumns.forEach(([title, values], i) => {
    const col = i + 1;
    lists.getCell(1, col).value = title;
    lists.getCell(1, col).font = { bold: true };
    lists.getColumn(col).width = Math.max(12, title.length + 2);
    values.forEach((v, r) => (lists.getCell(r + 2, col).value = v));
    if (values.length) listRange[title] = `'Danh mục'!$${columnLetter(col)}$2:$${columnLetter(col)}$${values.length + 1}`;
  });
  if (opts.communeName) lists.getCell(1, listColumns.length + 2).value = `Thôn/tổ của ${opts.communeName}`;

  const dropDown = (key: ImportKey, list: string | undefined) => {
    if (!list) return;
    const letter = columnLetter(IMPORT_COLUMNS.findIndex((c) => c.key === key) + 1);
    // a list, not a strict rule: officers may type other accepted spellings
    // exceljs supports range addresses here; its typings do not declare dataValidations
    (data as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}10000`, {
      type: 'list', allowBlank: true, formulae: [list], showErrorMessage: false,
    });
  };
  dropDown('relation', listRange['Quan hệ với chủ hộ']);
  dropDown('sex', listRange['Giới tính']);
  dropDown('ethnicity', listRange['Dân tộc']);
  dropDown('village', listRange['Thôn/Tổ dân phố']);
  dropDown('educationLevel', listRange['Trình độ học vấn']);
  dropDown('disability', listRange['Khuyết tật']);
  dropDown('employment', listRange['Việc làm']);
  for (const k of ['healthInsurance', 'inSchool', 'labourCapacity', 'malnourished', 'meritorious'] as ImportKey[]) dropDown(k, listRange['Có/Không']);

  // --- the guide -----------------------------------------------------------------------------
  const guide = wb.addWorksheet('Hướng dẫn');
  guide.getColumn(1).width = 24;
  guide.getColumn(2).width = 14;
  guide.getColumn(3).width = 110;
  const line = (text: string, bold = false) => {
    const r = guide.addRow([text]);
    r.font = { bold };
    guide.mergeCells(r.number, 1, r.number, 3);
    r.alignment = { wrapText: true, vertical: 'top' };
  };
  line(`MẪU NHẬP DANH SÁCH HỘ GIA ĐÌNH${opts.communeName ? ` – ${opts.communeName.toUpperCase()}` : ''}`, true);
  line('1. Ghi dữ liệu vào trang "Hộ và thành viên", mỗi dòng một người, bắt đầu từ dòng 2. Không đổi tên trang này.');
  line('2. Mỗi hộ bắt đầu bằng dòng có "Quan hệ với chủ hộ" là "Chủ hộ"; các dòng tiếp theo (đến dòng "Chủ hộ" kế tiếp) là các thành viên của hộ đó. Chủ hộ cũng là một thành viên.');
  line('3. Các cột của hộ (tô màu cam: Mã hộ, Thôn/Tổ dân phố, Địa chỉ, Hộ có người có công, Ngày đăng ký) chỉ ghi ở dòng chủ hộ; ở dòng thành viên để trống (hoặc ghi giống dòng chủ hộ).');
  line('4. Các cột được nhận theo tên tiêu đề: có thể đổi thứ tự cột, thêm cột riêng hoặc thêm dòng tiêu đề phía trên. Cột có dấu * là bắt buộc.');
  line('5. Số có thể ghi dạng văn bản (1.500.000), ngày có thể là ô ngày của Excel hoặc ghi 25/03/1987; ô công thức được đọc theo kết quả đã lưu. Tên có dấu theo kiểu cũ hay mới (Hoá/Hóa) đều được.');
  line('6. Nhập là "tất cả hoặc không": nếu có một dòng sai, không dòng nào được ghi và kết quả liệt kê mọi dòng sai (số dòng, cột, lý do). Sửa tệp rồi nhập lại. Mã hộ đã có trong xã, hoặc số CCCD đã có ở một hộ đang cư trú, bị từ chối.');
  line('');
  const th = guide.addRow(['Cột', 'Bắt buộc', 'Cách ghi']);
  th.font = { bold: true };
  for (const c of IMPORT_COLUMNS) {
    const need = c.required ? 'Có' : c.key === 'birthYear' ? 'Khi không có ngày sinh' : c.key === 'village' ? 'Có (dòng chủ hộ)' : 'Không';
    const r = guide.addRow([c.heading, need, c.rule]);
    r.alignment = { wrapText: true, vertical: 'top' };
  }
  line('');
  line('Ví dụ (hộ 3 người):', true);
  const example = [
    ['1', 'H00001', 'Thôn Nà Héc', 'Ma Văn Thắng', 'Chủ hộ', 'Nam', '', '1975', 'Tày', '008075001234', 'Có', '', 'THCS', 'Không', 'Có', 'Nông, lâm, ngư nghiệp', '', 'Nà Héc', 'Không', '01/01/2015'],
    ['', '', '', 'Hoàng Thị Hoa', 'Vợ/Chồng', 'Nữ', '12/05/1978', '', 'Tày', '', 'Có', '', 'Tiểu học', 'Không', 'Có', 'Nông, lâm, ngư nghiệp', '', '', '', ''],
    ['', '', '', 'Ma Thị Lan', 'Con', 'Nữ', '', '2012', 'Tày', '', 'Có', 'Có', 'THCS', 'Không', '', 'Học sinh, sinh viên', 'Không', '', '', ''],
  ];
  const eh = guide.addRow(IMPORT_COLUMNS.map((c) => c.heading));
  eh.font = { italic: true };
  for (const r of example) guide.addRow(r);

  wb.views = [{ activeTab: 0, x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, visibility: 'visible' }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
