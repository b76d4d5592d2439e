import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { ScopeService } from '../auth/scope.service';
import { checkVersion as checkRecordVersion } from '../common/db/optimistic';
import { DomainError, FieldProblem, notFound, validationError } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { cleanText, matchKey } from '../common/text/vietnamese';
import { checkSuccession, checkVersion, dayBefore, overlaps, RuleViolation, UnitLevel } from './domain/unit-rules';
import { CorrectVersionDto, CreateUnitDto, NewVersionDto, SuccessionDto, UnitListQuery } from './units.dto';
import type { UnitDetail } from './domain/unit-types';
import { StoredVersion, SuccessionLink, UnitsRepository, UnitVersion, VersionValues } from './units.repository';

export const today = () => new Date().toISOString().slice(0, 10);

export type { UnitDetail } from './domain/unit-types';

const invalid = (violations: RuleViolation[]) => validationError(violations);

/**
 * The administrative-unit tree (docs/RULES.md §5): reads for every signed-in officer, writes for
 * admins only. A write runs in one transaction: the unit row is locked, the rules of one version
 * are checked (domain/unit-rules.ts), the version is stored, then the tree around it is verified
 * in SQL (the parent valid on every day of the child, the children still inside the unit), and
 * the audit record is written with the same EntityManager.
 */
