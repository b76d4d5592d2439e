import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { AuthUser, Role, SYSTEM_USER } from './auth-user';
import { UserEntity } from './user.entity';

export interface TokenPayload {
  sub: number;
  username: string;
  role: Role;
  unitCode: string | null;
}

/** Passwords are hashed with argon2id (memory-hard). */
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

@Injectable()
export class AuthService {
  private readonly logger = new Logger('AuthService');
  // A hash to verify against when the user does not exist, so timing does not reveal usernames.
  private dummyHash?: Promise<string>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<{ accessToken: string; user: { username: string; role: Role; unitCode: string | null } }> {
    const repo = this.ds.getRepository(UserEntity);
    const user = await repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    if (!user) {
      this.dummyHash ??= hashPassword('not-a-real-password');
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      throw new DomainError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      throw new DomainError('ACCOUNT_LOCKED', `Too many failed logins: account locked until ${user.lockedUntil.toISOString()}`);
    }
    const ok = await argon2.verify(user.passwordHash, password).catch(() => false);
    if (!ok || user.disabled) {
      if (!ok) {
        // Lock-out after LOGIN_MAX_FAILURES consecutive failures, counted in the database.
        await this.ds.transaction(async (m) => {
          const [row] = await m.query(
            `UPDATE app_user SET failed_logins = failed_logins + 1,
                    locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
              WHERE id = $1 RETURNING failed_logins, locked_until`,
            [user.id, this.config.LOGIN_MAX_FAILURES, this.config.LOGIN_LOCK_MINUTES],
          );
          const updated = Array.isArray(row) ? row[0] : row;
          if (updated?.locked_until) {
            await this.audit.record(m, SYSTEM_USER, { action: 'lockout', entity: 'user', entityId: user.id, unitCode: user.unitCode, note: user.username });
          }
        });
      }
      throw new DomainError('INVALID_CREDENTIALS', user.disabled && ok ? 'Account disabled' : 'Wrong username or password');
    }
    await this.ds.query(`UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`, [user.id]);
    const payload: TokenPayload = { sub: user.id, username: user.username, role: user.role, unitCode: user.unitCode };
    return {
      accessToken: await this.jwt.signAsync(payload),
      user: { username: user.username, role: user.role, unitCode: user.unitCode },
    };
  }

  /** Verifies a token and reloads the user, so disabling or re-scoping takes effect at once. */
  async authenticate(token: string): Promise<AuthUser> {
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'Invalid or expired token');
    }
    const rows: { id: number; username: string; role: Role; unit_code: string | null; disabled: boolean }[] =
      await this.ds.query(`SELECT id, username, role, unit_code, disabled FROM app_user WHERE id = $1`, [payload.sub]);
    const u = rows[0];
    if (!u || u.disabled) throw new DomainError('UNAUTHENTICATED', 'Account no longer active');
    return { id: u.id, username: u.username, role: u.role, unitCode: u.unit_code };
  }

  /**
   * Creates or updates an account with the given password (used for the first admin from
   * configuration and for the demo accounts).
   */
  async upsertUser(username: string, password: string, role: Role, unitCode: string | null, fullName?: string): Promise<void> {
    const hash = await hashPassword(password);
    await this.ds.query(
      `INSERT INTO app_user (username, password_hash, role, unit_code, full_name) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (lower(username)) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role,
         unit_code = EXCLUDED.unit_code, disabled = false, failed_logins = 0, locked_until = NULL, updated_at = now()`,
      [username, hash, role, unitCode, fullName ?? null],
    );
  }

  /** The first admin from ADMIN_USERNAME / ADMIN_PASSWORD, created only if missing. */
  async ensureFirstAdmin(): Promise<void> {
    if (!this.config.ADMIN_PASSWORD) return;
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM app_user WHERE lower(username) = lower($1)`, [this.config.ADMIN_USERNAME]);
    if (n === 0) {
      await this.upsertUser(this.config.ADMIN_USERNAME, this.config.ADMIN_PASSWORD, 'admin', null);
      this.logger.log(`created the first admin account "${this.config.ADMIN_USERNAME}"`);
    }
  }
}
