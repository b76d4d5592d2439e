import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from './auth-user';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column() username: string;
  @Column({ name: 'password_hash', select: false }) passwordHash: string;
  @Column({ name: 'full_name', type: 'varchar', nullable: true }) fullName: string | null;
  @Column({ type: 'varchar' }) role: Role;
  @Column({ name: 'unit_code', type: 'varchar', nullable: true }) unitCode: string | null;
  @Column() disabled: boolean;
  @Column({ name: 'failed_logins' }) failedLogins: number;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true }) lastLoginAt: Date | null;
  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true }) passwordChangedAt: Date | null;
  /** Optimistic locking (PATCH /api/users/:id). */
  @Column() version: number;
  /** Carried in tokens as `tv`: bumped by a password change or reset and by a disable, ending every session. */
  @Column({ name: 'token_version', select: false }) tokenVersion: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
