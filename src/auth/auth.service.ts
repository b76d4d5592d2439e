import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DomainError, validationError } from '../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { AuthRepository, CredentialRow } from './auth.repository';
import { AuthUser, Role, SYSTEM_USER } from './auth-user';
import { passwordProblems } from './domain/password-policy';
import { hashPassword, verifyDummy, verifyPassword } from './passwords';

export { hashPassword } from './passwords';

export interface TokenPayload {
  sub: number;
  username: string;
  role: Role;
  unitCode: string | null;
  /** app_user.token_version when the token was issued: a password change, reset or disable bumps it. */
  tv: number;
}

export interface LoginResult {
  accessToken: string;
  user: { username: string; role: Role; unitCode: string | null };
}

/** One message for an unknown username and a wrong password: a login never tells which part was wrong. */
const WRONG = 'Sai tên đăng nhập hoặc mật khẩu';

@Injectable()
export class AuthService {
  private readonly logger = new Logger('AuthService');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly repo: AuthRepository,
    private readonly audit: AuditService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  private credentials(where: 'username' | 'id', value: string | number, manager?: EntityManager): Promise<CredentialRow | undefined> {
    return this.repo.credentials(where, value, manager);
  }

  private lockedError(lockedUntil: Date | null): DomainError {
    const until = lockedUntil ? new Date(lockedUntil) : null;
    const hhmm = until?.toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit' });
    return new DomainError(
      'ACCOUNT_LOCKED',
      `Tài khoản tạm khóa do đăng nhập sai ${this.config.LOGIN_MAX_FAILURES} lần liên tiếp${hhmm ? `; thử lại sau ${hhmm}` : ''}`,
      until ? [{ field: 'username', message: 'tạm khóa', lockedUntil: until.toISOString() }] : [],
    );
  }

