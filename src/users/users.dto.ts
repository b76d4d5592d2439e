import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '../auth/auth-user';
import { PageQuery } from '../common/pagination/page';

export type { UserView } from './user-view';

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$/;
const UNIT_CODE = /^[0-9A-Za-z._-]{1,16}$/;
const USERNAME_MESSAGE = '2–64 ký tự, chỉ gồm chữ không dấu, số và . _ - (bắt đầu bằng chữ hoặc số)';

export class CreateUserDto {
  @ApiProperty({ example: 'canbo.vinhloc' })
  @IsString() @Matches(USERNAME_PATTERN, { message: USERNAME_MESSAGE }) username: string;

  /** The initial password: at least PASSWORD_MIN_LENGTH characters, not containing the username. */
  @IsString() @MaxLength(200) password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES) role: Role;

  /** The unit the officer works in: a province, district or commune matching the role; absent or null for admins. */
  @ApiPropertyOptional({ nullable: true, example: '02287' })
  @ValidateIf((o) => o.unitCode !== null && o.unitCode !== undefined)
  @IsString() @Matches(UNIT_CODE) unitCode?: string | null;

  @ApiPropertyOptional({ example: 'Nguyễn Thị Hoa' })
  @IsOptional() @IsString() @MaxLength(200) fullName?: string;
}

/** Every field but `version` is optional; send only what changes. */
export class UpdateUserDto {
  /** The version you read (optimistic locking: a stale one is 409 VERSION_CONFLICT). */
  @IsInt() @Min(1) @Max(2_147_483_647) version: number;

  @IsOptional() @IsBoolean() disabled?: boolean;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES) role?: Role;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((o) => o.unitCode !== null && o.unitCode !== undefined)
  @IsString() @Matches(UNIT_CODE) unitCode?: string | null;

  /** A new password (reset by the admin): ends the user's sessions and clears a lock-out. */
  @IsOptional() @IsString() @MaxLength(200) password?: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((o) => o.fullName !== null && o.fullName !== undefined)
  @IsString() @MaxLength(200) fullName?: string | null;

  /** true: clears a lock-out after repeated failed logins. */
  @IsOptional() @Equals(true) unlock?: true;
}

export class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of the username or the full name' })
  @IsOptional() @IsString() @MaxLength(100) q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES) role?: Role;

  @ApiPropertyOptional({ description: 'Accounts of this unit and every unit below it' })
  @IsOptional() @IsString() @Matches(UNIT_CODE) unit?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional() @IsIn(['true', 'false']) disabled?: 'true' | 'false';
}
