import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser, Role } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { hashPassword } from '../auth/passwords';
import { lockVersioned, raw, updateVersioned } from '../common/db/optimistic';
import { DomainError, invalid } from '../common/errors/domain-error';
import { page, Page } from '../common/pagination/page';
import { cleanText } from '../common/text/vietnamese';
import { CreateUserDto, UpdateUserDto, UserListQuery, UserView } from './users.dto';
import { UsersRepository } from './users.repository';

const ENTITY = 'user';
const LABEL = 'Tài khoản';

const cleanName = (v: string | null | undefined) => (v == null ? null : cleanText(v) || null);

/**
 * The users admin (admins only: the controller's @Roles): create, list, disable and enable,
 * re-scope (role and unit), reset a password, unlock. Every change is audited in its
 * transaction, one entry per kind of change, never with a password or a hash.
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: UsersRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  async list(q: UserListQuery): Promise<Page<UserView>> {
    const { items, total } = await this.repo.list(
      { q: q.q, role: q.role, unit: q.unit, disabled: q.disabled === undefined ? undefined : q.disabled === 'true' },
      { limit: q.pageSize, offset: q.offset },
    );
    return page(items, total, q);
  }

  async get(id: number): Promise<UserView> {
    const u = await this.repo.get(id);
    if (!u) throw new DomainError('NOT_FOUND', `Không tìm thấy ${LABEL.toLowerCase()} ${id}`);
    return u;
  }

  /** An officer works in a unit of their level (a commune officer in a commune…); an admin in none. */
  private async assertScope(m: EntityManager, role: Role, unitCode: string | null): Promise<void> {
    if (role === 'admin') {
      if (unitCode !== null) throw invalid('unitCode', 'quản trị viên không gắn với đơn vị nào (để trống)');
      return;
    }
    if (unitCode === null) throw invalid('unitCode', `cần đơn vị cho vai trò ${role}`);
    const level = await this.repo.unitLevel(unitCode, m);
    if (!level) throw invalid('unitCode', `không có đơn vị mã ${unitCode}`);
    if (level !== role) throw invalid('unitCode', `đơn vị ${unitCode} là cấp ${level}, không hợp với vai trò ${role}`);
  }

  async create(actor: AuthUser, dto: CreateUserDto): Promise<UserView> {
    this.auth.assertPasswordPolicy(dto.password, dto.username);
    const unitCode = dto.unitCode ?? null;
    const fullName = cleanName(dto.fullName);
    const passwordHash = await hashPassword(dto.password); // slow: outside the transaction
    const id = await this.ds
      .transaction(async (m) => {
        await this.assertScope(m, dto.role, unitCode);
        const newId = await this.repo.insert(m, { username: dto.username, passwordHash, role: dto.role, unitCode, fullName });
        await this.audit.record(m, actor, {
          action: 'create', entity: ENTITY, entityId: newId, unitCode,
          newValue: { username: dto.username, fullName, role: dto.role, unitCode },
        });
        return newId;
      })
      .catch((err) => {
        if (err instanceof QueryFailedError && (err.driverError as { code?: string })?.code === '23505') {
          throw new DomainError('DUPLICATE', `Tên đăng nhập ${dto.username} đã có`, [{ field: 'username', message: 'đã có (không phân biệt hoa thường)' }]);
        }
        throw err;
      });
    return this.get(id);
  }

  async update(actor: AuthUser, id: number, dto: UpdateUserDto): Promise<UserView> {
    const passwordHash = dto.password !== undefined ? await this.hashChecked(id, dto.password) : undefined;
    await this.ds.transaction(async (m) => {
      await this.repo.lockAccounts(m);
      const cur = await lockVersioned<{ username: string; role: Role; unit_code: string | null; disabled: boolean; full_name: string | null; failed_logins: number; locked_until: Date | null }>(
        m, 'app_user', id, dto.version, { entity: LABEL, columns: 'username, role, unit_code, disabled, full_name, failed_logins, locked_until' },
      );
      const role = dto.role ?? cur.role;
      const unitCode = dto.unitCode !== undefined ? dto.unitCode : dto.role === 'admin' ? null : cur.unit_code;
      const rescope = role !== cur.role || unitCode !== cur.unit_code;
      const disabled = dto.disabled ?? cur.disabled;
      const fullName = dto.fullName !== undefined ? cleanName(dto.fullName) : cur.full_name;
      const unlock = dto.unlock === true && (cur.failed_logins > 0 || cur.locked_until !== null);

      if (rescope) await this.assertScope(m, role, unitCode);
      if (id === actor.id && (disabled || role !== 'admin')) {
        throw new DomainError('BUSINESS_RULE', 'Không thể tự vô hiệu hóa hay tự bỏ quyền quản trị của chính mình', [
          { field: disabled ? 'disabled' : 'role', message: 'không áp dụng cho tài khoản đang đăng nhập' },
        ]);
      }
      if (cur.role === 'admin' && !cur.disabled && (disabled || role !== 'admin') && (await this.repo.otherActiveAdmins(m, id)) === 0) {
        throw new DomainError('BUSINESS_RULE', 'Phải còn ít nhất một quản trị viên đang hoạt động', [
          { field: disabled ? 'disabled' : 'role', message: 'đây là quản trị viên cuối cùng' },
        ]);
      }

      const sets: Record<string, unknown> = {};
      if (fullName !== cur.full_name) sets.full_name = fullName;
      if (rescope) Object.assign(sets, { role, unit_code: unitCode });
      if (disabled !== cur.disabled) sets.disabled = disabled;
      // A password reset or a disable ends every session of the user (token_version).
      if (passwordHash !== undefined || (disabled && !cur.disabled)) sets.token_version = raw('token_version + 1');
      if (passwordHash !== undefined) Object.assign(sets, { password_hash: passwordHash, password_changed_at: raw('now()') });
      if (passwordHash !== undefined || unlock) Object.assign(sets, { failed_logins: 0, locked_until: null });
      if (!Object.keys(sets).length) return; // nothing changes: no write, no audit entry, same version

      await updateVersioned(m, 'app_user', id, dto.version, sets, { entity: LABEL, returning: 'id' });
      const rec = (action: string, oldValue?: unknown, newValue?: unknown, note?: string) =>
        this.audit.record(m, actor, { action, entity: ENTITY, entityId: id, unitCode, oldValue, newValue, note: note ?? cur.username });
      if (sets.full_name !== undefined) await rec('update', { fullName: cur.full_name }, { fullName });
      if (rescope) await rec('rescope', { role: cur.role, unitCode: cur.unit_code }, { role, unitCode });
      if (sets.disabled !== undefined) await rec(disabled ? 'disable' : 'enable', { disabled: cur.disabled }, { disabled });
      if (passwordHash !== undefined) await rec('password_reset', undefined, undefined, `${cur.username}: quản trị viên đặt lại mật khẩu; các phiên đăng nhập đã kết thúc`);
      if (unlock && passwordHash === undefined) {
        await rec('unlock', { failedLogins: cur.failed_logins, lockedUntil: cur.locked_until }, { failedLogins: 0, lockedUntil: null });
      }
    });
    return this.get(id);
  }

  /** The policy needs the username: read it first (the transaction re-checks the version). */
  private async hashChecked(id: number, password: string): Promise<string> {
    const u = await this.get(id);
    this.auth.assertPasswordPolicy(password, u.username);
    return hashPassword(password);
  }
}
