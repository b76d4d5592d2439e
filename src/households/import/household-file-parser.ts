import {
  cellBoolean, cellChoice, cellDate, cellScalar, CellError, cellText, excelSerialToIsoDate, Parsed, parseVnDate, parseVnNumber,
} from '../../common/excel/cells';
import { RowErrors, RowErrorsChunk } from '../../common/excel/row-errors';
import { openXlsxTable, TableRow } from '../../common/excel/xlsx-table';
import { cleanText, foldText, matchKey } from '../../common/text/vietnamese';
import { resolveEthnicity } from '../domain/ethnicity';
import { checkCode, generatedCode } from '../domain/household';
import { checkMember, checkMemberList, MemberDraft, MemberRow, normaliseIdNumber } from '../domain/member';
import { DISABILITY_LABELS, EDUCATION_LABELS, EMPLOYMENT_LABELS, RELATION_LABELS, SEX_LABELS } from '../domain/vocabulary';
import { PreparedBatch, prepareBatch } from '../households.bulk';
import { HOUSEHOLD_LEVEL_KEYS, IMPORT_COLUMNS, IMPORT_SHEET, ImportKey } from '../import-layout';

/**
 * Reading a household file (layout: import-layout.ts) into checked households, streaming: rows
 * are read and checked one chunk at a time, households are handed over in batches as soon as
 * they are complete, and nothing else is kept but the codes and ID numbers seen (to refuse them
 * twice in the file). No database: the importer checks the batches against the register. Runs in
 * a worker thread (household-file.worker.ts) or, in tests, in the caller's thread.
 */

export interface ParsedMember {
  row: number;
  /** Undefined when the row has a problem. */
  member?: MemberRow;
  /** Its ID number was already used above in the file (reported there). */
  idSeen?: boolean;
}

export interface ParsedHousehold {
  row: number;
  code?: string;
  /** Its code was already used above in the file (reported there). */
  codeSeen?: boolean;
  villageCode: string | null;
  address: string | null;
  meritorious: boolean;
  registeredOn: string | null;
  members: ParsedMember[];
}

/** A batch of complete households, ready for the register checks and the insert. */
export interface ParsedBatch {
  type: 'batch';
  /** Codes the file gives (not those already refused in the file), with their rows: to check against the commune. */
  codes: { code: string; row: number }[];
  /** ID numbers (not already refused in the file), with their rows: to check against active households. */
  idNumbers: { idNumber: string; row: number }[];
  /** The insert's column arrays; null when the file already has a problem or on a dry run. */
  prepared: PreparedBatch | null;
  errors: RowErrorsChunk;
}

export type ParserMessage =
  | { type: 'start'; sheet: string; letters: Partial<Record<ImportKey, string>> }
  | ParsedBatch
  | { type: 'end'; households: number; members: number; generatedCodes: number; errors: RowErrorsChunk };

export interface ParserInput {
  buffer: Buffer;
  fileName: string;
  /** The commune's villages (code and name). */
  villages: { code: string; name: string }[];
  /** YYYY-MM-DD: the import's date (ages, defaults). */
  today: string;
  batchSize: number;
  /** The next number of the commune's generated codes (H00001…), for households without a code. */
  firstGeneratedNumber: number;
  /** Build the insert's column arrays (false on a dry run). */
  prepare: boolean;
}

/** Village names as officers write them: with or without "Thôn", "Bản", "Tổ dân phố"… */
const VILLAGE_PREFIX = /^(thon|ban|to dan pho|tdp|to|xom|lang|khu pho|khu|ap|buon|khoi|khom|doi|cum)\s+/;

export class VillageResolver {
  private readonly exact = new Map<string, string>();
  private readonly loose = new Map<string, string | null>();

  constructor(villages: { code: string; name: string }[]) {
    for (const v of villages) {
      this.exact.set(v.code.toLowerCase(), v.code);
      this.exact.set(matchKey(v.name), v.code);
      for (const key of [foldText(v.name), foldText(v.name).replace(VILLAGE_PREFIX, '')]) {
        // a loose key shared by two villages resolves to neither
        this.loose.set(key, this.loose.has(key) && this.loose.get(key) !== v.code ? null : v.code);
      }
    }
  }

  get size(): number {
    return this.exact.size;
  }

  resolve(text: string): string | null {
    const folded = foldText(text);
    return this.exact.get(text.toLowerCase()) ?? this.exact.get(matchKey(text)) ?? this.loose.get(folded) ?? this.loose.get(folded.replace(VILLAGE_PREFIX, '')) ?? null;
  }
}

