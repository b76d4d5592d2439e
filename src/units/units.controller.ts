import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { UnitGetQuery, UnitListQuery } from './units.dto';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  /** Units filtered by parent, level and date (without date: every version of every unit). */
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() q: UnitListQuery) {
    return this.units.list(user, q);
  }

  /** One unit: the version valid on `date` (default today), its children then, and all its versions. */
  @Get(':code')
  get(@CurrentUser() user: AuthUser, @Param('code') code: string, @Query() q: UnitGetQuery) {
    return this.units.get(user, code, q.date);
  }
}
