import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope.service';
import { DomainError, notFound } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { AreaType, classify, Classification, ClassificationError, ClassifyInput, StandardRules } from './domain/classify';
import {
  ClassifyDto, CreateStandardDto, INDICATOR_KEY, PutDimensionDto, PutIndicatorDto, PutLineDto, StandardListQuery, UpdateStandardDto,
} from './standards.dto';
import { rulesOf, StandardsRepository, StandardView } from './standards.repository';

export interface ResolvedStandard {
  standard: StandardView;
  rules: StandardRules;
}

/** The classify answer of docs/API.md, plus what the rules used. */
export interface ClassifyResponse {
  standard: string;
  classification: Classification['classification'];
  deprivationCount: number;
  deprivations: string[];
  b2Score: number;
  povertyLine: number;
  averageUpper: number | null;
  b1Cutoff: number | null;
  incomeBasis: Classification['incomeBasis'];
  explanation: string;
  local?: { standard: string; classification: Classification['classification']; povertyLine: number; explanation: string } | null;
}

/** A rule refusal of classify() in the API's one error shape. */
export function classificationError(e: ClassificationError, extra: Record<string, unknown> = {}): DomainError {
  switch (e.code) {
    case 'UNKNOWN_INDICATOR':
      return new DomainError('UNKNOWN_INDICATOR', e.message, [{ field: e.field, message: `unknown indicator "${String(e.value)}"`, value: e.value, ...extra }]);
    case 'NO_LINE':
      return new DomainError('BUSINESS_RULE', e.message, [{ field: e.field, message: e.message, value: e.value, ...extra }]);
    default:
      return new DomainError('VALIDATION_FAILED', e.message, [{ field: e.field, message: e.message, ...(e.value !== undefined ? { value: e.value } : {}), ...extra }]);
  }
}

/** classify() with its refusals as DomainErrors. */
export function classifyOrThrow(rules: StandardRules, input: ClassifyInput, extra: Record<string, unknown> = {}): Classification {
  try {
    return classify(rules, input);
  } catch (e) {
    if (e instanceof ClassificationError) throw classificationError(e, extra);
    throw e;
  }
}

/**
 * Poverty standards as data (docs/RULES.md §1): national standards chosen by list year, provincial
 * local standards beside them, edits by administrators (a province officer edits their province's
 * local standard), and the classification endpoint.
 */