/** Which column a domain problem belongs to. */
const FIELD_COLUMN: Record<string, ImportKey> = {
  fullName: 'fullName', sex: 'sex', birthDate: 'birthDate', birthYear: 'birthYear', relation: 'relation', ethnicity: 'ethnicity',
  idNumber: 'idNumber', healthInsurance: 'healthInsurance', inSchool: 'inSchool', educationLevel: 'educationLevel',
  disability: 'disability', labourCapacity: 'labourCapacity', employment: 'employment', malnourished: 'malnourished', code: 'code',
};

type ErrFn = (row: number, key: ImportKey | undefined, message: string, value?: unknown) => void;
type Take = <T>(key: ImportKey, parsed: Parsed<T>) => T | null;

interface Draft extends ParsedHousehold {
  /** Text of the household columns on the head's row, to compare with what member rows repeat. */
  cells: Partial<Record<ImportKey, string>>;
}

/**
 * Parses the file, calling `emit` with a 'start', then a 'batch' of complete households every
 * `batchSize` households, then an 'end'; each waits for `emit` to resolve (backpressure). Throws
 * BAD_FILE for what is not a readable .xlsx and IMPORT_INVALID when the headings are missing.
 */
export async function parseHouseholdFile(input: ParserInput, emit: (msg: ParserMessage) => Promise<void>): Promise<void> {
  const { today } = input;
  const villages = new VillageResolver(input.villages);
  const errors = new RowErrors();
  const table = await openXlsxTable(input.buffer, IMPORT_COLUMNS, { sheetNames: [IMPORT_SHEET], fileName: input.fileName });
  const { header } = table;
  const headings = new Map(IMPORT_COLUMNS.map((c) => [c.key, c.heading]));
  const hasBirthYear = header.columns.birthYear !== undefined;
  const err: ErrFn = (row, key, message, value) =>
    errors.add({
      row, field: key, message, value: value instanceof CellError ? undefined : value,
      ...(key ? { column: header.letter(key) || undefined, heading: headings.get(key) } : {}),
    });
  const letters: Partial<Record<ImportKey, string>> = {};
  for (const c of IMPORT_COLUMNS) if (header.letter(c.key)) letters[c.key] = header.letter(c.key);
  await emit({ type: 'start', sheet: table.sheetName, letters });
  if (villages.size && header.columns.village === undefined) {
    err(header.row, undefined, 'Thiếu cột "Thôn/Tổ dân phố" (bắt buộc khi xã đã khai báo thôn, tổ)');
  }

  const codes = new Map<string, number>();
  const idNumbers = new Map<string, number>();
  const generated = new Set<string>();
  let nextNumber = input.firstGeneratedNumber;
  let households = 0;
  let members = 0;
  let batch: ParsedHousehold[] = [];
  let current: Draft | undefined;

  const send = async (full: ParsedHousehold[]) => {
    const msg: ParsedBatch = { type: 'batch', codes: [], idNumbers: [], prepared: null, errors: { details: [], unlisted: 0, unlistedRows: [] } };
    for (const h of full) {
      if (h.code && !h.codeSeen && !generated.has(h.code)) msg.codes.push({ code: h.code, row: h.row });
      for (const x of h.members) if (x.member?.idNumber && !x.idSeen) msg.idNumbers.push({ idNumber: x.member.idNumber, row: x.row });
    }
    if (input.prepare && !errors.count) {
      msg.prepared = prepareBatch(full.map((h) => ({
        code: h.code as string, villageCode: h.villageCode, address: h.address, registeredOn: h.registeredOn ?? today,
        meritorious: h.meritorious, members: h.members.map((x) => x.member as MemberRow),
      })));
    }
    msg.errors = errors.drain();
    await emit(msg);
  };

  const finish = async () => {
    if (!current) return;
    const h = current;
    current = undefined;
    households++;
    members += h.members.length;
    const valid = h.members.filter((x) => x.member);
    // the list rules (one head…) only when every row of the household could be read: a bad head row is reported once
    if (valid.length === h.members.length) {
      for (const p of checkMemberList(valid.map((x) => x.member as MemberRow))) {
        if (p.field !== 'idNumber') err(h.row, undefined, p.message);
      }
    }
    if (h.code) {
      const first = codes.get(h.code);
      if (generated.has(h.code)) {
        err(h.row, 'code', `Mã hộ ${h.code} trùng mã hệ thống đã tự cấp cho hộ để trống mã ở dòng ${first}; ghi mã khác`, h.code);
        h.codeSeen = true;
      } else if (first !== undefined) {
        err(h.row, 'code', `Mã hộ ${h.code} đã dùng cho hộ ở dòng ${first}`, h.code);
        h.codeSeen = true;
      } else codes.set(h.code, h.row);
    } else {
      // no code: the next generated one (H00001…) not used in the file so far
      while (codes.has(generatedCode(nextNumber))) nextNumber++;
      h.code = generatedCode(nextNumber++);
      generated.add(h.code);
      codes.set(h.code, h.row);
    }
    for (const x of valid) {
      const id = x.member?.idNumber;
      if (!id) continue;
      const first = idNumbers.get(id);
      if (first !== undefined) {
        err(x.row, 'idNumber', `Số CCCD ${id} đã ghi ở dòng ${first}`, id);
        x.idSeen = true;
      } else idNumbers.set(id, x.row);
    }
    const { cells: _cells, ...household } = h;
    batch.push(household);
    if (batch.length >= input.batchSize) {
      const full = batch;
      batch = [];
      await send(full);
    }
  };

  for await (const rows of table.batches) {
    for (const r of rows) {
      const failed = new Set<ImportKey>();
      const take: Take = (key, parsed) => {
        if (parsed.ok) return parsed.value;
        failed.add(key);
        err(r.row, key, parsed.reason, cellScalar(r.cell(key)));
        return null;
      };
      const text = (key: ImportKey) => take(key, cellText(r.cell(key)));

      const relation = take('relation', cellChoice(r.cell('relation'), RELATION_LABELS));
      if (relation === 'head') {
        await finish();
        current = startHousehold(r, take, text, villages, err, today);
      } else if (relation && !current) {
        err(r.row, 'relation', 'Dòng thành viên đứng trước dòng "Chủ hộ" đầu tiên: mỗi hộ phải bắt đầu bằng dòng chủ hộ');
      } else if (current) {
        checkRepeatedHouseholdCells(r, current, err);
      }

      const birth = readBirth(r, table.date1904, take);
      const ethnicText = text('ethnicity');
      const ethnicity = ethnicText ? resolveEthnicity(ethnicText) : null;
      if (ethnicText && !ethnicity) {
        failed.add('ethnicity');
        err(r.row, 'ethnicity', `"${ethnicText}" không có trong danh mục 54 dân tộc (ghi tên như Tày, Dao, Kinh… hoặc mã 2 chữ số)`, ethnicText);
      }
      const draft: MemberDraft = {
        fullName: text('fullName'),
        relation,
        sex: take('sex', cellChoice(r.cell('sex'), SEX_LABELS)),
        birthDate: birth.birthDate,
        birthYear: birth.birthYear,
        ethnicity,
        idNumber: readIdNumber(r, take),
        healthInsurance: take('healthInsurance', cellBoolean(r.cell('healthInsurance'))),
        inSchool: take('inSchool', cellBoolean(r.cell('inSchool'))),
        educationLevel: take('educationLevel', cellChoice(r.cell('educationLevel'), EDUCATION_LABELS)),
        disability: take('disability', cellChoice(r.cell('disability'), DISABILITY_LABELS)),
        labourCapacity: take('labourCapacity', cellBoolean(r.cell('labourCapacity'))),
        employment: take('employment', cellChoice(r.cell('employment'), EMPLOYMENT_LABELS)),
        malnourished: take('malnourished', cellBoolean(r.cell('malnourished'))),
      };
      const checked = checkMember(draft, today);
      for (const p of checked.problems) {
        const key = FIELD_COLUMN[p.field] ?? undefined;
        // a cell that could not be read is reported once, not again as "missing"
        if (key && (failed.has(key) || (key === 'birthYear' && failed.has('birthDate')))) continue;
        err(r.row, key === 'birthYear' && !hasBirthYear ? 'birthDate' : key, p.message, p.value);
      }
      if (relation && current) current.members.push({ row: r.row, member: checked.row });
    }
  }
  await finish();
  if (batch.length) await send(batch);
  if (!households && !errors.count) err(header.row, undefined, 'Tệp không có hộ nào (không có dòng "Chủ hộ")');
  await emit({ type: 'end', households, members, generatedCodes: generated.size, errors: errors.drain() });
}

