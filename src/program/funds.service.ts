import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { DomainError, invalid, notFound } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { cleanText } from '../common/text/vietnamese';
import { BucketChange, FundFigures, fundFigures, FundSource, FundType, fundViolations } from './domain/funds';
import { CorrectFundEntryDto, CreateFundEntryDto, FundEntryQuery, FundTotalsQuery } from './funds.dto';
import { FundEntry, FundsRepository, NewFundEntry } from './funds.repository';
import { nodeLabel, ProgramRepository, ProjectRef } from './program.repository';
import { ProgramCommonService } from './program-common.service';
import { buildProjectTree, ProjectNode } from './programs.service';

const today = () => new Date().toISOString().slice(0, 10);

export interface FundWriteResult {
  entry: FundEntry;
  /** The figures in force after the write, for the entry's node (with its sub-projects), source and type. */
  bucket: { projectCode: string; source: FundSource; fundType: FundType; allocated: number; disbursed: number };
  /** Over-spends the write accepted because it was flagged. */
  overspends: { projectLabel: string; source: FundSource; fundType: FundType; allocated: number; disbursed: number }[];
}

/**
 * Funds per unit, year and project: append-only dated entries (allocations and disbursements),
 * corrections as new entries that replace the one they name, totals and disbursement rates.
 */
