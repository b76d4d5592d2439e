import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { cellInteger, cellList, cellMark, cellText, columnLetter, isBlank } from '../common/excel/cells';
import { RowErrors } from '../common/excel/row-errors';
import { setTextCell } from '../common/excel/safe-cell';
import { xlsxStreamReader } from '../common/excel/xlsx-table';
import { DomainError } from '../common/errors/domain-error';
import { foldText, matchKey } from '../common/text/vietnamese';
import { StandardView } from '../standards/standards.repository';
import { CAUSE_CODES, SUPPORT_NEEDS } from './domain/result';
import { assertFound } from './reviews.common';
import { BulkResultRow, ResultsService, RoundContext } from './results.service';
import { ResultsRepository } from './results.repository';
import { RoundRow, RoundsRepository } from './rounds.repository';

export const SHEET_NAME = 'Kết quả rà soát';
const HEADER_ROW = 4;
const MAX_ERRORS = 1000;

type Field = 'code' | 'headName' | 'village' | 'quickScreen' | 'b1Score' | 'income' | 'causes' | 'needs' | 'farmAverage' | `ind:${string}`;

/** The template's headings, in order (the indicators come between the income and the causes). */
function headings(standard: StandardView): { field: Field; title: string; width: number }[] {
  return [
    { field: 'code', title: 'Mã hộ', width: 14 },
    { field: 'headName', title: 'Họ và tên chủ hộ', width: 26 },
    { field: 'village', title: 'Thôn, tổ dân phố', width: 18 },
    { field: 'quickScreen', title: 'Phiếu A: loại khỏi rà soát (x)', width: 12 },
    { field: 'b1Score', title: 'Điểm B1', width: 9 },
    { field: 'income', title: 'Thu nhập bình quân (đồng/người/tháng)', width: 16 },
    ...standard.indicators.map((i) => ({ field: `ind:${i.key}` as Field, title: `${i.nameVi} [${i.key}]`, width: 12 })),
    { field: 'causes', title: 'Nguyên nhân nghèo (mã 1–8)', width: 14 },
    { field: 'needs', title: 'Nhu cầu hỗ trợ', width: 22 },
    { field: 'farmAverage', title: 'Hộ NLN có mức sống trung bình (x)', width: 12 },
  ];
}

const FIELD_NAME: Record<string, string> = {
  code: 'code', quickScreen: 'quickScreen', b1Score: 'b1Score', income: 'incomePerCapita', causes: 'causes', needs: 'supportNeeds', farmAverage: 'farmAverage',
};

/** The cell as clean text, '' when blank or unreadable (a heading, a household code). */
export const textOf = (v: unknown): string => {
  const t = cellText(v);
  return t.ok ? t.value ?? '' : '';
};

/** Finds the columns by their headings (officers reorder and retitle them): exact, [key], or the indicator's name. */
function mapHeader(values: unknown[], standard: StandardView): Map<Field, number> {
  const wanted = new Map<string, Field>();
  for (const h of headings(standard)) wanted.set(matchKey(h.title), h.field);
  for (const i of standard.indicators) {
    wanted.set(matchKey(i.nameVi), `ind:${i.key}`);
    wanted.set(matchKey(i.key), `ind:${i.key}`);
  }
  const aliases: [string, Field][] = [
    ['mã hộ gia đình', 'code'], ['ma ho', 'code'], ['điểm b1', 'b1Score'], ['tổng điểm b1', 'b1Score'], ['thu nhập', 'income'],
    ['thu nhập bình quân', 'income'], ['phiếu a', 'quickScreen'], ['nguyên nhân nghèo', 'causes'], ['nhu cầu hỗ trợ', 'needs'],
    ['hộ nln có mức sống trung bình', 'farmAverage'], ['chủ hộ', 'headName'], ['họ và tên chủ hộ', 'headName'],
  ];
  for (const [a, f] of aliases) if (!wanted.has(matchKey(a))) wanted.set(matchKey(a), f);
  const out = new Map<Field, number>();
  values.forEach((v, col) => {
    const text = textOf(v);
    if (!text) return;
    const bracket = /\[([A-Za-z0-9]+)\]\s*$/.exec(text);
    const field = (bracket && standard.indicators.some((i) => i.key === bracket[1]) ? (`ind:${bracket[1]}` as Field) : undefined)
      ?? wanted.get(matchKey(text));
    if (field && !out.has(field)) out.set(field, col);
  });
  return out;
}

