import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { returnedRows } from '../common/db/optimistic';
import { AuditService } from '../audit/audit.service';
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

interface CredentialRow {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  unit_code: string | null;
  disabled: boolean;
  token_version: number;
  locked_until: Date | null;
  locked: boolean;
}

/** One message for an unknown username and a wrong password: a login never tells which part was wrong. */
const WRONG = 'Sai tên đăng nhập hoặc mật khẩu';

@Injectable()
export class AuthService {
  private readonly logger = new Logger('AuthService');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  private async credentials(where: 'username' | 'id', value: string | number, manager?: EntityManager): Promise<CredentialRow | undefined> {
    const cond = where === 'username' ? 'lower(username) = lower($1)' : 'id = $1';
    const rows: CredentialRow[] = await (manager ?? this.ds.manager).query(
      `SELECT id, username, password_hash, role, unit_code, disabled, token_version, locked_until,
              coalesce(locked_until > now(), false) AS locked
         FROM app_user WHERE ${cond}`,
      [value],
    );
    return rows[0];
  }

  private lockedError(lockedUntil: Date | null): DomainError {
    const until = lockedUntil ? new Date(lockedUntil) : null;
    const hhmm = until?.toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit' });
    return new DomainError(
      'ACCOUNT_LOCKED',
      `Tài khoản tạm khóa do đăng nhập sai ${this.config.LOGIN_MAX_FAILURES} lần liên tiếp${hhmm ? `; thử lại sau ${hhmm}` : ''}`,
      until ? [{ message: 'locked', lockedUntil: until.toISOString() }] : [],
    );
  }

  /**
   * Counts a failed password check. After LOGIN_MAX_FAILURES consecutive failures the account is
   * locked for LOGIN_LOCK_MINUTES (an expired lock starts a fresh count). One atomic UPDATE, on
   * the database clock. Returns whether this failure locked the account (audited as `lockout`).
   */
  private async registerFailure(user: { id: number; username: string; unit_code: string | null }): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const n = `(CASE WHEN locked_until <= now() THEN 0 ELSE failed_logins END) + 1`;
      const rows = returnedRows<{ failed_logins: number; locked_until: Date | null }>(
        await m.query(
          `UPDATE app_user
              SET failed_logins = ${n},
                  locked_until = CASE WHEN ${n} >= $2 THEN now() + make_interval(mins => $3) ELSE NULL END
            WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
        RETURNING failed_logins, locked_until`,
          [user.id, this.config.LOGIN_MAX_FAILURES, this.config.LOGIN_LOCK_MINUTES],
        ),
      );
      const locked = rows[0]?.locked_until != null;
      if (locked) {
        await this.audit.record(m, SYSTEM_USER, {
          action: 'lockout', entity: 'user', entityId: user.id, unitCode: user.unit_code,
          newValue: { failedLogins: rows[0].failed_logins, lockedUntil: rows[0].locked_until },
          note: `${user.username}: ${rows[0].failed_logins} lần đăng nhập sai liên tiếp`,
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
    const ok = returnedRows<{ token_version: number; role: Role; unit_code: string | null; username: string }>(
      await this.ds.query(
        `UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = now()
          WHERE id = $1 AND NOT disabled AND (locked_until IS NULL OR locked_until <= now())
      RETURNING token_version, role, unit_code, username`,
        [user.id],
      ),
    )[0];
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
    const rows: { id: number; username: string; role: Role; unit_code: string | null; disabled: boolean; token_version: number }[] =
      await this.ds.query(`SELECT id, username, role, unit_code, disabled, token_version FROM app_user WHERE id = $1`, [payload.sub]);
    const u = rows[0];
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
      throw new DomainError('VALIDATION_FAILED', `${field}: ${problems[0]}`, problems.map((message) => ({ field, message })));
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
      const [row] = returnedRows<{ id: number; username: string; role: Role; unit_code: string | null; token_version: number }>(
        await m.query(
          `UPDATE app_user SET password_hash = $2, token_version = token_version + 1, password_changed_at = now(),
                  failed_logins = 0, locked_until = NULL, version = version + 1, updated_at = now()
            WHERE id = $1 RETURNING id, username, role, unit_code, token_version`,
          [caller.id, hash],
        ),
      );
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
    await this.ds.query(
      `INSERT INTO app_user (username, password_hash, role, unit_code, full_name) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (lower(username)) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role,
         unit_code = EXCLUDED.unit_code, full_name = coalesce(EXCLUDED.full_name, app_user.full_name), disabled = false,
         failed_logins = 0, locked_until = NULL, version = app_user.version + 1, updated_at = now()`,
      [username, hash, role, unitCode, fullName ?? null],
    );
  }

  /** The first admin from ADMIN_USERNAME / ADMIN_PASSWORD, created only if that account is missing. */
  async ensureFirstAdmin(): Promise<void> {
    if (!this.config.ADMIN_PASSWORD) return;
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM app_user WHERE lower(username) = lower($1)`, [this.config.ADMIN_USERNAME]);
    if (n === 0) {
      const hash = await hashPassword(this.config.ADMIN_PASSWORD);
      await this.ds.transaction(async (m) => {
        const [row] = await m.query(
          `INSERT INTO app_user (username, password_hash, role, unit_code, full_name, password_changed_at)
           VALUES ($1, $2, 'admin', NULL, 'Quản trị hệ thống', now()) RETURNING id`,
          [this.config.ADMIN_USERNAME, hash],
        );
        await this.audit.record(m, SYSTEM_USER, {
          action: 'create', entity: 'user', entityId: row.id, unitCode: null,
          newValue: { username: this.config.ADMIN_USERNAME, role: 'admin', unitCode: null }, note: 'Quản trị viên đầu tiên (ADMIN_USERNAME)',
        });
      });
      this.logger.log(`created the first admin account "${this.config.ADMIN_USERNAME}"`);
    }
  }
}