@Injectable()
export class FundsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: FundsRepository,
    private readonly programs: ProgramCommonService,
    private readonly catalogue: ProgramRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async create(user: AuthUser, dto: CreateFundEntryDto): Promise<FundWriteResult> {
    return this.ds.transaction(async (m) => {
      await this.scope.assertWrite(user, 'program', [dto.unitCode], m);
      const project = await this.programs.resolveProject(dto.projectCode, m);
      const row = await this.validated(m, project, {
        unitCode: dto.unitCode, year: dto.year, source: dto.source, fundType: dto.fundType, kind: dto.kind, amount: dto.amount,
        entryDate: dto.entryDate, documentRef: dto.documentRef ?? null, note: dto.note ?? null,
        overspend: dto.overspend ?? false, overspendReason: dto.overspendReason ?? null, correctsId: null, correctionReason: null,
        createdBy: user.username,
      });
      const result = await this.write(m, row, project, null);
      await this.audit.record(m, user, {
        action: 'create', entity: 'program_fund_entry', entityId: result.entry.id, unitCode: dto.unitCode, newValue: result.entry,
        note: row.overspend ? `over-spend accepted: ${row.overspendReason}` : null,
      });
      return result;
    });
  }

  async correct(user: AuthUser, id: number, dto: CorrectFundEntryDto): Promise<FundWriteResult> {
    return this.ds.transaction(async (m) => {
      const original = await this.repo.byId(id, m);
      if (!original) throw notFound('khoản kinh phí', id);
      await this.scope.assertWrite(user, 'program', [original.unitCode], m);
      await this.repo.lockUnitYear(m, original.unitCode, original.year);
      const fresh = (await this.repo.byId(id, m))!;
      if (fresh.correctedById !== null) {
        throw new DomainError('CONFLICT', `Bút toán ${id} đã được điều chỉnh bởi bút toán ${fresh.correctedById}: hãy điều chỉnh bút toán đó`,
          [{ field: 'id', message: `already corrected by ${fresh.correctedById}`, correctedById: fresh.correctedById }]);
      }
      const project = dto.projectCode ? await this.programs.resolveProject(dto.projectCode, m) : await this.programs.resolveProject(original.projectCode, m);
      const row = await this.validated(m, project, {
        unitCode: original.unitCode, year: original.year,
        source: dto.source ?? original.source, fundType: dto.fundType ?? original.fundType, kind: dto.kind ?? original.kind,
        amount: dto.amount ?? original.amount, entryDate: dto.entryDate ?? original.entryDate,
        documentRef: dto.documentRef ?? original.documentRef, note: dto.note ?? original.note,
        overspend: dto.overspend ?? false, overspendReason: dto.overspendReason ?? null,
        correctsId: id, correctionReason: cleanText(dto.reason), createdBy: user.username,
      });
      const result = await this.write(m, row, project, original);
      await this.audit.record(m, user, {
        action: 'correct', entity: 'program_fund_entry', entityId: result.entry.id, unitCode: original.unitCode,
        oldValue: original, newValue: result.entry, note: row.correctionReason,
      });
      return result;
    });
  }

  /** Checks of one entry that need no totals; returns the row to insert. */
  private async validated(m: EntityManager, project: ProjectRef, r: Omit<NewFundEntry, 'projectId'>): Promise<NewFundEntry> {
    const unit = await this.catalogue.unitInYear(r.unitCode, r.year, m);
    if (!unit) throw new DomainError('NOT_FOUND', `Không tìm thấy đơn vị ${r.unitCode} trong năm ${r.year}`, [{ field: 'unitCode', message: 'đơn vị không tồn tại trong năm đó' }]);
    await this.programs.assertUsable(project, r.unitCode, r.year, m);
    if (r.kind === 'disbursed' && r.amount < 0) {
      throw invalid('amount', 'số giải ngân không được âm: hãy điều chỉnh bút toán sai');
    }
    // Funds of year Y are allocated from late Y−1 and may be disbursed until the end of Y+1 when
    // extended (Luật Đầu tư công 2019, Art. 68); nothing is booked in the future.
    if (r.entryDate < `${r.year - 1}-01-01` || r.entryDate > `${r.year + 1}-12-31`) {
      throw invalid('entryDate', `ngày của nguồn vốn năm ${r.year} phải từ ${r.year - 1}-01-01 đến ${r.year + 1}-12-31`);
    }
    if (r.entryDate > today()) throw invalid('entryDate', 'ngày ở tương lai');
    const overspendReason = r.overspendReason ? cleanText(r.overspendReason) : null;
    if (r.overspend && !overspendReason) throw invalid('overspendReason', 'vượt kế hoạch vốn cần nêu lý do');
    return {
      ...r, projectId: project.id, overspendReason: r.overspend ? overspendReason : null,
      documentRef: r.documentRef ? cleanText(r.documentRef) : null, note: r.note ? cleanText(r.note) : null,
    };
  }

  /** Inserts, then judges every bucket the write touched (the node, its ancestors; old and new bucket of a correction). */
  private async write(m: EntityManager, row: NewFundEntry, project: ProjectRef, corrected: (FundEntry & { projectId: number }) | null): Promise<FundWriteResult> {
    await this.repo.lockUnitYear(m, row.unitCode, row.year);
    const id = await this.repo.insert(m, row);
    const pairs: [FundSource, FundType][] = [[row.source, row.fundType]];
    const projectIds = [row.projectId];
    if (corrected) {
      pairs.push([corrected.source, corrected.fundType]);
      projectIds.push(corrected.projectId);
    }
    const rows = await this.repo.bucketChanges(m, { unitCode: row.unitCode, year: row.year, projectIds, pairs, newId: id });
    const changes: BucketChange[] = rows.map((b) => ({
      projectLabel: b.parentKind ? `${nodeLabel(b.kind, b.number)} (${nodeLabel(b.parentKind, b.parentNumber!)})` : nodeLabel(b.kind, b.number),
      source: b.source, fundType: b.fundType,
      before: { allocated: b.allocatedBefore, disbursed: b.disbursedBefore },
      after: { allocated: b.allocatedAfter, disbursed: b.disbursedAfter },
    }));
    const violations = fundViolations(changes);
    const details = (vs: typeof violations) => vs.map((v) => ({
      field: 'amount', message: v.message, projectLabel: v.bucket.projectLabel, source: v.bucket.source, fundType: v.bucket.fundType,
      allocated: v.bucket.after.allocated, disbursed: v.bucket.after.disbursed,
    }));
    const negative = violations.filter((v) => v.kind === 'negative_allocation');
    if (negative.length) throw new DomainError('BUSINESS_RULE', negative[0].message, details(negative));
    const over = violations.filter((v) => v.kind === 'overspend');
    if (over.length && !row.overspend) {
      throw new DomainError('OVERSPEND',
        `${over[0].message}. Nếu đúng là chi vượt, ghi nhận với "overspend": true và lý do (overspendReason).`, details(over));
    }
    const own = rows.find((b) => b.projectId === row.projectId && b.source === row.source && b.fundType === row.fundType)!;
    return {
      entry: (await this.repo.byId(id, m))!,
      bucket: { projectCode: project.code, source: row.source, fundType: row.fundType, allocated: own.allocatedAfter, disbursed: own.disbursedAfter },
      overspends: over.map((v) => ({
        projectLabel: v.bucket.projectLabel, source: v.bucket.source, fundType: v.bucket.fundType,
        allocated: v.bucket.after.allocated, disbursed: v.bucket.after.disbursed,
      })),
    };
  }

  async list(user: AuthUser, q: FundEntryQuery): Promise<Page<FundEntry>> {
    const { scope, projectId } = await this.programs.listPrologue(user, q, 'e.unit_code');
    const { items, total } = await this.repo.list(
      { scope, unit: q.unit, year: q.year, projectId, source: q.source, fundType: q.fundType, kind: q.kind, includeCorrected: q.includeCorrected },
      { limit: q.pageSize, offset: q.offset },
    );
    return page(items, total, q);
  }

  /** An entry with the entries it replaced and those that replaced it, oldest first. */
  async history(user: AuthUser, id: number): Promise<{ items: FundEntry[] }> {
    const entry = await this.repo.byId(id);
    if (!entry) throw notFound('khoản kinh phí', id);
    await this.scope.assertRead(user, [entry.unitCode]);
    return { items: await this.repo.chain(id) };
  }

  /** Totals per project and sub-project (each with its sub-projects) over a unit and its area, with rates. */
  async totals(user: AuthUser, q: FundTotalsQuery) {
    await this.scope.assertRead(user, [q.unit]);
    const unit = await this.catalogue.unitInYear(q.unit, q.year);
    if (!unit) throw notFound('đơn vị', q.unit);
    const programs = await this.catalogue.programsCovering(q.year);
    const ids = programs.map((p) => p.id);
    const [nodes, sums] = await Promise.all([this.catalogue.projects(ids), this.repo.sums(q.unit, q.year, ids)]);
    const byNode = groupBy(sums, (s) => s.nodeId);
    const trees = buildProjectTree(nodes);
    const codeToId = new Map(nodes.map((n) => [n.code, n.id]));
    type FundsNode = { code: string; label: string; name: string; funds: FundFigures; subProjects: FundsNode[] };
    const map = (n: ProjectNode): FundsNode => ({
      code: n.code, label: n.label, name: n.name,
      funds: fundFigures(byNode.get(codeToId.get(n.code)!) ?? []),
      subProjects: n.subProjects.map(map),
    });
    return {
      unit,
      year: q.year,
      programs: programs.map((p) => ({
        code: p.code,
        name: p.name,
        total: fundFigures(byNode.get(-p.id) ?? []),
        projects: (trees.get(p.id) ?? []).map(map),
      })),
    };
  }
}

export function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
