import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import {
  cellBoolean, cellChoice, cellDate, cellScalar, CellError, cellText, excelSerialToIsoDate, Parsed, parseVnDate, parseVnNumber,
} from '../common/excel/cells';
import { RowErrors } from '../common/excel/row-errors';
import { openXlsxTable, TableRow } from '../common/excel/xlsx-table';
import { DomainError } from '../common/errors/domain-error';
import { cleanText, foldText, matchKey } from '../common/text/vietnamese';
import { resolveEthnicity } from './domain/ethnicity';
import { checkCode, generatedCode, todayInVietnam } from './domain/household';
import { checkMember, checkMemberList, MemberDraft, MemberRow, normaliseIdNumber } from './domain/member';
import {
  DISABILITY_LABELS, EDUCATION_LABELS, EMPLOYMENT_LABELS, RELATION_LABELS, SEX_LABELS,
} from './domain/vocabulary';
import { bulkInsertHouseholds, NewHousehold } from './households.bulk';
import { HouseholdsRepository } from './households.repository';
import { buildImportTemplate, HOUSEHOLD_LEVEL_KEYS, IMPORT_COLUMNS, IMPORT_SHEET, ImportKey } from './import-layout';

export interface ImportResult {
  communeCode: string;
  fileName: string;
  sheet: string;
  dryRun: boolean;
  households: number;
  members: number;
  generatedCodes: number;
}

/** Households checked against the register and inserted together (one statement per table). */
const IMPORT_BATCH = 1000;

type ErrFn = (row: number, key: ImportKey | undefined, message: string, value?: unknown) => void;

interface ImportRun {
  communeCode: string;
  today: string;
  dryRun: boolean;
  err: ErrFn;
  errors: RowErrors;
  m: EntityManager;
  hasBirthYearColumn: boolean;
  /** Codes and ID numbers already used in the file → the row where. */
  codes: Map<string, number>;
  idNumbers: Map<string, number>;
  /** Codes generated for households without one, and the next number. */
  generated: Set<string>;
  nextNumber: number;
  households: number;
  members: number;
  generatedCodes: number;
  ids: number[];
}

interface DraftHousehold {
  row: number;
  /** Its code was already used above in the file (reported there, not again against the register). */
  codeSeen?: boolean;
  code?: string;
  villageCode: string | null;
  address: string | null;
  meritorious: boolean;
  registeredOn: string | null;
  /** Raw text of the household columns, to compare with what member rows repeat. */
  householdCells: Partial<Record<ImportKey, string>>;
  members: { row: number; member?: MemberRow; idSeen?: boolean }[];
  invalid: boolean;
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
    return this.exact.get(text.toLowerCase()) ?? this.exact.get(matchKey(text)) ?? this.loose.get(foldText(text)) ?? this.loose.get(foldText(text).replace(VILLAGE_PREFIX, '')) ?? null;
  }
}

/** Which column a domain problem belongs to. */
const FIELD_COLUMN: Record<string, ImportKey> = {
  fullName: 'fullName', sex: 'sex', birthDate: 'birthDate', birthYear: 'birthYear', relation: 'relation', ethnicity: 'ethnicity',
  idNumber: 'idNumber', healthInsurance: 'healthInsurance', inSchool: 'inSchool', educationLevel: 'educationLevel',
  disability: 'disability', labourCapacity: 'labourCapacity', employment: 'employment', malnourished: 'malnourished', code: 'code',
};

/**
 * The Excel import of a commune's households (layout: import-layout.ts). Streams the rows,
 * checks every one and collects every problem; writes nothing unless the whole file is right,
 * then inserts all households and members in one transaction through the bulk path.
 */