@Injectable()
export class UnitsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: UnitsRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  // ---- reads ------------------------------------------------------------------------------

  async list(user: AuthUser, q: UnitListQuery): Promise<Page<UnitVersion>> {
    // Units are reference data every signed-in officer may read (names of neighbouring units
    // appear in reports); households and results are what scopes protect.
    const { items, total } = await this.repo.list(q, { limit: q.pageSize, offset: q.offset });
    return page(items, total, q);
  }

  /**
   * One unit: the version valid on `date` (default today; without a date, a unit that has ended
   * shows its last version), its children on that day, all its versions and its succession links.
   */
  async get(user: AuthUser, code: string, date?: string): Promise<UnitDetail> {
    let on = date ?? today();
    let shown = await this.repo.version(code, on);
    if (!shown && !date) {
      shown = await this.repo.version(code);
      if (shown?.validTo) on = shown.validTo;
    }
    if (!shown) throw notFound('đơn vị', date ? `${code} on ${date}` : code);
    const [children, versions, links] = await Promise.all([
      this.repo.children(code, on),
      this.repo.versions(code),
      this.repo.successions(code),
    ]);
    const current = versions.find((v) => v.validFrom === shown.validFrom);
    return {
      ...shown,
      version: current?.version ?? 1,
      children,
      versions: versions.map(({ id: _id, ...v }) => v),
      ...links,
    };
  }

  // ---- writes -----------------------------------------------------------------------------

  /** A new code with its first version. */
  async create(user: AuthUser, dto: CreateUnitDto): Promise<UnitDetail> {
    await this.scope.assertWrite(user, 'reference', [dto.code]);
    const values: VersionValues = {
      name: this.name(dto.name),
      kind: dto.kind,
      areaType: dto.areaType ?? null,
      parentCode: dto.parentCode ?? null,
      validFrom: dto.validFrom,
      validTo: dto.validTo ?? null,
    };
    await this.write(async (m) => {
      await this.checkValues(m, dto.code, dto.level, values);
      if (!(await this.repo.insertUnit(m, dto.code, dto.level))) {
        throw new DomainError('DUPLICATE', `Đơn vị ${dto.code} đã tồn tại: muốn thay đổi hãy thêm một phiên bản`, [
          { field: 'code', message: `đơn vị ${dto.code} đã tồn tại`, value: dto.code },
        ]);
      }
      const id = await this.repo.insertVersion(m, dto.code, values, matchKey(values.name));
      await this.verifyTree(m, dto.code, [id]);
      await this.audit.record(m, user, {
        action: 'create', entity: 'admin_unit', entityId: dto.code, unitCode: dto.code,
        newValue: { code: dto.code, level: dto.level, ...values },
      });
    });
    return this.get(user, dto.code, values.validFrom);
  }

  /**
   * A new dated version of a code from `validFrom`: the version valid that day ends the day
   * before, and the new one carries over what the request leaves out (a commune moving district,
   * a xã becoming a phường, a rename).
   */
  async newVersion(user: AuthUser, code: string, dto: NewVersionDto): Promise<UnitDetail> {
    await this.scope.assertWrite(user, 'reference', [code]);
    await this.write(async (m) => {
      const unit = await this.repo.lockUnit(m, code);
      if (!unit) throw notFound('đơn vị', code);
      const versions = await this.repo.versions(code, m);
      const covering = versions.find((v) => overlaps(v, { validFrom: dto.validFrom, validTo: dto.validFrom }));
      if (covering?.validFrom === dto.validFrom) {
        throw new DomainError('VERSION_OVERLAP', `Đã có phiên bản của ${code} bắt đầu từ ${dto.validFrom}: hãy sửa phiên bản đó`, [
          { field: 'validFrom', message: `đã có phiên bản bắt đầu từ ${dto.validFrom}` },
        ]);
      }
      const base = covering ?? versions.filter((v) => v.validFrom < dto.validFrom).at(-1);
      if (!base) {
        throw invalid([{ field: 'validFrom', message: `${code} bắt đầu từ ${versions[0]?.validFrom}: phiên bản mới phải tiếp sau một phiên bản đã có (muốn dời ngày bắt đầu, hãy sửa phiên bản đầu)` }]);
      }
      const values: VersionValues = {
        name: dto.name !== undefined ? this.name(dto.name) : base.name,
        kind: dto.kind ?? base.kind,
        areaType: dto.areaType !== undefined ? dto.areaType : base.areaType,
        parentCode: dto.parentCode !== undefined ? dto.parentCode : base.parentCode,
        validFrom: dto.validFrom,
        validTo: dto.validTo !== undefined ? dto.validTo : covering ? covering.validTo : null,
      };
      if (covering && values.name === base.name && values.kind === base.kind && values.areaType === base.areaType && values.parentCode === base.parentCode) {
        throw invalid([{ field: 'validFrom', message: `phiên bản mới không thay đổi name, kind, areaType hay parentCode so với phiên bản hiệu lực ngày ${dto.validFrom}` }]);
      }
      this.assertNoOverlap(code, values, versions.filter((v) => v.id !== covering?.id));
      await this.checkValues(m, code, unit.level, values);

      const touched: number[] = [];
      if (covering) {
        const closed = { ...this.valuesOf(covering), validTo: dayBefore(dto.validFrom) };
        await this.repo.updateVersion(m, covering.id, closed, matchKey(closed.name));
        touched.push(covering.id);
        await this.audit.record(m, user, {
          action: 'update', entity: 'admin_unit_version', entityId: `${code}@${covering.validFrom}`, unitCode: code,
          oldValue: this.valuesOf(covering), newValue: closed, note: `closed by the version from ${dto.validFrom}`,
        });
      }
      const id = await this.repo.insertVersion(m, code, values, matchKey(values.name));
      touched.push(id);
      await this.verifyTree(m, code, touched);
      await this.audit.record(m, user, {
        action: 'create', entity: 'admin_unit_version', entityId: `${code}@${values.validFrom}`, unitCode: code,
        oldValue: this.valuesOf(base), newValue: values,
      });
    });
    return this.get(user, code, dto.validFrom);
  }

  /** Corrects a stored version in place (a wrong name, date or parent), with optimistic locking. */
  async correctVersion(user: AuthUser, code: string, validFrom: string, dto: CorrectVersionDto): Promise<UnitDetail> {
    await this.scope.assertWrite(user, 'reference', [code]);
    let shownFrom = validFrom;
    await this.write(async (m) => {
      const unit = await this.repo.lockUnit(m, code);
      if (!unit) throw notFound('đơn vị', code);
      const versions = await this.repo.versions(code, m);
      const target = versions.find((v) => v.validFrom === validFrom);
      if (!target) throw notFound('phiên bản đơn vị', `${code} from ${validFrom}`);
      checkRecordVersion('Phiên bản đơn vị', `${code}@${validFrom}`, dto.version, target.version);
      const values: VersionValues = {
        name: dto.name !== undefined ? this.name(dto.name) : target.name,
        kind: dto.kind ?? target.kind,
        areaType: dto.areaType !== undefined ? dto.areaType : target.areaType,
        parentCode: dto.parentCode !== undefined ? dto.parentCode : target.parentCode,
        validFrom: dto.validFrom ?? target.validFrom,
        validTo: dto.validTo !== undefined ? dto.validTo : target.validTo,
      };
      this.assertNoOverlap(code, values, versions.filter((v) => v.id !== target.id));
      await this.checkValues(m, code, unit.level, values);
      await this.repo.updateVersion(m, target.id, values, matchKey(values.name), dto.version, `${code}@${validFrom}`);
      await this.verifyTree(m, code, [target.id]);
      await this.audit.record(m, user, {
        action: 'update', entity: 'admin_unit_version', entityId: `${code}@${validFrom}`, unitCode: code,
        oldValue: this.valuesOf(target), newValue: values,
      });
      shownFrom = values.validFrom;
    });
    return this.get(user, code, shownFrom);
  }

  /**
   * Records a merge, split or rename on `effectiveDate`: one link per predecessor → successor.
   * The predecessors are valid the day before; the successors on the day; a predecessor that is
   * not also a successor has ended (its last version ends the day before).
   */
  async addSuccession(user: AuthUser, dto: SuccessionDto): Promise<{ kind: string; effectiveDate: string; predecessors: string[]; successors: string[]; note: string | null; links: number }> {
    const codes = [...new Set([...dto.predecessors, ...dto.successors])];
    await this.scope.assertWrite(user, 'reference', codes);
    const shape = checkSuccession(dto);
    if (shape.length) throw invalid(shape);
    const note = dto.note ? cleanText(dto.note) : null;
    let links = 0;
    await this.write(async (m) => {
      const levels = await this.repo.shareUnits(m, codes);
      const unknown = (field: 'predecessors' | 'successors') =>
        dto[field].filter((c) => !levels.has(c)).map((c) => ({ field, message: `no unit with code ${c}`, value: c }));
      const missing = [...unknown('predecessors'), ...unknown('successors')];
      if (missing.length) throw invalid(missing);
      const level = levels.get(dto.predecessors[0]) as UnitLevel;
      const mixed = codes.filter((c) => levels.get(c) !== level);
      if (mixed.length) {
        throw invalid([{ field: 'successors', message: `a succession links units of one level: ${dto.predecessors[0]} is a ${level}, ${mixed.map((c) => `${c} a ${levels.get(c)}`).join(', ')}` }]);
      }
      const before = dayBefore(dto.effectiveDate);
      const validBefore = await this.repo.validCodesOn(m, dto.predecessors, before);
      const validOn = await this.repo.validCodesOn(m, codes, dto.effectiveDate);
      const problems: FieldProblem[] = [
        ...dto.predecessors.filter((c) => !validBefore.has(c))
          .map((c) => ({ field: 'predecessors', message: `${c} is not valid on ${before}, the day before the change`, value: c })),
        ...dto.successors.filter((c) => !validOn.has(c))
          .map((c) => ({ field: 'successors', message: `${c} is not valid on ${dto.effectiveDate}: create it (or its version) from that day first`, value: c })),
        ...dto.predecessors.filter((c) => !dto.successors.includes(c) && validOn.has(c))
          .map((c) => ({ field: 'predecessors', message: `${c} is still valid on ${dto.effectiveDate}: end its last version on ${before} first`, value: c })),
      ];
      if (problems.length) throw new DomainError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), problems);
      const pairs: [string, string][] = dto.predecessors.flatMap((p) => dto.successors.filter((s) => s !== p).map((s): [string, string] => [p, s]));
      links = await this.repo.insertSuccessions(m, { kind: dto.kind, effectiveDate: dto.effectiveDate, note, pairs });
      await this.audit.record(m, user, {
        action: 'create', entity: 'admin_unit_succession', entityId: `${dto.kind}@${dto.effectiveDate}:${dto.successors.join(',')}`,
        unitCode: dto.successors[0],
        newValue: { kind: dto.kind, effectiveDate: dto.effectiveDate, predecessors: dto.predecessors, successors: dto.successors, note },
      });
    });
    return { kind: dto.kind, effectiveDate: dto.effectiveDate, predecessors: dto.predecessors, successors: dto.successors, note, links };
  }

  // ---- helpers ----------------------------------------------------------------------------

  /** One transaction; the database's own refusals become domain errors naming the field. */
  private async write(fn: (m: EntityManager) => Promise<void>): Promise<void> {
    try {
      await this.ds.transaction(fn);
    } catch (err) {
      if (err instanceof QueryFailedError) {
        const pg = err.driverError as { code?: string; constraint?: string };
        if (pg.code === '23P01' && pg.constraint === 'admin_unit_version_no_overlap') {
          throw new DomainError('VERSION_OVERLAP', 'Hai phiên bản của một đơn vị không được trùng ngày', [
            { field: 'validFrom', message: 'trùng thời gian với phiên bản khác của đơn vị' },
          ]);
        }
        if (pg.code === '23505' && pg.constraint?.startsWith('admin_unit_succession')) {
          throw new DomainError('DUPLICATE', 'Quan hệ kế thừa này đã được ghi nhận', [
            { field: 'successors', message: 'đã có quan hệ giữa các đơn vị này vào ngày này' },
          ]);
        }
      }
      throw err;
    }
  }

  private name(raw: string): string {
    const name = cleanText(raw);
    if (!name) throw invalid([{ field: 'name', message: 'tên không được để trống' }]);
    return name;
  }

  private valuesOf(v: StoredVersion): VersionValues {
    return { name: v.name, kind: v.kind, areaType: v.areaType, parentCode: v.parentCode, validFrom: v.validFrom, validTo: v.validTo };
  }

  private assertNoOverlap(code: string, values: VersionValues, others: StoredVersion[]): void {
    const hit = others.find((o) => overlaps(o, values));
    if (hit) {
      const field = hit.validFrom <= values.validFrom ? 'validFrom' : 'validTo';
      throw new DomainError('VERSION_OVERLAP', `${code} đã có phiên bản từ ${hit.validFrom} đến ${hit.validTo ?? 'nay'}`, [
        { field, message: `trùng với phiên bản từ ${hit.validFrom} đến ${hit.validTo ?? 'nay'}` },
      ]);
    }
  }

  /**
   * Checks one version's values before it is written: the dates in order, the parent exists
   * (share-locked), no cycle through the parent on the version's days (409), then the rules of
   * the level, kind, area type, parent level and dates (400, every broken rule listed).
   */
  private async checkValues(m: EntityManager, code: string, level: UnitLevel, v: VersionValues): Promise<void> {
    if (v.validTo !== null && v.validTo < v.validFrom) {
      throw invalid([{ field: 'validTo', message: `validTo ${v.validTo} trước validFrom ${v.validFrom}` }]);
    }
    let parentLevel: UnitLevel | null = null;
    if (v.parentCode !== null) {
      if (v.parentCode === code) {
        throw new DomainError('UNIT_CYCLE', `${code} không thể là đơn vị cấp trên của chính nó`, [{ field: 'parentCode', message: 'đơn vị không thể là cấp trên của chính nó' }]);
      }
      parentLevel = (await this.repo.shareUnits(m, [v.parentCode])).get(v.parentCode) ?? null;
      if (!parentLevel) throw invalid([{ field: 'parentCode', message: `không có đơn vị mã ${v.parentCode}` }]);
      const cycle = await this.repo.cycleVia(m, code, v.parentCode, v.validFrom, v.validTo);
      if (cycle) {
        throw new DomainError('UNIT_CYCLE', `${code} sẽ thành cấp trên của chính nó từ ${cycle.from}: ${cycle.path.join(' → ')}`, [
          { field: 'parentCode', message: `chuỗi cấp trên quay lại ${code} (${cycle.path.join(' → ')})`, path: cycle.path },
        ]);
      }
    }
    const violations = checkVersion({ level, ...v, parentLevel });
    if (violations.length) throw invalid(violations);
  }

  /**
   * After a write, in the same transaction: every touched version lies inside its parent's
   * validity, and every child of the code still lies inside the code's validity.
   */
  private async verifyTree(m: EntityManager, code: string, touchedIds: number[]): Promise<void> {
    const outside = await this.repo.outsideParent(m, touchedIds);
    if (outside.length) {
      const v = outside[0];
      const parentOnStart = await this.repo.validCodesOn(m, [v.parentCode!], v.validFrom);
      const field = parentOnStart.has(v.parentCode!) ? 'validTo' : 'validFrom';
      throw new DomainError('OUTSIDE_PARENT_VALIDITY', `${code} từ ${v.validFrom} đến ${v.validTo ?? 'nay'} nằm ngoài thời gian hiệu lực của đơn vị cấp trên ${v.parentCode}`, [
        { field, message: `đơn vị cấp trên ${v.parentCode} không có hiệu lực suốt từ ${v.validFrom} đến ${v.validTo ?? 'nay'}` },
      ]);
    }
    const children = await this.repo.childrenOutside(m, code);
    if (children.length) {
      const starts = await this.repo.validCodesOn(m, [code], children[0].validFrom);
      const field = starts.has(code) ? 'validTo' : 'validFrom';
      const list = children.map((c) => `${c.code} (${c.validFrom} đến ${c.validTo ?? 'nay'})`);
      throw new DomainError('OUTSIDE_PARENT_VALIDITY', `Các đơn vị trực thuộc ${code} sẽ nằm ngoài thời gian hiệu lực của nó: ${list.join(', ')}`, [
        { field, message: `đơn vị trực thuộc nằm ngoài: ${list.join(', ')}`, children: children.map((c) => c.code) },
      ]);
    }
  }
}
