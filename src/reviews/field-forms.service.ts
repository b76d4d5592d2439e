import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { columnLetter } from '../common/excel/cells';
import { RowErrors } from '../common/excel/row-errors';
import { setTextCell } from '../common/excel/safe-cell';
import { xlsxStreamReader } from '../common/excel/xlsx-table';
import { DomainError } from '../common/errors/domain-error';
import type { XlsxFile } from '../common/http/xlsx-upload';
import { CsvError, parseCsv } from '../common/text/csv';
import { SUPPORT_NEEDS } from './domain/result';
import { mapSubmissionHeader, readSubmission, SubmissionField } from './domain/submissions';
import { buildXlsForm, CHOICE_COLUMNS, formIdentity, SETTINGS_COLUMNS, SURVEY_COLUMNS, XlsForm } from './domain/xlsform';
import { ParsedRow, ResultsImportService, textOf } from './results-import.service';
import { ResultsRepository } from './results.repository';
import { ResultsService } from './results.service';
import { assertFound } from './reviews.common';
import { RoundsRepository } from './rounds.repository';

const MAX_ERRORS = 1000;
/** The columns an export must have (the name the officer reads in the error). */
const REQUIRED: [SubmissionField, string][] = [['instanceId', 'meta/instanceID'], ['household', 'household'], ['formId', 'form_id'], ['formVersion', 'form_version']];

/** A submissions export as a table: its headings and its rows as trimmed text (null when blank). */
interface SubmissionTable {
  headings: string[];
  rows: { line: number; values: (string | null)[] }[];
}

/**
 * Field collection with ODK Collect / KoboCollect: the round's questionnaire as an XLSForm
 * (domain/xlsform.ts), and the submissions exported from ODK Central or KoboToolbox (CSV or
 * XLSX) imported as the round's results through the one write path of result imports
 * (ResultsImportService.write: the same checks, classification and all-or-nothing rule as the
 * Excel template).
 */
@Injectable()
export class FieldFormsService {
  constructor(
    private readonly results: ResultsService,
    private readonly imports: ResultsImportService,
    private readonly repo: ResultsRepository,
    private readonly rounds: RoundsRepository,
    private readonly scope: ScopeService,
  ) {}

  /** The questionnaire of a round, as data (the workbook is written from it). */
  async form(user: AuthUser, roundId: number): Promise<XlsForm> {
    const round = assertFound(await this.rounds.find(roundId), 'đợt rà soát', roundId);
    await this.scope.assertRead(user, [round.communeCode]);
    const ctx = await this.results.contextFor(round);
    const commune = await this.rounds.commune(round.communeCode, ctx.referenceDate);
    const line = ctx.standard.lines.find((l) => l.areaType === ctx.areaType);
    if (!line) {
      throw new DomainError('BUSINESS_RULE', `Chuẩn ${ctx.standard.code} chưa có chuẩn nghèo cho khu vực ${ctx.areaType === 'rural' ? 'nông thôn' : 'thành thị'}`, [{ field: 'standard', message: 'thiếu chuẩn của khu vực' }]);
    }
    const households = await this.repo.roundHouseholds(round, ctx.referenceDate);
    return buildXlsForm({
      round: { id: round.id, year: round.year, month: round.month, kind: round.kind, listYear: round.listYear, communeName: commune?.name ?? round.communeCode },
      standard: ctx.standard,
      areaType: ctx.areaType,
      line,
      households: households.map((h) => ({ code: h.code, headName: h.headName, village: h.village })),
      causes: await this.repo.causes(),
      needs: SUPPORT_NEEDS,
    });
  }

