import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { CreateUserDto, UpdateUserDto, UserListQuery } from './users.dto';
import { UsersService } from './users.service';

/** Accounts: admins only. Officers change their own password at POST /api/auth/change-password. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** Creates an account: an officer with a role and the unit of that level, or an admin (no unit). */
  @Post()
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  /** Accounts, paged, filtered by text, role, unit (and below) and disabled. */
  @Get()
  list(@Query() q: UserListQuery) {
    return this.users.list(q);
  }

  @Get(':id')
  get(@Param('id', ParseIdPipe) id: number) {
    return this.users.get(id);
  }

  /**
   * Disable or enable, re-scope (role and unit), reset the password, unlock, rename; with the
   * `version` read (409 VERSION_CONFLICT if stale). A disable or a password reset ends the
   * user's sessions at once.
   */
  @Patch(':id')
  update(@CurrentUser() actor: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }
}