function startHousehold(r: TableRow<ImportKey>, take: Take, text: (key: ImportKey) => string | null, villages: VillageResolver, err: ErrFn, today: string): Draft {
  const h: Draft = { row: r.row, villageCode: null, address: null, meritorious: false, registeredOn: null, members: [], cells: {} };
  for (const key of HOUSEHOLD_LEVEL_KEYS) {
    const t = cellText(r.cell(key));
    if (t.ok && t.value) h.cells[key] = t.value;
  }
  const code = text('code');
  if (code) {
    const c = checkCode(code);
    if (c.problem) err(r.row, 'code', c.problem.message, code);
    else h.code = c.value;
  }
  const village = text('village');
  if (village) {
    h.villageCode = villages.resolve(village);
    if (!h.villageCode) err(r.row, 'village', `Thôn/tổ "${village}" không thuộc xã này`, village);
  } else if (villages.size) {
    err(r.row, 'village', 'Thiếu thôn/tổ ở dòng chủ hộ');
  }
  const address = text('address');
  if (address && address.length > 300) err(r.row, 'address', 'Địa chỉ dài quá 300 ký tự');
  h.address = address;
  h.meritorious = take('meritorious', cellBoolean(r.cell('meritorious'))) ?? false;
  const registered = take('registeredOn', cellDate(r.cell('registeredOn')));
  if (registered && registered > today) err(r.row, 'registeredOn', 'Ngày đăng ký ở tương lai', registered);
  h.registeredOn = registered;
  return h;
}

