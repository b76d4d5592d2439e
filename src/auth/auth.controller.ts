import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from './auth-user';
import { ChangePasswordDto, LoginDto } from './auth.dto';
import { AuthService } from './auth.service';
import { CurrentUser, PasswordCheck, Public } from './decorators';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * Exchanges a username and password for a short-lived signed token. 401 INVALID_CREDENTIALS
   * for an unknown user and a wrong password alike; 423 ACCOUNT_LOCKED after LOGIN_MAX_FAILURES
   * consecutive failures (for LOGIN_LOCK_MINUTES, even with the right password); 429 beyond
   * LOGIN_RATE_LIMIT_PER_MINUTE attempts per minute from one address.
   */
  @Public()
  @PasswordCheck()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.username, dto.password);
  }

  /** The caller's identity, with the full name the web app's header shows. */
  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return this.auth.profile(user);
  }

  /**
   * Changes the caller's own password. Ends every other session and returns a fresh token
   * (same shape as login).
   */
  @ApiBearerAuth()
  @PasswordCheck()
  @Post('change-password')
  @HttpCode(200)
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto) {
    return this.auth.changePassword(user, dto.currentPassword, dto.newPassword);
  }
}
