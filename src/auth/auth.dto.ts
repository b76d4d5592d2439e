import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @IsString() @MinLength(1) @MaxLength(64) username: string;
  @IsString() @MinLength(1) @MaxLength(200) password: string;
}

export class ChangePasswordDto {
  /** The password used to sign in now. */
  @IsString() @MinLength(1) @MaxLength(200) currentPassword: string;
  /** At least PASSWORD_MIN_LENGTH characters (default 10), not containing the username. */
  @IsString() @MinLength(1) @MaxLength(200) newPassword: string;
}