/** Member rows may repeat the household's columns (a village on every row) but not contradict them. */
function checkRepeatedHouseholdCells(r: TableRow<ImportKey>, h: Draft, err: ErrFn): void {
  for (const key of HOUSEHOLD_LEVEL_KEYS) {
    const t = cellText(r.cell(key));
    if (!t.ok || !t.value) continue;
    const own = h.cells[key];
    if (own === undefined || foldText(own) !== foldText(t.value)) {
      err(r.row, key, key === 'code'
        ? `Mã hộ "${t.value}" ở dòng thành viên khác mã của hộ đang ghi (${own ?? 'trống'}, dòng ${h.row}): mỗi hộ phải bắt đầu bằng dòng "Chủ hộ"`
        : `Thông tin của hộ chỉ ghi ở dòng chủ hộ (dòng ${h.row}); dòng thành viên ghi khác: "${t.value}"`, t.value);
    }
  }
}

/** Birth date and year: a date cell or dd/mm/yyyy; a year, or a full date typed in the year column. */
function readBirth(r: TableRow<ImportKey>, date1904: boolean, take: Take): { birthDate: string | null; birthYear: number | null } {
  let birthDate = take('birthDate', cellDate(r.cell('birthDate'), { date1904 }));
  let birthYear: number | null = null;
  const y = cellScalar(r.cell('birthYear'));
  if (y instanceof CellError) take('birthYear', { ok: false, reason: y.reason });
  else if (y instanceof Date) birthDate ??= y.toISOString().slice(0, 10);
  else if (typeof y === 'number') {
    if (Number.isInteger(y) && y >= 1000 && y <= 2200) birthYear = y;
    else if (y > 2200 && y < 2_958_465) birthDate ??= excelSerialToIsoDate(y, date1904); // a date typed in the year column
    else take('birthYear', { ok: false, reason: `${y} không phải là năm sinh` });
  } else if (typeof y === 'string' && cleanText(y)) {
    const n = parseVnNumber(y);
    const d = parseVnDate(y);
    if (n !== null && Number.isInteger(n) && n >= 1000 && n <= 2200) birthYear = n;
    else if (d) birthDate ??= d;
    else take('birthYear', { ok: false, reason: `"${cleanText(y)}" không phải là năm sinh (ghi 4 chữ số, ví dụ 1987)` });
  } else if (typeof y === 'boolean') take('birthYear', { ok: false, reason: 'cần năm sinh' });
  return { birthDate, birthYear };
}

/** ID numbers: text as typed, or a number whose leading zeros Excel dropped. */
function readIdNumber(r: TableRow<ImportKey>, take: Take): string | null {
  const v = cellScalar(r.cell('idNumber'));
  if (v instanceof CellError) return take('idNumber', { ok: false, reason: v.reason });
  if (typeof v === 'number') return Number.isInteger(v) && v > 0 ? normaliseIdNumber(BigInt(v).toString(), true) : take('idNumber', { ok: false, reason: 'Số CCCD không hợp lệ' });
  if (typeof v === 'string') return normaliseIdNumber(v);
  if (v === null) return null;
  return take('idNumber', { ok: false, reason: 'Số CCCD không hợp lệ' });
}
