import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { RowErrors } from '../common/excel/row-errors';
import { DomainError } from '../common/errors/domain-error';
import { todayInVietnam } from './domain/household';
import type { ImportResult } from './domain/household-views';
import { insertPreparedBatch } from './households.bulk';
import { HouseholdsRepository } from './households.repository';
import { buildImportTemplate, IMPORT_COLUMNS, ImportKey } from './import-layout';
import type { ParsedBatch } from './import/household-file-parser';
import { runHouseholdParser } from './import/run-parser';

export type { ImportResult } from './domain/household-views';

/** Households checked against the register and inserted together (one statement per table). */
const IMPORT_BATCH = 1000;

interface ImportRun {
  communeCode: string;
  dryRun: boolean;
  errors: RowErrors;
  m: EntityManager;
  /** Column letters of this file's headings (from the parser). */
  letters: Partial<Record<ImportKey, string>>;
  ids: number[];
}

const headingOf = new Map(IMPORT_COLUMNS.map((c) => [c.key, c.heading]));

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
    const unit = await this.repo.communeName(communeCode);
    if (!unit) throw new DomainError('VALIDATION_FAILED', `commune: ${communeCode} không phải là xã`, [{ field: 'commune', message: `Không có xã mã ${communeCode}`, value: communeCode }]);
    const villages = await this.repo.villagesOf(communeCode);
    return { buffer: await buildImportTemplate({ communeName: unit.name, villages }), fileName: `mau-nhap-ho-gia-dinh-${communeCode}.xlsx` };
  }

  /**
   * Streams the file: the parser (a worker thread) reads and checks the rows and hands over
   * every `IMPORT_BATCH` complete households; each batch is checked against the register
   * (codes of the commune, ID numbers of active households) and inserted, inside one
   * transaction, while the parser reads on. Memory stays at about one batch whatever the size of
   * the file. At the first problem inserting stops (the rest is still read, to report every bad
   * row) and the transaction is rolled back: all or nothing.
   */
  async import(user: AuthUser, communeCode: string, file: { buffer: Buffer; name: string }, opts: { dryRun?: boolean } = {}): Promise<ImportResult> {
    // who and where first: nothing is parsed for a caller who may not write here
    await this.scope.assertWrite(user, 'register', [communeCode]);
    const level = await this.repo.unitLevel(communeCode);
    if (level !== 'commune') {
      throw new DomainError('VALIDATION_FAILED', `commune: ${communeCode} không phải là xã`, [{ field: 'commune', message: `Không có xã mã ${communeCode}`, value: communeCode }]);
    }
    const villages = await this.repo.villagesOf(communeCode);
    const today = todayInVietnam();

    return this.ds.transaction(async (m) => {
      await this.repo.lockIdNumbers(m);
      await this.repo.lockCommuneCodes(m, communeCode);
      const run: ImportRun = { communeCode, dryRun: !!opts.dryRun, errors: new RowErrors(), m, letters: {}, ids: [] };
      let sheet = '';
      let totals = { households: 0, members: 0, generatedCodes: 0 };
      // a batch is checked and written while the parser reads the next one
      let task: Promise<void> = Promise.resolve();
      const input = {
        buffer: file.buffer, fileName: file.name, villages, today, batchSize: IMPORT_BATCH,
        firstGeneratedNumber: await this.repo.nextGeneratedNumber(communeCode, m), prepare: !run.dryRun,
      };
      await runHouseholdParser(input, async (msg) => {
        if (msg.type === 'start') {
          sheet = msg.sheet;
          run.letters = msg.letters;
          return;
        }
        run.errors.absorb(msg.errors);
        if (msg.type === 'batch') {
          await task;
          task = this.writeBatch(run, msg);
          task.catch(() => undefined); // awaited with the next batch or at the end
        } else totals = { households: msg.households, members: msg.members, generatedCodes: msg.generatedCodes };
      });
      await task;
      run.errors.throwIfAny();

      const result: ImportResult = {
        communeCode, fileName: file.name, sheet, dryRun: run.dryRun, households: totals.households, members: totals.members, generatedCodes: totals.generatedCodes,
      };
      if (!run.dryRun) {
        await this.audit.record(m, user, {
          action: 'import', entity: 'household', unitCode: communeCode,
          newValue: { file: file.name, sheet, households: totals.households, members: totals.members, generatedCodes: totals.generatedCodes, firstId: run.ids[0], lastId: run.ids[run.ids.length - 1] },
        });
      }
      return result;
    });
  }

  /**
   * A batch of complete households: checked against the register (codes used in the commune, ID
   * numbers of people in active households), then inserted unless the file has a problem by now
   * or this is a dry run.
   */
  private async writeBatch(run: ImportRun, batch: ParsedBatch): Promise<void> {
    const { m, communeCode, errors } = run;
    const err = (row: number, key: ImportKey, message: string, value: unknown) =>
      errors.add({ row, column: run.letters[key], heading: headingOf.get(key), field: key, message, value });
    const rowOfCode = new Map(batch.codes.map((c) => [c.code, c.row]));
    for (const o of await this.repo.codeOwners(communeCode, [...rowOfCode.keys()], m)) {
      err(rowOfCode.get(o.code) as number, 'code', `Mã hộ ${o.code} đã có trong xã (hộ #${o.id})`, o.code);
    }
    const rowOfId = new Map(batch.idNumbers.map((x) => [x.idNumber, x.row]));
    for (const o of await this.repo.idNumberOwners([...rowOfId.keys()], m)) {
      err(rowOfId.get(o.idNumber) as number, 'idNumber', `Số CCCD ${o.idNumber} đã có trong hộ ${o.householdCode} (#${o.householdId}, xã ${o.communeCode}) đang cư trú`, o.idNumber);
    }
    if (errors.count || run.dryRun || !batch.prepared) return;
    run.ids.push(...(await insertPreparedBatch(m, communeCode, batch.prepared)));
  }
}