  /**
   * Counts a failed password check. After LOGIN_MAX_FAILURES consecutive failures the account is
   * locked for LOGIN_LOCK_MINUTES (an expired lock starts a fresh count). One atomic UPDATE, on
   * the database clock. Returns whether this failure locked the account (audited as `lockout`).
   */
  private async registerFailure(user: { id: number; username: string; unit_code: string | null }): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const row = await this.repo.registerFailure(m, user.id, this.config.LOGIN_MAX_FAILURES, this.config.LOGIN_LOCK_MINUTES);
      const locked = row?.locked_until != null;
      if (row && locked) {
        await this.audit.record(m, SYSTEM_USER, {
          action: 'lockout', entity: 'user', entityId: user.id, unitCode: user.unit_code,
          newValue: { failedLogins: row.failed_logins, lockedUntil: row.locked_until },
          note: `${user.username}: ${row.failed_logins} lần đăng nhập sai liên tiếp`,
        });
      }
      return locked;
    });
  }

  async login(username: string, password: string): Promise<LoginResult> {
    const user = await this.credentials('username', username);
    if (!user) {
      await verifyDummy(password);
      throw new DomainError('INVALID_CREDENTIALS', WRONG);
    }
    // Locked: refused even with the right password, without spending a verification.
    if (user.locked) throw this.lockedError(user.locked_until);
    if (!(await verifyPassword(user.password_hash, password))) {
      if (await this.registerFailure(user)) {
        const again = await this.credentials('id', user.id);
        throw this.lockedError(again?.locked_until ?? null);
      }
      throw new DomainError('INVALID_CREDENTIALS', WRONG);
    }
    // Only someone who knows the password learns that the account is disabled.
    if (user.disabled) throw new DomainError('ACCOUNT_DISABLED', 'Tài khoản đã bị vô hiệu hóa; liên hệ quản trị viên');
    // Reset the counter, unless a concurrent failure locked the account meanwhile.
    const ok = await this.repo.registerSuccess(user.id);
    if (!ok) throw this.lockedError((await this.credentials('id', user.id))?.locked_until ?? null);
    return this.issue({ id: user.id, username: ok.username, role: ok.role, unit_code: ok.unit_code, token_version: ok.token_version });
  }

  private async issue(u: { id: number; username: string; role: Role; unit_code: string | null; token_version: number }): Promise<LoginResult> {
    const payload: TokenPayload = { sub: u.id, username: u.username, role: u.role, unitCode: u.unit_code, tv: u.token_version };
    return {
      accessToken: await this.jwt.signAsync(payload),
      user: { username: u.username, role: u.role, unitCode: u.unit_code },
    };
  }

  /**
   * Verifies a token and reloads the user on every request, so a disable, a re-scope or a
   * password change takes effect on the very next request.
   */
  async authenticate(token: string): Promise<AuthUser> {
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn; hãy đăng nhập lại');
    }
    if (!Number.isInteger(payload.sub) || !Number.isInteger(payload.tv)) {
      throw new DomainError('UNAUTHENTICATED', 'Phiên đăng nhập không hợp lệ; hãy đăng nhập lại');
    }
    const u = await this.repo.sessionUser(payload.sub);
    if (!u || u.disabled || u.token_version !== payload.tv) {
      throw new DomainError('UNAUTHENTICATED', 'Phiên đăng nhập không còn hiệu lực; hãy đăng nhập lại');
    }
    return { id: u.id, username: u.username, role: u.role, unitCode: u.unit_code };
  }

  /** The caller's identity and full name (GET /api/auth/me). */
  async profile(user: AuthUser): Promise<AuthUser & { fullName: string | null }> {
    const [row] = await this.ds.query(`SELECT full_name FROM app_user WHERE id = $1`, [user.id]);
    return { ...user, fullName: row?.full_name ?? null };
  }

  /** The policy for a new password; VALIDATION_FAILED naming `field` otherwise. */
  assertPasswordPolicy(password: string, username: string, field = 'password'): void {
    const problems = passwordProblems(password, { username, policy: { minLength: this.config.PASSWORD_MIN_LENGTH, maxLength: 128 } });
    if (problems.length) {
      throw validationError(problems.map((message) => ({ field, message })));
    }
  }

  /**
   * The caller changes their own password: the current one is checked (a wrong one counts toward
   * the lock-out), the new one meets the policy, every other session ends (token_version), and a
   * fresh token is returned. Audited without any password or hash.
   */
  async changePassword(caller: AuthUser, currentPassword: string, newPassword: string): Promise<LoginResult> {
    const user = await this.credentials('id', caller.id);
    if (!user) throw new DomainError('UNAUTHENTICATED', 'Phiên đăng nhập không còn hiệu lực; hãy đăng nhập lại');
    if (user.locked) throw this.lockedError(user.locked_until);
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      if (await this.registerFailure(user)) throw this.lockedError((await this.credentials('id', user.id))?.locked_until ?? null);
      throw new DomainError('VALIDATION_FAILED', 'currentPassword: mật khẩu hiện tại không đúng', [
        { field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng' },
      ]);
    }
    this.assertPasswordPolicy(newPassword, user.username, 'newPassword');
    if (await verifyPassword(user.password_hash, newPassword)) {
      throw new DomainError('VALIDATION_FAILED', 'newPassword: mật khẩu mới phải khác mật khẩu hiện tại', [
        { field: 'newPassword', message: 'Mật khẩu mới phải khác mật khẩu hiện tại' },
      ]);
    }
    const hash = await hashPassword(newPassword);
    const updated = await this.ds.transaction(async (m) => {
      const row = await this.repo.changePassword(m, caller.id, hash);
      await this.audit.record(m, caller, {
        action: 'password_change', entity: 'user', entityId: caller.id, unitCode: row.unit_code,
        note: 'Tự đổi mật khẩu; các phiên đăng nhập khác đã kết thúc',
      });
      return row;
    });
    return this.issue(updated);
  }

  /**
   * Creates or updates an account with the given password, without the policy check (the first
   * admin from configuration, the demo accounts, test fixtures). Not reachable over HTTP.
   */
  async upsertUser(username: string, password: string, role: Role, unitCode: string | null, fullName?: string): Promise<void> {
    const hash = await hashPassword(password);
    await this.repo.upsertUser({ username, hash, role, unitCode, fullName: fullName ?? null });
  }

  /** The first admin from ADMIN_USERNAME / ADMIN_PASSWORD, created only if that account is missing. */
  async ensureFirstAdmin(): Promise<void> {
    if (!this.config.ADMIN_PASSWORD) return;
    if (!(await this.repo.usernameExists(this.config.ADMIN_USERNAME))) {
      const hash = await hashPassword(this.config.ADMIN_PASSWORD);
      await this.ds.transaction(async (m) => {
        const id = await this.repo.insertAdmin(m, this.config.ADMIN_USERNAME, hash);
        await this.audit.record(m, SYSTEM_USER, {
          action: 'create', entity: 'user', entityId: id, unitCode: null,
          newValue: { username: this.config.ADMIN_USERNAME, role: 'admin', unitCode: null }, note: 'Quản trị viên đầu tiên (ADMIN_USERNAME)',
        });
      });
      this.logger.log(`created the first admin account "${this.config.ADMIN_USERNAME}"`);
    }
  }
}