@Injectable()
export class HouseholdsImportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: HouseholdsRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async template(user: AuthUser, communeCode?: string): Promise<{ buffer: Buffer; fileName: string }> {
    if (!communeCode) return { buffer: await buildImportTemplate(), fileName: 'mau-nhap-ho-gia-dinh.xlsx' };
    await this.scope.assertRead(user, [communeCode]);
    const [unit] = await this.ds.query(
      `SELECT v.name FROM admin_unit_version v JOIN admin_unit u ON u.code = v.code AND u.level = 'commune' WHERE v.code = $1 ORDER BY v.valid_from DESC LIMIT 1`,
      [communeCode],
    );
    if (!unit) throw new DomainError('VALIDATION_FAILED', `commune: ${communeCode} is not a commune`, [{ field: 'commune', message: `Không có xã mã ${communeCode}`, value: communeCode }]);
    const villages = await this.repo.villagesOf(communeCode);
    return { buffer: await buildImportTemplate({ communeName: unit.name, villages }), fileName: `mau-nhap-ho-gia-dinh-${communeCode}.xlsx` };
  }

  /**
   * Streams the file: rows are checked as they are read; every `IMPORT_BATCH` complete households
   * are checked against the register (codes of the commune, ID numbers of active households)
   * and inserted, inside one transaction, while the next rows are read. Memory stays at one
   * batch, whatever the size of the file. At the first problem inserting stops (the rest is
   * still read, to report every bad row) and the transaction is rolled back: all or nothing.
   */
  async import(user: AuthUser, communeCode: string, file: { buffer: Buffer; name: string }, opts: { dryRun?: boolean } = {}): Promise<ImportResult> {
    // who and where first: nothing is parsed for a caller who may not write here
    await this.scope.assertWrite(user, 'register', [communeCode]);
    const level = await this.repo.unitLevel(communeCode);
    if (level !== 'commune') {
      throw new DomainError('VALIDATION_FAILED', `commune: ${communeCode} is not a commune`, [{ field: 'commune', message: `Không có xã mã ${communeCode}`, value: communeCode }]);
    }
    const villages = new VillageResolver(await this.repo.villagesOf(communeCode));
    const today = todayInVietnam();
    const errors = new RowErrors();
    const table = await openXlsxTable(file.buffer, IMPORT_COLUMNS, { sheetNames: [IMPORT_SHEET], fileName: file.name });
    const { header } = table;
    const colOf = (key: ImportKey) => ({ column: header.letter(key) || undefined, heading: IMPORT_COLUMNS.find((c) => c.key === key)?.heading });
    const err: ErrFn = (row, key, message, value) =>
      errors.add({ row, ...(key ? colOf(key) : {}), field: key, message, value: value instanceof CellError ? undefined : value });
    if (villages.size && header.columns.village === undefined) {
      err(header.row, undefined, 'Thiếu cột "Thôn/Tổ dân phố" (bắt buộc khi xã đã khai báo thôn, tổ)');
    }

    return this.ds.transaction(async (m) => {
      await this.repo.lockIdNumbers(m);
      await this.repo.lockCommuneCodes(m, communeCode);
      const run: ImportRun = {
        communeCode, today, dryRun: !!opts.dryRun, err, errors, m, hasBirthYearColumn: header.columns.birthYear !== undefined,
        codes: new Map(), idNumbers: new Map(), generated: new Set(), nextNumber: await this.repo.nextGeneratedNumber(communeCode, m),
        households: 0, members: 0, generatedCodes: 0, ids: [],
      };
      let batch: DraftHousehold[] = [];
      let task: Promise<void> = Promise.resolve();
      // the batch is checked and written while the next rows are read; one batch in flight at a time
      const flush = async () => {
        const full = batch;
        batch = [];
        await task;
        task = this.writeBatch(run, full);
        task.catch(() => undefined); // awaited below; avoids an unhandled rejection meanwhile
      };

      let current: DraftHousehold | undefined;
      const finish = async () => {
        if (!current) return;
        this.finishHousehold(run, current);
        batch.push(current);
        current = undefined;
        if (batch.length >= IMPORT_BATCH) await flush();
      };
      for await (const r of table.rows) {
        const row = this.readRow(r, table.date1904, villages, run, () => current);
        if (row.startsHousehold) {
          await finish();
          current = row.startsHousehold;
        }
        if (row.member !== undefined && current) {
          current.members.push({ row: r.row, member: row.member ?? undefined });
          if (!row.member) current.invalid = true;
        }
      }
      await finish();
      await flush();
      await task;
      if (!run.households && !errors.count) err(header.row, undefined, 'Tệp không có hộ nào (không có dòng "Chủ hộ")');
      errors.throwIfAny('rows');

      const result: ImportResult = {
        communeCode, fileName: file.name, sheet: table.sheetName, dryRun: run.dryRun, households: run.households, members: run.members, generatedCodes: run.generatedCodes,
      };
      if (!run.dryRun) {
        await this.audit.record(m, user, {
          action: 'import', entity: 'household', unitCode: communeCode,
          newValue: { file: file.name, sheet: table.sheetName, households: run.households, members: run.members, generatedCodes: run.generatedCodes, firstId: run.ids[0], lastId: run.ids[run.ids.length - 1] },
        });
      }
      return result;
    });
  }

  /** One row: the member it describes (null when invalid), and the household it starts if it is a head's row. */
  private readRow(
    r: TableRow<ImportKey>,
    date1904: boolean,
    villages: VillageResolver,
    run: ImportRun,
    current: () => DraftHousehold | undefined,
  ): { startsHousehold?: DraftHousehold; member?: MemberRow | null } {
    const { err, today } = run;
    const failed = new Set<ImportKey>();
    const take = <T>(key: ImportKey, parsed: Parsed<T>): T | null => {
      if (parsed.ok) return parsed.value;
      failed.add(key);
      err(r.row, key, parsed.reason, cellScalar(r.cell(key)));
      return null;
    };
    const text = (key: ImportKey) => take(key, cellText(r.cell(key)));

    let startsHousehold: DraftHousehold | undefined;
    const relation = take('relation', cellChoice(r.cell('relation'), RELATION_LABELS));
    if (relation === 'head') startsHousehold = this.startHousehold(r, take, text, villages, err, today);
    else if (relation && !current()) err(r.row, 'relation', 'Dòng thành viên đứng trước dòng "Chủ hộ" đầu tiên: mỗi hộ phải bắt đầu bằng dòng chủ hộ');
    else if (current()) this.checkRepeatedHouseholdCells(r, current() as DraftHousehold, err);

    const birth = this.birth(r, date1904, take);
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
      idNumber: this.idNumber(r, take),
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
      const column = key === 'birthYear' && !run.hasBirthYearColumn ? 'birthDate' : key;
      err(r.row, column, p.message, p.value);
    }
    if (!relation || (!startsHousehold && !current())) return { startsHousehold };
    return { startsHousehold, member: checked.row ?? null };
  }

  /** A complete household: its member list, and codes and ID numbers not already used in the file. */
  private finishHousehold(run: ImportRun, h: DraftHousehold): void {
    const { err } = run;
    run.households++;
    run.members += h.members.length;
    const valid = h.members.filter((x) => x.member);
    for (const p of checkMemberList(valid.map((x) => x.member as MemberRow))) {
      if (p.field !== 'idNumber') err(h.row, undefined, p.message);
    }
    if (h.code) {
      const first = run.codes.get(h.code);
      if (first !== undefined) {
        err(h.row, 'code', `Mã hộ ${h.code} đã dùng cho hộ ở dòng ${first}`, h.code);
        h.codeSeen = true;
      } else if (run.generated.has(h.code)) {
        err(h.row, 'code', `Mã hộ ${h.code} trùng mã hệ thống đã tự cấp cho một hộ để trống mã ở phía trên; ghi mã khác`, h.code);
        h.codeSeen = true;
      } else run.codes.set(h.code, h.row);
    }
    for (const x of valid) {
      const id = x.member?.idNumber;
      if (!id) continue;
      const first = run.idNumbers.get(id);
      if (first !== undefined) {
        err(x.row, 'idNumber', `Số CCCD ${id} đã ghi ở dòng ${first}`, id);
        x.idSeen = true;
      } else run.idNumbers.set(id, x.row);
    }
  }

  /**
   * A batch of complete households: checked against the register (codes used in the commune, ID
   * numbers of people in active households), then inserted unless the file has a problem by now
   * or this is a dry run.
   */
  private async writeBatch(run: ImportRun, batch: DraftHousehold[]): Promise<void> {
    if (!batch.length) return;
    const { m, err, communeCode } = run;
    const coded = batch.filter((h) => h.code && !h.codeSeen);
    for (const o of await this.repo.codeOwners(communeCode, coded.map((h) => h.code as string), m)) {
      const h = coded.find((x) => x.code === o.code) as DraftHousehold;
      err(h.row, 'code', `Mã hộ ${o.code} đã có trong xã (hộ #${o.id})`, o.code);
    }
    const rowOfId = new Map<string, number>();
    for (const h of batch) for (const x of h.members) if (x.member?.idNumber && !x.idSeen) rowOfId.set(x.member.idNumber, x.row);
    if (rowOfId.size) {
      for (const o of await this.repo.idNumberOwners([...rowOfId.keys()], m)) {
        err(rowOfId.get(o.idNumber) as number, 'idNumber', `Số CCCD ${o.idNumber} đã có trong hộ ${o.householdCode} (#${o.householdId}, xã ${o.communeCode}) đang cư trú`, o.idNumber);
      }
    }
    if (run.errors.count || run.dryRun) {
      run.generatedCodes += batch.filter((h) => !h.code).length;
      return;
    }
    const rows: NewHousehold[] = batch.map((h) => {
      let code = h.code;
      if (!code) {
        while (run.codes.has(generatedCode(run.nextNumber))) run.nextNumber++;
        code = generatedCode(run.nextNumber++);
        run.generated.add(code);
        run.generatedCodes++;
      }
      return {
        code, communeCode, villageCode: h.villageCode, address: h.address, registeredOn: h.registeredOn ?? run.today, meritorious: h.meritorious,
        members: h.members.map((x) => x.member as MemberRow),
      };
    });
    run.ids.push(...(await bulkInsertHouseholds(m, rows, { batchSize: IMPORT_BATCH })));
  }

  private startHousehold(
    r: TableRow<ImportKey>,
    take: <T>(key: ImportKey, p: Parsed<T>) => T | null,
    text: (key: ImportKey) => string | null,
    villages: VillageResolver,
    err: ErrFn,
    today: string,
  ): DraftHousehold {
    const h: DraftHousehold = { row: r.row, villageCode: null, address: null, meritorious: false, registeredOn: null, householdCells: {}, members: [], invalid: false };
    for (const key of HOUSEHOLD_LEVEL_KEYS) {
      const t = cellText(r.cell(key));
      if (t.ok && t.value) h.householdCells[key] = t.value;
    }
    const code = text('code');
    if (code) {
      const c = checkCode(code);
      if (c.problem) {
        err(r.row, 'code', c.problem.message, code);
        h.invalid = true;
      } else h.code = c.value;
    }
    const village = text('village');
    if (village) {
      h.villageCode = villages.resolve(village);
      if (!h.villageCode) {
        err(r.row, 'village', `Thôn/tổ "${village}" không thuộc xã này`, village);
        h.invalid = true;
      }
    } else if (villages.size) {
      err(r.row, 'village', 'Thiếu thôn/tổ ở dòng chủ hộ');
      h.invalid = true;
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
  private checkRepeatedHouseholdCells(
    r: TableRow<ImportKey>,
    h: DraftHousehold,
    err: ErrFn,
  ): void {
    for (const key of HOUSEHOLD_LEVEL_KEYS) {
      const t = cellText(r.cell(key));
      if (!t.ok || !t.value) continue;
      const own = h.householdCells[key];
      if (own === undefined || foldText(own) !== foldText(t.value)) {
        const first = key === 'code'
          ? `Mã hộ "${t.value}" ở dòng thành viên khác mã của hộ đang ghi (${own ?? 'trống'}, dòng ${h.row}): mỗi hộ phải bắt đầu bằng dòng "Chủ hộ"`
          : `Thông tin của hộ chỉ ghi ở dòng chủ hộ (dòng ${h.row}); dòng thành viên ghi khác: "${t.value}"`;
        err(r.row, key, first, t.value);
      }
    }
  }

  /** Birth date and year: a date cell or dd/mm/yyyy; a year, or a full date typed in the year column. */
  private birth(r: TableRow<ImportKey>, date1904: boolean, take: <T>(key: ImportKey, p: Parsed<T>) => T | null): { birthDate: string | null; birthYear: number | null } {
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
  private idNumber(r: TableRow<ImportKey>, take: <T>(key: ImportKey, p: Parsed<T>) => T | null): string | null {
    const v = cellScalar(r.cell('idNumber'));
    if (v instanceof CellError) return take('idNumber', { ok: false, reason: v.reason });
    if (typeof v === 'number') return Number.isInteger(v) && v > 0 ? normaliseIdNumber(BigInt(v).toString(), true) : take('idNumber', { ok: false, reason: 'Số CCCD không hợp lệ' });
    if (typeof v === 'string') return normaliseIdNumber(v);
    if (v === null) return null;
    return take('idNumber', { ok: false, reason: 'Số CCCD không hợp lệ' });
  }
}