@Injectable()
export class StandardsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: StandardsRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async list(q: StandardListQuery): Promise<Page<StandardView>> {
    const { items, total } = await this.repo.list(
      { listYear: q.listYear, provinceCode: q.province, local: q.kind === undefined ? undefined : q.kind === 'local' },
      { limit: q.pageSize, offset: q.offset },
    );
    return page(items, total, q);
  }

  async get(code: string, manager?: EntityManager): Promise<StandardView> {
    const s = await this.repo.find(code, manager);
    if (!s) throw notFound('chuẩn nghèo', code);
    return s;
  }

  /** The national standard of a list year with its rules; 422 when none covers the year. */
  async forListYear(listYear: number, manager?: EntityManager): Promise<ResolvedStandard> {
    const standard = await this.repo.nationalFor(listYear, manager);
    if (!standard) {
      throw new DomainError('BUSINESS_RULE', `Chưa có chuẩn nghèo quốc gia áp dụng cho năm danh sách ${listYear}`, [{ field: 'listYear', message: 'chưa có chuẩn nghèo', value: listYear }]);
    }
    return { standard, rules: rulesOf(standard) };
  }

  async byCode(code: string, manager?: EntityManager): Promise<ResolvedStandard> {
    const standard = await this.get(code, manager);
    return { standard, rules: rulesOf(standard) };
  }

  /** The local standard of the province a commune belongs to (on `date`) for a list year, if any. */
  async localForCommune(communeCode: string, listYear: number, date: string, manager?: EntityManager): Promise<ResolvedStandard | null> {
    const province = await this.repo.provinceOf(communeCode, date, manager);
    if (!province) return null;
    return this.localForProvince(province, listYear, manager);
  }

  async localForProvince(provinceCode: string, listYear: number, manager?: EntityManager): Promise<ResolvedStandard | null> {
    const standard = await this.repo.localFor(provinceCode, listYear, manager);
    return standard ? { standard, rules: rulesOf(standard) } : null;
  }

  /** POST /api/standards/classify: pure, nothing written. */
  async classify(dto: ClassifyDto): Promise<ClassifyResponse> {
    const { standard, rules } = dto.standard ? await this.byCode(dto.standard) : await this.forListYear(dto.listYear);
    if (standard.provinceCode) {
      throw new DomainError('VALIDATION_FAILED', 'standard: hãy chọn chuẩn quốc gia; chuẩn của địa phương được áp dụng qua provinceCode', [{ field: 'standard', message: 'là chuẩn địa phương' }]);
    }
    const input: ClassifyInput = {
      areaType: dto.areaType, incomePerCapita: dto.incomePerCapita, b1Score: dto.b1Score, deprivations: dto.deprivations,
    };
    const r = classifyOrThrow(rules, input);
    const out: ClassifyResponse = {
      standard: r.standard, classification: r.classification, deprivationCount: r.deprivationCount, deprivations: r.deprivations,
      b2Score: r.b2Score, povertyLine: r.povertyLine, averageUpper: r.averageUpper, b1Cutoff: r.b1Cutoff, incomeBasis: r.incomeBasis,
      explanation: r.explanation,
    };
    if (dto.provinceCode) {
      if ((await this.repo.unitLevel(dto.provinceCode)) !== 'province') throw new DomainError('NOT_FOUND', `Không tìm thấy tỉnh ${dto.provinceCode}`, [{ field: 'provinceCode', message: 'không có tỉnh này', value: dto.provinceCode }]);
      const local = await this.localForProvince(dto.provinceCode, dto.listYear);
      out.local = null;
      if (local && local.rules.lines[dto.areaType]) {
        const l = classifyOrThrow(local.rules, input);
        out.local = { standard: l.standard, classification: l.classification, povertyLine: l.povertyLine, explanation: l.explanation };
      }
    }
    return out;
  }

  // ---- administration -------------------------------------------------------------------------

  /** National standards: admins; a local standard: admins and the officers of its province. */
  private async assertCanEdit(user: AuthUser, s: { provinceCode: string | null }, manager: EntityManager): Promise<void> {
    if (user.role === 'admin') return;
    if (s.provinceCode && user.role === 'province') {
      await this.scope.assertRead(user, [s.provinceCode], manager);
      return;
    }
    throw new DomainError('FORBIDDEN', s.provinceCode
      ? 'Only an administrator or an officer of the province can change its local standard'
      : 'Only an administrator can change a national standard');
  }

  private async assertNoOverlap(code: string, provinceCode: string | null, from: number, to: number, m: EntityManager) {
    if (to < from) throw new DomainError('VALIDATION_FAILED', 'listYearTo: không được trước listYearFrom', [{ field: 'listYearTo', message: 'trước listYearFrom' }]);
    const other = await this.repo.overlapping(code, provinceCode, from, to, m);
    if (other) {
      throw new DomainError('CONFLICT', `Các năm danh sách ${from}–${to} trùng với chuẩn ${other}${provinceCode ? ` của tỉnh ${provinceCode}` : ''}`, [{ field: 'listYearFrom', message: `trùng với ${other}` }]);
    }
  }

  private validateLines(lines: { areaType: AreaType; incomeLine: number; averageUpper?: number | null }[]) {
    const seen = new Set<string>();
    lines.forEach((l, i) => {
      if (seen.has(l.areaType)) throw new DomainError('VALIDATION_FAILED', `lines: khu vực ${l.areaType} lặp lại`, [{ field: `lines.${i}.areaType`, message: 'lặp lại' }]);
      seen.add(l.areaType);
      if (l.averageUpper != null && l.averageUpper <= l.incomeLine) {
        throw new DomainError('VALIDATION_FAILED', `lines.${i}.averageUpper: phải lớn hơn incomeLine`, [{ field: `lines.${i}.averageUpper`, message: 'phải lớn hơn incomeLine' }]);
      }
    });
  }

  async create(user: AuthUser, dto: CreateStandardDto): Promise<StandardView> {
    const local = dto.provinceCode != null || dto.nationalCode != null;
    if (local && (!dto.provinceCode || !dto.nationalCode)) {
      throw new DomainError('VALIDATION_FAILED', 'Chuẩn địa phương cần cả provinceCode và nationalCode', [{ field: dto.provinceCode ? 'nationalCode' : 'provinceCode', message: 'bắt buộc với chuẩn địa phương' }]);
    }
    if (local && dto.copyIndicatorsFrom) {
      throw new DomainError('VALIDATION_FAILED', 'Chuẩn địa phương dùng các chỉ số của chuẩn quốc gia', [{ field: 'copyIndicatorsFrom', message: 'không dùng cho chuẩn địa phương' }]);
    }
    this.validateLines(dto.lines);
    return this.ds.transaction(async (m) => {
      await this.assertCanEdit(user, { provinceCode: dto.provinceCode ?? null }, m);
      if (await this.repo.find(dto.code, m)) throw new DomainError('DUPLICATE', `Chuẩn ${dto.code} đã tồn tại`, [{ field: 'code', message: 'đã tồn tại' }]);
      if (local) {
        const national = await this.repo.find(dto.nationalCode!, m);
        if (!national || national.provinceCode) throw new DomainError('VALIDATION_FAILED', `nationalCode: ${dto.nationalCode} không phải là chuẩn quốc gia`, [{ field: 'nationalCode', message: 'không phải chuẩn quốc gia' }]);
        if ((await this.repo.unitLevel(dto.provinceCode!, m)) !== 'province') throw new DomainError('VALIDATION_FAILED', `provinceCode: ${dto.provinceCode} không phải là tỉnh`, [{ field: 'provinceCode', message: 'không phải tỉnh' }]);
        if (dto.listYearFrom < national.listYearFrom || dto.listYearTo > national.listYearTo) {
          throw new DomainError('VALIDATION_FAILED', `Các năm danh sách của chuẩn địa phương phải nằm trong các năm của ${national.code} (${national.listYearFrom}–${national.listYearTo})`, [{ field: 'listYearFrom', message: 'ngoài chuẩn quốc gia' }]);
        }
        for (const [i, l] of dto.lines.entries()) {
          const n = national.lines.find((x) => x.areaType === l.areaType);
          if (n && l.incomeLine < n.incomeLine) {
            throw new DomainError('VALIDATION_FAILED', `Chuẩn thu nhập địa phương không được thấp hơn chuẩn quốc gia (${n.incomeLine})`, [{ field: `lines.${i}.incomeLine`, message: 'thấp hơn chuẩn quốc gia' }]);
          }
        }
      }
      await this.assertNoOverlap(dto.code, dto.provinceCode ?? null, dto.listYearFrom, dto.listYearTo, m);
      await this.repo.insert(m, {
        code: dto.code, title: dto.title, decree: dto.decree, listYearFrom: dto.listYearFrom, listYearTo: dto.listYearTo,
        deprivationCutoff: dto.deprivationCutoff ?? 3, b2PointsPerIndicator: dto.b2PointsPerIndicator ?? 10, provisional: dto.provisional ?? false,
        provinceCode: dto.provinceCode ?? null, nationalCode: dto.nationalCode ?? null,
      });
      for (const l of dto.lines) {
        await this.repo.putLine(m, dto.code, { areaType: l.areaType, incomeLine: l.incomeLine, averageUpper: l.averageUpper ?? null, b1Cutoff: l.b1Cutoff ?? null });
      }
      if (dto.copyIndicatorsFrom) {
        const from = await this.repo.find(dto.copyIndicatorsFrom, m);
        if (!from || from.provinceCode) throw new DomainError('VALIDATION_FAILED', `copyIndicatorsFrom: ${dto.copyIndicatorsFrom} không phải là chuẩn quốc gia`, [{ field: 'copyIndicatorsFrom', message: 'không phải chuẩn quốc gia' }]);
        await this.repo.copyIndicators(m, dto.code, from.code);
      }
      const created = (await this.repo.find(dto.code, m))!;
      await this.audit.record(m, user, { action: 'create', entity: 'poverty_standard', entityId: dto.code, unitCode: dto.provinceCode ?? null, newValue: created });
      return created;
    });
  }

  async update(user: AuthUser, code: string, dto: UpdateStandardDto): Promise<StandardView> {
    return this.ds.transaction(async (m) => {
      const old = await this.get(code, m);
      await this.assertCanEdit(user, old, m);
      const from = dto.listYearFrom ?? old.listYearFrom;
      const to = dto.listYearTo ?? old.listYearTo;
      await this.assertNoOverlap(code, old.provinceCode, from, to, m);
      await this.repo.update(m, code, dto.version, {
        title: dto.title ?? old.title, decree: dto.decree ?? old.decree, list_year_from: from, list_year_to: to,
        deprivation_cutoff: dto.deprivationCutoff ?? old.deprivationCutoff, b2_points_per_indicator: dto.b2PointsPerIndicator ?? old.b2PointsPerIndicator,
        provisional: dto.provisional ?? old.provisional,
      });
      const updated = (await this.repo.find(code, m))!;
      await this.audit.record(m, user, { action: 'update', entity: 'poverty_standard', entityId: code, unitCode: old.provinceCode, oldValue: strip(old), newValue: strip(updated) });
      return updated;
    });
  }

  /** Sets the line, average band and B1 cut-off of one area type. */
  async putLine(user: AuthUser, code: string, areaType: AreaType, dto: PutLineDto): Promise<StandardView> {
    this.validateLines([{ areaType, incomeLine: dto.incomeLine, averageUpper: dto.averageUpper }]);
    return this.ds.transaction(async (m) => {
      const old = await this.get(code, m);
      await this.assertCanEdit(user, old, m);
      await this.repo.update(m, code, dto.version);
      await this.repo.putLine(m, code, { areaType, incomeLine: dto.incomeLine, averageUpper: dto.averageUpper ?? null, b1Cutoff: dto.b1Cutoff ?? null });
      const updated = (await this.repo.find(code, m))!;
      await this.audit.record(m, user, {
        action: 'update', entity: 'poverty_standard_line', entityId: `${code}/${areaType}`, unitCode: old.provinceCode,
        oldValue: old.lines.find((l) => l.areaType === areaType) ?? null, newValue: updated.lines.find((l) => l.areaType === areaType),
      });
      return updated;
    });
  }

  private assertNational(s: StandardView) {
    if (s.provinceCode) throw new DomainError('BUSINESS_RULE', `${s.code} là chuẩn địa phương: dùng các chỉ số của ${s.nationalCode}`, [{ field: 'code', message: 'chuẩn địa phương' }]);
  }

  async putDimension(user: AuthUser, code: string, key: string, dto: PutDimensionDto): Promise<StandardView> {
    if (!INDICATOR_KEY.test(key)) throw new DomainError('VALIDATION_FAILED', `key: "${key}" không phải là khóa camelCase`, [{ field: 'key', message: 'chỉ gồm chữ và số, dạng camelCase' }]);
    return this.ds.transaction(async (m) => {
      const old = await this.get(code, m);
      await this.assertCanEdit(user, old, m);
      this.assertNational(old);
      await this.repo.update(m, code, dto.version);
      const sort = dto.sortOrder ?? (old.dimensions.find((d) => d.key === key)?.sortOrder ?? old.dimensions.length + 1);
      await this.repo.putDimension(m, code, key, { nameVi: dto.nameVi, nameEn: dto.nameEn, sortOrder: sort });
      const updated = (await this.repo.find(code, m))!;
      await this.audit.record(m, user, { action: 'update', entity: 'poverty_dimension', entityId: `${code}/${key}`, oldValue: old.dimensions.find((d) => d.key === key) ?? null, newValue: updated.dimensions.find((d) => d.key === key) });
      return updated;
    });
  }

  async putIndicator(user: AuthUser, code: string, key: string, dto: PutIndicatorDto): Promise<StandardView> {
    if (!INDICATOR_KEY.test(key)) throw new DomainError('VALIDATION_FAILED', `key: "${key}" không phải là khóa camelCase`, [{ field: 'key', message: 'chỉ gồm chữ và số, dạng camelCase' }]);
    return this.ds.transaction(async (m) => {
      const old = await this.get(code, m);
      await this.assertCanEdit(user, old, m);
      this.assertNational(old);
      if (!old.dimensions.some((d) => d.key === dto.dimension)) {
        throw new DomainError('VALIDATION_FAILED', `dimension: ${dto.dimension} không phải là chiều thiếu hụt của ${code}`, [{ field: 'dimension', message: 'chiều thiếu hụt không tồn tại', value: dto.dimension }]);
      }
      await this.repo.update(m, code, dto.version);
      const sort = dto.sortOrder ?? (old.indicators.find((d) => d.key === key)?.sortOrder ?? old.indicators.length + 1);
      await this.repo.putIndicator(m, code, key, { nameVi: dto.nameVi, nameEn: dto.nameEn, dimension: dto.dimension, sortOrder: sort });
      const updated = (await this.repo.find(code, m))!;
      await this.audit.record(m, user, { action: 'update', entity: 'poverty_indicator', entityId: `${code}/${key}`, oldValue: old.indicators.find((d) => d.key === key) ?? null, newValue: updated.indicators.find((d) => d.key === key) });
      return updated;
    });
  }

  /** Removes an indicator no stored result uses (results stay reproducible). */
  async deleteIndicator(user: AuthUser, code: string, key: string, version: number): Promise<StandardView> {
    return this.ds.transaction(async (m) => {
      const old = await this.get(code, m);
      await this.assertCanEdit(user, old, m);
      this.assertNational(old);
      const ind = old.indicators.find((i) => i.key === key);
      if (!ind) throw notFound('chỉ số', `${code}/${key}`);
      const used = await this.repo.resultsUsingIndicator(code, key, m);
      if (used > 0) throw new DomainError('CONFLICT', `Chỉ số ${key} đang được dùng trong ${used} kết quả đã lưu của ${code}`, [{ field: 'key', message: 'đang được sử dụng', value: key }]);
      await this.repo.update(m, code, version);
      await this.repo.deleteIndicator(m, code, key);
      await this.audit.record(m, user, { action: 'delete', entity: 'poverty_indicator', entityId: `${code}/${key}`, oldValue: ind });
      return (await this.repo.find(code, m))!;
    });
  }
}

function strip(s: StandardView) {
  const { lines: _l, dimensions: _d, indicators: _i, ...rest } = s;
  return rest;
}