  /** The XLSForm workbook of a round: sheets survey, choices, settings. */
  async xlsform(user: AuthUser, roundId: number): Promise<{ fileName: string; buffer: Buffer }> {
    const form = await this.form(user, roundId);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Rà soát hộ nghèo, hộ cận nghèo';
    const sheet = (name: string, columns: readonly string[], rows: Record<string, string | undefined>[]) => {
      const ws = wb.addWorksheet(name);
      ws.addRow([...columns]);
      ws.getRow(1).font = { bold: true };
      ws.columns.forEach((c) => { c.width = 18; });
      rows.forEach((r, i) => {
        const row = ws.getRow(i + 2);
        // household heads and villages are user text: plain text cells, never formulas
        columns.forEach((c, k) => { if (r[c]) setTextCell(row.getCell(k + 1), r[c]); });
      });
    };
    sheet('survey', SURVEY_COLUMNS, form.survey);
    sheet('choices', CHOICE_COLUMNS, form.choices);
    sheet('settings', SETTINGS_COLUMNS, [form.settings]);
    return { fileName: `Biểu mẫu rà soát ${form.settings.form_id}.xlsx`, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  /** Reads the export as a table (CSV: UTF-8, separator found from the headings; XLSX: the first sheet). */
  async table(file: Pick<XlsxFile, 'buffer' | 'kind'>): Promise<SubmissionTable> {
    const clean = (v: unknown): string | null => textOf(v) || null;
    if (file.kind === 'csv') {
      let records;
      try {
        records = parseCsv(file.buffer.toString('utf8')).records;
      } catch (e) {
        if (!(e instanceof CsvError)) throw e;
        throw new DomainError('BAD_FILE', `Không đọc được tệp CSV: ${e.message}`, [{ field: 'file', message: e.message, row: e.line }]);
      }
      const [head, ...rest] = records;
      return { headings: (head?.values ?? []).map((h) => clean(h) ?? ''), rows: rest.map((r) => ({ line: r.line, values: r.values.map(clean) })) };
    }
    const out: SubmissionTable = { headings: [], rows: [] };
    const reader = xlsxStreamReader(file.buffer, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'emit' });
    try {
      for await (const ws of reader) {
        for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
          const cells = (row.values as unknown[]).slice(1);
          const values = Array.from({ length: cells.length }, (_, i) => clean(cells[i]));
          if (!out.headings.length) out.headings = values.map((v) => v ?? '');
          else if (values.some((v) => v !== null)) out.rows.push({ line: row.number, values });
        }
        break; // the first sheet: the submissions (repeat groups, if any, are on the next ones)
      }
    } catch {
      throw new DomainError('BAD_FILE', 'Không đọc được tệp Excel (tệp hỏng hoặc không phải .xlsx)', [{ field: 'file', message: 'không đọc được tệp' }]);
    }
    return out;
  }

  /**
   * Imports a submissions export into a round: all or nothing, every problem with its row and
   * column; submissions already imported (same instanceID) are skipped.
   */
  async importSubmissions(user: AuthUser, roundId: number, file: Pick<XlsxFile, 'buffer' | 'kind' | 'originalName'>) {
    const round0 = assertFound(await this.rounds.find(roundId), 'đợt rà soát', roundId);
    await this.scope.assertWrite(user, 'register', [round0.communeCode]);
    const ctx0 = await this.results.contextFor(round0);
    const table = await this.table(file);
    const keys = ctx0.standard.indicators.map((i) => i.key);
    const header = mapSubmissionHeader(table.headings, keys);
    const missing = REQUIRED.filter(([f]) => !header.fields.has(f));
    if (missing.length) {
      throw new DomainError('BAD_FILE',
        `Tệp không có cột ${missing.map(([, name]) => name).join(', ')}: xuất bài nộp của biểu mẫu vòng rà soát từ ODK Central hoặc KoboToolbox, với tên câu hỏi (XML), không phải nhãn`,
        missing.map(([, name]) => ({ field: 'file', message: `thiếu cột ${name}` })));
    }
    const { formId, version } = formIdentity(round0.id, ctx0.standard.code, ctx0.standard.version);
    const spec = { formId, version, standardCode: ctx0.standard.code, indicatorKeys: keys };
    const errors = new RowErrors(MAX_ERRORS);
    const letter = (col: number | undefined) => (col === undefined ? undefined : columnLetter(col + 1));
    const rows: ParsedRow[] = [];
    const seen = new Map<string, number>();
    for (const r of table.rows) {
      const { row, problems } = readSubmission(r.values, header, spec);
      for (const p of problems) errors.add({ row: r.line, column: letter(p.col), heading: p.col === undefined ? undefined : table.headings[p.col], field: p.field, message: p.message, value: p.value });
      if (!row) continue;
      if (seen.has(row.instanceId)) {
        const col = header.fields.get('instanceId');
        errors.add({ row: r.line, column: letter(col), heading: table.headings[col!], field: 'meta/instanceID', message: `Bài nộp ${row.instanceId} có hai lần trong tệp (cả ở dòng ${seen.get(row.instanceId)})`, value: row.instanceId });
        continue;
      }
      seen.set(row.instanceId, r.line);
      rows.push({
        excelRow: r.line,
        code: row.household,
        row: {
          quickScreen: row.quickScreen, b1Score: row.b1Score, incomePerCapita: row.incomePerCapita, enteredDeprivations: row.deprivations,
          causes: row.causes, supportNeeds: row.supportNeeds,
        },
        submission: { instanceId: row.instanceId, enumerator: row.enumerator, surveyDate: row.surveyDate },
      });
    }
    const fieldCol: Record<string, SubmissionField> = { code: 'household', b1Score: 'b1Score', incomePerCapita: 'income', quickScreen: 'quickScreen' };
    const column = (f: string) => (fieldCol[f] ? letter(header.fields.get(fieldCol[f])) : undefined);
    const codeCol = header.fields.get('household')!;
    return this.imports.write(user, roundId, ctx0, { rows, errors, skipped: 0, column, codeHeading: table.headings[codeCol] },
      { source: 'submissions', file: file.originalName ?? null, formId, version });
  }
}