/** One row of an import file, checked, before its household is resolved. */
export interface ParsedRow {
  excelRow: number;
  code: string;
  row: Omit<BulkResultRow, 'householdId'>;
  /** a field submission's meta/instanceID (the submissions import): imported once per round */
  submission?: { instanceId: string; enumerator: string | null; surveyDate: string | null };
}

/** What the one write path of result imports takes from a parser. */
export interface ParsedImport {
  rows: ParsedRow[];
  errors: RowErrors;
  /** rows left blank (households not surveyed yet) */
  skipped: number;
  /** the column letter of a field (code, b1Score, incomePerCapita, quickScreen), for row errors */
  column(field: string): string | undefined;
  /** the heading of the household code column */
  codeHeading: string;
}

/**
 * The Excel path of results: a template listing the commune's households (one row each, a column
 * per indicator of the round's standard), and the import of the filled template — all or nothing,
 * every bad cell reported with its row and column.
 */
@Injectable()
export class ResultsImportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly results: ResultsService,
    private readonly repo: ResultsRepository,
    private readonly rounds: RoundsRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  /** The template of a round, pre-filled with the results already entered. */
  async template(user: AuthUser, roundId: number): Promise<{ filename: string; buffer: Buffer }> {
    const round = assertFound(await this.rounds.find(roundId), 'đợt rà soát', roundId);
    await this.scope.assertRead(user, [round.communeCode]);
    const ctx = await this.results.contextFor(round);
    const commune = await this.rounds.commune(round.communeCode, ctx.referenceDate);
    const households = await this.repo.roundHouseholds(round, ctx.referenceDate);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Rà soát hộ nghèo, hộ cận nghèo';
    const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', xSplit: 3, ySplit: HEADER_ROW }] });
    const cols = headings(ctx.standard);
    ws.columns = [{ width: 6 }, ...cols.map((c) => ({ width: c.width }))];
    ws.getCell(1, 1).value = `KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM ${round.year} — ${commune?.name ?? round.communeCode}`;
    ws.getCell(1, 1).font = { bold: true, size: 13 };
    ws.getCell(2, 1).value =
      `Chuẩn ${ctx.standard.code}, danh sách năm ${round.listYear}, vòng rà soát số ${round.id} (${round.kind === 'periodic' ? 'định kỳ' : 'thường xuyên'}). ` +
      `Ghi điểm B1 và/hoặc thu nhập; đánh dấu x vào chỉ số thiếu hụt (Phiếu B2); nguyên nhân nghèo ghi mã 1–8 cách nhau bởi dấu phẩy; ` +
      `nhu cầu hỗ trợ: ${Object.values(SUPPORT_NEEDS).join(', ')}. Dòng không ghi gì là hộ chưa rà soát.`;
    const header = ws.getRow(HEADER_ROW);
    header.values = ['STT', ...cols.map((c) => c.title)];
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    header.height = 60;
    const needName = (k: string) => SUPPORT_NEEDS[k] ?? k;
    households.forEach((h, i) => {
      const entered = new Set(h.entered ?? []);
      const row = ws.getRow(HEADER_ROW + 1 + i);
      row.getCell(1).value = i + 1;
      cols.forEach((c, k) => {
        const cell = row.getCell(k + 2);
        switch (c.field) {
          // what people typed goes in as text, never as a formula (DEVELOPING.md "Excel exports: user text")
          case 'code': return setTextCell(cell, h.code);
          case 'headName': return setTextCell(cell, h.headName);
          case 'village': return setTextCell(cell, h.village ?? '');
          case 'quickScreen': cell.value = h.quickScreen === 'screened_out' ? 'x' : null; return;
          case 'b1Score': cell.value = h.b1Score ?? null; return;
          case 'income': cell.value = h.income ?? null; return;
          case 'causes': cell.value = (h.causes ?? []).join(', ') || null; return;
          case 'needs': cell.value = (h.needs ?? []).map(needName).join(', ') || null; return;
          case 'farmAverage': cell.value = h.farmAverage ? 'x' : null; return;
          default: cell.value = entered.has(c.field.slice(4)) ? 'x' : null;
        }
      });
    });
    const guide = wb.addWorksheet('Hướng dẫn');
    guide.columns = [{ width: 40 }, { width: 90 }];
    guide.addRows([
      ['Cột', 'Cách ghi'],
      ['Mã hộ', 'Mã hộ trong sổ hộ của xã (bắt buộc; không sửa).'],
      ['Phiếu A', 'Ghi x nếu hộ bị loại qua phiếu nhận diện nhanh (không rà soát tiếp bằng Phiếu B).'],
      ['Điểm B1', `Tổng điểm Phiếu B1 (số nguyên). Ngưỡng: ${ctx.standard.lines.map((l) => `${l.areaType === 'rural' ? 'nông thôn' : 'thành thị'} ${l.b1Cutoff ?? 'chưa quy định'}`).join(', ')}.`],
      ['Thu nhập bình quân', 'Đồng/người/tháng; chấp nhận 1.500.000 hoặc 1500000.'],
      ['Chỉ số thiếu hụt', 'Đánh dấu x (hoặc 1, có) vào ô của chỉ số hộ thiếu hụt; để trống nếu không thiếu hụt.'],
      ['Nguyên nhân nghèo', '1 Thiếu đất sản xuất; 2 Thiếu vốn sản xuất; 3 Thiếu lao động; 4 Thiếu công cụ sản xuất; 5 Thiếu kiến thức sản xuất; 6 Thiếu kỹ năng lao động; 7 Có người ốm đau, bệnh nặng, tai nạn; 8 Nguyên nhân khác.'],
      ['Nhu cầu hỗ trợ', Object.values(SUPPORT_NEEDS).join('; ')],
      ['Hộ NLN có mức sống TB', 'Ghi x nếu hộ được công nhận hộ làm nông, lâm, ngư nghiệp có mức sống trung bình (Phiếu C).'],
      ['Nhập tệp', 'Tệp chỉ được nhập khi mọi dòng hợp lệ; nếu có lỗi, không dòng nào được ghi và danh sách lỗi nêu dòng, cột.'],
    ]);
    guide.getRow(1).font = { bold: true };
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    return { filename: `ket-qua-ra-soat-${round.communeCode}-${round.year}${round.month ? `-${round.month}` : ''}-vong-${round.id}.xlsx`, buffer };
  }

  /**
   * Reads the first sheet with the streaming reader (the UTF-8-safe one shared with the households
   * import: exceljs 4.4.0's own reader turns Vietnamese letters split across chunks into "��") and
   * checks every cell; no database access. Every problem goes into `errors` with its row and column.
   */
  async parse(buffer: Buffer, standard: StandardView): Promise<{ rows: ParsedRow[]; errors: RowErrors; skipped: number; columns: Map<Field, number> }> {
    const errors = new RowErrors(MAX_ERRORS);
    const rows: ParsedRow[] = [];
    let skipped = 0;
    let header: Map<Field, number> | undefined;
    const reader = xlsxStreamReader(buffer, {
      worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'emit',
    });
    const needByName = new Map<string, string>();
    for (const [k, name] of Object.entries(SUPPORT_NEEDS)) { needByName.set(foldText(k), k); needByName.set(foldText(name), k); }
    needByName.set(foldText('vay vốn'), 'credit');
    needByName.set(foldText('sản xuất'), 'production');
    const heading = (f: Field) => headings(standard).find((h) => h.field === f)?.title ?? f;
    try {
      for await (const ws of reader) {
        for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
          const values = row.values as unknown[];
          if (!header) {
            if (row.number > 20) break;
            const map = mapHeader(values, standard);
            if (map.has('code') && (map.has('b1Score') || map.has('income'))) header = map;
            continue;
          }
          const at = (f: Field) => (header!.has(f) ? values[header!.get(f)!] : undefined);
          let rowErrors = 0;
          const err = (f: Field, message: string, value?: unknown) => {
            rowErrors++;
            errors.add({ row: row.number, column: header!.has(f) ? columnLetter(header!.get(f)!) : undefined, heading: heading(f), field: FIELD_NAME[f] ?? (f.startsWith('ind:') ? `deprivations.${f.slice(4)}` : f), message, value });
          };
          const inputFields = [...header.keys()].filter((f) => f !== 'code' && f !== 'headName' && f !== 'village');
          const code = textOf(at('code'));
          if (inputFields.every((f) => isBlank(at(f)))) {
            if (code) skipped++;
            continue; // not surveyed yet (or an empty line)
          }
          if (!code) { err('code', 'Thiếu mã hộ'); continue; }
          const b1 = cellInteger(at('b1Score'), { min: 0, max: 100_000 });
          if (!b1.ok) err('b1Score', b1.reason, textOf(at('b1Score')));
          const income = cellInteger(at('income'), { min: 0, max: 1_000_000_000 });
          if (!income.ok) err('income', income.reason, textOf(at('income')));
          const qs = cellMark(at('quickScreen'));
          if (!qs.ok) err('quickScreen', qs.reason, textOf(at('quickScreen')));
          const farm = cellMark(at('farmAverage'));
          if (!farm.ok) err('farmAverage', farm.reason, textOf(at('farmAverage')));
          const deprivations: string[] = [];
          for (const ind of standard.indicators) {
            const f = `ind:${ind.key}` as Field;
            if (!header.has(f)) continue;
            const mk = cellMark(at(f));
            if (!mk.ok) err(f, mk.reason, textOf(at(f)));
            else if (mk.value) deprivations.push(ind.key);
          }
          const causes: number[] = [];
          const causeList = cellList(at('causes'));
          if (!causeList.ok) err('causes', causeList.reason);
          for (const c of causeList.ok ? causeList.value : []) {
            const n = Number(c);
            if (!(CAUSE_CODES as readonly number[]).includes(n)) err('causes', `"${c}" không phải là mã nguyên nhân nghèo (1–8)`, c);
            else if (!causes.includes(n)) causes.push(n);
          }
          const needs: string[] = [];
          const needList = cellList(at('needs'));
          if (!needList.ok) err('needs', needList.reason);
          for (const c of needList.ok ? needList.value : []) {
            const k = needByName.get(foldText(c));
            if (!k) err('needs', `"${c}" không phải là nhu cầu hỗ trợ (${Object.values(SUPPORT_NEEDS).join(', ')})`, c);
            else if (!needs.includes(k)) needs.push(k);
          }
          const b1Value = b1.ok ? b1.value : null;
          const incomeValue = income.ok ? income.value : null;
          if (b1Value === null && incomeValue === null && !(qs.ok && qs.value) && rowErrors === 0) {
            err(header.has('b1Score') ? 'b1Score' : 'income', 'Ghi điểm Phiếu B1 hoặc thu nhập bình quân (hoặc đánh dấu Phiếu A)');
          }
          if (rowErrors) continue;
          rows.push({
            excelRow: row.number,
            code,
            row: {
              quickScreen: qs.ok && qs.value ? 'screened_out' : null, b1Score: b1Value, incomePerCapita: incomeValue,
              // the sheet is Phiếu B2: every indicator column present is an answer (blank = not deprived)
              enteredDeprivations: deprivations, farmAverage: farm.ok && farm.value, causes, supportNeeds: needs,
            },
          });
        }
        break; // the first sheet only
      }
    } catch (e) {
      throw new DomainError('BAD_FILE', 'Không đọc được tệp Excel (tệp hỏng hoặc không phải .xlsx)', [{ field: 'file', message: 'không đọc được tệp' }]);
    }
    if (!header) {
      throw new DomainError('BAD_FILE', 'Không tìm thấy dòng tiêu đề có "Mã hộ" và "Điểm B1" hoặc "Thu nhập" trong 20 dòng đầu của trang đầu tiên', [{ field: 'file', message: 'không có dòng tiêu đề' }]);
    }
    return { rows, errors, skipped, columns: header };
  }

  /** Imports a filled template: all or nothing. */
  async import(user: AuthUser, roundId: number, buffer: Buffer, filename?: string) {
    const round0 = assertFound(await this.rounds.find(roundId), 'đợt rà soát', roundId);
    await this.scope.assertWrite(user, 'register', [round0.communeCode]);
    const ctx0 = await this.results.contextFor(round0);
    const parsed = await this.parse(buffer, ctx0.standard);
    const fieldOf: Record<string, Field> = { code: 'code', b1Score: 'b1Score', incomePerCapita: 'income', quickScreen: 'quickScreen' };
    const column = (f: string) => (fieldOf[f] && parsed.columns.has(fieldOf[f]) ? columnLetter(parsed.columns.get(fieldOf[f])!) : undefined);
    return this.write(user, roundId, ctx0, { rows: parsed.rows, errors: parsed.errors, skipped: parsed.skipped, column, codeHeading: 'Mã hộ' }, { file: filename ?? null });
  }

  /**
   * The one write path of result imports (the Excel template, field submissions): in one
   * transaction, the round locked, every row's household resolved in the round's commune and
   * checked, classified by `results.prepare`, and every problem collected with its row and
   * column; then all rows upserted with one audit entry, or nothing. Submissions already
   * imported into the round (same instanceID) are skipped: re-importing an export changes nothing.
   */
  async write(user: AuthUser, roundId: number, ctx0: RoundContext, parsed: ParsedImport, audit: Record<string, unknown>) {
    return this.ds.transaction(async (m) => {
      const round: RoundRow = await this.results.roundForWrite(user, roundId, m);
      const ctx = round.standardCode === ctx0.standard.code ? { ...ctx0, round } : await this.results.contextFor(round, m);
      const errors = parsed.errors;
      const col = parsed.column;
      const instanceIds = parsed.rows.flatMap((p) => (p.submission ? [p.submission.instanceId] : []));
      const known = instanceIds.length ? await this.repo.importedSubmissions(round.id, instanceIds, m) : new Set<string>();
      const fresh = known.size ? parsed.rows.filter((p) => !p.submission || !known.has(p.submission.instanceId)) : parsed.rows;
      const households = await this.repo.communeHouseholds(round.communeCode, m);
      const byCode = new Map(households.map((h) => [h.code.trim().toUpperCase(), h]));
      const seen = new Map<number, number>();
      const resolved: { excelRow: number; row: BulkResultRow; h: (typeof households)[number]; p: ParsedRow }[] = [];
      for (const p of fresh) {
        const h = byCode.get(p.code.toUpperCase());
        const codeErr = (message: string) => errors.add({ row: p.excelRow, column: col('code'), heading: parsed.codeHeading, field: 'code', message, value: p.code });
        if (!h) { codeErr(`Không có hộ mã ${p.code} trong sổ hộ của xã ${round.communeCode}`); continue; }
        if (seen.has(h.id)) { codeErr(`Hộ ${p.code} được ghi hai lần (cả ở dòng ${seen.get(h.id)})`); continue; }
        seen.set(h.id, p.excelRow);
        resolved.push({ excelRow: p.excelRow, row: { householdId: h.id, ...p.row }, h, p });
      }
      const problems = await this.results.checkHouseholds(round, resolved.map((r) => r.h), m);
      for (const r of resolved) {
        const problem = problems.get(r.h.id);
        if (problem) errors.add({ row: r.excelRow, column: col('code'), heading: parsed.codeHeading, field: 'code', message: problem, value: r.h.code });
      }
      const ok = resolved.filter((r) => !problems.has(r.h.id));
      const members = await this.repo.members({ communeCode: round.communeCode }, m);
      const existing = await this.repo.existing(round.id, null, m);
      const prepared = this.results.prepare(ctx, ok.map((r) => r.row), members, existing, user.username);
      for (const e of prepared.errors) {
        const r = ok[e.index];
        errors.add({ row: r.excelRow, column: col(e.field), field: e.field, message: e.message, value: e.value });
      }
      errors.throwIfAny(); // all or nothing
      const { created, updated } = await this.repo.upsertMany(round.id, prepared.records, m);
      const submissions = ok.flatMap((r) => (r.p.submission ? [{ ...r.p.submission, householdId: r.h.id }] : []));
      if (submissions.length) await this.repo.recordSubmissions(round.id, submissions, user.username, m);
      const summary = {
        rows: ok.length, created, updated, skipped: parsed.skipped, overridesKept: prepared.records.filter((r) => r.override_reason).length,
        ...(instanceIds.length ? { alreadyImported: parsed.rows.length - fresh.length } : {}),
      };
      await this.audit.record(m, user, { action: 'import', entity: 'review_result', entityId: `round:${roundId}`, unitCode: round.communeCode, newValue: { ...audit, ...summary } });
      return { roundId, ...summary };
    });
  }
}
